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

// BenchmarkParsePoliciesThenAuthorize is BenchmarkParsePolicies plus the
// first request, which builds what the policy set defers: the scope index
// and the conditions of the policies it reaches. Its time less
// BenchmarkParsePolicies' is what the deferral moves to the first request.
func BenchmarkParsePoliciesThenAuthorize(b *testing.B) {
	src := benchdata.ParseSet(10000)
	ents, err := engine.LoadEntities("entities.json", []byte(`[]`), nil)
	if err != nil {
		b.Fatal(err)
	}
	req := &engine.Request{
		Principal: engine.NewEntityUID("User", "u7"),
		Action:    engine.NewEntityUID("Action", "GetList"),
		Resource:  engine.NewEntityUID("List", "l7"),
		Context:   engine.NewRecord(map[string]engine.Value{"n": engine.Long(8)}),
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	start := benchdata.CPUTime()
	for i := 0; i < b.N; i++ {
		ps, _ := engine.ParsePolicies("policies.cedar", src)
		if engine.Authorize(ps, ents, req).Decision != engine.Allow {
			b.Fatal("want allow by the policy of User::\"u7\"")
		}
	}
	benchdata.ReportCPU(b, start)
}
