// Package schema is Cedar's schema: the entity types, actions and attribute
// types a policy set is checked against. Schemas are read from the Cedar
// schema syntax (.cedarschema) or the JSON schema syntax (.cedarschema.json)
// into the resolved model below, in which every name is fully qualified and
// common types are substituted.
package schema

import (
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// Schema is a resolved schema.
type Schema struct {
	Entities map[types.EntityType]*Entity
	Actions  map[types.EntityUID]*Action
}

// Entity is a declared entity type.
type Entity struct {
	Name types.EntityType
	// MemberOf lists the entity types this type's entities may have as
	// direct parents.
	MemberOf []types.EntityType
	// Shape holds the attributes; empty when none are declared.
	Shape *Record
	// Tags is the type of the entity's tags; nil when it has none.
	Tags Type
	// Enum lists the allowed ids of an enumerated entity type; nil otherwise.
	Enum        []string
	Annotations map[string]string
	// Span is the declaration's name in its schema file (zero for schemas
	// built in code).
	Span source.Span
}

// Action is a declared action.
type Action struct {
	UID types.EntityUID
	// MemberOf lists the action groups this action is directly in.
	MemberOf []types.EntityUID
	// Principals and Resources are the appliesTo entity types; both empty
	// when the action applies to no request.
	Principals []types.EntityType
	Resources  []types.EntityType
	// Context is the record type of the context (empty record by default).
	Context     *Record
	Annotations map[string]string
	Span        source.Span
}

// Type is a declared attribute type.
type Type interface{ isType() }

// PrimitiveKind is Bool, Long or String.
type PrimitiveKind uint8

const (
	Bool PrimitiveKind = iota
	Long
	String
)

func (k PrimitiveKind) String() string {
	return [...]string{"Bool", "Long", "String"}[k]
}

// Primitive is Bool, Long or String.
type Primitive struct{ Kind PrimitiveKind }

// Set is Set<Elem>.
type Set struct{ Elem Type }

// Record is a record type.
type Record struct {
	Attrs map[string]*Attribute
}

// Attribute is one attribute of a record or entity shape.
type Attribute struct {
	Type        Type
	Required    bool
	Annotations map[string]string
	Span        source.Span
}

// EntityRef is the type of entities of one entity type.
type EntityRef struct{ Name types.EntityType }

// Extension is an extension type: "ipaddr", "decimal", "datetime" or
// "duration".
type Extension struct{ Name string }

func (Primitive) isType() {}
func (Set) isType()       {}
func (*Record) isType()   {}
func (EntityRef) isType() {}
func (Extension) isType() {}
