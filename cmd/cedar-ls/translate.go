package main

import (
	"fmt"

	"github.com/cedar-ls/cedar-ls/engine"
)

func runTranslatePolicy(e *env, args []string) int {
	fs := newFlags(e, "translate-policy", "--direction cedar-to-json|json-to-cedar [-p FILE]")
	var direction, file string
	fs.StringVar(&direction, "direction", "", "cedar-to-json or json-to-cedar")
	fs.StringVarP(&file, "policies", "p", "", "file to translate (default: standard input)")
	if ok, code := parseFlags(e, fs, args); !ok {
		return code
	}
	name, src, err := readInput(e, file)
	if err != nil {
		return fail(e, err)
	}
	switch direction {
	case "cedar-to-json":
		ps, err := engine.ParsePolicies(name, src)
		if err != nil {
			return fail(e, err)
		}
		out, err := engine.PoliciesToJSON(ps)
		if err != nil {
			return fail(e, err)
		}
		fmt.Fprintln(e.stdout, string(out))
	case "json-to-cedar":
		text, err := engine.PoliciesJSONToCedar(name, src)
		if err != nil {
			return fail(e, err)
		}
		fmt.Fprintln(e.stdout, text)
	default:
		return fail(e, fmt.Errorf("--direction: want cedar-to-json or json-to-cedar, got %q", direction))
	}
	return exitOK
}
