// Package jsontree reads a JSON text into a tree of values that remember
// where they stand in the text, for the readers of Cedar's JSON formats
// (entities, policies, schemas).
//
// encoding/json does not do for them: it forgets positions, so errors
// could not name a line:col; it merges duplicate keys, which some Cedar
// formats reject; it turns numbers into float64 unless asked, and it
// replaces invalid UTF-8 and lone surrogate escapes with U+FFFD where
// official Cedar rejects them.
//
// What this reader accepts is RFC 8259 JSON, except that strings must be
// valid Unicode (no invalid UTF-8, no lone surrogate `\u` escape) and
// arrays and objects may nest only as deep as the caller allows.
// Duplicate keys are kept, in order: each format decides what they mean
// (Member and FirstDuplicate help).
package jsontree

import (
	"errors"
	"strconv"
	"strings"
)

// Kind is the syntactic kind of a JSON value.
type Kind uint8

const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{"null", "boolean", "number", "string", "array", "object"}

// String is the kind's name: "null", "boolean", "number", "string",
// "array" or "object".
func (k Kind) String() string { return kindNames[k] }

// WithArticle is the kind's name as a noun phrase: "null", "a boolean",
// "a number", "a string", "an array" or "an object".
func (k Kind) WithArticle() string {
	switch k {
	case Null:
		return "null"
	case Array, Object:
		return "an " + k.String()
	}
	return "a " + k.String()
}

// Value is one JSON value and where it stands: Start is the byte offset of
// its first character, End the offset just past its last.
type Value struct {
	Kind       Kind
	Start, End int
	Bool       bool     // for Bool
	Text       string   // for String, the decoded string; for Number, the literal as written
	Elems      []*Value // for Array
	Members    []Member // for Object, in the order written, duplicates kept
}

// Member is one key and value of an object. KeyStart and KeyEnd bound the
// key's literal, quotes included.
type Member struct {
	Key              string
	KeyStart, KeyEnd int
	Value            *Value
}

// Member returns the first member of an object named key, or nil.
func (v *Value) Member(key string) *Member {
	for i := range v.Members {
		if v.Members[i].Key == key {
			return &v.Members[i]
		}
	}
	return nil
}

// FirstDuplicate returns the first member of an object whose key an
// earlier member already has, or nil.
func (v *Value) FirstDuplicate() *Member {
	if len(v.Members) < 2 {
		return nil
	}
	seen := make(map[string]struct{}, len(v.Members))
	for i := range v.Members {
		m := &v.Members[i]
		if _, dup := seen[m.Key]; dup {
			return m
		}
		seen[m.Key] = struct{}{}
	}
	return nil
}

// The reasons Int64 gives for a number it cannot return.
var (
	ErrNotInteger = errors.New("not an integer")
	ErrOutOfRange = errors.New("integer out of the signed 64-bit range")
)

// Int64 returns the value of a Number written as an integer (no fraction,
// no exponent) in the signed 64-bit range, exactly. Otherwise it returns
// ErrNotInteger or ErrOutOfRange. It must be called on a Number.
func (v *Value) Int64() (int64, error) {
	if strings.ContainsAny(v.Text, ".eE") {
		return 0, ErrNotInteger
	}
	i, err := strconv.ParseInt(v.Text, 10, 64)
	if err != nil {
		// The literal's syntax was checked when it was read, so the only
		// failure left is the range.
		return 0, ErrOutOfRange
	}
	return i, nil
}
