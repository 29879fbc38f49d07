package analysis

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// benchSchema is a schema of n entity types, each with attributes and a
// parent, and n/10 actions over them.
func benchSchema(n int) string {
	var b strings.Builder
	b.WriteString("namespace App {\n")
	for i := 0; i < n; i++ {
		parent := ""
		if i > 0 {
			parent = fmt.Sprintf(" in [E%d]", i-1)
		}
		fmt.Fprintf(&b, "  entity E%d%s { name: String, level: Long, owner: E%d, tags: Set<String>, active?: Bool };\n", i, parent, i)
	}
	for a := 0; a < n/10; a++ {
		fmt.Fprintf(&b, "  action a%d appliesTo { principal: [E%d, E%d], resource: [E%d, E%d], context: { ip: ipaddr, n: Long } };\n", a, a, a+1, a+2, a+3)
	}
	b.WriteString("}\n")
	return b.String()
}

// benchPolicies is n policies (about 200 bytes each) valid against
// benchSchema(types).
func benchPolicies(n, types int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		a := i % (types / 10)
		fmt.Fprintf(&b, "@id(\"policy-%d\")\npermit(principal is App::E%d, action == App::Action::\"a%d\", resource is App::E%d)\nwhen { principal.level > %d && resource.name like \"doc-*\" && context.n < 100 && principal.tags.contains(\"t\") };\n\n", i, a, a, a+2, i%100)
	}
	return b.String()
}

// editPoint is the offset of the number compared with principal.level in
// the middle policy.
func editPoint(src string, n int) int {
	mid := strings.Index(src, fmt.Sprintf("@id(\"policy-%d\")", n/2))
	return mid + strings.Index(src[mid:], "level > ") + len("level > ")
}

// BenchmarkDidChangeDiagnostics measures what a keystroke in one policy of
// a 5,000-policy (about 1 MB) file costs with a 200-entity-type schema:
// applying the change and computing the file's diagnostics (parse errors
// and validation). It reports p50 and p95 per edit.
func BenchmarkDidChangeDiagnostics(b *testing.B) {
	const policies, types = 5000, 200
	src := benchPolicies(policies, types)
	w, root := testWorkspace(b, map[string]string{"schema.cedarschema": benchSchema(types)})
	uri := uriIn(root, "policies.cedar")
	w.Open(uri, 1, []byte(src))
	if d := Diagnostics(context.Background(), w.Snapshot(), uri); len(d) != 0 {
		b.Fatalf("the benchmark file has diagnostics: %v", d[0])
	}
	b.SetBytes(int64(len(src)))
	off := editPoint(src, policies)
	x := NewLineIndex([]byte(src))
	line, char := x.Position(off, UTF16)
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		// Replace the two-digit number with another.
		snap, err := w.Change(uri, int32(i+2), []TextChange{{StartLine: line, StartChar: char, EndLine: line, EndChar: char + 2, Text: fmt.Sprintf("%02d", i%100)}}, UTF16)
		if err != nil {
			b.Fatal(err)
		}
		Diagnostics(context.Background(), snap, uri)
		times = append(times, time.Since(start))
	}
	reportCPU(b, cpu)
	reportPercentiles(b, times)
}

func reportPercentiles(b *testing.B, times []time.Duration) {
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	pct := func(p float64) float64 {
		return float64(times[int(float64(len(times)-1)*p)].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
}

// BenchmarkOpenWorkspace measures opening a workspace of 10,000 policies
// (100 files of 100 policies) with a 200-entity-type schema: indexing the
// folder, parsing every file and validating every policy.
func BenchmarkOpenWorkspace(b *testing.B) {
	const files, perFile, types = 100, 100, 200
	root := b.TempDir()
	os.WriteFile(filepath.Join(root, "schema.cedarschema"), []byte(benchSchema(types)), 0o644)
	for i := 0; i < files; i++ {
		os.WriteFile(filepath.Join(root, fmt.Sprintf("p%03d.cedar", i)), []byte(benchPolicies(perFile, types)), 0o644)
	}
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		w := NewWorkspace([]string{root}, DefaultSettings())
		snap := w.Snapshot()
		n := 0
		for _, f := range snap.WorkspaceFiles() {
			if f.Kind == KindPolicy {
				n += len(f.Policies().AST.Policies)
				Diagnostics(context.Background(), snap, f.URI)
			}
		}
		if n != files*perFile {
			b.Fatalf("%d policies", n)
		}
	}
	reportCPU(b, cpu)
}
