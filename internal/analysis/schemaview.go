package analysis

import (
	"sort"
	"strings"
	"sync"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// schemaView is what the editor features ask of a resolved schema: entity
// types, actions and groups in a stable order, ancestors, request
// environments of a scope. It is computed once per schema and shared.
type schemaView struct {
	s *schema.Schema
	// entityTypes and actions are sorted.
	entityTypes []types.EntityType
	actions     []types.EntityUID
	// groups are the actions some other action is a member of.
	groups map[types.EntityUID]bool
	// anc maps an entity type to every type its entities may be
	// transitively in (not including itself).
	anc map[types.EntityType]map[types.EntityType]bool
	// actionAnc maps an action to every group it is transitively in.
	actionAnc map[types.EntityUID]map[types.EntityUID]bool
	// principals and resources are the types some action applies to.
	principals, resources []types.EntityType
}

var views sync.Map // *schema.Schema → *schemaView

// viewOf returns the shared view of s (nil for a nil schema).
func viewOf(s *schema.Schema) *schemaView {
	if s == nil {
		return nil
	}
	if v, ok := views.Load(s); ok {
		return v.(*schemaView)
	}
	v := newSchemaView(s)
	actual, _ := views.LoadOrStore(s, v)
	return actual.(*schemaView)
}

func newSchemaView(s *schema.Schema) *schemaView {
	v := &schemaView{s: s, groups: map[types.EntityUID]bool{},
		anc: map[types.EntityType]map[types.EntityType]bool{}, actionAnc: map[types.EntityUID]map[types.EntityUID]bool{}}
	for t := range s.Entities {
		v.entityTypes = append(v.entityTypes, t)
	}
	sort.Slice(v.entityTypes, func(i, j int) bool { return v.entityTypes[i] < v.entityTypes[j] })
	for uid, a := range s.Actions {
		v.actions = append(v.actions, uid)
		for _, g := range a.MemberOf {
			v.groups[g] = true
		}
	}
	sort.Slice(v.actions, func(i, j int) bool { return v.actions[i].String() < v.actions[j].String() })
	for _, t := range v.entityTypes {
		seen := map[types.EntityType]bool{}
		var walk func(types.EntityType)
		walk = func(t types.EntityType) {
			if e := s.Entities[t]; e != nil {
				for _, p := range e.MemberOf {
					if !seen[p] {
						seen[p] = true
						walk(p)
					}
				}
			}
		}
		walk(t)
		v.anc[t] = seen
	}
	ps, rs := map[types.EntityType]bool{}, map[types.EntityType]bool{}
	for _, uid := range v.actions {
		seen := map[types.EntityUID]bool{}
		var walk func(types.EntityUID)
		walk = func(u types.EntityUID) {
			if a := s.Actions[u]; a != nil {
				for _, g := range a.MemberOf {
					if !seen[g] {
						seen[g] = true
						walk(g)
					}
				}
			}
		}
		walk(uid)
		v.actionAnc[uid] = seen
		a := s.Actions[uid]
		for _, p := range a.Principals {
			ps[p] = true
		}
		for _, r := range a.Resources {
			rs[r] = true
		}
	}
	v.principals, v.resources = sortedTypes(ps), sortedTypes(rs)
	return v
}

func sortedTypes(m map[types.EntityType]bool) []types.EntityType {
	out := make([]types.EntityType, 0, len(m))
	for t := range m {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// applies reports whether the action applies to some request.
func (v *schemaView) applies(uid types.EntityUID) bool {
	a := v.s.Actions[uid]
	return a != nil && len(a.Principals) > 0 && len(a.Resources) > 0
}

// mayBeIn reports whether an entity of type t may be in an entity of type p
// (t == p included).
func (v *schemaView) mayBeIn(t, p types.EntityType) bool {
	return t == p || v.anc[t][p]
}

// actionIn reports whether action a is g or transitively in group g.
func (v *schemaView) actionIn(a, g types.EntityUID) bool {
	return a == g || v.actionAnc[a][g]
}

// isActionType reports whether t is the type of actions (Action, NS::Action).
func isActionType(t types.EntityType) bool {
	return t == "Action" || strings.HasSuffix(string(t), "::Action")
}

// env is one request environment: a principal type, an action, a resource
// type.
type env struct {
	Principal types.EntityType
	Action    types.EntityUID
	Resource  types.EntityType
}

// envs lists the request environments a policy scope admits (the same rule
// as validate.RequestEnvs), in a stable order.
func (v *schemaView) envs(p *ast.Policy) []env {
	var out []env
	for _, uid := range v.actions {
		if !v.applies(uid) || !v.actionMatches(p.Action, uid) {
			continue
		}
		a := v.s.Actions[uid]
		for _, pt := range a.Principals {
			if !v.scopeMatches(p.Principal, pt) {
				continue
			}
			for _, rt := range a.Resources {
				if v.scopeMatches(p.Resource, rt) {
					out = append(out, env{pt, uid, rt})
				}
			}
		}
	}
	return out
}

func (v *schemaView) actionMatches(sc ast.Scope, uid types.EntityUID) bool {
	switch sc.Op {
	case ast.ScopeEq:
		return sc.Entity.UID == uid
	case ast.ScopeIn:
		return v.actionIn(uid, sc.Entity.UID)
	case ast.ScopeInSet:
		for _, e := range sc.Entities {
			if v.actionIn(uid, e.UID) {
				return true
			}
		}
		return false
	}
	return true
}

// scopeMatches reports whether entities of type t may satisfy a principal
// or resource scope constraint. A slot matches any type.
func (v *schemaView) scopeMatches(sc ast.Scope, t types.EntityType) bool {
	switch sc.Op {
	case ast.ScopeEq:
		return sc.Entity.Slot != ast.NoSlot || sc.Entity.UID.Type == t
	case ast.ScopeIn:
		return sc.Entity.Slot != ast.NoSlot || v.mayBeIn(t, sc.Entity.UID.Type)
	case ast.ScopeIs:
		return sc.Type == t
	case ast.ScopeIsIn:
		return sc.Type == t && (sc.Entity.Slot != ast.NoSlot || v.mayBeIn(t, sc.Entity.UID.Type))
	}
	return true
}

// contextOf is the context record of an action (never nil).
func (v *schemaView) contextOf(uid types.EntityUID) *schema.Record {
	if a := v.s.Actions[uid]; a != nil && a.Context != nil {
		return a.Context
	}
	return &schema.Record{}
}

// attrsOf lists the attributes a type has: the shape of an entity type or
// the attributes of a record, nil for other types.
func (v *schemaView) attrsOf(t schema.Type) map[string]*schema.Attribute {
	switch t := t.(type) {
	case schema.EntityRef:
		if v == nil {
			return nil
		}
		if e := v.s.Entities[t.Name]; e != nil && e.Shape != nil {
			return e.Shape.Attrs
		}
	case *schema.Record:
		return t.Attrs
	}
	return nil
}

// typeString renders a schema type as the Cedar schema syntax writes it.
func typeString(t schema.Type) string {
	switch t := t.(type) {
	case schema.Primitive:
		return t.Kind.String()
	case schema.EntityRef:
		return string(t.Name)
	case schema.Extension:
		return t.Name
	case schema.Set:
		return "Set<" + typeString(t.Elem) + ">"
	case *schema.Record:
		if t == nil || len(t.Attrs) == 0 {
			return "{}"
		}
		var b strings.Builder
		b.WriteString("{ ")
		for i, k := range sortedKeys(t.Attrs) {
			if i > 0 {
				b.WriteString(", ")
			}
			a := t.Attrs[k]
			b.WriteString(attrKeyText(k))
			if !a.Required {
				b.WriteString("?")
			}
			b.WriteString(": ")
			b.WriteString(typeString(a.Type))
		}
		b.WriteString(" }")
		return b.String()
	case nil:
		return "unknown"
	}
	return "?"
}

func attrKeyText(k string) string {
	if ast.IsPlainIdent(k) {
		return k
	}
	return types.Quote(k)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// sameType reports whether two schema types are the same type.
func sameType(a, b schema.Type) bool {
	switch a := a.(type) {
	case *schema.Record:
		br, ok := b.(*schema.Record)
		return ok && a == br
	case schema.Set:
		bs, ok := b.(schema.Set)
		return ok && sameType(a.Elem, bs.Elem)
	}
	return a == b
}

// addType appends t to ts unless it is already there.
func addType(ts []schema.Type, t schema.Type) []schema.Type {
	for _, x := range ts {
		if sameType(x, t) {
			return ts
		}
	}
	return append(ts, t)
}
