// Package bench compares cedar-ls with cedar-go (v1.9.0) on the same
// inputs: TinyTodo's policies and entities, and generated policy sets of
// 10, 100 and 10,000 policies; an unscoped workload of 1,000 and 10,000
// policies that no scope index narrows (inputs_unscoped.go); and the
// OOPSLA 2024 paper's applications gdrive, github and tinytodo, generated
// as the paper's benchmarks generate them (oopsla.go). Run
//
//	go test -bench . -count 10 ./bench/ > out.txt && benchstat -col /impl out.txt
//
// or one workload family, e.g. the paper's applications:
//
//	go test -run '^$' -bench 'Authorize//(gdrive|github|tinytodo)$' -count 6 ./bench/
//
// Benchmark names carry impl=… as a key so benchstat can put the
// implementations side by side. `go run ./cmd/bench-native` (make
// bench-native) adds official Cedar natively (../rust) to the comparison.
package bench

import (
	"encoding/json"
	"fmt"
	"strings"
)

// tinyTodoPolicies are TinyTodo's core rules: owners may do anything with
// their lists, readers and editors may read a list, interns may not create
// lists.
const tinyTodoPolicies = `// Owners may do anything with their lists.
permit (principal, action, resource is List)
when { resource.owner == principal };

// Readers and editors may see a list.
permit (principal, action == Action::"GetList", resource is List)
when { principal in resource.readers || principal in resource.editors };

// Interns may not create lists.
forbid (
  principal in Team::"interns",
  action == Action::"CreateList",
  resource == Application::"TinyTodo"
);
`

// generatedLists is how many List::"lI" entities the generated sets get
// (requests against them exercise both the generated and TinyTodo rules).
const generatedLists = 50

// request is an implementation-neutral authorization request.
type request struct {
	Principal, Action, Resource uid
	// Context is the context in Cedar's JSON shape (entity references as
	// {"__entity": …}, sets as arrays); nil is the empty context.
	Context map[string]any
	// Allow is the expected decision, checked once before timing so the
	// benchmarks cannot silently measure a broken setup.
	Allow bool
}

// nContext is the context {"n": n} of the TinyTodo-based and unscoped
// workloads.
func nContext(n int64) map[string]any { return map[string]any{"n": n} }

// contextJSONValue is the context as a JSON object value ({} when nil).
func (r request) contextJSONValue() map[string]any {
	if r.Context == nil {
		return map[string]any{}
	}
	return r.Context
}

// contextJSON is the context as JSON text, for each engine's own reader.
func (r request) contextJSON() []byte { return mustJSON(r.contextJSONValue()) }

type uid struct{ Type, ID string }

// input is one benchmark input: policy text, entities JSON and requests.
type input struct {
	Name     string // policies=N, unscoped=N, or the application's name
	Policies []byte
	// Schema is the application's schema in Cedar's schema syntax, where
	// it has one: authorization does not read it, the tests validate the
	// policies and entities by it.
	Schema   []byte
	Entities []byte
	Requests []request
}

type entityJSON struct {
	UID     map[string]string   `json:"uid"`
	Attrs   map[string]any      `json:"attrs"`
	Parents []map[string]string `json:"parents"`
}

func ref(typ, id string) map[string]string { return map[string]string{"type": typ, "id": id} }

func entRef(typ, id string) map[string]any { return map[string]any{"__entity": ref(typ, id)} }

// tinyTodoEntities: alice owns list1, bob is a reader of it through his
// team, carol is an intern, dave is nobody in particular.
func tinyTodoEntities(extraLists int) []entityJSON {
	ents := []entityJSON{
		{UID: ref("Application", "TinyTodo"), Attrs: map[string]any{}, Parents: nil},
		{UID: ref("Team", "interns"), Attrs: map[string]any{}},
		{UID: ref("Team", "readers1"), Attrs: map[string]any{}},
		{UID: ref("Team", "editors1"), Attrs: map[string]any{}},
		{UID: ref("User", "alice"), Attrs: map[string]any{"name": "alice"}},
		{UID: ref("User", "bob"), Attrs: map[string]any{"name": "bob"}, Parents: []map[string]string{ref("Team", "readers1")}},
		{UID: ref("User", "carol"), Attrs: map[string]any{"name": "carol"}, Parents: []map[string]string{ref("Team", "interns")}},
		{UID: ref("User", "dave"), Attrs: map[string]any{"name": "dave"}},
		{UID: ref("List", "list1"), Attrs: map[string]any{
			"owner": entRef("User", "alice"), "readers": entRef("Team", "readers1"), "editors": entRef("Team", "editors1"), "name": "groceries",
		}},
	}
	for i := range extraLists {
		ents = append(ents, entityJSON{UID: ref("List", fmt.Sprintf("l%d", i)), Attrs: map[string]any{
			"owner": entRef("User", "alice"), "readers": entRef("Team", "readers1"), "editors": entRef("Team", "editors1"), "name": fmt.Sprint("list ", i),
		}})
	}
	for i := range ents {
		if ents[i].Parents == nil {
			ents[i].Parents = []map[string]string{}
		}
	}
	return ents
}

var tinyTodoRequests = []request{
	{Principal: uid{"User", "alice"}, Action: uid{"Action", "EditList"}, Resource: uid{"List", "list1"}, Context: nContext(0), Allow: true},
	{Principal: uid{"User", "bob"}, Action: uid{"Action", "GetList"}, Resource: uid{"List", "list1"}, Context: nContext(0), Allow: true},
	{Principal: uid{"User", "bob"}, Action: uid{"Action", "EditList"}, Resource: uid{"List", "list1"}, Context: nContext(0), Allow: false},
	{Principal: uid{"User", "carol"}, Action: uid{"Action", "CreateList"}, Resource: uid{"Application", "TinyTodo"}, Context: nContext(0), Allow: false},
	{Principal: uid{"User", "dave"}, Action: uid{"Action", "GetList"}, Resource: uid{"List", "list1"}, Context: nContext(0), Allow: false},
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // static data
	}
	return b
}

// inputs are the benchmark inputs: TinyTodo alone and with 10, 100 and
// 10,000 generated policies, then the unscoped workload (see
// unscopedInput) at 1,000 and 10,000 policies, then the OOPSLA 2024
// paper's applications gdrive, github and tinytodo (oopsla.go)
//
//	permit(principal == User::"uI", action == Action::"GetList", resource == List::"lI") when { context.n > I };
func inputs() []input {
	out := []input{{
		Name:     "policies=3",
		Policies: []byte(tinyTodoPolicies),
		Entities: mustJSON(tinyTodoEntities(0)),
		Requests: tinyTodoRequests,
	}}
	for _, n := range []int{10, 100, 10000} {
		var b strings.Builder
		b.WriteString(tinyTodoPolicies)
		for i := range n {
			fmt.Fprintf(&b, "permit(principal == User::\"u%d\", action == Action::\"GetList\", resource == List::\"l%d\") when { context.n > %d };\n", i, i, i)
		}
		reqs := append([]request(nil), tinyTodoRequests...)
		for k := range min(n, generatedLists) {
			// Even requests satisfy policy k's condition, odd ones do not.
			ctxN := int64(k)
			if k%2 == 0 {
				ctxN = int64(k + 1)
			}
			reqs = append(reqs, request{
				Principal: uid{"User", fmt.Sprintf("u%d", k)}, Action: uid{"Action", "GetList"}, Resource: uid{"List", fmt.Sprintf("l%d", k)},
				Context: nContext(ctxN), Allow: k%2 == 0,
			})
		}
		out = append(out, input{
			Name:     fmt.Sprintf("policies=%d", n+3),
			Policies: []byte(b.String()),
			Entities: mustJSON(tinyTodoEntities(min(n, generatedLists))),
			Requests: reqs,
		})
	}
	for _, n := range []int{1000, 10000} {
		out = append(out, unscopedInput(n))
	}
	return append(out, oopslaInputs()...)
}
