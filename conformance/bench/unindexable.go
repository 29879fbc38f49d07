package bench

import (
	"fmt"
	"strings"
)

// Unindexable inputs: policies with no scope constraints at all, only
// conditions on principal, resource and context attributes, so no scope
// index can skip any of them. Policy i is
//
//	permit(principal, action, resource) when {
//	  principal.dept == "d<i%depts>" && resource.level == <i%levels> && context.n > i };
//
// and each request is decided here by the same rule, brute force.
const (
	unindexableDepts  = 97
	unindexableLevels = 7
	unindexableUsers  = 50
)

func unindexableInputs() []input {
	var out []input
	for _, n := range []int{1000, 10000} {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "permit(principal, action, resource) when { principal.dept == \"d%d\" && resource.level == %d && context.n > %d };\n",
				i%unindexableDepts, i%unindexableLevels, i)
		}
		var ents []entityJSON
		var reqs []request
		for k := range unindexableUsers {
			dept, level := (k*13)%unindexableDepts, k%unindexableLevels
			ents = append(ents,
				entityJSON{UID: ref("User", fmt.Sprint("u", k)), Attrs: map[string]any{"dept": fmt.Sprint("d", dept)}, Parents: []map[string]string{}},
				entityJSON{UID: ref("Doc", fmt.Sprint("doc", k)), Attrs: map[string]any{"level": level}, Parents: []map[string]string{}})
			// Context n spreads requests over the policy range; half of
			// them land below the first matching policy and are denied.
			ctxN := int64((k * 7919) % (n + n/4))
			allow := false
			for i := range n {
				if i%unindexableDepts == dept && i%unindexableLevels == level && ctxN > int64(i) {
					allow = true
					break
				}
			}
			reqs = append(reqs, request{
				Principal: uid{"User", fmt.Sprint("u", k)}, Action: uid{"Action", "read"}, Resource: uid{"Doc", fmt.Sprint("doc", k)},
				N: ctxN, Allow: allow,
			})
		}
		out = append(out, input{Name: fmt.Sprintf("unindexable=%d", n), Policies: []byte(b.String()), Entities: mustJSON(ents), Requests: reqs})
	}
	return out
}
