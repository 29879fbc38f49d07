package analysis

import (
	"reflect"
	"sync"
)

// cloneShifted returns a deep copy of a syntax tree with delta added to
// every span. Spans are found by shape (a struct type named Span with int
// fields Start and End), so the copy keeps working as the engine's trees
// grow new node types. The tree must be a tree (no cycles); maps and
// unexported fields are copied shallowly.
func cloneShifted[T any](v T, delta int) T {
	c := cloner{delta: delta}
	in := reflect.ValueOf(&v).Elem()
	out := reflect.New(in.Type()).Elem()
	c.copy(out, in)
	return out.Interface().(T)
}

type cloner struct {
	delta int
}

func isSpan(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.Name() == spanName && t.NumField() == 2 &&
		t.Field(0).Name == "Start" && t.Field(1).Name == "End" && t.Field(0).Type.Kind() == reflect.Int
}

// copy sets dst (settable, same type) to a shifted deep copy of src.
func (c *cloner) copy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		p := reflect.New(src.Type().Elem())
		c.copy(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Interface:
		if src.IsNil() {
			return
		}
		inner := src.Elem()
		v := reflect.New(inner.Type()).Elem()
		c.copy(v, inner)
		dst.Set(v)
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := 0; i < src.Len(); i++ {
			c.copy(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Array:
		for i := 0; i < src.Len(); i++ {
			c.copy(dst.Index(i), src.Index(i))
		}
	case reflect.Struct:
		t := src.Type()
		dst.Set(src) // unexported fields and scalars, shallowly
		if isSpan(t) {
			// A zero span means "absent" (a scope without `is`, a node
			// built by hand) and stays zero.
			if start, end := src.Field(0).Int(), src.Field(1).Int(); start != 0 || end != 0 {
				dst.Field(0).SetInt(start + int64(c.delta))
				dst.Field(1).SetInt(end + int64(c.delta))
			}
			return
		}
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).IsExported() && needsCopy(t.Field(i).Type) {
				c.copy(dst.Field(i), src.Field(i))
			}
		}
	default:
		dst.Set(src)
	}
}

var (
	needsCopyMu    sync.Mutex
	needsCopyCache = map[reflect.Type]bool{}
)

// needsCopy reports whether values of the type can hold a span (so must be
// walked); strings, numbers and engine values without spans are shared.
func needsCopy(t reflect.Type) bool {
	needsCopyMu.Lock()
	defer needsCopyMu.Unlock()
	return needsCopyLocked(t)
}

func needsCopyLocked(t reflect.Type) bool {
	if v, ok := needsCopyCache[t]; ok {
		return v
	}
	needsCopyCache[t] = true // provisional, for recursive types
	var r bool
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		r = needsCopyLocked(t.Elem())
	case reflect.Interface:
		r = true
	case reflect.Struct:
		if isSpan(t) {
			r = true
			break
		}
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).IsExported() && needsCopyLocked(t.Field(i).Type) {
				r = true
			}
		}
	}
	needsCopyCache[t] = r
	return r
}
