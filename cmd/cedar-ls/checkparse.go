package main

import (
	"fmt"

	"github.com/cedar-ls/cedar-ls/engine/parse"
)

func runCheckParse(e *env, args []string) int {
	fs := newFlags(e, "check-parse", "[-p POLICIES] [--expression EXPR] [--entities ENTITIES]")
	var pf policyFlags
	var expression, entitiesFile string
	pf.register(fs)
	fs.StringVar(&expression, "expression", "", "an expression to parse")
	fs.StringVar(&entitiesFile, "entities", "", "file with entities JSON to parse")
	if ok, code := parseFlags(e, fs, args); !ok {
		return code
	}
	code := exitOK
	// With nothing named, policies come from standard input, as in the
	// official CLI.
	if pf.file != "" || (expression == "" && entitiesFile == "") {
		if _, err := pf.load(e); err != nil {
			fmt.Fprintln(e.stdout, err)
			code = exitFailure
		}
	}
	if expression != "" {
		if _, errs := parse.Expr([]byte(expression)); len(errs) > 0 {
			fmt.Fprintln(e.stdout, &sourceErrors{file: "<expression>", src: []byte(expression), errs: errs})
			code = exitFailure
		}
	}
	if entitiesFile != "" {
		if _, err := loadEntities(e, entitiesFile); err != nil {
			fmt.Fprintln(e.stdout, err)
			code = exitFailure
		}
	}
	return code
}
