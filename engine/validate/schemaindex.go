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

// index is what the typechecker needs from a schema, built once by
// newIndex and read-only afterwards, so one index serves any number of
// concurrent validations. What a validation memoizes lives in a scratch.
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
	// entityTypeNames and actionNames are the declared entity types and
	// actions (written in full, `Action::"view"`), sorted: what a
	// misspelled name is compared with for a "did you mean".
	entityTypeNames, actionNames []string
	// actionDecls holds each action's declaration, in actions order.
	actionDecls []*schema.Action
	// contextByAction numbers each action's context type (in actions
	// order) by its text, so actions with equal contexts share typing
	// results.
	contextByAction []int
	// entityByID holds the interned entity type of each type id, so
	// environments switch types without looking them up by name.
	entityByID []*Type
	records    map[*schema.Record]*Type
	contexts   map[types.EntityUID]*Type
	// entities interns the type of every entity type the schema mentions.
	entities map[types.EntityType]*Type
	typeIDs  map[types.EntityType]int
	// shapes and tags are each declared entity type's attribute record and
	// tag type (nil when it has none).
	shapes map[types.EntityType]*Type
	tags   map[types.EntityType]*Type
	// appliesIDs holds, per action (in actions order), the type ids of its
	// principal and resource types.
	appliesIDs [][2][]int
}

// scratch is what one validation call memoizes, reused across the
// policies of the call.
type scratch struct {
	keys      map[ast.Expr]string
	ctorErrs  map[*ast.Call]error
	cleanRuns map[uint64]*Type
	hasKeys   map[*ast.Has][]string
	// undeclared holds the types of entity types the schema does not
	// mention (entity literals of undeclared types).
	undeclared map[types.EntityType]*Type
	// principalMatch and resourceMatch memoize scope matches per entity
	// type id: 0 unknown, 1 match, 2 no match.
	principalMatch, resourceMatch []uint8
}

func newScratch() *scratch {
	return &scratch{
		keys:       map[ast.Expr]string{},
		ctorErrs:   map[*ast.Call]error{},
		cleanRuns:  map[uint64]*Type{},
		hasKeys:    map[*ast.Has][]string{},
		undeclared: map[types.EntityType]*Type{},
	}
}

// reset forgets the memos of the previous policy; the undeclared entity
// types stay, as their types do not depend on the policy.
func (r *scratch) reset() {
	clear(r.keys)
	clear(r.ctorErrs)
	clear(r.cleanRuns)
	clear(r.hasKeys)
}

// entity interns the type of entities of type t (for newIndex).
func (x *index) entity(t types.EntityType) *Type {
	if et, ok := x.entities[t]; ok {
		return et
	}
	et := entityType(t)
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
		typeIDs:     map[types.EntityType]int{},
		shapes:      map[types.EntityType]*Type{},
		tags:        map[types.EntityType]*Type{},
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
	for name := range s.Entities {
		x.entityTypeNames = append(x.entityTypeNames, string(name))
	}
	sort.Strings(x.entityTypeNames)
	for _, uid := range x.actions {
		x.actionNames = append(x.actionNames, uid.String())
	}
	sort.Strings(x.actionNames)
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
	// The types of the schema's declarations, built now so that checking
	// only reads the index.
	for name, e := range s.Entities {
		x.entity(name)
		var shape *Type
		if e.Shape != nil {
			shape = x.recordType(e.Shape)
		}
		x.shapes[name] = shape
		if e.Tags != nil {
			x.tags[name] = x.fromSchema(e.Tags)
		}
	}
	for uid := range x.actionTypes {
		x.entity(uid)
	}
	contextIDs := map[string]int{}
	x.contextByAction = make([]int, len(x.actions))
	for i, uid := range x.actions {
		t := emptyRecord
		if a := x.actionDecls[i]; a.Context != nil {
			t = x.recordType(a.Context)
		}
		x.contexts[uid] = t
		text := t.String()
		k, ok := contextIDs[text]
		if !ok {
			k = len(contextIDs) + 1
			contextIDs[text] = k
		}
		x.contextByAction[i] = k
	}
	for t, et := range x.entities {
		et.shape = &shapeCache{record: x.shapes[t]}
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
//
// It builds a Validator for the one call; reuse one (New) for more.
func RequestEnvs(s *schema.Schema, p *ast.Policy) []Env { return New(s, Options{}).RequestEnvs(p) }

// requestEnvs lists the environments p admits; for a policy with parse
// errors, those its scope as read admits.
func (x *index) requestEnvs(run *scratch, p *ast.Policy) []Env {
	if p.HasErrors() {
		p = readableScope(p)
	}
	var envs []Env
	x.forEachEnv(run, p, true, func(env Env, _ envKey) { envs = append(envs, env) })
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

// actionContextKey numbers the context type of the action at index ai of
// actions: actions with equal context types share a number.
func (x *index) actionContextKey(ai int) int { return x.contextByAction[ai] }

// forEachEnv calls f for each request environment the policy admits.
//
// Official Cedar typechecks the scope as part of the condition, where an
// entity literal of an undeclared type or an undeclared action fails to
// typecheck: such a constraint is then a Bool that may hold, not False, and
// the conditions are checked in every environment. With typing set, scopes
// match that way; without, such a constraint matches nothing, which is what
// decides whether any action applies (the invalidActionApplication warning).
func (x *index) forEachEnv(run *scratch, p *ast.Policy, typing bool, f func(Env, envKey)) {
	pm := x.matchMemo(&run.principalMatch)
	rm := x.matchMemo(&run.resourceMatch)
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

// matchMemo clears and returns a per-type memo.
func (x *index) matchMemo(m *[]uint8) []uint8 {
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
func (x *index) contextType(uid types.EntityUID) *Type {
	if t, ok := x.contexts[uid]; ok {
		return t
	}
	return emptyRecord
}
