package entities

import (
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/types"
)

func uid(typ, id string) types.EntityUID { return types.NewEntityUID(types.EntityType(typ), id) }

func TestStore(t *testing.T) {
	ents := []*Entity{
		{UID: uid("U", "a"), Parents: []types.EntityUID{uid("G", "1")}},
		{UID: uid("G", "1"), Parents: []types.EntityUID{uid("G", "2"), uid("G", "missing")}},
		{UID: uid("G", "2"), Parents: []types.EntityUID{uid("G", "3")}},
		{UID: uid("U", "a"), Parents: []types.EntityUID{uid("G", "1")}}, // the same entry again
	}
	s, err := NewStore(ents)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		d, a types.EntityUID
		want bool
	}{
		{uid("U", "a"), uid("G", "1"), true},
		{uid("U", "a"), uid("G", "2"), true},
		{uid("U", "a"), uid("G", "missing"), true},
		{uid("U", "a"), uid("U", "a"), false}, // not reflexive
		{uid("G", "1"), uid("U", "a"), false},
		{uid("G", "2"), uid("G", "2"), false},
		{uid("G", "1"), uid("G", "3"), true},
		{uid("X", "none"), uid("G", "1"), false},
	} {
		if got := s.IsAncestor(tc.d, tc.a); got != tc.want {
			t.Errorf("IsAncestor(%v, %v) = %v, want %v", tc.d, tc.a, got, tc.want)
		}
	}
	if got := len(s.Ancestors(uid("U", "a"))); got != 4 {
		t.Errorf("U::a has %d ancestors, want 4", got)
	}
	if got := len(s.Entities()); got != 3 {
		t.Errorf("the store lists %d entities, want 3 (a repeated entry counts once)", got)
	}
	if _, ok := s.Get(uid("G", "missing")); ok {
		t.Error("Get found an entity that only appears as a parent")
	}
	differing := []*Entity{{UID: uid("U", "a")}, {UID: uid("U", "a"), Parents: []types.EntityUID{uid("G", "1")}}}
	if _, err := NewStore(differing); err == nil || !strings.Contains(err.Error(), "duplicate entity entry `U::\"a\"`") {
		t.Errorf("differing entries for one UID: got %v", err)
	}
	for _, cyclic := range [][]*Entity{
		{{UID: uid("G", "1"), Parents: []types.EntityUID{uid("G", "1")}}},
		{{UID: uid("G", "1"), Parents: []types.EntityUID{uid("G", "2")}}, {UID: uid("G", "2"), Parents: []types.EntityUID{uid("G", "1")}}},
	} {
		if _, err := NewStore(cyclic); err == nil || !strings.Contains(err.Error(), "input graph has a cycle containing vertex `G::\"1\"`") {
			t.Errorf("cyclic hierarchy: got %v", err)
		}
	}
}
