package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine"
)

func runEvaluate(e *env, args []string) int {
	fs := newFlags(e, "evaluate", "EXPRESSION [--entities ENTITIES] [-l P -a A -r R -c CONTEXT | --request-json FILE] [-s SCHEMA [--request-validation true|false]]")
	var rf requestFlags
	var sf schemaFlags
	var entitiesFile string
	rf.register(fs)
	sf.register(fs, true)
	fs.StringVar(&entitiesFile, "entities", "", "file with the entities as JSON")
	if ok, code := parseFlags(e, fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitFailure
	}
	// The expression's syntax is reported before the other inputs are read.
	if err := engine.CheckExpression(fs.Arg(0)); err != nil {
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
	req, err := rf.load(e, false, sf.requestOptions(s))
	if err != nil {
		return fail(e, err)
	}
	v, err := engine.Evaluate(fs.Arg(0), req, store)
	var evalErr *engine.EvaluationError
	var missing *engine.MissingVariablesError
	switch {
	case errors.As(err, &evalErr):
		return fail(e, fmt.Errorf("evaluation error: %w", err))
	case errors.As(err, &missing):
		return fail(e, fmt.Errorf("%w (use %s)", err, flagsFor(missing.Vars)))
	case err != nil:
		return fail(e, err)
	}
	fmt.Fprintln(e.stdout, v.String())
	return exitOK
}

func flagsFor(vars []string) string {
	short := map[string]string{"principal": "-l", "action": "-a", "resource": "-r"}
	out := make([]string, len(vars))
	for i, v := range vars {
		out[i] = short[v]
	}
	return strings.Join(out, ", ")
}
