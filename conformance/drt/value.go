package drt

import (
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/types"
)

// UID is an entity reference.
type UID struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

// Cedar renders the UID as a Cedar entity literal.
func (u UID) Cedar() string { return u.Type + "::" + quote(u.ID) }

// valueKind is the dynamic type of a generated value or expression.
type valueKind uint8

const (
	kBool valueKind = iota
	kLong
	kString
	kEntity
	kSet
	kRecord
	kDecimal
	kIP
	kDatetime
	kDuration
	numKinds
)

// value is a generated Cedar value that can be written both as Cedar text
// (in policies) and as entity/context JSON.
type value struct {
	kind   valueKind
	b      bool
	n      int64
	s      string // string, or the extension constructor's argument
	uid    UID
	elems  []value
	fields []field
}

type field struct {
	name string
	val  value
}

// extFunc names the constructor of an extension kind.
var extFunc = map[valueKind]string{kDecimal: "decimal", kIP: "ip", kDatetime: "datetime", kDuration: "duration"}

// cedar renders the value as a Cedar expression.
func (v value) cedar() string {
	switch v.kind {
	case kBool:
		return strconv.FormatBool(v.b)
	case kLong:
		return strconv.FormatInt(v.n, 10)
	case kString:
		return quote(v.s)
	case kEntity:
		return v.uid.Cedar()
	case kSet:
		parts := make([]string, len(v.elems))
		for i, e := range v.elems {
			parts[i] = e.cedar()
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case kRecord:
		parts := make([]string, len(v.fields))
		for i, f := range v.fields {
			parts[i] = quote(f.name) + ": " + f.val.cedar()
		}
		return "{" + strings.Join(parts, ", ") + "}"
	default:
		return extFunc[v.kind] + "(" + quote(v.s) + ")"
	}
}

// jsonValue is the value in Cedar's entity/context JSON format.
func (v value) jsonValue() any {
	switch v.kind {
	case kBool:
		return v.b
	case kLong:
		return json.Number(strconv.FormatInt(v.n, 10))
	case kString:
		return v.s
	case kEntity:
		return map[string]any{"__entity": v.uid}
	case kSet:
		out := make([]any, len(v.elems))
		for i, e := range v.elems {
			out[i] = e.jsonValue()
		}
		return out
	case kRecord:
		return fieldsJSON(v.fields)
	default:
		return map[string]any{"__extn": map[string]any{"fn": extFunc[v.kind], "arg": v.s}}
	}
}

func fieldsJSON(fs []field) map[string]any {
	out := make(map[string]any, len(fs))
	for _, f := range fs {
		out[f.name] = f.val.jsonValue()
	}
	return out
}

// quote writes s as a Cedar string literal. The generator's strings are
// plain text, for which types.Quote's escapes are all it needs; the
// deliberate alternative spellings (`\u{…}`, `\'`) are escapedQuote's.
func quote(s string) string { return types.Quote(s) }

// typedJSON is the value in one of the spellings official Cedar accepts
// where a schema declares the value's type, chosen at random per leaf: an
// extension value as its constructor's bare string argument, as
// {"fn", "arg"} or as {"__extn": {"fn", "arg"}}; an entity reference as
// {"type", "id"} or as {"__entity": {"type", "id"}}. Only schema-directed
// parsing reads these as the same value (without a schema a bare string is
// a string and {"fn", "arg"} a record).
func (v value) typedJSON(r *rand.Rand) any {
	switch v.kind {
	case kEntity:
		if r.IntN(2) == 0 {
			return v.uid
		}
		return map[string]any{"__entity": v.uid}
	case kSet:
		out := make([]any, len(v.elems))
		for i, e := range v.elems {
			out[i] = e.typedJSON(r)
		}
		return out
	case kRecord:
		return fieldsTypedJSON(v.fields, r)
	case kDecimal, kIP, kDatetime, kDuration:
		call := map[string]any{"fn": extFunc[v.kind], "arg": v.s}
		switch r.IntN(3) {
		case 0:
			return v.s
		case 1:
			return call
		}
		return map[string]any{"__extn": call}
	}
	return v.jsonValue()
}

func fieldsTypedJSON(fs []field, r *rand.Rand) map[string]any {
	out := make(map[string]any, len(fs))
	for _, f := range fs {
		out[f.name] = f.val.typedJSON(r)
	}
	return out
}
