package main

import (
	"fmt"

	"github.com/cedar-ls/cedar-ls/engine"
)

func init() {
	commands["translate-schema"] = command{"Translate a schema between the Cedar schema syntax and the JSON schema syntax", runTranslateSchema}
}

func runTranslateSchema(e *env, args []string) int {
	fs := newFlags(e, "translate-schema", "--direction cedar-to-json|json-to-cedar [-s FILE]")
	var direction, file string
	fs.StringVar(&direction, "direction", "", "cedar-to-json or json-to-cedar")
	fs.StringVarP(&file, "schema", "s", "", "schema file to translate (default: standard input)")
	if ok, code := parseFlags(e, fs, args); !ok {
		return code
	}
	if direction != "cedar-to-json" && direction != "json-to-cedar" {
		return fail(e, fmt.Errorf("--direction: want cedar-to-json or json-to-cedar, got %q", direction))
	}
	name, src, err := readInput(e, file)
	if err != nil {
		return fail(e, err)
	}
	from := engine.SchemaCedar
	if direction == "json-to-cedar" {
		from = engine.SchemaJSON
	}
	out, err := engine.TranslateSchema(name, src, from)
	if err != nil {
		return fail(e, err)
	}
	e.stdout.Write(out)
	return exitOK
}
