package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine"
)

// testCase is one entry of the official run-tests JSON format.
type testCase struct {
	Name      *string         `json:"name"`
	Request   json.RawMessage `json:"request"`
	Entities  json.RawMessage `json:"entities"`
	Decision  *string         `json:"decision"`
	Reason    []string        `json:"reason"`
	NumErrors *int            `json:"num_errors"`
}

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
	var tc testCase
	if err := json.Unmarshal(raw, &tc); err != nil {
		return "", "malformed test: " + err.Error()
	}
	if tc.Name != nil {
		name = *tc.Name
	}
	switch {
	case tc.Request == nil:
		return name, "malformed test: missing field \"request\""
	case tc.Decision == nil || (*tc.Decision != "allow" && *tc.Decision != "deny"):
		return name, `malformed test: "decision" must be "allow" or "deny"`
	case tc.NumErrors == nil:
		return name, `malformed test: missing field "num_errors"`
	}
	req, err := engine.DecodeRequest("", tc.Request, opts)
	if err != nil {
		var invalid *engine.InvalidRequestError
		if errors.As(err, &invalid) {
			return name, "the request is not valid for the schema: " + strings.Join(invalid.Problems, "; ")
		}
		return name, "request: " + strings.ReplaceAll(err.Error(), "\n", "; ")
	}
	store, err := testEntities(dir, tc.Entities, s)
	if err != nil {
		return name, err.Error()
	}
	resp := engine.Authorize(ps, store, req)
	var problems []string
	if got := resp.Decision.String(); got != *tc.Decision {
		problems = append(problems, fmt.Sprintf("expected %s, got %s", *tc.Decision, got))
	}
	want := slices.Clone(tc.Reason)
	slices.Sort(want)
	got := slices.Clone(resp.Reasons)
	slices.Sort(got)
	if !slices.Equal(want, got) {
		problems = append(problems, fmt.Sprintf("expected reasons [%s], got [%s]", strings.Join(want, ", "), strings.Join(got, ", ")))
	}
	if len(resp.Errors) != *tc.NumErrors {
		msgs := make([]string, len(resp.Errors))
		for i, pe := range resp.Errors {
			msgs[i] = pe.PolicyID + ": " + pe.Message
		}
		detail := ""
		if len(msgs) > 0 {
			detail = ": " + strings.Join(msgs, "; ")
		}
		problems = append(problems, fmt.Sprintf("expected %d error(s), got %d%s", *tc.NumErrors, len(resp.Errors), detail))
	}
	return name, strings.Join(problems, "; ")
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
