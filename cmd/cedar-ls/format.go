package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine"
)

func init() {
	commands["format"] = command{"Format policies (as official Cedar does), schemas and JSON files", runFormat}
}

// formatKind is what a file holds, which decides its formatter.
type formatKind string

const (
	kindPolicy formatKind = "policy"
	kindSchema formatKind = "schema"
	kindJSON   formatKind = "json"
)

// formatInput is one input to format and the kind it was given as.
type formatInput struct {
	name string
	kind formatKind // "" : decided by the file name's extension
}

// runFormat is `cedar-ls format [-p FILE | -s FILE | FILES…] [-w] [-c]
// [-l WIDTH] [-i INDENT] [--kind KIND]`: policies (`.cedar`, formatted as
// official Cedar does), schemas (`.cedarschema`) and JSON files (`.json`:
// JSON schemas, entities, policy JSON). Standard input goes to standard
// output when no file is named (policies unless --kind says otherwise);
// --check lists the files that would change (exit 1); --write rewrites
// them in place, atomically.
func runFormat(e *env, args []string) int {
	fs := newFlags(e, "format", "[-p FILE | -s FILE | FILES…] [-w] [-c] [-l WIDTH] [-i INDENT] [--kind policy|schema|json]")
	var policyFile, schemaFile, kind string
	var write, check bool
	var opts engine.FormatOptions
	fs.StringVarP(&policyFile, "policies", "p", "", "policy file to format")
	fs.StringVarP(&schemaFile, "schema", "s", "", "schema file (Cedar syntax) to format")
	fs.StringVar(&kind, "kind", "", "what standard input and files of other extensions hold: policy, schema or json (default: by extension; policy for standard input)")
	fs.BoolVarP(&write, "write", "w", false, "rewrite the files in place")
	fs.BoolVarP(&check, "check", "c", false, "list files that are not formatted and exit 1 if any")
	fs.IntVarP(&opts.LineWidth, "line-width", "l", 80, "maximum line width")
	fs.IntVarP(&opts.IndentWidth, "indent-width", "i", 2, "indentation width")
	if ok, code := parseFlags(e, fs, args); !ok {
		return code
	}
	if opts.LineWidth < 1 || opts.IndentWidth < 0 {
		fmt.Fprintln(e.stderr, "cedar-ls format: line width must be positive and indent width not negative")
		return exitFailure
	}
	switch formatKind(kind) {
	case "", kindPolicy, kindSchema, kindJSON:
	default:
		fmt.Fprintf(e.stderr, "cedar-ls format: unknown --kind %q (want policy, schema or json)\n", kind)
		return exitFailure
	}
	if write && check {
		fmt.Fprintln(e.stderr, "cedar-ls format: --write and --check exclude each other")
		return exitFailure
	}
	var inputs []formatInput
	if policyFile != "" {
		inputs = append(inputs, formatInput{policyFile, kindPolicy})
	}
	if schemaFile != "" {
		inputs = append(inputs, formatInput{schemaFile, kindSchema})
	}
	for _, name := range fs.Args() {
		inputs = append(inputs, formatInput{name, formatKind(kind)})
	}
	if len(inputs) == 0 {
		if write {
			fmt.Fprintln(e.stderr, "cedar-ls format: --write needs files")
			return exitFailure
		}
		k := formatKind(kind)
		if k == "" {
			k = kindPolicy
		}
		inputs = []formatInput{{"-", k}}
	}
	code := exitOK
	for _, in := range inputs {
		if c := formatOne(e, in, opts, write, check); c != exitOK {
			code = c
		}
	}
	return code
}

// kindOf decides an input's kind: as given, else by its extension.
func kindOf(in formatInput) (formatKind, error) {
	if in.kind != "" {
		return in.kind, nil
	}
	switch ext := strings.ToLower(filepath.Ext(in.name)); ext {
	case ".cedar":
		return kindPolicy, nil
	case ".cedarschema":
		return kindSchema, nil
	case ".json":
		return kindJSON, nil
	}
	if in.name == "-" {
		return kindPolicy, nil
	}
	return "", fmt.Errorf("%s: cannot tell what the file holds from its extension (.cedar, .cedarschema or .json); say it with --kind", in.name)
}

func formatOne(e *env, in formatInput, opts engine.FormatOptions, write, check bool) int {
	kind, err := kindOf(in)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return exitFailure
	}
	file, src, err := readInput(e, in.name)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return exitFailure
	}
	var out []byte
	switch kind {
	case kindSchema:
		out, err = engine.FormatSchema(file, src, opts)
	case kindJSON:
		out, err = engine.FormatJSON(file, src, opts)
	default:
		out, err = engine.FormatPolicies(file, src, opts)
	}
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return exitFailure
	}
	changed := !bytes.Equal(out, src)
	switch {
	case check:
		if changed {
			fmt.Fprintln(e.stdout, file)
			return exitFailure
		}
	case write && file != stdinName:
		if changed {
			if err := writeFileAtomic(in.name, out); err != nil {
				fmt.Fprintf(e.stderr, "%s: %v\n", file, err)
				return exitFailure
			}
		}
	default:
		e.stdout.Write(out)
	}
	return exitOK
}
