// Package types holds Cedar's runtime values. Every value is immutable once
// built: evaluation shares them freely between requests and goroutines.
package types

import (
	"strconv"
	"strings"
)

// Kind names the dynamic type of a value, as Cedar's error messages do.
type Kind uint8

const (
	KindBool Kind = iota
	KindLong
	KindString
	KindEntity
	KindSet
	KindRecord
	KindDecimal
	KindIPAddr
	KindDatetime
	KindDuration
)

var kindNames = [...]string{"bool", "long", "string", "entity", "set", "record", "decimal", "ipaddr", "datetime", "duration"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// IsExtension reports whether values of this kind come from an extension.
func (k Kind) IsExtension() bool { return k >= KindDecimal }

// Value is any Cedar value.
type Value interface {
	Kind() Kind
	// Equal is Cedar's `==`: values of different kinds are never equal.
	Equal(Value) bool
	// String renders the value in Cedar syntax (extension values as their
	// constructor call), the form `cedar evaluate` prints.
	String() string
}

// Bool is a Cedar boolean.
type Bool bool

const (
	True  Bool = true
	False Bool = false
)

func (Bool) Kind() Kind { return KindBool }
func (b Bool) Equal(v Value) bool {
	o, ok := v.(Bool)
	return ok && o == b
}
func (b Bool) String() string { return strconv.FormatBool(bool(b)) }

// Long is Cedar's 64-bit signed integer.
type Long int64

func (Long) Kind() Kind { return KindLong }
func (l Long) Equal(v Value) bool {
	o, ok := v.(Long)
	return ok && o == l
}
func (l Long) String() string { return strconv.FormatInt(int64(l), 10) }

// String is a Cedar string.
type String string

func (String) Kind() Kind { return KindString }
func (s String) Equal(v Value) bool {
	o, ok := v.(String)
	return ok && o == s
}
func (s String) String() string { return Quote(string(s)) }

// EntityType is a possibly namespaced entity type name, e.g. "App::User".
type EntityType string

// EntityUID identifies an entity. It is comparable and serves as a map key.
type EntityUID struct {
	Type EntityType
	ID   string
}

// NewEntityUID is a convenience constructor.
func NewEntityUID(typ EntityType, id string) EntityUID { return EntityUID{Type: typ, ID: id} }

func (EntityUID) Kind() Kind { return KindEntity }
func (e EntityUID) Equal(v Value) bool {
	o, ok := v.(EntityUID)
	return ok && o == e
}
func (e EntityUID) String() string { return string(e.Type) + "::" + Quote(e.ID) }

// Quote renders s as a Cedar string literal. Non-printable characters are
// escaped the way official Cedar prints them (Rust's escape_debug).
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case 0:
			b.WriteString(`\0`)
		default:
			if needsUnicodeEscape(r) {
				b.WriteString(`\u{`)
				b.WriteString(strconv.FormatInt(int64(r), 16))
				b.WriteByte('}')
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

func needsUnicodeEscape(r rune) bool {
	// Control characters and the invalid-UTF-8 replacement are escaped;
	// other printable text is kept as is.
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)
}
