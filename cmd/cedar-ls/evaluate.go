package main

import (
	"fmt"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/eval"
	"github.com/cedar-ls/cedar-ls/engine/parse"
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
	text := fs.Arg(0)
	expr, errs := parse.Expr([]byte(text))
	if len(errs) > 0 {
		return fail(e, &sourceErrors{file: "<expression>", src: []byte(text), errs: errs})
	}
	s, err := sf.load(e)
	if err != nil {
		return fail(e, err)
	}
	store, err := loadEntities(e, entitiesFile, s)
	if err != nil {
		return fail(e, err)
	}
	req, missing, err := rf.load(e, false, s, &sf)
	if err != nil {
		return fail(e, err)
	}
	if used := missingVarsUsed(expr, missing); len(used) > 0 {
		return fail(e, fmt.Errorf("the expression uses %s, which the request does not give (use %s)", strings.Join(used, ", "), flagsFor(used)))
	}
	v, err := eval.Eval(expr, req, store)
	if err != nil {
		return fail(e, fmt.Errorf("evaluation error: %w", err))
	}
	fmt.Fprintln(e.stdout, v.String())
	return exitOK
}

// missingVarsUsed lists the request variables the expression reads that the
// request leaves unset.
func missingVarsUsed(expr ast.Expr, missing []string) []string {
	if len(missing) == 0 {
		return nil
	}
	miss := map[string]bool{}
	for _, m := range missing {
		miss[m] = true
	}
	var used []string
	seen := map[string]bool{}
	ast.Inspect(expr, func(x ast.Expr) bool {
		if v, ok := x.(*ast.VarExpr); ok {
			name := v.Var.String()
			if miss[name] && !seen[name] {
				seen[name] = true
				used = append(used, name)
			}
		}
		return true
	})
	return used
}

func flagsFor(vars []string) string {
	short := map[string]string{"principal": "-l", "action": "-a", "resource": "-r"}
	out := make([]string, len(vars))
	for i, v := range vars {
		out[i] = short[v]
	}
	return strings.Join(out, ", ")
}
