package authz

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/eval"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// tinyTodo loads TinyTodo's three policies plus n generated ones of the
// form `permit(principal == User::"uI", action == Action::"GetList",
// resource == List::"lI") when { context.n > I };`.
func tinyTodo(tb testing.TB, n int) (*PolicySet, *entities.Store) {
	tb.Helper()
	src, err := os.ReadFile("testdata/tinytodo.cedar")
	if err != nil {
		tb.Fatal(err)
	}
	var b strings.Builder
	b.Write(src)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "permit(principal == User::\"u%d\", action == Action::\"GetList\", resource == List::\"l%d\") when { context.n > %d };\n", i, i, i)
	}
	file, errs := parse.Policies([]byte(b.String()))
	if len(errs) > 0 {
		tb.Fatal(errs[0])
	}
	ps := NewPolicySet()
	if err := ps.AddFile(file); err != nil {
		tb.Fatal(err)
	}
	entJSON, err := os.ReadFile("testdata/tinytodo.entities.json")
	if err != nil {
		tb.Fatal(err)
	}
	ents, err := entitiesjson.Parse(entJSON)
	if err != nil {
		tb.Fatal(err)
	}
	store, err := entities.NewStore(ents)
	if err != nil {
		tb.Fatal(err)
	}
	return ps, store
}

// tinyTodoRequest: aaron (an intern, and a reader of list1 through his
// team) reads list1, so every policy's scope is tested and policy1 ("viewer") allows.
func tinyTodoRequest() *eval.Request {
	return &eval.Request{
		Principal: types.NewEntityUID("User", "aaron"),
		Action:    types.NewEntityUID("Action", "GetList"),
		Resource:  types.NewEntityUID("List", "list1"),
		Context:   types.NewRecord(map[string]types.Value{"n": types.Long(5)}),
	}
}

func TestTinyTodoBenchmarkSetup(t *testing.T) {
	for _, n := range []int{0, 100, 10000} {
		ps, store := tinyTodo(t, n)
		if got := len(ps.Policies()); got != 3+n {
			t.Fatalf("%d policies, want %d", got, 3+n)
		}
		resp := ps.Authorize(store, tinyTodoRequest())
		if resp.Decision != Allow || strings.Join(resp.Reasons, ",") != "policy1" || len(resp.Errors) != 0 {
			t.Fatalf("n=%d: got %+v, want allow by policy1 (viewer)", n, resp)
		}
	}
}

func BenchmarkAuthorize(b *testing.B) {
	for _, n := range []int{0, 100, 10000} {
		b.Run(fmt.Sprintf("policies=%d", 3+n), func(b *testing.B) {
			ps, store := tinyTodo(b, n)
			req := tinyTodoRequest()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if ps.Authorize(store, req).Decision != Allow {
					b.Fatal("want allow")
				}
			}
		})
	}
}
