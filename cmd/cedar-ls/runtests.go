package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cedar-ls/cedar-ls/engine"
)

func runTests(e *env, args []string) int {
	fs := newFlags(e, "run-tests", "--policies POLICIES --tests TESTS [-s SCHEMA [--request-validation true|false]]")
	var pf policyFlags
	var sf schemaFlags
	var testsFile string
	pf.register(fs)
	sf.register(fs, true)
	fs.StringVar(&testsFile, "tests", "", "file with the tests (JSON array)")
	if ok, code := parseFlags(e, fs, args); !ok {
		return code
	}
	if testsFile == "" {
		return fail(e, fmt.Errorf("missing --tests"))
	}
	ps, _, _, err := pf.load(e)
	if err != nil {
		return fail(e, err)
	}
	s, err := sf.load(e)
	if err != nil {
		return fail(e, err)
	}
	src, err := os.ReadFile(testsFile)
	if err != nil {
		return fail(e, err)
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(src, &raw); err != nil {
		return fail(e, jsonError(testsFile, src, err))
	}
	fmt.Fprintf(e.stdout, "running %d test(s)\n", len(raw))
	failed := 0
	for i, r := range raw {
		name, result := runOneTest(ps, filepath.Dir(testsFile), r, s, sf.requestOptions(s))
		if name == "" {
			name = fmt.Sprintf("#%d (unnamed)", i+1)
		}
		if result == "" {
			fmt.Fprintf(e.stdout, "  test %s ... ok\n", name)
			continue
		}
		failed++
		fmt.Fprintf(e.stdout, "  test %s ... fail: %s\n", name, result)
	}
	fmt.Fprintf(e.stdout, "results: %d passed, %d failed\n", len(raw)-failed, failed)
	if failed > 0 {
		return exitFailure
	}
	return exitOK
}

// runOneTest returns the test's name and "" when it passes, or why not.
// The request is read as --request-json is (by the schema, and validated
// against it, as opts say).
func runOneTest(ps *engine.PolicySet, dir string, raw json.RawMessage, s *engine.Schema, opts engine.RequestOptions) (name, problem string) {
	tc, err := engine.DecodeTest(raw)
	if err != nil {
		return tc.Name, err.Error()
	}
	result := engine.RunTest(ps, tc, func(t engine.Test) (*engine.Entities, error) {
		return testEntities(dir, t.Entities, s)
	}, opts)
	return tc.Name, result.Problem()
}

// testEntities reads a test's entities: an inline array, or the name of a
// file next to the tests file.
func testEntities(dir string, raw json.RawMessage, s *engine.Schema) (*engine.Entities, error) {
	var file string
	name, src := "entities", []byte(raw)
	if json.Unmarshal(raw, &file) == nil {
		name = filepath.Join(dir, file)
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		src = b
	}
	if len(src) == 0 {
		src = []byte("[]")
	}
	return engine.LoadEntities(name, src, s)
}

// jsonError gives an encoding/json error of the named file its position.
func jsonError(name string, src []byte, err error) error {
	off := -1
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		off = int(syn.Offset)
	case errors.As(err, &typ):
		off = int(typ.Offset)
	}
	if off < 0 {
		return fmt.Errorf("%s: %w", name, err)
	}
	if off > 0 {
		off-- // the offset is just past the offending byte
	}
	return &engine.Error{Name: name, Src: src, Diags: []engine.Diagnostic{{Span: engine.Span{Start: off, End: off + 1}, Message: err.Error()}}}
}
