package main

import (
	"fmt"

	"github.com/cedar-ls/cedar-ls/engine"
)

func runAuthorize(e *env, args []string) int {
	fs := newFlags(e, "authorize", "-p POLICIES --entities ENTITIES (-l P -a A -r R [-c CONTEXT] | --request-json FILE) [-s SCHEMA [--request-validation true|false]]")
	var pf policyFlags
	var rf requestFlags
	var sf schemaFlags
	var entitiesFile string
	var verbose bool
	pf.register(fs)
	rf.register(fs)
	sf.register(fs, true)
	fs.StringVar(&entitiesFile, "entities", "", "file with the entities as JSON")
	fs.BoolVarP(&verbose, "verbose", "v", false, "accepted for compatibility; reasons are always printed")
	if ok, code := parseFlags(e, fs, args); !ok {
		return code
	}
	ps, _, _, err := pf.load(e)
	if err != nil {
		return fail(e, err)
	}
	s, err := sf.load(e)
	if err != nil {
		return fail(e, err)
	}
	store, err := loadEntities(e, entitiesFile, s)
	if err != nil {
		return fail(e, err)
	}
	req, err := rf.load(e, true, sf.requestOptions(s))
	if err != nil {
		return fail(e, err)
	}
	resp := engine.Authorize(ps, store, req)
	printResponse(e, resp)
	if resp.Decision == engine.Allow {
		return exitOK
	}
	return exitDeny
}

// printResponse prints the decision, the policies that determined it and
// the policies that failed to evaluate.
func printResponse(e *env, resp engine.Response) {
	if resp.Decision == engine.Allow {
		fmt.Fprintln(e.stdout, "ALLOW")
	} else {
		fmt.Fprintln(e.stdout, "DENY")
	}
	if len(resp.Reasons) == 0 {
		fmt.Fprintln(e.stdout, "\nnote: no policies applied to this request")
	} else {
		fmt.Fprintln(e.stdout, "\nnote: this decision was due to the following policies:")
		for _, id := range resp.Reasons {
			fmt.Fprintf(e.stdout, "  %s\n", id)
		}
	}
	if len(resp.Errors) > 0 {
		fmt.Fprintln(e.stdout, "\nerrors:")
		for _, pe := range resp.Errors {
			fmt.Fprintf(e.stdout, "  error while evaluating policy `%s`: %s\n", pe.PolicyID, pe.Message)
		}
	}
}
