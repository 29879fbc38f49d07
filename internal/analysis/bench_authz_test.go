package analysis

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cedar-ls/cedar-ls/internal/benchdata"
)

// benchAuthzFiles are a 100-test tests file and its entities, against
// benchdata.Policies(1000, types) and benchdata.Schema(types): each test's request
// is matched by scope by about ten policies.
func benchAuthzFiles(tests, types int) (testsJSON, entitiesJSON string) {
	var ents []map[string]any
	var ts []map[string]any
	for i := 0; i < tests; i++ {
		a := i % (types / 10)
		p := map[string]any{"type": fmt.Sprintf("App::E%d", a), "id": fmt.Sprintf("p%d", i)}
		r := map[string]any{"type": fmt.Sprintf("App::E%d", a+2), "id": fmt.Sprintf("r%d", i)}
		ents = append(ents,
			map[string]any{"uid": p, "attrs": map[string]any{"name": "n", "level": i % 100, "owner": p, "tags": []string{"t"}}, "parents": []any{}},
			map[string]any{"uid": r, "attrs": map[string]any{"name": fmt.Sprintf("doc-%d", i), "level": 0, "owner": r, "tags": []string{}}, "parents": []any{}},
		)
		decision := "allow"
		if i%3 == 0 {
			decision = "deny" // some fail
		}
		ts = append(ts, map[string]any{
			"name": fmt.Sprintf("test %d", i),
			"request": map[string]any{
				"principal": fmt.Sprintf("App::E%d::\"p%d\"", a, i), "action": fmt.Sprintf("App::Action::\"a%d\"", a),
				"resource": fmt.Sprintf("App::E%d::\"r%d\"", a+2, i), "context": map[string]any{"ip": "10.0.0.1", "n": 5},
			},
			"entities": "bench.cedarentities.json", "decision": decision, "reason": []string{}, "num_errors": 0,
		})
	}
	tb, _ := json.MarshalIndent(ts, "", "  ")
	eb, _ := json.MarshalIndent(ents, "", "  ")
	return string(tb), string(eb)
}

// BenchmarkRefreshTestLenses measures what the lenses of a 100-test tests
// file cost after an edit of one policy of the 1,000-policy file they run
// against (200-entity-type schema): applying the edit, rebuilding the
// policy set, running the 100 tests, and making the lenses. It reports
// p50 and p95 per edit.
func BenchmarkRefreshTestLenses(b *testing.B) {
	const policies, types, tests = 1000, 200, 100
	src := benchdata.Policies(policies, types)
	testsJSON, entitiesJSON := benchAuthzFiles(tests, types)
	w, root := testWorkspace(b, map[string]string{
		"schema.cedarschema":       benchdata.Schema(types),
		"bench.cedarentities.json": entitiesJSON,
		"bench.cedartests.json":    testsJSON,
	})
	uri := uriIn(root, "policies.cedar")
	testsURI := uriIn(root, "bench.cedartests.json")
	w.Open(uri, 1, []byte(src))
	w.Open(testsURI, 1, []byte(testsJSON))
	lenses := CodeLenses(context.Background(), w.Snapshot(), testsURI)
	if len(lenses) != tests+1 || strings.HasPrefix(lenses[0].Title, "⚠") {
		b.Fatalf("lenses: %d, first %q", len(lenses), lenses[0].Title)
	}
	run := RunTests(context.Background(), w.Snapshot(), testsURI)
	for _, t := range run.Tests {
		if t.Actual == nil {
			b.Fatalf("test %s did not run: %s", t.Name, t.Problem)
		}
	}
	b.Logf("%s", lenses[0].Title)
	off := editPoint(src, policies)
	x := NewLineIndex([]byte(src))
	line, char := x.Position(off, UTF16)
	times := make([]time.Duration, 0, b.N)
	cpuTimes := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	cpu := benchdata.CPUTime()
	for i := 0; i < b.N; i++ {
		start, startCPU := time.Now(), benchdata.CPUTime()
		snap, err := w.Change(uri, int32(i+2), []TextChange{{StartLine: line, StartChar: char, EndLine: line, EndChar: char + 2, Text: fmt.Sprintf("%02d", i%100)}}, UTF16)
		if err != nil {
			b.Fatal(err)
		}
		if n := len(CodeLenses(context.Background(), snap, testsURI)); n != tests+1 {
			b.Fatalf("%d lenses", n)
		}
		times = append(times, time.Since(start))
		cpuTimes = append(cpuTimes, benchdata.CPUTime()-startCPU)
	}
	benchdata.ReportCPU(b, cpu)
	benchdata.ReportPercentiles(b, times, "")
	benchdata.ReportPercentiles(b, cpuTimes, "cpu-")
}

// BenchmarkRefreshPolicyLenses is the same edit, then the coverage lenses
// of all 1,000 policies of the edited file (the 100 tests run again).
func BenchmarkRefreshPolicyLenses(b *testing.B) {
	const policies, types, tests = 1000, 200, 100
	src := benchdata.Policies(policies, types)
	testsJSON, entitiesJSON := benchAuthzFiles(tests, types)
	w, root := testWorkspace(b, map[string]string{
		"schema.cedarschema":       benchdata.Schema(types),
		"bench.cedarentities.json": entitiesJSON,
		"bench.cedartests.json":    testsJSON,
	})
	uri := uriIn(root, "policies.cedar")
	w.Open(uri, 1, []byte(src))
	if n := len(CodeLenses(context.Background(), w.Snapshot(), uri)); n != 2*policies {
		b.Fatalf("%d lenses on the policies, want %d", n, 2*policies)
	}
	off := editPoint(src, policies)
	x := NewLineIndex([]byte(src))
	line, char := x.Position(off, UTF16)
	times := make([]time.Duration, 0, b.N)
	cpuTimes := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	cpu := benchdata.CPUTime()
	for i := 0; i < b.N; i++ {
		start, startCPU := time.Now(), benchdata.CPUTime()
		snap, err := w.Change(uri, int32(i+2), []TextChange{{StartLine: line, StartChar: char, EndLine: line, EndChar: char + 2, Text: fmt.Sprintf("%02d", i%100)}}, UTF16)
		if err != nil {
			b.Fatal(err)
		}
		CodeLenses(context.Background(), snap, uri)
		times = append(times, time.Since(start))
		cpuTimes = append(cpuTimes, benchdata.CPUTime()-startCPU)
	}
	benchdata.ReportCPU(b, cpu)
	benchdata.ReportPercentiles(b, times, "")
	benchdata.ReportPercentiles(b, cpuTimes, "cpu-")
}
