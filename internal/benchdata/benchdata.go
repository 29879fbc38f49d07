// Package benchdata holds what benchmarks share: the generated schema and
// policies they measure on, and how they report CPU time and percentiles.
// It is imported by tests only.
package benchdata

import (
	"fmt"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Schema is a schema of n entity types, each with attributes and a parent,
// and n/10 actions over them.
func Schema(n int) string {
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

// Policies is n policies (about 200 bytes each, `@id("policy-N")`) valid
// against Schema(types).
func Policies(n, types int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		a := i % (types / 10)
		fmt.Fprintf(&b, "@id(\"policy-%d\")\npermit(principal is App::E%d, action == App::Action::\"a%d\", resource is App::E%d)\nwhen { principal.level > %d && resource.name like \"doc-*\" && context.n < 100 && principal.tags.contains(\"t\") };\n\n", i, a, a, a+2, i%100)
	}
	return b.String()
}

// ParseSet is the parse benchmarks' input: n policies with an entity per
// scope and a condition, each on one line, then three TinyTodo-like
// policies (annotations, `is`, `action in [...]`, `has`, `like`). It is
// the input of conformance/bench's "policies=10003" workload with n =
// 10,000, though generated separately.
func ParseSet(n int) []byte {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "permit(principal == User::\"u%d\", action == Action::\"GetList\", resource == List::\"l%d\") when { context.n > %d };\n", i, i, i)
	}
	b.WriteString(`// TinyTodo-like policies
@id("owner")
permit (principal, action, resource is List)
when { resource.owner == principal };

@id("readers")
permit (
    principal,
    action in [Action::"GetList", Action::"GetLists"],
    resource
)
when { principal in resource.readers || principal in resource.editors };

@id("interns")
forbid (principal in Team::"interns", action == Action::"CreateList", resource == Application::"TinyTodo")
unless { context has mfa && context.mfa.age < 60 && resource.name like "draft-*" };
`)
	return []byte(b.String())
}

// CPUTime is the process's user+system CPU time: on a shared, loaded
// machine it says what the work costs where wall time says how long it
// waited too.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// ReportCPU reports CPU milliseconds per operation since start (a CPUTime).
func ReportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64((CPUTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// ReportPercentiles reports the p50 and p95 of times in milliseconds, as
// "<prefix>p50-ms" and "<prefix>p95-ms"; it sorts times.
func ReportPercentiles(b *testing.B, times []time.Duration, prefix string) {
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	pct := func(p float64) float64 {
		return float64(times[int(float64(len(times)-1)*p)].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), prefix+"p50-ms")
	b.ReportMetric(pct(0.95), prefix+"p95-ms")
}
