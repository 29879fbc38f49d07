package parse

import (
	"strconv"
	"strings"
	"testing"
)

// TestPolicyIDsAcrossBlocks: ids are made a block at a time; they run on
// across blocks, and policies with errors take theirs too.
func TestPolicyIDsAcrossBlocks(t *testing.T) {
	var b strings.Builder
	for i := range 300 {
		if i%97 == 5 {
			b.WriteString("permit(principal, action, resource) when { 1 + };\n")
			continue
		}
		b.WriteString("permit(principal, action, resource);\n")
	}
	f, _ := Policies([]byte(b.String()))
	if len(f.Policies) != 300 {
		t.Fatalf("%d policies, want 300", len(f.Policies))
	}
	for i, p := range f.Policies {
		if want := "policy" + strconv.Itoa(i); p.ID != want {
			t.Fatalf("policy %d has id %q, want %q", i, p.ID, want)
		}
	}
}
