// Package ast is the syntax tree of Cedar policies and templates, shared by
// the parser, evaluator, authorizer, validator, formatter and the editor
// tooling. Every node carries the byte span of the source it came from
// (zero spans for nodes built from JSON or by hand).
package ast

import (
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// File is everything read from one policy source: the policies in order,
// every comment, and the source length (for end-of-file comments).
type File struct {
	Policies []*Policy
	Comments []source.Comment
}

// Effect is permit or forbid.
type Effect uint8

const (
	Permit Effect = iota
	Forbid
)

func (e Effect) String() string {
	if e == Forbid {
		return "forbid"
	}
	return "permit"
}

// Policy is one static policy or template.
type Policy struct {
	// ID is "policy0", "policy1", … in file order, as official Cedar
	// assigns them; an `@id("…")` annotation does not change it.
	ID          string
	Annotations []Annotation
	Effect      Effect
	EffectSpan  source.Span
	Principal   Scope
	Action      Scope
	Resource    Scope
	Conditions  []Condition
	Span        source.Span
}

// IsTemplate reports whether the policy has a slot in its scope.
func (p *Policy) IsTemplate() bool {
	return p.Principal.Entity.Slot != NoSlot || p.Resource.Entity.Slot != NoSlot
}

// Annotation is `@key` or `@key("value")`.
type Annotation struct {
	Key      string
	Value    string
	HasValue bool
	KeySpan  source.Span
	Span     source.Span
}

// Condition is a `when { … }` or `unless { … }` clause.
type Condition struct {
	Unless bool
	Body   Expr
	// KeywordSpan covers `when`/`unless`; Span the whole clause.
	KeywordSpan source.Span
	Span        source.Span
}

// ScopeOp is the shape of one scope constraint.
type ScopeOp uint8

const (
	ScopeAll   ScopeOp = iota // principal
	ScopeEq                   // principal == E
	ScopeIn                   // principal in E
	ScopeIs                   // principal is T
	ScopeIsIn                 // principal is T in E
	ScopeInSet                // action in [E, …] (action only)
)

// Var is one of the four request variables.
type Var uint8

const (
	VarPrincipal Var = iota
	VarAction
	VarResource
	VarContext
)

var varNames = [...]string{"principal", "action", "resource", "context"}

func (v Var) String() string { return varNames[v] }

// Slot is a template placeholder.
type Slot uint8

const (
	NoSlot Slot = iota
	SlotPrincipal
	SlotResource
)

func (s Slot) String() string {
	switch s {
	case SlotPrincipal:
		return "?principal"
	case SlotResource:
		return "?resource"
	}
	return ""
}

// EntityRef is an entity literal or a slot, as used in scopes.
type EntityRef struct {
	Slot Slot // NoSlot for a literal entity
	UID  types.EntityUID
	Span source.Span
}

// Scope is the constraint on one of principal, action, resource.
type Scope struct {
	Var Var
	Op  ScopeOp
	// Type is the entity type of `is` (ScopeIs, ScopeIsIn).
	Type     types.EntityType
	TypeSpan source.Span
	// Entity is the right-hand side of ==, in, is…in.
	Entity EntityRef
	// Entities is the list of `action in [...]` (ScopeInSet).
	Entities []EntityRef
	// VarSpan covers the variable keyword; Span the whole constraint.
	VarSpan source.Span
	Span    source.Span
}
