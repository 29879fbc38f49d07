package authz

import (
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/eval"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// TestFirstAuthorizeConcurrently: the index and the compiled conditions
// are built by the first requests, which may come at once; every one gets
// the decision a set built before any request gives (run with -race).
func TestFirstAuthorizeConcurrently(t *testing.T) {
	reqs := make([]*eval.Request, 40)
	for i := range reqs {
		reqs[i] = tinyTodoRequest()
		if i > 0 {
			reqs[i].Principal = types.NewEntityUID("User", fmt.Sprintf("u%d", i*7))
			reqs[i].Resource = types.NewEntityUID("List", fmt.Sprintf("l%d", i*7))
		}
	}
	warm, store := tinyTodo(t, 500)
	want := make([]Response, len(reqs))
	for i, r := range reqs {
		want[i] = warm.Authorize(store, r)
	}
	for round := 0; round < 5; round++ {
		ps, _ := tinyTodo(t, 500)
		var wg sync.WaitGroup
		for g := 0; g < 4; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range reqs {
					k := (i + g*11) % len(reqs)
					if got := ps.Authorize(store, reqs[k]); !reflect.DeepEqual(got, want[k]) {
						t.Errorf("request %d: %+v, want %+v", k, got, want[k])
					}
				}
			}()
		}
		wg.Wait()
	}
}

// TestAddAfterAuthorize: policies added after the index was built are
// indexed by the next request.
func TestAddAfterAuthorize(t *testing.T) {
	ps, store := tinyTodo(t, 100)
	req := tinyTodoRequest()
	req.Principal = types.NewEntityUID("User", "late")
	if got := ps.Authorize(store, req); got.Decision != Deny {
		t.Fatalf("before: %+v, want deny", got)
	}
	late := *policySet(t, `permit(principal == User::"late", action, resource);`).Policies()[0]
	late.ID = "late"
	if err := ps.Add(&late); err != nil {
		t.Fatal(err)
	}
	if got := ps.Authorize(store, req); got.Decision != Allow || !reflect.DeepEqual(got.Reasons, []string{"late"}) {
		t.Fatalf("after: %+v, want allow by late", got)
	}
}
