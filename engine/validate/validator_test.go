package validate

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"sync"
	"testing"
)

// TestValidatorConcurrentUse validates from several goroutines at once
// with one Validator (run it with -race): every goroutine must get exactly
// the result of a sequential run, policy set, single policies, types and
// environments alike.
func TestValidatorConcurrentUse(t *testing.T) {
	s := benchSchema()
	ps := benchPolicies(t)[:120]
	// An undeclared entity type exercises the per-call types.
	ps = append(ps, parseOne(t, `permit(principal == Nope::"x", action, resource) when { principal.level > 1 && Other::"y" in resource };`))
	v := New(s, Options{})
	want, err := v.Validate(context.Background(), ps)
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Errors) == 0 {
		t.Fatal("the test policies have no errors: nothing is compared")
	}
	wantTypes := typingSummary(v.PolicyTypes(ps[1]))
	wantEnvs := v.RequestEnvs(ps[1])
	var wg sync.WaitGroup
	problems := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for round := 0; round < 3; round++ {
				switch (g + round) % 4 {
				case 0:
					got, err := v.Validate(context.Background(), ps)
					if err != nil || !reflect.DeepEqual(got, want) {
						problems <- fmt.Sprintf("goroutine %d: Validate differs from the sequential run", g)
					}
				case 1:
					var got Result
					for _, p := range ps {
						r := v.ValidatePolicy(p)
						got.Errors = append(got.Errors, r.Errors...)
						got.Warnings = append(got.Warnings, r.Warnings...)
					}
					if !reflect.DeepEqual(got, want) {
						problems <- fmt.Sprintf("goroutine %d: ValidatePolicy differs from the sequential run", g)
					}
				case 2:
					if got := typingSummary(v.PolicyTypes(ps[1])); !reflect.DeepEqual(got, wantTypes) {
						problems <- fmt.Sprintf("goroutine %d: PolicyTypes differs from the sequential run", g)
					}
				case 3:
					if got := v.RequestEnvs(ps[1]); !reflect.DeepEqual(got, wantEnvs) {
						problems <- fmt.Sprintf("goroutine %d: RequestEnvs differs from the sequential run", g)
					}
				}
			}
		}(g)
	}
	wg.Wait()
	close(problems)
	for p := range problems {
		t.Error(p)
	}
}

// typingSummary is PolicyTypes' result in comparable form: per environment,
// the type of every expression by its span and the errors.
func typingSummary(ts []*Typing) []string {
	var out []string
	for _, ty := range ts {
		out = append(out, fmt.Sprintf("%v result=%s errors=%v", ty.Env, ty.Result, ty.Errors))
		for e, typ := range ty.Types {
			out = append(out, fmt.Sprintf("%v %v: %s", ty.Env, e.Loc(), typ))
		}
	}
	sort.Strings(out)
	return out
}

func TestValidatorCancellation(t *testing.T) {
	v := New(benchSchema(), Options{})
	ps := benchPolicies(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := v.Validate(ctx, ps)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled context: got error %v", err)
	}
	if len(res.Errors)+len(res.Warnings) != 0 {
		t.Errorf("a validation cancelled before the first policy reported %d findings", len(res.Errors)+len(res.Warnings))
	}
	// Cancelled between policies: what was checked before is returned.
	const stopAfter = 10
	res, err = v.Validate(&countdown{Context: context.Background(), left: stopAfter}, ps)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("context cancelled after %d policies: got error %v", stopAfter, err)
	}
	if want := Validate(benchSchema(), ps[:stopAfter], Strict); !reflect.DeepEqual(res, want) {
		t.Errorf("cancelled after %d policies: got %d errors and %d warnings, want those of the first %d policies (%d, %d)",
			stopAfter, len(res.Errors), len(res.Warnings), stopAfter, len(want.Errors), len(want.Warnings))
	}
}

// countdown is a context that is cancelled once Err has been asked left
// times, so a test can cancel at an exact point between policies.
type countdown struct {
	context.Context
	left int
}

func (c *countdown) Err() error {
	if c.left == 0 {
		return context.Canceled
	}
	c.left--
	return nil
}
