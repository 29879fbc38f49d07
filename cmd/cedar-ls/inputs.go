package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/spf13/pflag"

	"github.com/cedar-ls/cedar-ls/engine"
)

const stdinName = "<stdin>"

// newFlags makes a flag set whose errors and help go to the command's
// stderr instead of exiting the process.
func newFlags(e *env, name, usage string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: cedar-ls %s %s\n\nflags:\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; it reports whether the command should go on, and
// the exit code to return otherwise (0 for --help).
func parseFlags(e *env, fs *pflag.FlagSet, args []string) (bool, int) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return false, exitOK
		}
		fmt.Fprintf(e.stderr, "cedar-ls %s: %v\n", fs.Name(), err)
		fs.Usage()
		return false, exitFailure
	}
	return true, exitOK
}

// readInput reads the named file, or standard input when name is "" or "-".
func readInput(e *env, name string) (string, []byte, error) {
	if name == "" || name == "-" {
		b, err := io.ReadAll(e.stdin)
		if err != nil {
			return stdinName, nil, fmt.Errorf("reading standard input: %w", err)
		}
		return stdinName, b, nil
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return name, nil, err
	}
	return name, b, nil
}

// policyFlags are the official CLI's policy-set flags.
type policyFlags struct {
	file, format, linked string
}

func (p *policyFlags) register(fs *pflag.FlagSet) {
	fs.StringVarP(&p.file, "policies", "p", "", "file with Cedar policies and templates (default: standard input)")
	fs.StringVar(&p.format, "policy-format", "cedar", "format of the --policies file: cedar or json")
	fs.StringVarP(&p.linked, "template-linked", "k", "", "file with template links (JSON)")
}

// load reads the policy set, with the links of --template-linked; it also
// returns the policy file's name and text, which validation diagnostics
// point into.
func (p *policyFlags) load(e *env) (ps *engine.PolicySet, name string, src []byte, err error) {
	name, src, err = readInput(e, p.file)
	if err != nil {
		return nil, name, nil, err
	}
	switch p.format {
	case "cedar", "":
		ps, err = engine.ParsePolicies(name, src)
	case "json":
		ps, err = engine.ParsePoliciesJSON(name, src)
	default:
		err = fmt.Errorf("--policy-format: want cedar or json, got %q", p.format)
	}
	if err != nil || p.linked == "" {
		return ps, name, src, err
	}
	linksName, links, err := readLinksFile(p.linked, false)
	if err != nil {
		return nil, name, src, err
	}
	if err := engine.LinkTemplates(ps, linksName, links); err != nil {
		return nil, name, src, err
	}
	return ps, name, src, nil
}

// readLinksFile reads a template-linked file; a missing file is empty when
// missingOK (the link command creates it).
func readLinksFile(name string, missingOK bool) (string, []byte, error) {
	src, err := os.ReadFile(name)
	if err != nil && missingOK && errors.Is(err, os.ErrNotExist) {
		return name, nil, nil
	}
	return name, src, err
}

// schemaFlags are the official CLI's schema flags of the commands that read
// entities and requests.
type schemaFlags struct {
	file, format      string
	requestValidation bool
}

// register adds --schema and --schema-format, and --request-validation for
// commands that take a request.
func (sf *schemaFlags) register(fs *pflag.FlagSet, withRequest bool) {
	fs.StringVarP(&sf.file, "schema", "s", "", "file with a schema: entities and contexts are read by its types and checked against it")
	fs.StringVar(&sf.format, "schema-format", "", "format of the --schema file: cedar or json (default: json for *.json files, else cedar)")
	if withRequest {
		sf.requestValidation = true
		fs.Var(&boolArg{&sf.requestValidation}, "request-validation", "check the request against the schema: true or false (no effect without --schema)")
	}
}

// load reads the schema; nil when none is named.
func (sf *schemaFlags) load(e *env) (*engine.Schema, error) {
	if sf.file == "" {
		if sf.format != "" {
			return nil, errors.New("--schema-format needs --schema")
		}
		return nil, nil
	}
	return loadSchema(e, sf.file, sf.format)
}

// requestOptions says how requests are read with this schema.
func (sf *schemaFlags) requestOptions(s *engine.Schema) engine.RequestOptions {
	return engine.RequestOptions{Schema: s, Validate: s != nil && sf.requestValidation}
}

// boolArg is a boolean flag that takes its value as an argument
// (`--request-validation false`), as the official CLI's flag does.
type boolArg struct{ v *bool }

func (b *boolArg) String() string {
	if b.v == nil {
		return "false"
	}
	return strconv.FormatBool(*b.v)
}

func (b *boolArg) Set(s string) error {
	switch s {
	case "true":
		*b.v = true
	case "false":
		*b.v = false
	default:
		return fmt.Errorf("want true or false, got %q", s)
	}
	return nil
}

func (b *boolArg) Type() string { return "true|false" }

// loadEntities reads an entities JSON file; no file is no entities. With a
// schema, the entities are read by its types and checked against it, and
// the store holds the schema's actions.
func loadEntities(e *env, name string, s *engine.Schema) (*engine.Entities, error) {
	if name == "" {
		return engine.NewEntities(nil, s)
	}
	file, src, err := readInput(e, name)
	if err != nil {
		return nil, err
	}
	return engine.LoadEntities(file, src, s)
}

// requestFlags are the official CLI's request flags.
type requestFlags struct {
	principal, action, resource, context, requestJSON string
}

func (r *requestFlags) register(fs *pflag.FlagSet) {
	fs.StringVarP(&r.principal, "principal", "l", "", `principal entity, e.g. 'User::"alice"'`)
	fs.StringVarP(&r.action, "action", "a", "", `action entity, e.g. 'Action::"view"'`)
	fs.StringVarP(&r.resource, "resource", "r", "", `resource entity, e.g. 'Photo::"pic.jpg"'`)
	fs.StringVarP(&r.context, "context", "c", "", "file with the context as a JSON object")
	fs.StringVar(&r.requestJSON, "request-json", "", "file with the whole request as JSON (replaces -l, -a, -r, -c)")
}

// load builds the request from --request-json or from -l, -a, -r and -c.
// With required unset, a variable not given is left as the zero EntityUID
// (evaluate reports it when the expression reads it).
func (r *requestFlags) load(e *env, required bool, opts engine.RequestOptions) (*engine.Request, error) {
	if r.requestJSON != "" {
		if r.principal != "" || r.action != "" || r.resource != "" || r.context != "" {
			return nil, errors.New("--request-json cannot be combined with -l, -a, -r or -c")
		}
		name, src, err := readInput(e, r.requestJSON)
		if err != nil {
			return nil, err
		}
		return engine.DecodeRequest(name, src, opts)
	}
	var parts engine.RequestParts
	for _, v := range []struct {
		name string
		text string
		dst  **engine.EntityUID
	}{{"principal", r.principal, &parts.Principal}, {"action", r.action, &parts.Action}, {"resource", r.resource, &parts.Resource}} {
		if v.text == "" {
			if required {
				return nil, fmt.Errorf("missing --%s", v.name)
			}
			continue
		}
		uid, err := engine.ParseEntityUID(v.text)
		if err != nil {
			return nil, fmt.Errorf("--%s %s: %w", v.name, v.text, err)
		}
		*v.dst = &uid
	}
	if r.context != "" {
		name, src, err := readInput(e, r.context)
		if err != nil {
			return nil, err
		}
		parts.Context, parts.ContextName = src, name
	}
	return engine.NewRequest(parts, opts)
}

// fail prints err and returns the failure exit code.
func fail(e *env, err error) int {
	fmt.Fprintln(e.stderr, err)
	return exitFailure
}
