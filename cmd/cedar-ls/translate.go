package main

import (
	"fmt"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/policyjson"
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
		pf, errs := parseCedarPolicies(name, src)
		if errs != nil {
			return fail(e, errs)
		}
		out, err := policyjson.MarshalPolicySet(pf)
		if err != nil {
			return fail(e, err)
		}
		fmt.Fprintln(e.stdout, string(out))
	case "json-to-cedar":
		set, err := policyjson.UnmarshalPolicySet(src)
		if err != nil {
			return fail(e, withFile(name, src, err))
		}
		if len(set.Links) > 0 {
			return fail(e, fmt.Errorf("%s: cannot translate a policy set containing template-linked policies to Cedar syntax", name))
		}
		texts := make([]string, len(set.Policies))
		for i, p := range set.Policies {
			texts[i] = ast.PolicyText(p)
		}
		fmt.Fprintln(e.stdout, strings.Join(texts, "\n\n"))
	default:
		return fail(e, fmt.Errorf("--direction: want cedar-to-json or json-to-cedar, got %q", direction))
	}
	return exitOK
}
