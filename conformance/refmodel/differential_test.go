package refmodel

import (
	"flag"
	"fmt"
	"slices"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/authz"
	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/eval"
	"github.com/cedar-ls/cedar-ls/internal/refmodel"
	"github.com/cedar-ls/cedar-ls/internal/refmodel/gen"
)

var scenarios = flag.Int("spec.n", 2000, "generated scenarios for the differential test")

// TestSpecAgreesWithProduction feeds generated scenarios to the reference
// model and to the production authorizer (engine/authz with its compiled
// evaluator, scope index and entity store) and requires the same decision,
// reasons and erroring policies.
func TestSpecAgreesWithProduction(t *testing.T) {
	g := gen.New(42)
	requests, disagreements := 0, 0
	for i := 0; i < *scenarios; i++ {
		s := g.Scenario()
		ents, err := refmodel.Entities(s.Entities)
		if err != nil {
			t.Fatal(err)
		}
		prodEnts := make([]*entities.Entity, len(s.Entities))
		for j, e := range s.Entities {
			pe := entities.Entity(e) // the same fields, so a plain conversion
			prodEnts[j] = &pe
		}
		store, err := entities.NewStore(prodEnts)
		if err != nil {
			t.Fatal(err)
		}
		ps := authz.NewPolicySet()
		for _, p := range s.Policies {
			if err := ps.Add(p); err != nil {
				t.Fatalf("scenario %d: %v", i, err)
			}
		}
		for _, req := range s.Requests {
			requests++
			want := refmodel.IsAuthorized(req, s.Policies, ents)
			prodReq := eval.Request(req)
			got := ps.Authorize(store, &prodReq)
			var gotErrored []string
			for _, e := range got.Errors {
				gotErrored = append(gotErrored, e.PolicyID)
			}
			slices.Sort(gotErrored)
			if got.Decision.String() == want.Decision && slices.Equal(got.Reasons, want.Reasons) && slices.Equal(gotErrored, want.Errored) {
				continue
			}
			disagreements++
			if disagreements <= 10 {
				t.Errorf("scenario %d: production %s %v errors %v, spec %+v\nrequest %+v\n%s",
					i, got.Decision, got.Reasons, got.Errors, want, req, policiesText(s.Policies))
			}
		}
	}
	t.Logf("%d requests, %d disagreements", requests, disagreements)
}

func policiesText(ps []*ast.Policy) string {
	out := ""
	for _, p := range ps {
		out += fmt.Sprintf("%s: %s\n", p.ID, ast.PolicyText(p))
	}
	return out
}
