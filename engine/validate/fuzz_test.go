package validate

import (
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/parse"
)

// FuzzValidate feeds whatever the error-tolerant parser makes of arbitrary
// text (including partial trees from broken input) to the validator in both
// modes and to PolicyTypes: none of it may panic.
func FuzzValidate(f *testing.F) {
	for _, c := range strictCases {
		f.Add(c.policy)
	}
	f.Add(`permit(principal == ?principal, action, resource in ?resource) when { ?principal.x };`)
	f.Add(`permit(principal, action in [], resource) when { [[], [{}]].contains(if 1 then [] else {a: []}) };`)
	f.Add(`forbid(principal, action, resource) when { context. }`)
	s := testSchema()
	f.Fuzz(func(t *testing.T, src string) {
		file, _ := parse.Policies([]byte(src))
		if file == nil {
			return
		}
		Validate(s, file.Policies, Strict)
		Validate(s, file.Policies, Permissive)
		Validate(nil, file.Policies, Strict)
		for _, p := range file.Policies {
			PolicyTypes(s, p, Permissive)
		}
	})
}
