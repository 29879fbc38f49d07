package analysis

import (
	"reflect"

	"github.com/cedar-ls/cedar-ls/engine/ast"
)

// policyFieldsKnown reports whether ast.Policy and the node structs have
// exactly the fields shiftPolicy copies by hand; if the engine adds one,
// shiftPolicy uses the generic copy until shift_policy.go learns it.
var policyFieldsKnown = fieldsAre(reflect.TypeOf(ast.Policy{}),
	"ID", "Annotations", "Effect", "EffectSpan", "Principal", "Action", "Resource", "Conditions", "Span", "Errors") &&
	fieldsAre(reflect.TypeOf(ast.Scope{}), "Var", "Op", "Type", "TypeSpan", "Entity", "Entities", "VarSpan", "Span") &&
	fieldsAre(reflect.TypeOf(ast.Condition{}), "Unless", "Body", "KeywordSpan", "Span") &&
	fieldsAre(reflect.TypeOf(ast.Annotation{}), "Key", "Value", "HasValue", "KeySpan", "Span")

func fieldsAre(t reflect.Type, names ...string) bool {
	if t.NumField() != len(names) {
		return false
	}
	for i, n := range names {
		if t.Field(i).Name != n {
			return false
		}
	}
	return true
}
