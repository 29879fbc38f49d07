package bench

import (
	"fmt"
	"strings"
)

// The unscoped workload has no scope constraints at all, so no scope
// index can narrow it: every policy's condition decides. Conditions test
// attributes of principal, resource and context against literals, in four
// shapes cycling with the policy number i:
//
//	permit(principal, action, resource) when { principal.dept == "dA" && resource.level <= B };
//	permit(principal, action, resource) when { resource.tag == "tC" && principal.level >= B };
//	permit(principal, action, resource) when { context.n == N && principal.dept == "dA" };
//	forbid(principal, action, resource) when { principal.dept == "dA" && resource.tag == "tC" && context.n > 60 };
//
// The expected decisions come from unscopedModel, a direct Go rendering of
// the same rules, so every implementation is checked against it.
const (
	unscopedUsers = 200
	unscopedLists = 50
	unscopedDepts = 37
	unscopedTags  = 11
)

type unscopedUser struct {
	dept  string
	level int64
}

type unscopedList struct {
	tag   string
	level int64
}

func unscopedUserOf(i int) unscopedUser {
	return unscopedUser{dept: fmt.Sprintf("d%d", (i*7)%unscopedDepts), level: int64(i % 6)}
}

func unscopedListOf(j int) unscopedList {
	return unscopedList{tag: fmt.Sprintf("t%d", (j*3)%unscopedTags), level: int64(j % 5)}
}

// unscopedRule is policy i in both forms: Cedar text and a Go predicate.
func unscopedRule(i int) (text string, forbid bool, holds func(u unscopedUser, l unscopedList, n int64) bool) {
	dept := fmt.Sprintf("d%d", (i/4)%unscopedDepts)
	tag := fmt.Sprintf("t%d", (i/4)%unscopedTags)
	b := int64((i / 4) % 6)
	switch i % 4 {
	case 0:
		return fmt.Sprintf(`permit(principal, action, resource) when { principal.dept == %q && resource.level <= %d };`, dept, b-1), false,
			func(u unscopedUser, l unscopedList, n int64) bool { return u.dept == dept && l.level <= b-1 }
	case 1:
		return fmt.Sprintf(`permit(principal, action, resource) when { resource.tag == %q && principal.level >= %d };`, tag, b+3), false,
			func(u unscopedUser, l unscopedList, n int64) bool { return l.tag == tag && u.level >= b+3 }
	case 2:
		ctxN := int64((i / 4) % 100)
		return fmt.Sprintf(`permit(principal, action, resource) when { context.n == %d && principal.dept == %q };`, ctxN, dept), false,
			func(u unscopedUser, l unscopedList, n int64) bool { return n == ctxN && u.dept == dept }
	}
	return fmt.Sprintf(`forbid(principal, action, resource) when { principal.dept == %q && resource.tag == %q && context.n > 60 };`, dept, tag), true,
		func(u unscopedUser, l unscopedList, n int64) bool { return u.dept == dept && l.tag == tag && n > 60 }
}

func unscopedInput(n int) input {
	var b strings.Builder
	type rule struct {
		forbid bool
		holds  func(unscopedUser, unscopedList, int64) bool
	}
	rules := make([]rule, n)
	for i := range n {
		text, forbid, holds := unscopedRule(i)
		b.WriteString(text)
		b.WriteByte('\n')
		rules[i] = rule{forbid, holds}
	}
	var ents []entityJSON
	for i := range unscopedUsers {
		u := unscopedUserOf(i)
		ents = append(ents, entityJSON{UID: ref("User", fmt.Sprint("u", i)), Attrs: map[string]any{"dept": u.dept, "level": u.level}, Parents: []map[string]string{}})
	}
	for j := range unscopedLists {
		l := unscopedListOf(j)
		ents = append(ents, entityJSON{UID: ref("List", fmt.Sprint("l", j)), Attrs: map[string]any{"tag": l.tag, "level": l.level}, Parents: []map[string]string{}})
	}
	var reqs []request
	for k := range 64 {
		ui, lj, ctxN := (k*13)%unscopedUsers, (k*7)%unscopedLists, int64((k*29)%100)
		u, l := unscopedUserOf(ui), unscopedListOf(lj)
		permit, forbid := false, false
		for _, r := range rules {
			if r.holds(u, l, ctxN) {
				if r.forbid {
					forbid = true
				} else {
					permit = true
				}
			}
		}
		reqs = append(reqs, request{
			Principal: uid{"User", fmt.Sprint("u", ui)}, Action: uid{"Action", "GetList"}, Resource: uid{"List", fmt.Sprint("l", lj)},
			Context: nContext(ctxN), Allow: permit && !forbid,
		})
	}
	return input{Name: fmt.Sprintf("unscoped=%d", n), Policies: []byte(b.String()), Entities: mustJSON(ents), Requests: reqs}
}
