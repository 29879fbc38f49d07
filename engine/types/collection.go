package types

import (
	"sort"
	"strings"
)

// Set is a Cedar set. Build it with NewSet, which removes duplicates; the
// element order carries no meaning.
type Set struct {
	elems []Value
}

// NewSet builds a set from values, dropping duplicates (first occurrence wins).
func NewSet(vals ...Value) Set {
	out := make([]Value, 0, len(vals))
	for _, v := range vals {
		if !containsValue(out, v) {
			out = append(out, v)
		}
	}
	return Set{elems: out}
}

func containsValue(vs []Value, v Value) bool {
	for _, x := range vs {
		if x.Equal(v) {
			return true
		}
	}
	return false
}

func (Set) Kind() Kind { return KindSet }

// Len is the number of distinct elements.
func (s Set) Len() int { return len(s.elems) }

// Elements returns the elements; callers must not modify the slice.
func (s Set) Elements() []Value { return s.elems }

// Contains reports whether v is an element of s.
func (s Set) Contains(v Value) bool { return containsValue(s.elems, v) }

// Equal is set equality: same elements regardless of order.
func (s Set) Equal(v Value) bool {
	o, ok := v.(Set)
	if !ok || len(o.elems) != len(s.elems) {
		return false
	}
	for _, x := range s.elems {
		if !o.Contains(x) {
			return false
		}
	}
	return true
}

func (s Set) String() string {
	parts := make([]string, len(s.elems))
	for i, e := range s.elems {
		parts[i] = e.String()
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// Record is a Cedar record: attribute names to values.
type Record struct {
	attrs map[string]Value
}

// NewRecord builds a record; the map is owned by the record afterwards.
func NewRecord(attrs map[string]Value) Record {
	if attrs == nil {
		attrs = map[string]Value{}
	}
	return Record{attrs: attrs}
}

func (Record) Kind() Kind { return KindRecord }

// Get returns the attribute's value and whether it is present.
func (r Record) Get(name string) (Value, bool) {
	v, ok := r.attrs[name]
	return v, ok
}

// Len is the number of attributes.
func (r Record) Len() int { return len(r.attrs) }

// Map returns the attributes; callers must not modify the map.
func (r Record) Map() map[string]Value { return r.attrs }

// Keys returns the attribute names in sorted order.
func (r Record) Keys() []string {
	keys := make([]string, 0, len(r.attrs))
	for k := range r.attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (r Record) Equal(v Value) bool {
	o, ok := v.(Record)
	if !ok || len(o.attrs) != len(r.attrs) {
		return false
	}
	for k, x := range r.attrs {
		y, ok := o.attrs[k]
		if !ok || !x.Equal(y) {
			return false
		}
	}
	return true
}

func (r Record) String() string {
	keys := r.Keys()
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = Quote(k) + ": " + r.attrs[k].String()
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
