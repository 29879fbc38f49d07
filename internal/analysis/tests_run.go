package analysis

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine"
	"github.com/cedar-ls/cedar-ls/internal/jsontree"
)

// TestsRun is the result of every test of a tests file (official run-tests
// JSON), run as `cedar-ls run-tests` runs them (engine.RunTest) against
// the file's policies, schema and the tests' entities.
type TestsRun struct {
	File  *File
	Tests []*TestOutcome
	// Passed and Failed count the tests.
	Passed, Failed int
	// Problem is why no test could run (the file is not JSON, the schema
	// has errors, there are no policies); Tests is empty then.
	Problem  string
	Policies *AuthzPolicies
	schema   *engine.Schema // the schema it ran with (the cache key names it by address)
}

// TestOutcome is one test's result.
type TestOutcome struct {
	Index int
	// Name is the test's name, or "#N (unnamed)" as run-tests says.
	Name string
	// Span is the test object; DecisionSpan and ReasonSpan its "decision"
	// and "reason" values (zero when absent).
	Span, DecisionSpan, ReasonSpan Span
	Passed                         bool
	// Problem is why it failed, in run-tests' words ("" when it passed).
	Problem string
	// Expected is the test's decision ("allow"/"deny", "" when malformed)
	// and ExpectedReasons its reasons.
	Expected        string
	ExpectedReasons []string
	// Actual is the authorization; nil when the test could not run (a
	// malformed test, a request or entities rejected).
	Actual *AuthzResult
}

// Summary is the lens text of a test: "✔ passed", or "✘ failed: expected
// allow, got deny (forbid `juniors`)".
func (t *TestOutcome) Summary() string {
	if t.Passed {
		return "✔ passed"
	}
	if t.Actual != nil && t.Expected != "" && t.Actual.Decision.String() != t.Expected {
		return fmt.Sprintf("✘ failed: expected %s, got %s (%s)", t.Expected, t.Actual.Decision, t.Actual.Why())
	}
	return "✘ failed: " + t.Problem
}

// Summary is the lens text over the whole file.
func (r *TestsRun) Summary() string {
	if r.Problem != "" {
		return "⚠ tests not run: " + r.Problem
	}
	return fmt.Sprintf("Run all: %d passed, %d failed", r.Passed, r.Failed)
}

// TestAt is the test whose object holds the byte offset, or nil.
func (r *TestsRun) TestAt(off int) *TestOutcome {
	for _, t := range r.Tests {
		if off >= t.Span.Start && off <= t.Span.End {
			return t
		}
	}
	return nil
}

// RunTests runs the tests of a tests file. Results are cached by the
// content of every input, so asking again after an unrelated edit costs
// nothing.
func RunTests(ctx context.Context, snap *Snapshot, uri string) *TestsRun {
	f := snap.File(uri)
	if f == nil || f.Kind != KindTests {
		return nil
	}
	run := &TestsRun{File: f}
	tree, serr := f.JSON()
	if serr != nil {
		run.Problem = "the file is not JSON: " + serr.Msg
		return run
	}
	if tree.Kind != jsontree.Array {
		run.Problem = "a tests file is an array of test cases"
		return run
	}
	sch, err := snap.AuthzSchema(uri)
	if err != nil {
		run.Problem = err.Error()
		return run
	}
	files := snap.PolicyFilesFor(f.Path)
	if len(files) == 0 {
		run.Problem = "no policy files (*.cedar) at or above " + filepath.Dir(f.Path)
		return run
	}
	ps := snap.AuthzPoliciesFor(f.Path, files)
	run.Policies, run.schema = ps, sch
	key := testsRunKey(snap, f, tree, ps, sch)
	if v, ok := testRuns.get(key); ok {
		if cached := v.(*TestsRun); cached.Policies == ps && cached.schema == sch {
			return cached
		}
	}
	dir := filepath.Dir(f.Path)
	opts := requestOptions(sch)
	for i, el := range tree.Elems {
		if ctx.Err() != nil {
			return run // partial; not cached
		}
		t := &TestOutcome{Index: i, Span: Span{el.Start, el.End}}
		if m := el.Member("decision"); m != nil {
			t.DecisionSpan = Span{m.Value.Start, m.Value.End}
		}
		if m := el.Member("reason"); m != nil {
			t.ReasonSpan = Span{m.Value.Start, m.Value.End}
		}
		tc, err := engine.DecodeTest(f.Text[el.Start:el.End])
		t.Name = tc.Name
		if t.Name == "" {
			t.Name = fmt.Sprintf("#%d (unnamed)", i+1)
		}
		if err != nil {
			t.Problem = err.Error()
		} else {
			t.Expected, t.ExpectedReasons = tc.Decision.String(), tc.Reasons
			res := engine.RunTest(ps.Set, tc, func(tc engine.Test) (*engine.Entities, error) {
				return snap.testEntities(dir, tc.Entities, sch)
			}, opts)
			t.Passed, t.Problem = res.Passed(), res.Problem()
			if res.Explanation != nil {
				t.Actual = newAuthzResult(ps, res.Explanation)
			}
		}
		if t.Passed {
			run.Passed++
		} else {
			run.Failed++
		}
		run.Tests = append(run.Tests, t)
	}
	testRuns.put(key, run)
	return run
}

// testEntities reads a test's entities as run-tests does: a string names
// a file beside the tests file (read from the editor when open), anything
// else is an inline array (absent is none).
func (s *Snapshot) testEntities(dir string, raw []byte, sch *engine.Schema) (*engine.Entities, error) {
	var name string
	if jsonString(raw, &name) {
		p := filepath.Join(dir, name)
		f := s.FileAt(p)
		if f == nil {
			return nil, fmt.Errorf("open %s: no such file or directory", p)
		}
		return s.LoadEntitiesFiles([]string{p}, sch)
	}
	if len(raw) == 0 {
		raw = []byte("[]")
	}
	return loadEntitiesText("entities", raw, sch)
}

func jsonString(raw []byte, out *string) bool {
	v, err := jsontree.Parse(raw, 2)
	if err != nil || v.Kind != jsontree.String {
		return false
	}
	*out = v.Text
	return true
}

// testsRunKey names every input of a run: the tests text, the policies,
// the schema and the entities files the tests name.
func testsRunKey(snap *Snapshot, f *File, tree *jsontree.Value, ps *AuthzPolicies, sch *engine.Schema) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\x00%x\x01%s\x01%p\x01", f.Path, f.Hash(), ps.Key(), sch)
	seen := map[string]bool{}
	for _, el := range tree.Elems {
		if m := el.Member("entities"); m != nil && m.Value.Kind == jsontree.String && !seen[m.Value.Text] {
			seen[m.Value.Text] = true
			p := filepath.Join(filepath.Dir(f.Path), m.Value.Text)
			if ef := snap.FileAt(p); ef != nil {
				fmt.Fprintf(&b, "%s\x00%x\x01", p, ef.Hash())
			}
		}
	}
	return b.String()
}

// testRuns keeps recent runs: enough for the tests files of a workspace,
// few enough that old runs (an explanation per test) do not pile up.
var testRuns = newLRU(16)

// TestLocation is a test's name and object span.
type TestLocation struct {
	Name string
	Span Span
}

// TestLocations lists a tests file's tests without running them (for a
// test explorer); names as run-tests gives them.
func TestLocations(f *File) []TestLocation {
	tree, _ := f.JSON()
	if tree == nil || tree.Kind != jsontree.Array {
		return nil
	}
	out := make([]TestLocation, 0, len(tree.Elems))
	for i, el := range tree.Elems {
		name := fmt.Sprintf("#%d (unnamed)", i+1)
		if el.Kind == jsontree.Object {
			if m := el.Member("name"); m != nil && m.Value.Kind == jsontree.String && m.Value.Text != "" {
				name = m.Value.Text
			}
		}
		out = append(out, TestLocation{Name: name, Span: Span{el.Start, el.End}})
	}
	return out
}
