package authz

import (
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/parse"
)

// TestHalfTypedPolicyIsSkipped: a file whose second of three policies is
// being typed still authorizes with the other two, under the ids they
// have in the whole file, while the broken one stays in the file as a
// partial tree and cannot be added on its own.
func TestHalfTypedPolicyIsSkipped(t *testing.T) {
	for _, middle := range []string{
		// typing an attribute, the editor having closed the brace
		`permit(principal, action, resource) when { principal. };`,
		// typing the scope, the next policy on the next line
		`forbid(principal in Gr`,
		// a missing `;` before the next policy
		`forbid(principal, action == Action::"edit", resource) when { true }`,
	} {
		src := "permit(principal == User::\"alice\", action == Action::\"edit\", resource);\n" +
			middle + "\n" +
			"forbid(principal, action == Action::\"view\", resource) unless { principal.level > 5 };\n"
		file, errs := parse.Policies([]byte(src))
		if len(errs) == 0 || len(file.Policies) != 3 {
			t.Fatalf("%s: %d errors, %d policies; want errors and all 3 policies", middle, len(errs), len(file.Policies))
		}
		broken := file.Policies[1]
		if !broken.HasErrors() || broken.ID != "policy1" || broken.EffectSpan == (ast.Policy{}).EffectSpan {
			t.Fatalf("%s: the middle policy is not kept as a partial tree: %+v", middle, broken)
		}
		if ps := NewPolicySet(); ps.Add(broken) == nil {
			t.Errorf("%s: a policy with parse errors was added", middle)
		}
		ps := NewPolicySet()
		if err := ps.AddFile(file); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, p := range ps.Policies() {
			ids = append(ids, p.ID)
		}
		if strings.Join(ids, " ") != "policy0 policy2" {
			t.Errorf("%s: policies authorized: %v", middle, ids)
		}
		if got := describe(ps.Authorize(store(t), request("edit"))); got != "allow [policy0] errors[]" {
			t.Errorf("%s: edit: %s", middle, got)
		}
		if got := describe(ps.Authorize(store(t), request("view"))); got != "deny [policy2] errors[]" {
			t.Errorf("%s: view: %s", middle, got)
		}
	}
}
