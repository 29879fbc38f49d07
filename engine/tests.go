package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Test is one test of the official CLI's run-tests file (a JSON array of
// {name, request, entities, decision, reason, num_errors}).
type Test struct {
	Name string // "" when the test has none
	// Request is the request JSON, read as --request-json is.
	Request json.RawMessage
	// Entities is an inline entities array, or a JSON string naming an
	// entities file beside the tests file (see EntitiesFile).
	Entities  json.RawMessage
	Decision  Decision
	Reasons   []string
	NumErrors int
}

// MalformedTestError is a test object that is not a test; its message is
// the one run-tests prints.
type MalformedTestError struct{ Msg string }

func (e *MalformedTestError) Error() string { return "malformed test: " + e.Msg }

// DecodeTest reads one element of a run-tests file. The name is read even
// when the rest is malformed.
func DecodeTest(raw []byte) (Test, error) {
	var tc struct {
		Name      *string         `json:"name"`
		Request   json.RawMessage `json:"request"`
		Entities  json.RawMessage `json:"entities"`
		Decision  *string         `json:"decision"`
		Reason    []string        `json:"reason"`
		NumErrors *int            `json:"num_errors"`
	}
	if err := json.Unmarshal(raw, &tc); err != nil {
		return Test{}, &MalformedTestError{err.Error()}
	}
	t := Test{Request: tc.Request, Entities: tc.Entities, Reasons: tc.Reason}
	if tc.Name != nil {
		t.Name = *tc.Name
	}
	switch {
	case tc.Request == nil:
		return t, &MalformedTestError{`missing field "request"`}
	case tc.Decision == nil || (*tc.Decision != "allow" && *tc.Decision != "deny"):
		return t, &MalformedTestError{`"decision" must be "allow" or "deny"`}
	case tc.NumErrors == nil:
		return t, &MalformedTestError{`missing field "num_errors"`}
	}
	if *tc.Decision == "allow" {
		t.Decision = Allow
	}
	t.NumErrors = *tc.NumErrors
	return t, nil
}

// EntitiesFile is the name of the entities file the test names (relative
// to the tests file's folder); ok is false for inline or absent entities.
func (t *Test) EntitiesFile() (name string, ok bool) {
	return name, json.Unmarshal(t.Entities, &name) == nil
}

// TestResult is the outcome of one test.
type TestResult struct {
	// Explanation is the authorization; nil when the test could not be
	// run (its request or entities were rejected, see Problems).
	Explanation *Explanation
	// Problems say why the test failed, in run-tests' words; none when it
	// passed.
	Problems []string
}

// Passed reports whether the test passed.
func (r TestResult) Passed() bool { return len(r.Problems) == 0 }

// Problem joins the problems as run-tests prints them after "fail: ".
func (r TestResult) Problem() string { return strings.Join(r.Problems, "; ") }

// RunTest runs a test as the official run-tests does: the request is read
// by opts (by the schema, validated against it, as `run-tests -s` does),
// then the entities are loaded (loadEntities gets the test; its error is
// the test's problem), then the decision, the reasons (in any order) and
// the number of errors are compared with the expected ones.
func RunTest(ps *PolicySet, t Test, loadEntities func(Test) (*Entities, error), opts RequestOptions) TestResult {
	req, err := DecodeRequest("", t.Request, opts)
	if err != nil {
		var invalid *InvalidRequestError
		if errors.As(err, &invalid) {
			return TestResult{Problems: []string{"the request is not valid for the schema: " + strings.Join(invalid.Problems, "; ")}}
		}
		return TestResult{Problems: []string{"request: " + strings.ReplaceAll(err.Error(), "\n", "; ")}}
	}
	ents, err := loadEntities(t)
	if err != nil {
		return TestResult{Problems: []string{err.Error()}}
	}
	x := Explain(ps, ents, req)
	resp := x.Response
	var problems []string
	if resp.Decision != t.Decision {
		problems = append(problems, fmt.Sprintf("expected %s, got %s", t.Decision, resp.Decision))
	}
	want := slices.Clone(t.Reasons)
	slices.Sort(want)
	got := slices.Clone(resp.Reasons)
	slices.Sort(got)
	if !slices.Equal(want, got) {
		problems = append(problems, fmt.Sprintf("expected reasons [%s], got [%s]", strings.Join(want, ", "), strings.Join(got, ", ")))
	}
	if len(resp.Errors) != t.NumErrors {
		msgs := make([]string, len(resp.Errors))
		for i, pe := range resp.Errors {
			msgs[i] = pe.PolicyID + ": " + pe.Message
		}
		detail := ""
		if len(msgs) > 0 {
			detail = ": " + strings.Join(msgs, "; ")
		}
		problems = append(problems, fmt.Sprintf("expected %d error(s), got %d%s", t.NumErrors, len(resp.Errors), detail))
	}
	return TestResult{Explanation: &x, Problems: problems}
}
