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
//
// A policy with errors (Errors not empty) is kept in its file so an editor
// can work on it while it is being typed; everything else (authorization,
// validation, policy JSON, the formatter) skips it. When only the syntax
// was fine but official Cedar rejects something (an unknown method, a
// reserved name), the tree is complete. After a syntax error the tree is
// partial: it holds every node read before the error, each with its span,
// and is cut at the error:
//   - nodes being read when the error came end at it (the error's offset);
//   - an expression that could not be read is a *BadExpr;
//   - a name that could not be read is "" with an empty span at the error:
//     GetAttr.Attr after `principal.`, the last element of Has.Path
//     (Path is [""] after `resource has `), Is.Type, Scope.Type,
//     Annotation.Key; Like.PatSpan is empty when the pattern is missing;
//   - an entity reference that could not be read has an empty UID.Type
//     and no slot, its span covering what was there;
//   - parts not reached keep their zero values: a scope whose variable
//     was not read has zero spans (Scope.Read reports it), a missing
//     effect has a zero EffectSpan, a condition whose `{` was not read has
//     a nil Body;
//   - Span runs from the policy's first token through the text skipped
//     to recover (up to the next `;` or the next policy).
type Policy struct {
	// ID is "policy0", "policy1", … in file order, as official Cedar
	// assigns them; an `@id("…")` annotation does not change it. Policies
	// with errors are counted too.
	ID          string
	Annotations []Annotation
	Effect      Effect
	EffectSpan  source.Span
	Principal   Scope
	Action      Scope
	Resource    Scope
	Conditions  []Condition
	Span        source.Span
	// Errors are the policy's parse errors, in the order found; nil for a
	// policy that parsed cleanly (and for every policy read from JSON).
	Errors []source.Diagnostic
}

// HasErrors reports whether the policy had parse errors, so that it must
// not be authorized, validated, formatted or exported.
func (p *Policy) HasErrors() bool { return len(p.Errors) > 0 }

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

// Read reports whether the scope's variable was read: false only for a
// scope a partial policy did not reach.
func (s *Scope) Read() bool { return s.VarSpan != source.Span{} }
