package main

import (
	"fmt"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine"
	"github.com/cedar-ls/cedar-ls/engine/source"
)

func init() {
	commands["validate"] = command{"Validate policies against a schema", runValidate}
}

// runValidate checks a policy set against a schema: exit 0 when valid, 3
// when a policy has an error (or a warning, with --deny-warnings), 1 when
// an input cannot be read.
func runValidate(e *env, args []string) int {
	fs := newFlags(e, "validate", "-s SCHEMA [-p POLICIES] [--validation-mode strict|permissive] [--deny-warnings] [--schema-format cedar|json]")
	var pf policyFlags
	pf.register(fs)
	var schemaFile, schemaFormat, modeName string
	var denyWarnings bool
	fs.StringVarP(&schemaFile, "schema", "s", "", "file with the schema (required)")
	fs.StringVar(&schemaFormat, "schema-format", "", "format of the schema: cedar or json (default: json for *.json files, else cedar)")
	fs.StringVar(&modeName, "validation-mode", "strict", "validation mode: strict or permissive")
	fs.BoolVar(&denyWarnings, "deny-warnings", false, "treat warnings as errors (exit 3)")
	if ok, code := parseFlags(e, fs, args); !ok {
		return code
	}
	if schemaFile == "" {
		fmt.Fprintln(e.stderr, "cedar-ls validate: --schema is required")
		fs.Usage()
		return exitFailure
	}
	var mode engine.ValidationMode
	switch modeName {
	case "strict":
		mode = engine.Strict
	case "permissive":
		mode = engine.Permissive
	default:
		return fail(e, fmt.Errorf("--validation-mode: want strict or permissive, got %q", modeName))
	}
	s, err := loadSchema(e, schemaFile, schemaFormat)
	if err != nil {
		return fail(e, err)
	}
	ps, policyName, policySrc, err := pf.load(e)
	if err != nil {
		return fail(e, err)
	}
	res := engine.Validate(s, ps, mode)

	var b strings.Builder
	lines := source.NewLines(policySrc)
	// Spans point into the text only for policies in Cedar syntax.
	withSpans := pf.format == "" || pf.format == "cedar"
	for _, d := range res.Errors {
		writeValidationDiagnostic(&b, policyName, lines, d, withSpans)
	}
	for _, d := range res.Warnings {
		writeValidationDiagnostic(&b, policyName, lines, d, withSpans)
	}
	invalid := len(res.Errors) > 0 || (denyWarnings && len(res.Warnings) > 0)
	if invalid {
		fmt.Fprintf(&b, "validation failed: %s, %s\n", plural(len(res.Errors), "error"), plural(len(res.Warnings), "warning"))
	} else {
		fmt.Fprintf(&b, "validation passed: %s\n", plural(len(res.Warnings), "warning"))
	}
	fmt.Fprint(e.stdout, b.String())
	if invalid {
		return exitInvalid
	}
	return exitOK
}

// loadSchema reads and resolves a schema in the given format ("" picks by
// file name).
func loadSchema(e *env, name, format string) (*engine.Schema, error) {
	name, src, err := readInput(e, name)
	if err != nil {
		return nil, err
	}
	syntax := engine.SchemaSyntaxOf(name)
	switch format {
	case "":
	case "cedar":
		syntax = engine.SchemaCedar
	case "json":
		syntax = engine.SchemaJSON
	default:
		return nil, fmt.Errorf("--schema-format: want cedar or json, got %q", format)
	}
	return engine.ParseSchema(name, src, syntax)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// writeValidationDiagnostic prints one finding as
// "file:line:col: error: [policy0] message" with the line and carets under
// the span, or "file: error: [policy0] message" when there is no span, and
// a "did you mean" line for a suggestion.
func writeValidationDiagnostic(b *strings.Builder, file string, lines *source.Lines, d engine.ValidationDiagnostic, withSpan bool) {
	if !withSpan || d.Span.End <= d.Span.Start {
		lines = nil
	}
	shown := d.Diagnostic
	shown.Message = "[" + d.PolicyID + "] " + d.Message
	source.Render(b, file, lines, shown)
	// Official Cedar gives its suggestion as the error's help.
	for _, s := range d.Suggestions {
		fmt.Fprintf(b, "   = help: did you mean `%s`?\n", s)
	}
}
