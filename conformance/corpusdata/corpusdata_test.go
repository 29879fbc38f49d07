package corpusdata

import (
	"testing"

	// The corpus archives ship in this module; importing it keeps it a
	// dependency of the conformance module.
	_ "github.com/cedar-policy/cedar-go"
)

func TestLoadHasTheWholeCorpus(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range c.Tests {
		for _, f := range []string{tc.Policies, tc.Entities, tc.Schema} {
			if _, ok := c.Files[f]; !ok {
				t.Fatalf("%s refers to %s, which the archive lacks", tc.Name, f)
			}
		}
	}
}

func TestDiff(t *testing.T) {
	r := &Request{Decision: "allow", Reason: []string{"b", "a"}, Errors: []string{"c"}}
	tests := []struct {
		got  Outcome
		want string
	}{
		{Outcome{"allow", []string{"a", "b"}, []string{"c"}}, ""},
		{Outcome{"deny", []string{"a", "b"}, []string{"c"}}, "decision deny, want allow"},
		{Outcome{"allow", []string{"a"}, []string{"c"}}, "reasons [a], want [a b]"},
		{Outcome{"allow", []string{"a", "b"}, nil}, "erroring policies [], want [c]"},
	}
	for _, tc := range tests {
		if got := r.Diff(tc.got); got != tc.want {
			t.Errorf("Diff(%v) = %q, want %q", tc.got, got, tc.want)
		}
	}
}
