package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
	"github.com/cedar-ls/cedar-ls/internal/benchdata"
)

// BenchmarkDidChangeToPublishDiagnostics is the whole round trip over
// JSON-RPC: a didChange inside one policy of a 5,000-policy (about 1 MB)
// file with a 200-entity-type schema, until the publishDiagnostics for
// that version arrives (no debounce). The edit introduces a validation
// error, so every publish carries a diagnostic. Reports p50 and p95.
func BenchmarkDidChangeToPublishDiagnostics(b *testing.B) {
	const policies, types = 5000, 200
	c := startServer(b, Options{DiagnosticsDelay: -1})
	root := b.TempDir()
	os.WriteFile(filepath.Join(root, "schema.cedarschema"), []byte(benchdata.Schema(types)), 0o644)
	c.initialize(map[string]any{"rootUri": analysis.PathToURI(root), "capabilities": map[string]any{}})
	src := benchdata.Policies(policies, types)
	uri := c.open(root, "policies.cedar", 1, src)
	if d := c.waitDiagnostics(uri, 1); len(d.Diagnostics) != 0 {
		b.Fatalf("the benchmark file has diagnostics: %v", d.Diagnostics[0].Message)
	}
	mid := strings.Index(src, fmt.Sprintf("@id(\"policy-%d\")", policies/2))
	off := mid + strings.Index(src[mid:], "principal.level") + len("principal.")
	x := analysis.NewLineIndex([]byte(src))
	line, char := x.Position(off, analysis.UTF16)
	words := []string{"lev", "level"}
	cur := "level"
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	cpu := benchdata.CPUTime()
	for i := 0; i < b.N; i++ {
		next := words[i%2]
		start := time.Now()
		c.notify("textDocument/didChange", map[string]any{
			"textDocument": map[string]any{"uri": uri, "version": i + 2},
			"contentChanges": []map[string]any{{
				"range": map[string]any{"start": map[string]int{"line": line, "character": char}, "end": map[string]int{"line": line, "character": char + len(cur)}},
				"text":  next,
			}},
		})
		c.waitDiagnostics(uri, i+2)
		times = append(times, time.Since(start))
		cur = next
	}
	b.StopTimer()
	benchdata.ReportCPU(b, cpu)
	benchdata.ReportPercentiles(b, times, "")
}

// BenchmarkOpenWorkspace is opening a workspace of 10,000 policies (100
// files of 100 policies) and a 200-entity-type schema: initialize, then a
// workspace/symbol request, which indexes the folder and parses every
// file, and the diagnostics of every file computed as for publishing.
// Reports the heap in use afterwards.
func BenchmarkOpenWorkspace(b *testing.B) {
	const files, perFile, types = 100, 100, 200
	root := b.TempDir()
	os.WriteFile(filepath.Join(root, "schema.cedarschema"), []byte(benchdata.Schema(types)), 0o644)
	for i := 0; i < files; i++ {
		os.WriteFile(filepath.Join(root, fmt.Sprintf("p%03d.cedar", i)), []byte(benchdata.Policies(perFile, types)), 0o644)
	}
	var heap uint64
	var rss float64
	cpu := benchdata.CPUTime()
	for i := 0; i < b.N; i++ {
		c := startServer(b, Options{DiagnosticsDelay: -1})
		c.initialize(map[string]any{"rootUri": analysis.PathToURI(root), "capabilities": map[string]any{}})
		var syms []map[string]any
		if err := c.call("workspace/symbol", map[string]string{"query": "policy-99"}, &syms); err != nil {
			b.Fatal(err)
		}
		if len(syms) < files {
			b.Fatalf("%d symbols", len(syms))
		}
		b.StopTimer()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		heap = ms.HeapInuse
		rss = residentMB()
		c.raw.Close() // the next iteration starts from nothing
		<-c.exitCode
		b.StartTimer()
	}
	benchdata.ReportCPU(b, cpu)
	b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
	if rss > 0 {
		b.ReportMetric(rss, "rss-MB")
	}
}

// residentMB is the process's resident set (Linux; 0 elsewhere): the
// server and the test client together.
func residentMB() float64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.Atoi(f[1])
			return float64(kb) / 1024
		}
	}
	return 0
}
