// Package syntax is the syntax tree of a Cedar schema as written, before
// names are resolved: what the Cedar schema syntax (.cedarschema) parser and
// the JSON schema syntax (.cedarschema.json) reader produce, and what the
// translations between the two syntaxes and the formatter work on. Every
// node carries the byte span of its source (into the Cedar text or into the
// JSON text); `//` comments are kept in File.Comments.
package syntax

import (
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/source"
)

// File is one schema source.
type File struct {
	// Namespaces in source order. Declarations outside any namespace block
	// form Namespaces with a nil Name, one per run between blocks, so the
	// source order of everything is kept.
	Namespaces []*Namespace
	Comments   []source.Comment
	// FromJSON is set on trees read from the JSON syntax: there an action
	// may leave out appliesTo, which the Cedar syntax cannot say.
	FromJSON bool
}

// Namespace is `namespace Path { … }`, or a run of declarations in the
// empty namespace (Name nil).
type Namespace struct {
	Annotations []*Annotation
	Name        *Path
	Decls       []Decl
	Span        source.Span
}

// NameText is the namespace's name, "" for the empty namespace.
func (n *Namespace) NameText() string {
	if n.Name == nil {
		return ""
	}
	return n.Name.Text
}

// Decl is an *EntityDecl, *ActionDecl or *TypeDecl.
type Decl interface {
	DeclSpan() source.Span
	decl()
}

// EntityDecl is `entity A, B in [P] = { … } tags T;` or
// `entity A enum ["x", …];`.
type EntityDecl struct {
	Annotations []*Annotation
	Names       []*Name
	MemberOf    []*Path
	// Shape is nil when none is declared. In the Cedar syntax it is a
	// *RecordType; the JSON syntax also allows a common-type reference.
	Shape Type
	Tags  Type // nil when none
	// Enum holds the ids of an enumerated entity type (IsEnum set).
	Enum   []*Name
	IsEnum bool
	Span   source.Span
}

// ActionDecl is `action "a", b in [g] appliesTo { … };`.
type ActionDecl struct {
	Annotations []*Annotation
	Names       []*Name
	MemberOf    []*ActionRef
	AppliesTo   *AppliesTo // nil when absent
	Span        source.Span
}

// ActionRef names an action group: `"g"`, `g`, or `NS::Action::"g"`.
type ActionRef struct {
	Type *Path // nil: the Action type of the declaring namespace
	ID   *Name
	Span source.Span
}

// AppliesTo is an action's `appliesTo { principal: …, resource: …,
// context: … }`. In the JSON syntax the lists are always present.
type AppliesTo struct {
	Principals, Resources       []*Path
	HasPrincipals, HasResources bool
	Context                     Type // nil when absent
	Span                        source.Span
}

// TypeDecl is `type T = Type;`, a common type.
type TypeDecl struct {
	Annotations []*Annotation
	Name        *Name
	Type        Type
	Span        source.Span
}

func (d *EntityDecl) DeclSpan() source.Span { return d.Span }
func (d *ActionDecl) DeclSpan() source.Span { return d.Span }
func (d *TypeDecl) DeclSpan() source.Span   { return d.Span }
func (*EntityDecl) decl()                   {}
func (*ActionDecl) decl()                   {}
func (*TypeDecl) decl()                     {}

// Name is an identifier or a string literal, decoded.
type Name struct {
	Value  string
	Quoted bool // written as a string literal
	Span   source.Span
}

// Path is a possibly qualified name, e.g. "NS::User".
type Path struct {
	Text string
	Span source.Span
}

// Qualified reports whether the path has a namespace part.
func (p *Path) Qualified() bool { return strings.Contains(p.Text, "::") }

// Annotation is `@key` or `@key("value")`.
type Annotation struct {
	Key   *Name
	Value *Name // nil when written without a value
	Span  source.Span
}

// ValueText is the annotation's value, "" when it has none.
func (a *Annotation) ValueText() string {
	if a.Value == nil {
		return ""
	}
	return a.Value.Value
}

// Type is a *NamedType, *SetType or *RecordType.
type Type interface {
	TypeSpan() source.Span
	typ()
}

// RefKind says how a named type is to be resolved. The Cedar syntax only
// writes RefEntityOrCommon; the JSON syntax spells out the others.
type RefKind uint8

const (
	// RefEntityOrCommon is a common type, else an entity type, else a
	// primitive or extension type.
	RefEntityOrCommon RefKind = iota
	RefEntity                 // JSON {"type": "Entity", "name": …}
	RefCommon                 // JSON {"type": "T"}, a common-type reference
	RefPrimitive              // JSON "Long", "String" or "Boolean" (Path holds it)
	RefExtension              // JSON {"type": "Extension", "name": …}
)

// NamedType is a type written as a name.
type NamedType struct {
	Path *Path
	Kind RefKind
	Span source.Span
}

// SetType is `Set<Elem>`.
type SetType struct {
	Elem Type
	Span source.Span
}

// RecordType is `{ attr: Type, … }`.
type RecordType struct {
	Attrs []*Attr
	Span  source.Span
}

// Attr is `name?: Type` in a record.
type Attr struct {
	Annotations []*Annotation
	Name        *Name
	Optional    bool
	Type        Type
	Span        source.Span
}

func (t *NamedType) TypeSpan() source.Span  { return t.Span }
func (t *SetType) TypeSpan() source.Span    { return t.Span }
func (t *RecordType) TypeSpan() source.Span { return t.Span }
func (*NamedType) typ()                     {}
func (*SetType) typ()                       {}
func (*RecordType) typ()                    {}
