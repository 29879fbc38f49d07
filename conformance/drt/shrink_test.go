package drt

import (
	"strings"
	"testing"
)

func TestShrinkKeepsOnlyWhatFails(t *testing.T) {
	c := &Case{Requests: []Request{{Principal: UID{"User", "a"}}, {Principal: UID{"User", "b"}}}}
	c.SetPolicies([]string{
		"permit(principal, action, resource);",
		"forbid(principal, action, resource) when { 1 + 1 == 3 };",
		"permit(principal == User::\"b\", action, resource) when { culprit };",
		"forbid(principal, action, resource) when { false };",
	})
	// A pretend engine bug: any case containing the culprit policy fails
	// for User::"b".
	fails := func(sc *Case) bool {
		return sc.Requests[0].Principal.ID == "b" && strings.Contains(sc.Policies, "culprit")
	}
	small := Shrink(c, 1, fails)
	if len(small.Requests) != 1 || small.Requests[0].Principal.ID != "b" {
		t.Errorf("requests = %v, want only User::\"b\"'s", small.Requests)
	}
	if len(small.PolicyList) != 1 || !strings.Contains(small.Policies, "culprit") {
		t.Errorf("policies = %q, want only the culprit", small.PolicyList)
	}
	if len(c.PolicyList) != 4 || len(c.Requests) != 2 {
		t.Error("Shrink modified its input case")
	}
}

func TestShrinkOfUnreproducibleFailureKeepsPolicies(t *testing.T) {
	c := &Case{Requests: []Request{{}}}
	c.SetPolicies([]string{"permit(principal, action, resource);", "forbid(principal, action, resource);"})
	small := Shrink(c, 0, func(*Case) bool { return false })
	if len(small.PolicyList) != 2 {
		t.Errorf("policies = %q, want both kept", small.PolicyList)
	}
}

func TestOutcomeSame(t *testing.T) {
	allow := Outcome{Decision: "allow", Reasons: []string{"policy0"}}
	tests := []struct {
		name string
		a, b Outcome
		same bool
	}{
		{"identical", allow, allow, true},
		{"nil and empty reasons", Outcome{Decision: "deny"}, Outcome{Decision: "deny", Reasons: []string{}}, true},
		{"messages are not compared", Outcome{Decision: "deny", ErrorPolicies: []string{"policy1"}, Errors: []string{"policy1: x"}},
			Outcome{Decision: "deny", ErrorPolicies: []string{"policy1"}, Errors: []string{"policy1: y"}}, true},
		{"failures of different wording", Outcome{Failure: "a"}, Outcome{Failure: "b"}, true},
		{"decision", allow, Outcome{Decision: "deny", Reasons: []string{"policy0"}}, false},
		{"reasons", allow, Outcome{Decision: "allow", Reasons: []string{"policy1"}}, false},
		{"erroring policies", Outcome{Decision: "deny", ErrorPolicies: []string{"policy1"}}, Outcome{Decision: "deny"}, false},
		{"failure against answer", Outcome{Failure: "bad"}, Outcome{Decision: "deny"}, false},
	}
	for _, tc := range tests {
		if got := tc.a.Same(tc.b); got != tc.same {
			t.Errorf("%s: Same = %v, want %v", tc.name, got, tc.same)
		}
		if got := tc.b.Same(tc.a); got != tc.same {
			t.Errorf("%s (swapped): Same = %v, want %v", tc.name, got, tc.same)
		}
	}
}
