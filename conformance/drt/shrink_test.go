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
