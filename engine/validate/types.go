package validate

import (
	"sort"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// TypeKind is the shape of a static type.
type TypeKind uint8

const (
	// KindError is the type of an expression that failed to typecheck. It
	// is compatible with everything so one mistake is reported once.
	KindError TypeKind = iota
	// KindNever is the element type of an empty set literal (permissive
	// mode only; strict mode rejects empty set literals).
	KindNever
	KindBool
	KindLong
	KindString
	KindEntity
	KindSet
	KindRecord
	KindExtension
)

// BoolKind refines Bool: the typechecker knows some booleans exactly.
type BoolKind uint8

const (
	AnyBool BoolKind = iota
	True
	False
)

// Type is a static type. Types are immutable and shared.
type Type struct {
	Kind TypeKind
	Bool BoolKind
	// Entities is the entity type of a KindEntity type: exactly one in
	// strict mode, possibly a union (sorted) in permissive mode.
	Entities []types.EntityType
	Elem     *Type           // KindSet
	Attrs    map[string]Attr // KindRecord
	// Open records may have attributes beyond Attrs (permissive least upper
	// bounds of different records).
	Open bool
	Ext  string // KindExtension: "decimal", "ipaddr", "datetime", "duration"
	// shape holds, for the single-entity-type types the index interns, the
	// entity type's attribute record, so attribute lookups need not find it
	// by name in every environment. It is set when the index is built.
	shape *shapeCache
}

// shapeCache is an interned entity type's attribute record (nil when the
// type has none). It is a separate object so that interning an entity type
// need not build its shape first: shapes refer to entity types, which
// may refer back.
type shapeCache struct {
	record *Type
}

// Attr is one attribute of a record type.
type Attr struct {
	Type     *Type
	Required bool
}

var (
	typeError  = &Type{Kind: KindError}
	typeNever  = &Type{Kind: KindNever}
	typeBool   = &Type{Kind: KindBool}
	typeTrue   = &Type{Kind: KindBool, Bool: True}
	typeFalse  = &Type{Kind: KindBool, Bool: False}
	typeLong   = &Type{Kind: KindLong}
	typeString = &Type{Kind: KindString}
	extTypes   = map[string]*Type{
		"decimal":  {Kind: KindExtension, Ext: "decimal"},
		"ipaddr":   {Kind: KindExtension, Ext: "ipaddr"},
		"datetime": {Kind: KindExtension, Ext: "datetime"},
		"duration": {Kind: KindExtension, Ext: "duration"},
	}
)

func boolType(b BoolKind) *Type {
	switch b {
	case True:
		return typeTrue
	case False:
		return typeFalse
	}
	return typeBool
}

func entityType(t types.EntityType) *Type {
	return &Type{Kind: KindEntity, Entities: []types.EntityType{t}}
}

func setOf(elem *Type) *Type { return &Type{Kind: KindSet, Elem: elem} }

// String renders the type as official Cedar names types in its messages.
func (t *Type) String() string {
	var b strings.Builder
	t.write(&b)
	return b.String()
}

func (t *Type) write(b *strings.Builder) {
	if t == nil {
		b.WriteString("?")
		return
	}
	switch t.Kind {
	case KindError:
		b.WriteString("<error>")
	case KindNever:
		b.WriteString("__cedar::internal::Never")
	case KindBool:
		switch t.Bool {
		case True:
			b.WriteString("__cedar::internal::True")
		case False:
			b.WriteString("__cedar::internal::False")
		default:
			b.WriteString("Bool")
		}
	case KindLong:
		b.WriteString("Long")
	case KindString:
		b.WriteString("String")
	case KindEntity:
		for i, e := range t.Entities {
			if i > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(string(e))
		}
	case KindSet:
		b.WriteString("Set<")
		t.Elem.write(b)
		b.WriteString(">")
	case KindRecord:
		if t.Open {
			b.WriteString("__cedar::internal::OpenRecord")
		}
		b.WriteString("{")
		keys := make([]string, 0, len(t.Attrs))
		for k := range t.Attrs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			a := t.Attrs[k]
			b.WriteString(k)
			if !a.Required {
				b.WriteString("?")
			}
			b.WriteString(": ")
			a.Type.write(b)
			b.WriteString(",")
		}
		b.WriteString("}")
	case KindExtension:
		b.WriteString(t.Ext)
	}
}

// sameEntityTypes reports whether two entity types name the same set.
func sameEntityTypes(a, b []types.EntityType) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func unionEntityTypes(a, b []types.EntityType) []types.EntityType {
	out := append([]types.EntityType(nil), a...)
	for _, t := range b {
		if !hasEntityType(out, t) {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func hasEntityType(list []types.EntityType, t types.EntityType) bool {
	for _, x := range list {
		if x == t {
			return true
		}
	}
	return false
}

// lubReason says why two types have no least upper bound, in official's
// words.
type lubReason uint8

const (
	lubOK lubReason = iota
	lubMismatch
	lubEntities
	lubRecords
)

// lub is the least upper bound of two types. Strict mode requires equal
// types (up to True/False widening to Bool); permissive mode unions entity
// types and intersects record attributes.
func lub(a, b *Type, strict bool) (*Type, lubReason) {
	if a.Kind == KindError {
		return a, lubOK
	}
	if b.Kind == KindError {
		return b, lubOK
	}
	if a.Kind == KindNever {
		return b, lubOK
	}
	if b.Kind == KindNever {
		return a, lubOK
	}
	if a.Kind != b.Kind {
		return nil, lubMismatch
	}
	switch a.Kind {
	case KindBool:
		if a.Bool == b.Bool {
			return a, lubOK
		}
		return typeBool, lubOK
	case KindLong, KindString:
		return a, lubOK
	case KindExtension:
		if a.Ext == b.Ext {
			return a, lubOK
		}
		return nil, lubMismatch
	case KindEntity:
		if sameEntityTypes(a.Entities, b.Entities) {
			return a, lubOK
		}
		if strict {
			return nil, lubEntities
		}
		return &Type{Kind: KindEntity, Entities: unionEntityTypes(a.Entities, b.Entities)}, lubOK
	case KindSet:
		e, why := lub(a.Elem, b.Elem, strict)
		if why != lubOK {
			return nil, why
		}
		if e == a.Elem {
			return a, lubOK
		}
		return setOf(e), lubOK
	case KindRecord:
		return lubRecord(a, b, strict)
	}
	return nil, lubMismatch
}

func lubRecord(a, b *Type, strict bool) (*Type, lubReason) {
	if strict {
		if len(a.Attrs) != len(b.Attrs) || a.Open != b.Open {
			return nil, lubRecords
		}
		out := make(map[string]Attr, len(a.Attrs))
		same := true
		for k, x := range a.Attrs {
			y, ok := b.Attrs[k]
			if !ok || x.Required != y.Required {
				return nil, lubRecords
			}
			t, why := lub(x.Type, y.Type, true)
			if why != lubOK {
				return nil, why
			}
			if t != x.Type {
				same = false
			}
			out[k] = Attr{Type: t, Required: x.Required}
		}
		if same {
			return a, lubOK
		}
		return &Type{Kind: KindRecord, Attrs: out}, lubOK
	}
	out := map[string]Attr{}
	open := a.Open || b.Open || len(a.Attrs) != len(b.Attrs)
	for k, x := range a.Attrs {
		y, ok := b.Attrs[k]
		if !ok {
			open = true
			continue
		}
		t, why := lub(x.Type, y.Type, false)
		if why != lubOK {
			return nil, why
		}
		out[k] = Attr{Type: t, Required: x.Required && y.Required}
	}
	return &Type{Kind: KindRecord, Attrs: out, Open: open}, lubOK
}

// fromSchema converts a declared attribute type, interning the entity and
// record types it meets. Only newIndex calls it: the index is immutable
// once built.
func (x *index) fromSchema(t schema.Type) *Type {
	switch t := t.(type) {
	case schema.Primitive:
		switch t.Kind {
		case schema.Bool:
			return typeBool
		case schema.Long:
			return typeLong
		default:
			return typeString
		}
	case schema.Set:
		if t.Elem == nil {
			return typeError
		}
		return setOf(x.fromSchema(t.Elem))
	case *schema.Record:
		return x.recordType(t)
	case schema.EntityRef:
		return x.entity(t.Name)
	case schema.Extension:
		if x, ok := extTypes[t.Name]; ok {
			return x
		}
	}
	return typeError
}

var emptyRecord = &Type{Kind: KindRecord, Attrs: map[string]Attr{}}

// recordType converts a declared record type (interned, for newIndex).
func (x *index) recordType(r *schema.Record) *Type {
	if r == nil {
		return emptyRecord
	}
	if t, ok := x.records[r]; ok {
		return t
	}
	attrs := make(map[string]Attr, len(r.Attrs))
	t := &Type{Kind: KindRecord, Attrs: attrs}
	x.records[r] = t
	for k, a := range r.Attrs {
		attrs[k] = Attr{Type: x.fromSchema(a.Type), Required: a.Required}
	}
	return t
}
