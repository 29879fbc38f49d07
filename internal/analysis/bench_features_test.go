package analysis

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/internal/benchdata"
)

// featureBenchSchema is a schema of n entity types (each with attributes, a
// parent, an entity reference and a record) and n/4 actions.
func featureBenchSchema(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "entity E%d in [E%d] { a0: String, a1: Long, ref: E%d, rec: { x: Bool, y?: String }, tags: Set<String> };\n", i, (i+1)%n, (i+7)%n)
	}
	for j := 0; j < n/4; j++ {
		fmt.Fprintf(&b, "action act%d appliesTo { principal: [E%d, E%d], resource: [E%d, E%d], context: { ip: ipaddr, n: Long } };\n", j, j%n, (j+1)%n, (j+2)%n, (j+3)%n)
	}
	return b.String()
}

// featureBenchPolicies is a policy file of about size bytes, every policy typed
// against featureBenchSchema(n).
func featureBenchPolicies(count, n int) string {
	var b strings.Builder
	for k := 0; k < count; k++ {
		a := k % (n / 4)
		fmt.Fprintf(&b, "@id(\"policy-%d\")\npermit(principal is E%d, action == Action::\"act%d\", resource in E%d::\"r%d\")\nwhen { principal.a0 == \"x%d\" && resource.ref.a1 > %d && context.n < 10 && principal.rec.x && principal.tags.contains(\"t\") };\n\n",
			k, a%n, a, (a+2)%n, k, k, k%100)
	}
	return b.String()
}

// measure runs f over the cases, b.N rounds, and reports p50 and p95.
func measure(b *testing.B, cases []int, f func(off int)) {
	var ds, cpus []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		off := cases[i%len(cases)]
		t, cpu := time.Now(), benchdata.CPUTime()
		f(off)
		ds = append(ds, time.Since(t))
		cpus = append(cpus, benchdata.CPUTime()-cpu)
	}
	b.StopTimer()
	sort.Slice(cpus, func(i, j int) bool { return cpus[i] < cpus[j] })
	b.ReportMetric(float64(cpus[len(cpus)*95/100].Microseconds()), "p95-cpu-µs")
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(ds[len(ds)*95/100].Microseconds()), "p95-µs")
	b.ReportMetric(float64(ds[len(ds)*99/100].Microseconds()), "p99-µs")
}

// benchWorkspace writes the schema and the policy file (with one policy
// left half typed after `principal.` in the middle) into a folder and
// opens the policy file; it returns the snapshot and the cursor offsets
// to complete and hover at.
func benchWorkspace(b *testing.B) (*Snapshot, string, []int, []int) {
	dir := b.TempDir()
	const types = 200
	if err := os.WriteFile(filepath.Join(dir, "schema.cedarschema"), []byte(featureBenchSchema(types)), 0o644); err != nil {
		b.Fatal(err)
	}
	text := featureBenchPolicies(5000, types)
	// A half-typed policy in the middle of the file.
	mid := strings.Index(text[len(text)/2:], "@id") + len(text)/2
	broken := "permit(principal is E3, action == Action::\"act3\", resource)\nwhen { principal.rec.x && principal. "
	text = text[:mid] + broken + "\n\n" + text[mid:]
	ws := NewWorkspace([]string{dir}, DefaultSettings())
	uri := PathToURI(filepath.Join(dir, "policies.cedar"))
	snap := ws.Open(uri, 1, []byte(text))
	var complete, hover []int
	complete = append(complete, mid+len(broken)-1)
	for i := 0; len(complete) < 100; i += len(text) / 100 {
		j := strings.Index(text[i:], "resource.ref.")
		if j < 0 {
			break
		}
		complete = append(complete, i+j+len("resource.ref."))
		k := strings.Index(text[i:], "principal.a0")
		hover = append(hover, i+k+len("principal.a"))
	}
	return snap, uri, complete, hover
}

func BenchmarkCompletion1MB(b *testing.B) {
	snap, uri, complete, _ := benchWorkspace(b)
	if len(snap.File(uri).Text) < 1<<20 {
		b.Fatalf("policy file is only %d bytes", len(snap.File(uri).Text))
	}
	if got := Complete(snap, uri, complete[0]); len(got) == 0 {
		b.Fatal("no completion in the half-typed policy")
	}
	measure(b, complete, func(off int) { Complete(snap, uri, off) })
}

func BenchmarkHover1MB(b *testing.B) {
	snap, uri, _, hover := benchWorkspace(b)
	if h := HoverAt(snap, uri, hover[0]); h == nil {
		b.Fatal("no hover")
	}
	measure(b, hover, func(off int) { HoverAt(snap, uri, off) })
}

// BenchmarkParse1MB is the parse that precedes the features after an edit
// (done once per document version and shared).
func BenchmarkParse1MB(b *testing.B) {
	text := []byte(featureBenchPolicies(5000, 200))
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		parse.Policies(text)
	}
}

var _ = schema.Load

// BenchmarkSymbolIndex1MB indexes the workspace for references and rename
// (built once per workspace state, then shared).
func BenchmarkSymbolIndex1MB(b *testing.B) {
	snap, uri, _, _ := benchWorkspace(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		src := snap.sourcesFor(snap.SchemaFor(uri), true)
		NewSymbolIndex(src)
	}
}

// BenchmarkDefinition1MB jumps from attributes of the 1 MB file to the
// schema (only the schema is indexed for a policy file).
func BenchmarkDefinition1MB(b *testing.B) {
	snap, uri, _, hover := benchWorkspace(b)
	if len(Definition(snap, uri, hover[0])) == 0 {
		b.Fatal("no definition")
	}
	measure(b, hover, func(off int) { Definition(snap, uri, off) })
}

// BenchmarkHighlight1MB is document highlight in the 1 MB file after an
// edit elsewhere in it (a new file version; the policies' occurrences are
// cached by their text).
func BenchmarkHighlight1MB(b *testing.B) {
	snap, uri, _, hover := benchWorkspace(b)
	text := snap.File(uri).Text
	if len(snap.FileIndex(uri).DocumentHighlights(uri, hover[0])) == 0 {
		b.Fatal("no highlight")
	}
	var ds, cpus []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		// An edit: one more blank line at the end.
		text = append(text[:len(text):len(text)], '\n')
		next := snap.ws.Open(uri, int32(i+2), text)
		next.File(uri).Policies()
		b.StartTimer()
		t, cpu := time.Now(), benchdata.CPUTime()
		next.FileIndex(uri).DocumentHighlights(uri, hover[i%len(hover)])
		ds = append(ds, time.Since(t))
		cpus = append(cpus, benchdata.CPUTime()-cpu)
	}
	b.StopTimer()
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	sort.Slice(cpus, func(i, j int) bool { return cpus[i] < cpus[j] })
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(ds[len(ds)*95/100].Microseconds()), "p95-µs")
	b.ReportMetric(float64(cpus[len(cpus)/2].Microseconds()), "p50-cpu-µs")
}
