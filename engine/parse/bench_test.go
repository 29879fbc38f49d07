package parse

import (
	"testing"

	"github.com/cedar-ls/cedar-ls/internal/benchdata"
)

// BenchmarkPolicies parses 10,000 generated policies plus three
// TinyTodo-like ones; it reports MB/s and, as the machine is shared, CPU
// time per parse (the collector's work on the other core included).
func BenchmarkPolicies(b *testing.B) {
	src := benchdata.ParseSet(10000)
	f, errs := Policies(src)
	if len(errs) != 0 || len(f.Policies) != 10003 {
		b.Fatalf("%d policies, errors %v", len(f.Policies), errs)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	start := benchdata.CPUTime()
	for i := 0; i < b.N; i++ {
		Policies(src)
	}
	benchdata.ReportCPU(b, start)
}
