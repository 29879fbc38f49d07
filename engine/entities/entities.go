// Package entities holds Cedar entities: the store the evaluator reads
// attributes, tags and the `in` hierarchy from. Reading and writing the
// official entities, context and request JSON formats is package
// entities/entitiesjson, so the evaluator does not depend on parsers.
package entities

import (
	"fmt"
	"slices"

	"github.com/cedar-ls/cedar-ls/engine/types"
)

// Entity is one entity: its attributes, direct parents and tags.
type Entity struct {
	UID     types.EntityUID
	Attrs   types.Record
	Parents []types.EntityUID
	Tags    types.Record
}

// Store is an immutable set of entities with the transitive closure of the
// parent relation precomputed, so `in` is a map lookup. A Store is safe for
// concurrent readers.
type Store struct {
	byUID map[types.EntityUID]*Resolved
	order []*Entity
}

// Resolved is an entity of a store together with its ancestors, so callers
// that test `in` and read attributes of the same entity look it up once.
type Resolved struct {
	Entity *Entity
	// ancestors is every entity reachable through parents (not the entity
	// itself unless it lies on a cycle); ancestorList is the same set as a
	// slice for iteration.
	ancestors    map[types.EntityUID]struct{}
	ancestorList []types.EntityUID
}

// NewStore builds a store, as official Cedar does: an entity listed twice
// must be the same entry both times (the repeat is dropped), and the parent
// hierarchy must be acyclic. Parents need not exist in the store: an entity
// is `in` a missing parent, but the hierarchy stops there.
func NewStore(ents []*Entity) (*Store, error) {
	s := &Store{byUID: make(map[types.EntityUID]*Resolved, len(ents)), order: make([]*Entity, 0, len(ents))}
	for _, e := range ents {
		if prev, dup := s.byUID[e.UID]; dup {
			if !prev.Entity.Equal(e) {
				return nil, fmt.Errorf("duplicate entity entry `%s`", e.UID)
			}
			continue
		}
		s.byUID[e.UID] = &Resolved{Entity: e}
		s.order = append(s.order, e)
	}
	for _, e := range s.order {
		st := s.byUID[e.UID]
		s.closeOver(st)
		if _, cyclic := st.ancestors[e.UID]; cyclic {
			return nil, fmt.Errorf("transitive closure computation/enforcement error: input graph has a cycle containing vertex `%s`", e.UID)
		}
	}
	return s, nil
}

// closeOver computes st's ancestors by walking parents breadth-first.
func (s *Store) closeOver(st *Resolved) {
	if len(st.Entity.Parents) == 0 {
		return
	}
	seen := make(map[types.EntityUID]struct{}, len(st.Entity.Parents))
	var list []types.EntityUID
	queue := append([]types.EntityUID(nil), st.Entity.Parents...)
	for len(queue) > 0 {
		uid := queue[0]
		queue = queue[1:]
		if _, ok := seen[uid]; ok {
			continue
		}
		seen[uid] = struct{}{}
		list = append(list, uid)
		if p, ok := s.byUID[uid]; ok {
			queue = append(queue, p.Entity.Parents...)
		}
	}
	st.ancestors, st.ancestorList = seen, list
}

// Get returns the entity with the given UID.
func (s *Store) Get(uid types.EntityUID) (*Entity, bool) {
	if s == nil {
		return nil, false
	}
	st, ok := s.byUID[uid]
	if !ok {
		return nil, false
	}
	return st.Entity, true
}

// IsAncestor reports whether ancestor is reachable from descendant through
// parents. It is not reflexive; Cedar's `in` is, so the evaluator checks
// equality first.
func (s *Store) IsAncestor(descendant, ancestor types.EntityUID) bool {
	if s == nil {
		return false
	}
	st, ok := s.byUID[descendant]
	if !ok || st.ancestors == nil {
		return false
	}
	_, ok = st.ancestors[ancestor]
	return ok
}

// Ancestors lists every entity reachable from uid through parents; nil for
// an entity that is not in the store. Callers must not modify the slice.
func (s *Store) Ancestors(uid types.EntityUID) []types.EntityUID {
	if s == nil {
		return nil
	}
	if st, ok := s.byUID[uid]; ok {
		return st.ancestorList
	}
	return nil
}

// Entities returns the entities in the order they were given.
func (s *Store) Entities() []*Entity {
	if s == nil {
		return nil
	}
	return s.order
}

// Len is the number of entities.
func (s *Store) Len() int {
	if s == nil {
		return 0
	}
	return len(s.order)
}

// Resolve looks up an entity with its ancestors; nil if it is not in the
// store.
func (s *Store) Resolve(uid types.EntityUID) *Resolved {
	if s == nil {
		return nil
	}
	return s.byUID[uid]
}

// HasAncestor reports whether a is reachable through parents (not
// reflexive). A nil Resolved, an entity missing from the store, has none.
func (r *Resolved) HasAncestor(a types.EntityUID) bool {
	if r == nil || r.ancestors == nil {
		return false
	}
	_, ok := r.ancestors[a]
	return ok
}

// Ancestors lists the entities reachable through parents; callers must not
// modify the slice.
func (r *Resolved) Ancestors() []types.EntityUID {
	if r == nil {
		return nil
	}
	return r.ancestorList
}

// Equal reports whether two entities are the same entry: the same UID,
// equal attributes and tags, and the same set of parents.
func (e *Entity) Equal(o *Entity) bool {
	return e.UID == o.UID && e.Attrs.Equal(o.Attrs) && e.Tags.Equal(o.Tags) && sameUIDSet(e.Parents, o.Parents)
}

// sameUIDSet reports whether a and b hold the same UIDs, in any order.
func sameUIDSet(a, b []types.EntityUID) bool {
	for _, u := range a {
		if !slices.Contains(b, u) {
			return false
		}
	}
	for _, u := range b {
		if !slices.Contains(a, u) {
			return false
		}
	}
	return true
}
