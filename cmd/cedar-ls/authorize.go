package main

import (
	"fmt"

	"github.com/cedar-ls/cedar-ls/engine/authz"
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
	ps, err := pf.load(e)
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
	req, _, err := rf.load(e, true, s, &sf)
	if err != nil {
		return fail(e, err)
	}
	resp := ps.Authorize(store, req)
	printResponse(e, resp)
	if resp.Decision == authz.Allow {
		return exitOK
	}
	return exitDeny
}

// printResponse prints the decision, the policies that determined it and
// the policies that failed to evaluate.
func printResponse(e *env, resp authz.Response) {
	if resp.Decision == authz.Allow {
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
