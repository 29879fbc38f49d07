// Package extension implements Cedar's extension types: the decimal, ip,
// datetime and duration constructors, their methods, and the ordering the
// `<`-family operators use on extension values.
//
// Behaviour and error messages follow official Cedar 4.13 (checked against
// cedar-wasm), including its quirks.
package extension

import (
	"fmt"

	"github.com/cedar-ls/cedar-ls/engine/types"
)

// Spec describes one extension function or method for callers that check
// calls statically (parser, validator). For methods Params[0] is the
// receiver.
type Spec struct {
	Name     string
	IsMethod bool
	Params   []types.Kind
	Result   types.Kind
	impl     func(args []types.Value) (types.Value, error)
}

var specs = map[string]*Spec{}

func register(name string, isMethod bool, params []types.Kind, result types.Kind, impl func([]types.Value) (types.Value, error)) {
	specs[name] = &Spec{Name: name, IsMethod: isMethod, Params: params, Result: result, impl: impl}
}

// Lookup returns the signature of an extension function or method.
func Lookup(name string) (Spec, bool) {
	s, ok := specs[name]
	if !ok {
		return Spec{}, false
	}
	return *s, true
}

// IsFunction reports whether name is an extension constructor, called as
// `name(arg)`.
func IsFunction(name string) bool {
	s, ok := specs[name]
	return ok && !s.IsMethod
}

// IsMethod reports whether name is an extension method, called as
// `receiver.name(args)`.
func IsMethod(name string) bool {
	s, ok := specs[name]
	return ok && s.IsMethod
}

// Call applies an extension function or method; for methods args[0] is the
// receiver. Argument count is checked before argument kinds, and kinds in
// order, as official Cedar does.
func Call(name string, args []types.Value) (types.Value, error) {
	s, ok := specs[name]
	if !ok {
		return nil, &UnknownFunctionError{Name: name}
	}
	if len(args) != len(s.Params) {
		return nil, &ArityError{Name: name, Want: len(s.Params), Got: len(args)}
	}
	for i, want := range s.Params {
		if args[i] == nil {
			return nil, &TypeError{Want: want, Got: nil}
		}
		if args[i].Kind() != want {
			return nil, &TypeError{Want: want, Got: args[i]}
		}
	}
	return s.impl(args)
}

// FromExtn evaluates the entities-JSON escape {"__extn": {"fn": fn, "arg":
// arg}}. Official Cedar evaluates any extension function or method there,
// with the same errors as a call in a policy. The escape may instead carry
// "args": [...]; decode those and use Call. When both "arg" and "args" are
// present, official uses "arg".
func FromExtn(fn string, arg types.Value) (types.Value, error) {
	return Call(fn, []types.Value{arg})
}

// Compare orders two extension values for Cedar's <, <=, > and >=. Only
// datetime against datetime and duration against duration are ordered
// (decimal uses its lessThan-family methods; official Cedar 4.13 rejects `<`
// on decimals); ok is false for every other pair.
func Compare(a, b types.Value) (cmp int, ok bool) {
	switch x := a.(type) {
	case types.Datetime:
		if y, isDatetime := b.(types.Datetime); isDatetime {
			return compareInt64(x.Millis, y.Millis), true
		}
	case types.Duration:
		if y, isDuration := b.(types.Duration); isDuration {
			return compareInt64(x.Millis, y.Millis), true
		}
	}
	return 0, false
}

func compareInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// UnknownFunctionError is a call to a name that is no extension function.
type UnknownFunctionError struct{ Name string }

func (e *UnknownFunctionError) Error() string {
	return fmt.Sprintf("extension function `%s` does not exist", e.Name)
}

// ArityError is a call with the wrong number of arguments; counts include a
// method's receiver, as in official messages.
type ArityError struct {
	Name      string
	Want, Got int
}

func (e *ArityError) Error() string {
	return fmt.Sprintf("wrong number of arguments provided to extension function `%s`: expected %d, got %d", e.Name, e.Want, e.Got)
}

// TypeError is an argument of the wrong kind.
type TypeError struct {
	Want types.Kind
	Got  types.Value
}

func (e *TypeError) Error() string {
	got := "nothing"
	switch v := e.Got.(type) {
	case nil:
	case types.EntityUID:
		// Official names the entity type, not just the kind.
		got = fmt.Sprintf("(entity of type `%s`)", v.Type)
	default:
		got = v.Kind().String()
	}
	return fmt.Sprintf("type error: expected %s, got %s", e.Want, got)
}

// EvalError is a failure inside an extension function: a malformed literal
// or an overflow. Ext is the name official Cedar reports, which for ip() is
// "ipaddr" and for methods the method name.
type EvalError struct {
	Ext string
	Msg string
}

func (e *EvalError) Error() string {
	return fmt.Sprintf("error while evaluating `%s` extension function: %s", e.Ext, e.Msg)
}

func evalErr(ext, format string, args ...any) error {
	return &EvalError{Ext: ext, Msg: fmt.Sprintf(format, args...)}
}
