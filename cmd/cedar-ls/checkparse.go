package main

import (
	"fmt"

	"github.com/cedar-ls/cedar-ls/engine"
)

func runCheckParse(e *env, args []string) int {
	fs := newFlags(e, "check-parse", "[-p POLICIES] [--expression EXPR] [--entities ENTITIES] [-s SCHEMA [--schema-format cedar|json]]")
	var pf policyFlags
	var sf schemaFlags
	var expression, entitiesFile string
	pf.register(fs)
	sf.register(fs, false)
	fs.StringVar(&expression, "expression", "", "an expression to parse")
	fs.StringVar(&entitiesFile, "entities", "", "file with entities JSON to parse")
	if ok, code := parseFlags(e, fs, args); !ok {
		return code
	}
	code := exitOK
	// With nothing named, policies come from standard input, as in the
	// official CLI.
	if pf.file != "" || (expression == "" && entitiesFile == "" && sf.file == "") {
		if _, _, _, err := pf.load(e); err != nil {
			fmt.Fprintln(e.stdout, err)
			code = exitFailure
		}
	}
	if expression != "" {
		if err := engine.CheckExpression(expression); err != nil {
			fmt.Fprintln(e.stdout, err)
			code = exitFailure
		}
	}
	// A schema is checked alone, with all its errors; entities are checked
	// against it only when it is valid.
	s, err := sf.load(e)
	if err != nil {
		fmt.Fprintln(e.stdout, err)
		code = exitFailure
	}
	if entitiesFile != "" && err == nil {
		if _, err := loadEntities(e, entitiesFile, s); err != nil {
			fmt.Fprintln(e.stdout, err)
			code = exitFailure
		}
	}
	return code
}
