package schema

import "github.com/cedar-ls/cedar-ls/engine/types"

// prune makes a schema that had resolution errors consistent, so the
// validator and the entity decoders can run against it: it removes what
// an error left without meaning, and keeps everything else.
//   - an attribute (of a shape, a context or a nested record) whose type
//     did not resolve: nil, an unknown extension, a reference to an
//     undeclared entity type, a set of such;
//   - tags of such a type;
//   - an entity type named `Action` (the type of actions), and the parent
//     and appliesTo lists naming it;
//   - an action group edge that closes a cycle, so group closures end.
//
// Types shared through common types are pruned once.
func prune(s *Schema, actionOrder []types.EntityUID) {
	for name := range s.Entities {
		if name == "Action" {
			delete(s.Entities, name)
		}
	}
	declared := func(list []types.EntityType) []types.EntityType {
		kept := list[:0]
		for _, t := range list {
			if _, ok := s.Entities[t]; ok {
				kept = append(kept, t)
			}
		}
		return kept
	}
	seen := map[*Record]bool{}
	for _, e := range s.Entities {
		e.MemberOf = declared(e.MemberOf)
		pruneRecord(s, e.Shape, seen)
		if e.Tags != nil && !validType(s, e.Tags, seen) {
			e.Tags = nil
		}
	}
	for _, a := range s.Actions {
		a.Principals, a.Resources = declared(a.Principals), declared(a.Resources)
		if len(a.Principals) == 0 || len(a.Resources) == 0 {
			a.Principals, a.Resources = nil, nil
		}
		pruneRecord(s, a.Context, seen)
	}
	breakActionCycles(s, actionOrder)
}

func pruneRecord(s *Schema, r *Record, seen map[*Record]bool) {
	if r == nil || seen[r] {
		return
	}
	seen[r] = true
	for name, a := range r.Attrs {
		if a == nil || !validType(s, a.Type, seen) {
			delete(r.Attrs, name)
		}
	}
}

// validType reports whether t resolved, pruning the records inside it.
func validType(s *Schema, t Type, seen map[*Record]bool) bool {
	switch t := t.(type) {
	case Primitive:
		return true
	case Extension:
		_, ok := builtinTypes[t.Name]
		return ok
	case EntityRef:
		_, ok := s.Entities[t.Name]
		return ok
	case Set:
		return validType(s, t.Elem, seen)
	case *Record:
		if t == nil {
			return false
		}
		pruneRecord(s, t, seen)
		return true
	}
	return false
}

// breakActionCycles drops, in a depth-first walk in the given order, each
// action group edge that leads back to an action being walked.
func breakActionCycles(s *Schema, order []types.EntityUID) {
	const (
		unvisited = iota
		active
		finished
	)
	state := map[types.EntityUID]int{}
	var visit func(uid types.EntityUID)
	visit = func(uid types.EntityUID) {
		state[uid] = active
		a := s.Actions[uid]
		kept := a.MemberOf[:0]
		for _, p := range a.MemberOf {
			if _, declared := s.Actions[p]; !declared {
				continue
			}
			switch state[p] {
			case active:
				continue // closes a cycle
			case unvisited:
				visit(p)
			}
			kept = append(kept, p)
		}
		a.MemberOf = kept
		state[uid] = finished
	}
	for _, uid := range order {
		if _, ok := s.Actions[uid]; ok && state[uid] == unvisited {
			visit(uid)
		}
	}
}
