package parse

import (
	"strconv"
	"strings"
	"testing"
)

// benchPolicies is 10,000 generated policies plus three TinyTodo-like ones.
func benchPolicies() []byte {
	var b strings.Builder
	for i := 0; i < 10000; i++ {
		n := strconv.Itoa(i)
		b.WriteString(`permit(principal == User::"u` + n + `", action == Action::"GetList", resource == List::"l` + n + `") when { context.n > ` + n + " };\n")
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

func BenchmarkPolicies(b *testing.B) {
	src := benchPolicies()
	f, errs := Policies(src)
	if len(errs) != 0 || len(f.Policies) != 10003 {
		b.Fatalf("%d policies, errors %v", len(f.Policies), errs)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Policies(src)
	}
}
