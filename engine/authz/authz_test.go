package authz

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/eval"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

func policySet(t *testing.T, src string) *PolicySet {
	t.Helper()
	file, errs := parse.Policies([]byte(src))
	if len(errs) > 0 {
		t.Fatalf("parse: %v", errs)
	}
	ps := NewPolicySet()
	if err := ps.AddFile(file); err != nil {
		t.Fatal(err)
	}
	return ps
}

func store(t *testing.T) *entities.Store {
	t.Helper()
	ents, err := entitiesjson.Parse([]byte(`[
	  {"uid": {"type": "User", "id": "alice"}, "attrs": {"level": 3}, "parents": [{"type": "Group", "id": "admins"}]},
	  {"uid": {"type": "Group", "id": "admins"}, "attrs": {}, "parents": []},
	  {"uid": {"type": "Action", "id": "edit"}, "attrs": {}, "parents": [{"type": "Action", "id": "write"}]}
	]`))
	if err != nil {
		t.Fatal(err)
	}
	s, err := entities.NewStore(ents)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func request(action string) *eval.Request {
	return &eval.Request{
		Principal: types.NewEntityUID("User", "alice"),
		Action:    types.NewEntityUID("Action", action),
		Resource:  types.NewEntityUID("Doc", "d"),
		Context:   types.NewRecord(nil),
	}
}

func describe(r Response) string {
	var errs []string
	for _, e := range r.Errors {
		errs = append(errs, e.PolicyID)
	}
	return fmt.Sprintf("%s %v errors%v", r.Decision, r.Reasons, errs)
}

func TestAuthorize(t *testing.T) {
	tests := []struct {
		name, policies, action, want string
	}{
		{"default deny", ``, "view", "deny [] errors[]"},
		{"no matching policy", `permit(principal, action == Action::"other", resource);`, "view", "deny [] errors[]"},
		{"permit", `permit(principal, action, resource);`, "view", "allow [policy0] errors[]"},
		{"forbid overrides permit",
			`permit(principal, action, resource); forbid(principal in Group::"admins", action, resource);`,
			"view", "deny [policy1] errors[]"},
		{"unsatisfied forbid does not deny",
			`permit(principal, action, resource); forbid(principal, action, resource) when { principal.level > 5 };`,
			"view", "allow [policy0] errors[]"},
		{"reasons are all satisfied permits, sorted",
			`permit(principal, action, resource); permit(principal is User, action, resource); permit(principal, action, resource) when { false };`,
			"view", "allow [policy0 policy1] errors[]"},
		{"erroring policy is skipped and reported",
			`permit(principal, action, resource) when { principal.nope }; permit(principal, action, resource);`,
			"view", "allow [policy1] errors[policy0]"},
		{"erroring forbid does not deny",
			`forbid(principal, action, resource) when { resource.x == 1 }; permit(principal, action, resource);`,
			"view", "allow [policy1] errors[policy0]"},
		{"non-boolean condition is an error", `permit(principal, action, resource) when { 1 };`, "view", "deny [] errors[policy0]"},
		{"unless", `permit(principal, action, resource) unless { principal.level == 3 };`, "view", "deny [] errors[]"},
		{"several conditions", `permit(principal, action, resource) when { true } unless { false } when { principal.level == 3 };`, "view", "allow [policy0] errors[]"},
		{"condition not evaluated when scope fails", `permit(principal, action == Action::"x", resource) when { principal.nope };`, "view", "deny [] errors[]"},
		{"action in hierarchy", `permit(principal, action in Action::"write", resource);`, "edit", "allow [policy0] errors[]"},
		{"action in set", `permit(principal, action in [Action::"x", Action::"write"], resource);`, "edit", "allow [policy0] errors[]"},
		{"is in scope", `permit(principal is User in Group::"admins", action, resource is Doc);`, "view", "allow [policy0] errors[]"},
		{"is in scope wrong type", `permit(principal is Group in Group::"admins", action, resource);`, "view", "deny [] errors[]"},
	}
	s := store(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := describe(policySet(t, tc.policies).Authorize(s, request(tc.action)))
			if got != tc.want {
				t.Fatalf("got %s, want %s", got, tc.want)
			}
		})
	}
}

// TestIndexAgreesWithLinearScan checks that with enough policies to use the
// scope index, every request gets the answer a scan of all policies gives.
func TestIndexAgreesWithLinearScan(t *testing.T) {
	var b strings.Builder
	scopes := []string{
		`principal, action, resource`,
		`principal == User::"alice", action, resource`,
		`principal in Group::"admins", action, resource`,
		`principal is User, action, resource`,
		`principal, action == Action::"edit", resource`,
		`principal, action in Action::"write", resource`,
		`principal, action in [Action::"edit", Action::"write"], resource`,
		`principal, action in [], resource`,
		`principal, action, resource == Doc::"d"`,
		`principal, action, resource is Doc in Doc::"d"`,
		`principal == User::"bob", action, resource`,
		`principal is Group, action, resource`,
	}
	for i := 0; i < 3; i++ {
		for j, sc := range scopes {
			effect := "permit"
			if (i+j)%5 == 4 {
				effect = "forbid"
			}
			fmt.Fprintf(&b, "%s(%s) when { %d < 3 };\n", effect, sc, i+j%3)
		}
	}
	ps := policySet(t, b.String())
	if len(ps.entries) <= linearScanMax {
		t.Fatalf("only %d policies: the index is not used", len(ps.entries))
	}
	s := store(t)
	for _, action := range []string{"edit", "write", "view"} {
		for _, principal := range []types.EntityUID{types.NewEntityUID("User", "alice"), types.NewEntityUID("Group", "admins"), types.NewEntityUID("User", "bob")} {
			req := request(action)
			req.Principal = principal
			got := describe(ps.Authorize(s, req))
			want := describe(linearAuthorize(ps, s, req))
			if got != want {
				t.Errorf("%s %s: index says %s, linear scan %s", principal, action, got, want)
			}
		}
	}
}

// linearAuthorize is Authorize without the index, for comparison.
func linearAuthorize(ps *PolicySet, s *entities.Store, req *eval.Request) Response {
	small := &PolicySet{}
	var out Response
	var permits, forbids []string
	for _, e := range ps.entries {
		small.entries = []*entry{e}
		r := small.Authorize(s, req)
		switch {
		case len(r.Errors) > 0:
			out.Errors = append(out.Errors, r.Errors...)
		case r.Decision == Allow:
			permits = append(permits, e.policy.ID)
		case len(r.Reasons) > 0:
			forbids = append(forbids, e.policy.ID)
		}
	}
	sortStrings := func(s []string) []string {
		for i := 1; i < len(s); i++ {
			for j := i; j > 0 && s[j] < s[j-1]; j-- {
				s[j], s[j-1] = s[j-1], s[j]
			}
		}
		return s
	}
	switch {
	case len(forbids) > 0:
		out.Reasons = sortStrings(forbids)
	case len(permits) > 0:
		out.Decision, out.Reasons = Allow, sortStrings(permits)
	default:
		out.Reasons = []string{}
	}
	return out
}

func TestTemplatesAndLinks(t *testing.T) {
	ps := policySet(t, `
permit(principal == ?principal, action, resource in ?resource) when { principal.level > 1 };
forbid(principal, action == Action::"delete", resource);`)
	if len(ps.Templates()) != 1 || len(ps.Policies()) != 1 {
		t.Fatalf("%d templates, %d policies; want 1 and 1", len(ps.Templates()), len(ps.Policies()))
	}
	s := store(t)
	if got := describe(ps.Authorize(s, request("view"))); got != "deny [] errors[]" {
		t.Fatalf("before linking: %s", got)
	}
	alice, doc := types.NewEntityUID("User", "alice"), types.NewEntityUID("Doc", "d")
	if err := ps.Link("policy0", "link1", map[ast.Slot]types.EntityUID{ast.SlotPrincipal: alice, ast.SlotResource: doc}); err != nil {
		t.Fatal(err)
	}
	if got := describe(ps.Authorize(s, request("view"))); got != "allow [link1] errors[]" {
		t.Fatalf("after linking: %s", got)
	}
	if got := describe(ps.Authorize(s, request("delete"))); got != "deny [policy1] errors[]" {
		t.Fatalf("forbid over link: %s", got)
	}
	if from, ok := ps.LinkedFrom("link1"); !ok || from != "policy0" {
		t.Fatalf("LinkedFrom = %q, %v", from, ok)
	}
	if p, ok := ps.Policy("link1"); !ok || p.Principal.Entity.UID != alice || p.Principal.Entity.Slot != ast.NoSlot {
		t.Fatalf("linked policy scope not filled in: %+v", p)
	}
	for _, bad := range []struct {
		tmpl, id string
		slots    map[ast.Slot]types.EntityUID
		want     string
	}{
		{"nope", "l2", nil, "template `nope` does not exist"},
		{"policy0", "link1", map[ast.Slot]types.EntityUID{ast.SlotPrincipal: alice, ast.SlotResource: doc}, "duplicate policy id `link1`"},
		{"policy0", "policy1", map[ast.Slot]types.EntityUID{ast.SlotPrincipal: alice, ast.SlotResource: doc}, "duplicate policy id"},
		{"policy0", "l3", map[ast.Slot]types.EntityUID{ast.SlotPrincipal: alice}, "no value provided for `?resource`"},
		{"policy1", "l4", nil, "template `policy1` does not exist"},
	} {
		if err := ps.Link(bad.tmpl, bad.id, bad.slots); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("Link(%s, %s): got %v, want %q", bad.tmpl, bad.id, err, bad.want)
		}
	}
	onlyPrincipal := policySet(t, `permit(principal == ?principal, action, resource);`)
	if err := onlyPrincipal.Link("policy0", "l", map[ast.Slot]types.EntityUID{ast.SlotPrincipal: alice, ast.SlotResource: doc}); err == nil || !strings.Contains(err.Error(), "does not use") {
		t.Errorf("extra slot value: got %v", err)
	}
}

func TestDuplicatePolicyID(t *testing.T) {
	file, errs := parse.Policies([]byte(`permit(principal, action, resource);`))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	ps := NewPolicySet()
	if err := ps.Add(file.Policies[0]); err != nil {
		t.Fatal(err)
	}
	if err := ps.Add(file.Policies[0]); err == nil || !strings.Contains(err.Error(), "duplicate policy id `policy0`") {
		t.Fatalf("got %v", err)
	}
}

func TestPolicyErrorsCarrySpans(t *testing.T) {
	src := `permit(principal, action, resource) when { principal.nope };`
	resp := policySet(t, src).Authorize(store(t), request("view"))
	if len(resp.Errors) != 1 {
		t.Fatalf("errors %v", resp.Errors)
	}
	e := resp.Errors[0]
	if got := src[e.Span.Start:e.Span.End]; got != "principal.nope" || !strings.Contains(e.Message, "does not have the attribute `nope`") {
		t.Fatalf("error %q at %q", e.Message, got)
	}
}
