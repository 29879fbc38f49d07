package validate

import (
	"slices"
	"sort"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// Env is one request environment a policy is typechecked in: a principal
// type, an action and a resource type that the action applies to.
type Env struct {
	Principal types.EntityType
	Action    types.EntityUID
	Resource  types.EntityType
}

// index is what the typechecker needs from a schema, precomputed once per
// Validate call.
type index struct {
	s *schema.Schema
	// entityAnc maps an entity type to every type its entities may be
	// transitively in (not including itself).
	entityAnc map[types.EntityType]map[types.EntityType]bool
	// actionAnc maps an action to every action group it is transitively in.
	actionAnc map[types.EntityUID]map[types.EntityUID]bool
	// actionTypes are the entity types of declared actions ("Action",
	// "NS::Action").
	actionTypes map[types.EntityType]bool
	actions     []types.EntityUID // sorted, for deterministic env order
	// actionDecls holds each action's declaration, in actions order.
	actionDecls []*schema.Action
	// contextByAction caches contextKey per action index (0: not yet).
	contextByAction []int
	// entityByID holds the interned entity type of each type id, so
	// environments switch types without looking them up by name.
	entityByID []*Type
	records    map[*schema.Record]*Type
	contexts   map[types.EntityUID]*Type
	entities   map[types.EntityType]*Type
	// contextKeys names each action's context type by its text, so actions
	// with equal contexts share typing results.
	contextKeys map[types.EntityUID]int
	contextIDs  map[string]int
	typeIDs     map[types.EntityType]int
	shapes      map[types.EntityType]*Type
	// appliesIDs holds, per action (in actions order), the type ids of its
	// principal and resource types.
	appliesIDs                    [][2][]int
	principalMatch, resourceMatch []uint8
	// Per-policy scratch space, reused across the policies of one call.
	keys      map[ast.Expr]string
	ctorErrs  map[*ast.Call]error
	cleanRuns map[uint64]*Type
	hasKeys   map[*ast.Has][]string
}

// contextKey numbers the distinct context types (by their text).
func (x *index) contextKey(uid types.EntityUID) int {
	if k, ok := x.contextKeys[uid]; ok {
		return k
	}
	c := &checker{idx: x}
	text := c.contextType(uid).String()
	k, ok := x.contextIDs[text]
	if !ok {
		k = len(x.contextIDs) + 1
		x.contextIDs[text] = k
	}
	x.contextKeys[uid] = k
	return k
}

// entity is the (shared) type of entities of type t.
func (x *index) entity(t types.EntityType) *Type {
	if et, ok := x.entities[t]; ok {
		return et
	}
	et := entityType(t)
	et.shape = &shapeCache{}
	x.entities[t] = et
	return et
}

func newIndex(s *schema.Schema) *index {
	if s == nil {
		s = &schema.Schema{}
	}
	x := &index{
		s:           s,
		entityAnc:   map[types.EntityType]map[types.EntityType]bool{},
		actionAnc:   map[types.EntityUID]map[types.EntityUID]bool{},
		actionTypes: map[types.EntityType]bool{},
		records:     map[*schema.Record]*Type{},
		contexts:    map[types.EntityUID]*Type{},
		entities:    map[types.EntityType]*Type{},
		contextKeys: map[types.EntityUID]int{},
		contextIDs:  map[string]int{},
		typeIDs:     map[types.EntityType]int{},
		shapes:      map[types.EntityType]*Type{},
		keys:        map[ast.Expr]string{},
		ctorErrs:    map[*ast.Call]error{},
		cleanRuns:   map[uint64]*Type{},
		hasKeys:     map[*ast.Has][]string{},
	}
	for name := range s.Entities {
		x.entityAnc[name] = closure(name, func(t types.EntityType) []types.EntityType {
			if e := s.Entities[t]; e != nil {
				return e.MemberOf
			}
			return nil
		})
	}
	for uid := range s.Actions {
		x.actionTypes[uid.Type] = true
		x.actions = append(x.actions, uid)
		x.actionAnc[uid] = closure(uid, func(u types.EntityUID) []types.EntityUID {
			if a := s.Actions[u]; a != nil {
				return a.MemberOf
			}
			return nil
		})
	}
	sort.Slice(x.actions, func(i, j int) bool {
		a, b := x.actions[i], x.actions[j]
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		return a.ID < b.ID
	})
	for _, uid := range x.actions {
		a := s.Actions[uid]
		x.actionDecls = append(x.actionDecls, a)
		var ids [2][]int
		for _, t := range a.Principals {
			ids[0] = append(ids[0], x.typeID(t))
		}
		for _, t := range a.Resources {
			ids[1] = append(ids[1], x.typeID(t))
		}
		x.appliesIDs = append(x.appliesIDs, ids)
	}
	x.contextByAction = make([]int, len(x.actions))
	x.entityByID = make([]*Type, len(x.typeIDs))
	for t, id := range x.typeIDs {
		x.entityByID[id] = x.entity(t)
	}
	// Action groups make their entity types ancestors of their members'.
	for uid, anc := range x.actionAnc {
		m := x.entityAnc[uid.Type]
		if m == nil {
			m = map[types.EntityType]bool{}
			x.entityAnc[uid.Type] = m
		}
		for a := range anc {
			if a.Type != uid.Type {
				m[a.Type] = true
			}
		}
	}
	return x
}

func closure[T comparable](start T, parents func(T) []T) map[T]bool {
	seen := map[T]bool{}
	stack := append([]T(nil), parents(start)...)
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[n] {
			continue
		}
		seen[n] = true
		stack = append(stack, parents(n)...)
	}
	return seen
}

// knownEntityType reports whether entities of type t may exist: a declared
// entity type or the type of declared actions.
func (x *index) knownEntityType(t types.EntityType) bool {
	return x.s.Entities[t] != nil || x.actionTypes[t]
}

// descendantOf reports whether an entity of type a may be `in` an entity of
// type b.
func (x *index) descendantOf(a, b types.EntityType) bool {
	return a == b || x.entityAnc[a][b]
}

// actionIn reports whether action a is b or transitively in group b.
func (x *index) actionIn(a, b types.EntityUID) bool {
	return a == b || x.actionAnc[a][b]
}

// RequestEnvs lists the request environments the policy's scope admits, in
// a stable order: for each action the action scope matches (actions that
// apply to no request are skipped), each principal and resource type of its
// appliesTo that the principal and resource scopes match.
func RequestEnvs(s *schema.Schema, p *ast.Policy) []Env {
	return newIndex(s).requestEnvs(p)
}

func (x *index) requestEnvs(p *ast.Policy) []Env {
	var envs []Env
	x.forEachEnv(p, true, func(env Env, _ envKey) { envs = append(envs, env) })
	return envs
}

// envKey identifies an environment by small numbers; context is filled in
// by callers that need it.
type envKey struct {
	principal, resource, action, context int
}

// packed numbers k densely (action may be -1, context ranges over 0 and
// the context ids, at most one per action), for a cheap map key. It cannot
// overflow for any schema that fits in memory: it is below
// (types·(actions+1))².
func (x *index) packed(k envKey) uint64 {
	nt, na := uint64(len(x.typeIDs)), uint64(len(x.actions)+1)
	return ((uint64(k.principal)*nt+uint64(k.resource))*na+uint64(k.action+1))*na + uint64(k.context)
}

// actionContextKey is contextKey for the action at index ai of actions.
func (x *index) actionContextKey(ai int) int {
	if k := x.contextByAction[ai]; k != 0 {
		return k
	}
	k := x.contextKey(x.actions[ai])
	x.contextByAction[ai] = k
	return k
}

// forEachEnv calls f for each request environment the policy admits.
//
// Official Cedar typechecks the scope as part of the condition, where an
// entity literal of an undeclared type or an undeclared action fails to
// typecheck: such a constraint is then a Bool that may hold, not False, and
// the conditions are checked in every environment. With typing set, scopes
// match that way; without, such a constraint matches nothing, which is what
// decides whether any action applies (the invalidActionApplication warning).
func (x *index) forEachEnv(p *ast.Policy, typing bool, f func(Env, envKey)) {
	// Scope matches per entity type id: 0 unknown, 1 match, 2 no match.
	pm := x.scratch(&x.principalMatch)
	rm := x.scratch(&x.resourceMatch)
	// Whether each scope's entity matches every type is the same for all
	// environments: decided once here rather than per type and action.
	pAny, rAny := x.anyEntityType(&p.Principal, typing), x.anyEntityType(&p.Resource, typing)
	aAny := typing && x.unresolved(p.Action.Entity)
	matches := func(memo []uint8, sc *ast.Scope, anyType bool, t types.EntityType, id int) bool {
		if memo[id] == 0 {
			memo[id] = 2
			if x.entityScopeMatches(sc, t, anyType) {
				memo[id] = 1
			}
		}
		return memo[id] == 1
	}
	for ai, uid := range x.actions {
		if !x.actionScopeMatches(&p.Action, uid, typing, aAny) {
			continue
		}
		a := x.actionDecls[ai]
		pids, rids := x.appliesIDs[ai][0], x.appliesIDs[ai][1]
		for i, pt := range a.Principals {
			if !matches(pm, &p.Principal, pAny, pt, pids[i]) {
				continue
			}
			for j, rt := range a.Resources {
				if matches(rm, &p.Resource, rAny, rt, rids[j]) {
					f(Env{Principal: pt, Action: uid, Resource: rt}, envKey{principal: pids[i], resource: rids[j], action: ai})
				}
			}
		}
	}
}

// scratch clears and returns a per-type memo.
func (x *index) scratch(m *[]uint8) []uint8 {
	if len(*m) != len(x.typeIDs) {
		*m = make([]uint8, len(x.typeIDs))
	} else {
		clear(*m)
	}
	return *m
}

func (x *index) typeID(t types.EntityType) int {
	id, ok := x.typeIDs[t]
	if !ok {
		id = len(x.typeIDs)
		x.typeIDs[t] = id
	}
	return id
}

// actionScopeMatches reports whether the action scope may hold for action
// uid; with typing, `in` an undeclared action (alone or in a list) may hold
// for every action (see forEachEnv), while `== Action::"undeclared"`
// compares two literals: False.
//
// unresolvedIn is typing && x.unresolved(sc.Entity), computed once by the
// caller.
func (x *index) actionScopeMatches(sc *ast.Scope, uid types.EntityUID, typing, unresolvedIn bool) bool {
	switch sc.Op {
	case ast.ScopeAll:
		return true
	case ast.ScopeEq:
		return sc.Entity.UID == uid
	case ast.ScopeIn:
		return unresolvedIn || x.actionIn(uid, sc.Entity.UID)
	case ast.ScopeInSet:
		// An undeclared action in the list makes the whole constraint fail
		// to typecheck; for applicability official then finds no action.
		if slices.ContainsFunc(sc.Entities, x.unresolved) {
			return typing
		}
		for _, e := range sc.Entities {
			if x.actionIn(uid, e.UID) {
				return true
			}
		}
		return false
	case ast.ScopeIs:
		return sc.Type == uid.Type
	case ast.ScopeIsIn:
		return sc.Type == uid.Type && x.actionIn(uid, sc.Entity.UID)
	}
	return false
}

// entityScopeMatches reports whether the principal or resource scope may
// hold for an entity of type t. A slot matches every type; with typing, so
// does an entity literal that fails to typecheck (see forEachEnv).
//
// anyType is anyEntityType(sc, typing), computed once by the caller.
func (x *index) entityScopeMatches(sc *ast.Scope, t types.EntityType, anyType bool) bool {
	switch sc.Op {
	case ast.ScopeAll:
		return true
	case ast.ScopeEq:
		return anyType || sc.Entity.UID.Type == t
	case ast.ScopeIn:
		return anyType || x.descendantOf(t, sc.Entity.UID.Type)
	case ast.ScopeIs:
		return sc.Type == t
	case ast.ScopeIsIn:
		return sc.Type == t && (anyType || x.descendantOf(t, sc.Entity.UID.Type))
	}
	return false
}

// anyEntityType reports whether a principal or resource scope's entity
// matches entities of every type: a slot, or with typing an entity literal
// that fails to typecheck.
func (x *index) anyEntityType(sc *ast.Scope, typing bool) bool {
	return sc.Entity.Slot != ast.NoSlot || typing && x.unresolved(sc.Entity)
}

// unresolved reports whether a scope's entity literal fails to typecheck:
// its type is not declared, or it is an undeclared action.
func (x *index) unresolved(ref ast.EntityRef) bool {
	if ref.Slot != ast.NoSlot {
		return false
	}
	if x.actionTypes[ref.UID.Type] {
		return x.s.Actions[ref.UID] == nil
	}
	return x.s.Entities[ref.UID.Type] == nil
}

// contextType is the record type of an action's context.
func (c *checker) contextType(uid types.EntityUID) *Type {
	if t, ok := c.idx.contexts[uid]; ok {
		return t
	}
	var t *Type = emptyRecord
	if a := c.idx.s.Actions[uid]; a != nil && a.Context != nil {
		t = c.recordType(a.Context)
	}
	c.idx.contexts[uid] = t
	return t
}
