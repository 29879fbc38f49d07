package main

import (
	"fmt"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/schema"
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
	if direction == "cedar-to-json" {
		f, errs := schema.ParseCedar(src)
		if len(errs) > 0 {
			return fail(e, &sourceErrors{file: name, src: src, errs: errs})
		}
		out, err := schema.ToJSON(f)
		if err != nil {
			return fail(e, withFile(name, src, err))
		}
		fmt.Fprint(e.stdout, string(out))
		return exitOK
	}
	f, errs := schema.ParseJSON(src)
	if len(errs) > 0 {
		return fail(e, &sourceErrors{file: name, src: src, errs: errs})
	}
	out, err := schema.ToCedar(f)
	if err != nil {
		return fail(e, withFile(name, src, err))
	}
	fmt.Fprint(e.stdout, strings.TrimRight(out, "\n")+"\n")
	return exitOK
}
