package evaluator

import (
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/ast"
)

func TestUnlinkedScopeSlotIsAnError(t *testing.T) {
	if err := CheckScope(&ast.Scope{Op: ast.ScopeEq, Entity: ast.EntityRef{Slot: ast.SlotResource}}); err == nil {
		t.Fatal("CheckScope accepted an unlinked slot")
	}
}

func TestMatch(t *testing.T) {
	lit := func(s string) ast.PatternPart { return ast.PatternPart{Literal: s} }
	star := ast.PatternPart{Wildcard: true}
	tests := []struct {
		pat  []ast.PatternPart
		s    string
		want bool
	}{
		{nil, "", true},
		{nil, "a", false},
		{[]ast.PatternPart{star}, "anything", true},
		{[]ast.PatternPart{lit("ab"), star, lit("ba")}, "aba", false},
		{[]ast.PatternPart{lit("ab"), star, lit("ba")}, "abba", true},
		{[]ast.PatternPart{star, lit("a"), star, lit("b"), star}, "xxaxxbxx", true},
		{[]ast.PatternPart{star, lit("a"), star, lit("b")}, "bab", true},
		{[]ast.PatternPart{star, lit("a"), star, lit("b")}, "ba", false},
		{[]ast.PatternPart{lit("a"), lit("b"), star, star}, "abc", true},
		{[]ast.PatternPart{lit("é"), star, lit("ü")}, "é…ü", true},
	}
	for _, tc := range tests {
		if got := match(tc.pat, tc.s); got != tc.want {
			t.Errorf("match(%v, %q) = %v, want %v", tc.pat, tc.s, got, tc.want)
		}
	}
}
