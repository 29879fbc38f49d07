package engine_test

import (
	"testing"

	"github.com/cedar-ls/cedar-ls/engine"
	"github.com/cedar-ls/cedar-ls/internal/benchdata"
)

// BenchmarkParsePolicies reads 10,003 policies through the front door, as
// conformance/bench's parse column does: parsing plus building the policy
// set. It reports MB/s and CPU time per call (see parse.BenchmarkPolicies).
func BenchmarkParsePolicies(b *testing.B) {
	src := benchdata.ParseSet(10000)
	if ps, err := engine.ParsePolicies("policies.cedar", src); err != nil || len(ps.Policies()) != 10003 {
		b.Fatalf("ParsePolicies: %v", err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	start := benchdata.CPUTime()
	for i := 0; i < b.N; i++ {
		engine.ParsePolicies("policies.cedar", src)
	}
	benchdata.ReportCPU(b, start)
}
