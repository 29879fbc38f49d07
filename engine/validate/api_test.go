package validate

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/parse"
)

func parseOne(t *testing.T, src string) *ast.Policy {
	t.Helper()
	file, errs := parse.Policies([]byte(src))
	if len(errs) > 0 || len(file.Policies) != 1 {
		t.Fatalf("%s: parse: %v", src, errs)
	}
	return file.Policies[0]
}

func TestRequestEnvs(t *testing.T) {
	cases := []struct {
		policy string
		want   string // "principal/action/resource" joined by spaces
	}{
		{`permit(principal, action, resource);`,
			`User/edit/Doc Group/edit/Doc User/view/Doc`},
		{`permit(principal, action == Action::"view", resource);`, `User/view/Doc`},
		// `in` an action group takes its members.
		{`permit(principal, action in Action::"view", resource);`, `User/edit/Doc Group/edit/Doc User/view/Doc`},
		{`permit(principal, action in [Action::"edit"], resource);`, `User/edit/Doc Group/edit/Doc`},
		{`permit(principal is Group, action, resource);`, `Group/edit/Doc`},
		// User may be in a Group; a Group is in itself only.
		{`permit(principal in Group::"g", action, resource);`, `User/edit/Doc Group/edit/Doc User/view/Doc`},
		{`permit(principal in User::"u", action, resource);`, `User/edit/Doc User/view/Doc`},
		{`permit(principal is User in Group::"g", action == Action::"edit", resource);`, `User/edit/Doc`},
		{`permit(principal == Group::"g", action == Action::"view", resource);`, ``},
		{`permit(principal, action, resource is User);`, ``},
		// Slots match every type.
		{`permit(principal == ?principal, action == Action::"edit", resource in ?resource);`, `User/edit/Doc Group/edit/Doc`},
		// So do literals that fail to typecheck, as in official Cedar.
		{`permit(principal in Nope::"x", action == Action::"edit", resource);`, `User/edit/Doc Group/edit/Doc`},
		{`permit(principal, action in Action::"nope", resource);`, `User/edit/Doc Group/edit/Doc User/view/Doc`},
	}
	s := testSchema()
	for _, tc := range cases {
		var got []string
		for _, e := range RequestEnvs(s, parseOne(t, tc.policy)) {
			got = append(got, fmt.Sprintf("%s/%s/%s", e.Principal, e.Action.ID, e.Resource))
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("%s\n got %q\nwant %q", tc.policy, g, tc.want)
		}
	}
}

// TestPolicyTypes checks the per-node types tools read, including the
// singleton booleans and types as official prints them.
func TestPolicyTypes(t *testing.T) {
	src := `permit(principal, action == Action::"view", resource) when {
  principal has age && principal.age > 1 && resource.tags == ["a"] && context == {ip: ip("1.2.3.4")} && 1 == 1
};`
	p := parseOne(t, src)
	typings := PolicyTypes(testSchema(), p, Strict)
	if len(typings) != 1 {
		t.Fatalf("%d environments, want 1", len(typings))
	}
	ty := typings[0]
	if ty.Env.Principal != "User" || ty.Env.Resource != "Doc" {
		t.Errorf("env %+v", ty.Env)
	}
	got := map[string]string{}
	for e, typ := range ty.Types {
		sp := e.Loc()
		got[src[sp.Start:sp.End]] = typ.String()
	}
	want := map[string]string{
		"principal":           "User",
		"principal has age":   "Bool",
		"principal.age":       "Long",
		"principal.age > 1":   "Bool",
		"resource.tags":       "Set<String>",
		`["a"]`:               "Set<String>",
		"context":             "{ip?: ipaddr,}",
		`{ip: ip("1.2.3.4")}`: "{ip: ipaddr,}",
		`ip("1.2.3.4")`:       "ipaddr",
		"1 == 1":              "__cedar::internal::True",
		"1":                   "Long",
	}
	for text, w := range want {
		if got[text] != w {
			t.Errorf("type of %s = %q, want %q", text, got[text], w)
		}
	}
	// `resource.tags` is optional and unguarded; `context == {…}` compares
	// records of different shapes: two strict errors in this environment.
	var kinds []string
	for _, d := range ty.Errors {
		kinds = append(kinds, d.Code)
	}
	sort.Strings(kinds)
	if strings.Join(kinds, " ") != "incompatibleTypes unsafeOptionalAttributeAccess" {
		t.Errorf("errors %v", ty.Errors)
	}
}

// Permissive mode: the expectations follow the corpus's recorded
// permissive verdicts (cedar-wasm exposes strict mode only).
func TestValidatePermissive(t *testing.T) {
	cases := []struct {
		policy string
		valid  bool
	}{
		{`permit(principal, action, resource) when { [1].contains("a") };`, true},
		{`permit(principal, action, resource) when { [1, 2].containsAny(["a"]) };`, true},
		{`permit(principal, action == Action::"view", resource) when { principal.name == 1 };`, true},
		{`permit(principal, action, resource) when { decimal(if true then "1.0" else "2.0") == decimal("1.0") };`, true},
		{`permit(principal, action, resource) when { [].isEmpty() };`, true},
		{`permit(principal, action, resource) when { [User::"a", Group::"b"].contains(principal) };`, true},
		{`permit(principal, action, resource) when { (if context has x then User::"a" else Group::"b") == principal };`, true},
		// Still errors: unknown or unsafe attributes, non-boolean
		// conditions, elements whose types have no upper bound at all.
		{`permit(principal, action, resource) when { principal.age > 3 };`, false},
		{`permit(principal, action, resource) when { [1, "a"].isEmpty() };`, false},
		{`permit(principal, action, resource) when { 1 };`, false},
		{`permit(principal, action, resource) when { (if principal has age then 1 else "a") == 1 };`, false},
		{`permit(principal, action, resource) when { decimal("x") == decimal("1.0") };`, false},
	}
	s := testSchema()
	for _, tc := range cases {
		res := Validate(s, []*ast.Policy{parseOne(t, tc.policy)}, Permissive)
		if res.Valid() != tc.valid {
			t.Errorf("%s: valid=%v, want %v (%v)", tc.policy, res.Valid(), tc.valid, res.Errors)
		}
	}
}

func TestTypeString(t *testing.T) {
	rec := &Type{Kind: KindRecord, Attrs: map[string]Attr{
		"b": {Type: typeLong, Required: true},
		"a": {Type: setOf(extTypes["decimal"]), Required: false},
	}}
	cases := []struct {
		t    *Type
		want string
	}{
		{typeBool, "Bool"},
		{typeTrue, "__cedar::internal::True"},
		{typeFalse, "__cedar::internal::False"},
		{typeString, "String"},
		{entityType("NS::User"), "NS::User"},
		{setOf(setOf(typeLong)), "Set<Set<Long>>"},
		{rec, "{a?: Set<decimal>,b: Long,}"},
		{emptyRecord, "{}"},
	}
	for _, tc := range cases {
		if got := tc.t.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
}
