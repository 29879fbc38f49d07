package analysis

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cedar-ls/cedar-ls/internal/benchdata"
)

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
	src := benchdata.Policies(policies, types)
	w, root := testWorkspace(b, map[string]string{"schema.cedarschema": benchdata.Schema(types)})
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
	cpu := benchdata.CPUTime()
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
	benchdata.ReportCPU(b, cpu)
	benchdata.ReportPercentiles(b, times, "")
}

// BenchmarkOpenWorkspace measures opening a workspace of 10,000 policies
// (100 files of 100 policies) with a 200-entity-type schema: indexing the
// folder, parsing every file and validating every policy.
func BenchmarkOpenWorkspace(b *testing.B) {
	const files, perFile, types = 100, 100, 200
	root := b.TempDir()
	os.WriteFile(filepath.Join(root, "schema.cedarschema"), []byte(benchdata.Schema(types)), 0o644)
	for i := 0; i < files; i++ {
		os.WriteFile(filepath.Join(root, fmt.Sprintf("p%03d.cedar", i)), []byte(benchdata.Policies(perFile, types)), 0o644)
	}
	b.ResetTimer()
	cpu := benchdata.CPUTime()
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
	benchdata.ReportCPU(b, cpu)
}
