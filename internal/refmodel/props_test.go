package refmodel_test

import (
	"flag"
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/internal/refmodel"
	"github.com/cedar-ls/cedar-ls/internal/refmodel/gen"
)

// -spec.n raises the number of generated scenarios per property, e.g.
// `go test ./internal/refmodel/ -spec.n 100000`.
var scenarios = flag.Int("spec.n", 2000, "generated scenarios per property")

// decided is one authorization of a generated scenario.
type decided struct {
	s    gen.Scenario
	ents map[types.EntityUID]*refmodel.Entity
	req  refmodel.Request
	resp refmodel.Response
}

func (d decided) String() string {
	return fmt.Sprintf("request %+v\npolicies:\n%s\nresponse %+v", d.req, policiesText(d.s.Policies), d.resp)
}

func policiesText(ps []*ast.Policy) string {
	out := ""
	for _, p := range ps {
		out += p.ID + ": " + ast.PolicyText(p) + "\n"
	}
	return out
}

// forEachDecision authorizes every request of *scenarios generated
// scenarios and hands each outcome to check, which returns a violation or "".
// Each property uses its own seed, so properties see different scenarios.
func forEachDecision(t *testing.T, seed int64, check func(d decided) string) {
	t.Helper()
	g := gen.New(seed)
	allows, denies, errored := 0, 0, 0
	for i := 0; i < *scenarios; i++ {
		s := g.Scenario()
		ents, err := refmodel.Entities(s.Entities)
		if err != nil {
			t.Fatal(err)
		}
		for _, req := range s.Requests {
			d := decided{s: s, ents: ents, req: req, resp: refmodel.IsAuthorized(req, s.Policies, ents)}
			if d.resp.Decision == "allow" {
				allows++
			} else {
				denies++
			}
			if len(d.resp.Errored) > 0 {
				errored++
			}
			if problem := check(d); problem != "" {
				t.Fatalf("scenario %d (seed %d): %s\n%s", i, seed, problem, d)
			}
		}
	}
	t.Logf("%d allows, %d denies, %d with erroring policies", allows, denies, errored)
	// The generator must exercise every outcome for a property to mean
	// anything.
	if allows == 0 || denies == 0 || errored == 0 {
		t.Errorf("generator too narrow: %d allows, %d denies, %d with errors", allows, denies, errored)
	}
}

// without returns the policies whose ids are not in drop.
func without(ps []*ast.Policy, drop []string) []*ast.Policy {
	var out []*ast.Policy
	for _, p := range ps {
		if !slices.Contains(drop, p.ID) {
			out = append(out, p)
		}
	}
	return out
}

func effectOf(ps []*ast.Policy, id string) ast.Effect {
	for _, p := range ps {
		if p.ID == id {
			return p.Effect
		}
	}
	panic("no policy " + id)
}

// Allow implies some permit is satisfied: the reasons are satisfied permits,
// and without them the request is denied.
func TestExplicitPermit(t *testing.T) {
	forEachDecision(t, 1, func(d decided) string {
		if d.resp.Decision != "allow" {
			return ""
		}
		if len(d.resp.Reasons) == 0 {
			return "allowed without reasons"
		}
		for _, id := range d.resp.Reasons {
			if effectOf(d.s.Policies, id) != ast.Permit {
				return "allowed with forbid " + id + " as a reason"
			}
		}
		if refmodel.IsAuthorized(d.req, without(d.s.Policies, d.resp.Reasons), d.ents).Decision != "deny" {
			return "still allowed without the satisfied permits"
		}
		return ""
	})
}

// A satisfied forbid means Deny, and it is a reason; adding an
// unconditional forbid denies every request.
func TestForbidOverridesPermit(t *testing.T) {
	forbidAll := &ast.Policy{ID: "forbid-all", Effect: ast.Forbid}
	forEachDecision(t, 2, func(d decided) string {
		for _, p := range d.s.Policies {
			ok, err := refmodel.Satisfied(p, d.req, d.ents)
			if ok && err == nil && p.Effect == ast.Forbid && (d.resp.Decision != "deny" || !slices.Contains(d.resp.Reasons, p.ID)) {
				return "satisfied forbid " + p.ID + " did not deny with it as a reason"
			}
		}
		r := refmodel.IsAuthorized(d.req, append(slices.Clone(d.s.Policies), forbidAll), d.ents)
		if r.Decision != "deny" || !slices.Contains(r.Reasons, "forbid-all") {
			return fmt.Sprintf("unconditional forbid gave %+v", r)
		}
		return ""
	})
}

// Without a satisfied permit the request is denied, in particular with no
// permit policies at all.
func TestDefaultDeny(t *testing.T) {
	forEachDecision(t, 3, func(d decided) string {
		var forbids []*ast.Policy
		anyPermit := false
		for _, p := range d.s.Policies {
			ok, err := refmodel.Satisfied(p, d.req, d.ents)
			anyPermit = anyPermit || ok && err == nil && p.Effect == ast.Permit
			if p.Effect == ast.Forbid {
				forbids = append(forbids, p)
			}
		}
		if !anyPermit && d.resp.Decision != "deny" {
			return "allowed without a satisfied permit"
		}
		if r := refmodel.IsAuthorized(d.req, forbids, d.ents); r.Decision != "deny" {
			return "allowed by forbid policies alone"
		}
		return ""
	})
}

// An erroring policy never affects the decision: replacing the condition of
// every erroring policy by `false` gives the same decision and reasons and
// no errors. Erroring policies are never reasons.
func TestErrorsNeverDecide(t *testing.T) {
	forEachDecision(t, 4, func(d decided) string {
		if len(d.resp.Errored) == 0 {
			return ""
		}
		var replaced []*ast.Policy
		for _, p := range d.s.Policies {
			if slices.Contains(d.resp.Errored, p.ID) {
				q := *p
				q.Conditions = []ast.Condition{{Body: &ast.Literal{Value: types.False}}}
				p = &q
			}
			replaced = append(replaced, p)
		}
		r := refmodel.IsAuthorized(d.req, replaced, d.ents)
		if r.Decision != d.resp.Decision || !slices.Equal(r.Reasons, d.resp.Reasons) || len(r.Errored) != 0 {
			return fmt.Sprintf("with erroring policies made false: %+v", r)
		}
		for _, id := range d.resp.Errored {
			if slices.Contains(d.resp.Reasons, id) {
				return "erroring policy " + id + " is a reason"
			}
		}
		return ""
	})
}

// Shuffling the policies and renaming their ids changes neither the
// decision nor, up to the renaming, the reasons and errors.
func TestOrderAndIDsIrrelevant(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	forEachDecision(t, 5, func(d decided) string {
		rename := map[string]string{}
		var shuffled []*ast.Policy
		for _, i := range r.Perm(len(d.s.Policies)) {
			q := *d.s.Policies[i]
			q.ID = fmt.Sprintf("renamed%d", r.Intn(1000)*100+i) // distinct: i differs
			rename[d.s.Policies[i].ID] = q.ID
			shuffled = append(shuffled, &q)
		}
		got := refmodel.IsAuthorized(d.req, shuffled, d.ents)
		mapped := func(ids []string) []string {
			out := make([]string, len(ids))
			for i, id := range ids {
				out[i] = rename[id]
			}
			slices.Sort(out)
			return out
		}
		if got.Decision != d.resp.Decision || !slices.Equal(got.Reasons, mapped(d.resp.Reasons)) || !slices.Equal(got.Errored, mapped(d.resp.Errored)) {
			return fmt.Sprintf("after shuffling and renaming: %+v", got)
		}
		return ""
	})
}

// The same inputs give the same response, and authorizing does not change
// its inputs.
func TestDeterminism(t *testing.T) {
	forEachDecision(t, 6, func(d decided) string {
		before := policiesText(d.s.Policies)
		again := refmodel.IsAuthorized(d.req, d.s.Policies, d.ents)
		if !reflect.DeepEqual(again, d.resp) {
			return fmt.Sprintf("second run gave %+v", again)
		}
		if policiesText(d.s.Policies) != before {
			return "policies changed by authorizing"
		}
		return ""
	})
}

// TestAuthorizerTable pins the authorizer's combination rule on small
// hand-written policy sets.
func TestAuthorizerTable(t *testing.T) {
	req, ents := fixture(t)
	for _, tc := range []struct {
		name, policies string
		want           refmodel.Response
	}{
		{"no policies", ``, refmodel.Response{Decision: "deny"}},
		{"one permit", `permit(principal, action, resource);`, refmodel.Response{Decision: "allow", Reasons: []string{"policy0"}}},
		{"forbid wins", `permit(principal, action, resource); forbid(principal in Group::"g2", action, resource);`,
			refmodel.Response{Decision: "deny", Reasons: []string{"policy1"}}},
		{"unsatisfied forbid", `permit(principal, action, resource); forbid(principal, action, resource) when { false };`,
			refmodel.Response{Decision: "allow", Reasons: []string{"policy0"}}},
		{"erroring forbid does not deny", `permit(principal, action, resource); forbid(principal, action, resource) when { principal.nope };`,
			refmodel.Response{Decision: "allow", Reasons: []string{"policy0"}, Errored: []string{"policy1"}}},
		{"erroring permit does not allow", `permit(principal, action, resource) when { 1 + "a" == 2 };`,
			refmodel.Response{Decision: "deny", Errored: []string{"policy0"}}},
		{"scope mismatch hides errors", `permit(principal is Group, action, resource) when { principal.nope };`,
			refmodel.Response{Decision: "deny"}},
		{"unless", `permit(principal, action in [Action::"read"], resource is Doc) unless { resource.owner != principal };`,
			refmodel.Response{Decision: "allow", Reasons: []string{"policy0"}}},
		{"unless must be bool", `permit(principal, action, resource) unless { 1 };`,
			refmodel.Response{Decision: "deny", Errored: []string{"policy0"}}},
		{"reasons sorted", `permit(principal == User::"alice", action, resource); permit(principal is User in Group::"g1", action == Action::"view", resource);`,
			refmodel.Response{Decision: "allow", Reasons: []string{"policy0", "policy1"}}},
		{"template not applicable", `permit(principal == ?principal, action, resource);`, refmodel.Response{Decision: "deny"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := refmodel.IsAuthorized(req, mustParsePolicies(t, tc.policies), ents)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}
