package authz

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestExplainAgreesWithAuthorize (ids are by position: authz has no @id
// rule): Explain answers what Authorize answers
// and classifies every policy, below and above the index threshold.
func TestExplainAgreesWithAuthorize(t *testing.T) {
	var b strings.Builder
	b.WriteString(`@id("admins-edit") permit (principal in Group::"admins", action == Action::"edit", resource);
@id("high-level") permit (principal, action, resource) when { principal.level > 5 };
@id("no-d") forbid (principal, action == Action::"delete", resource == Doc::"d");
@id("broken") permit (principal, action == Action::"view", resource) when { principal.nope == 1 };
@id("other-user") permit (principal == User::"bob", action, resource);
`)
	small := policySet(t, b.String())
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, "permit (principal == User::\"u%d\", action, resource);\n", i)
	}
	large := policySet(t, b.String())
	want := map[string]map[string]Outcome{
		"edit":   {"policy0": Satisfied, "policy1": ConditionFalse},
		"delete": {"policy2": Satisfied, "policy1": ConditionFalse},
		"view":   {"policy3": Errored, "policy1": ConditionFalse},
	}
	for name, ps := range map[string]*PolicySet{"small": small, "large": large} {
		for action, outcomes := range want {
			req := request(action)
			x := ps.Explain(store(t), req)
			if got, want := describe(x.Response), describe(ps.Authorize(store(t), req)); got != want {
				t.Errorf("%s %s: Explain says %s, Authorize %s", name, action, got, want)
			}
			if !reflect.DeepEqual(x.Outcomes, outcomes) {
				t.Errorf("%s %s: outcomes %v, want %v", name, action, x.Outcomes, outcomes)
			}
			if x.Outcome("policy4") != NotApplicable {
				t.Errorf("%s %s: policy4 (other user) is %v", name, action, x.Outcome("policy4"))
			}
		}
	}
}
