package parse

import (
	"strings"
	"testing"
)

// TestDeepNestingIsAnError feeds 10,000 levels of every nesting form to
// Expr and Policies: each must be one clear error, never a stack overflow,
// and Policies must still recover the policy that follows.
func TestDeepNestingIsAnError(t *testing.T) {
	const n = 10000
	r := strings.Repeat
	tests := []struct {
		name, src, wantMsg string
	}{
		{"parentheses", r("(", n) + "1" + r(")", n), "nested too deeply"},
		{"unclosed parentheses", r("(", n), "nested too deeply"},
		{"sets", r("[", n) + r("]", n), "nested too deeply"},
		{"records", r("{a: ", n) + "1" + r("}", n), "nested too deeply"},
		{"if in then", r("if true then ", n) + "1" + r(" else 2", n), "nested too deeply"},
		{"if in condition", r("if ", n) + "true" + r(" then 1 else 2", n), "nested too deeply"},
		{"not run", r("!", n) + "true", "too many `!` in a row"},
		{"negation run", r("-", n) + "1", "too many `-` in a row"},
		{"not of parentheses", r("!(", n) + "true" + r(")", n), "nested too deeply"},
		{"negation of parentheses", r("-(", n) + "1" + r(")", n), "nested too deeply"},
		{"call arguments", r("ip(", n) + `"a"` + r(")", n), "nested too deeply"},
		{"method arguments", r("[1].contains(", n) + "1" + r(")", n), "nested too deeply"},
		{"in operands", r("[", n) + "1" + r("] in ", n), "nested too deeply"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, errs := Expr([]byte(tt.src)); len(errs) != 1 || !strings.Contains(errs[0].Message, tt.wantMsg) {
				t.Errorf("Expr: want one %q error, got %v", tt.wantMsg, errs)
			}
			f, errs := Policies([]byte(condPrefix + tt.src + " };\npermit(principal, action, resource);"))
			if len(errs) != 1 || !strings.Contains(errs[0].Message, tt.wantMsg) {
				t.Errorf("Policies: want one %q error, got %v", tt.wantMsg, errs)
			}
			if goodIDs(f) != "policy1" || len(f.Policies) != 2 {
				t.Errorf("Policies: the policy after the deep one is lost")
			}
		})
	}
}
