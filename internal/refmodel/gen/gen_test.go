package gen

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

func TestSameSeedSameScenarios(t *testing.T) {
	a, b := New(9), New(9)
	for i := 0; i < 50; i++ {
		if sa, sb := a.Scenario(), b.Scenario(); !reflect.DeepEqual(sa, sb) {
			t.Fatalf("scenario %d differs for the same seed", i)
		}
	}
}

// TestCoverage: over a few hundred scenarios every kind of expression node
// and scope constraint appears, and no entity hierarchy has a cycle
// (official Cedar rejects those).
func TestCoverage(t *testing.T) {
	g := New(1)
	seen := map[string]bool{}
	for i := 0; i < 500; i++ {
		s := g.Scenario()
		for _, p := range s.Policies {
			for _, sc := range []ast.Scope{p.Principal, p.Action, p.Resource} {
				seen[fmt.Sprintf("scope%d", sc.Op)] = true
			}
			for _, c := range p.Conditions {
				ast.Inspect(c.Body, func(e ast.Expr) bool {
					seen[fmt.Sprintf("%T", e)] = true
					return true
				})
			}
		}
		parents := map[types.EntityUID][]types.EntityUID{}
		for _, e := range s.Entities {
			parents[e.UID] = e.Parents
		}
		for _, e := range s.Entities {
			if reaches(parents, e.Parents, e.UID, map[types.EntityUID]bool{}) {
				t.Fatalf("scenario %d: %s is its own ancestor", i, e.UID)
			}
		}
	}
	for _, want := range []string{"scope0", "scope1", "scope2", "scope3", "scope4", "scope5",
		"*ast.Literal", "*ast.EntityLit", "*ast.VarExpr", "*ast.Unary", "*ast.Binary", "*ast.Has", "*ast.Like",
		"*ast.Is", "*ast.If", "*ast.GetAttr", "*ast.MethodCall", "*ast.Call", "*ast.SetExpr", "*ast.RecordExpr"} {
		if !seen[want] {
			t.Errorf("%s never generated", want)
		}
	}
}

func reaches(parents map[types.EntityUID][]types.EntityUID, from []types.EntityUID, target types.EntityUID, seen map[types.EntityUID]bool) bool {
	for _, p := range from {
		if p == target {
			return true
		}
		if !seen[p] {
			seen[p] = true
			if reaches(parents, parents[p], target, seen) {
				return true
			}
		}
	}
	return false
}
