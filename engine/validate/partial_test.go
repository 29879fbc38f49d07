package validate

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/schema"
)

// typesAtCursor parses src (with one ‸ mark), checks the policy at the
// mark has parse errors, and lists, per request environment, the type of
// the innermost expression at the mark and of its receiver or operand
// when it is an access with a missing name.
func typesAtCursor(t *testing.T, s *schema.Schema, src string) []string {
	t.Helper()
	off := strings.Index(src, "‸")
	src = src[:off] + src[off+len("‸"):]
	file, errs := parse.Policies([]byte(src))
	if len(errs) == 0 {
		t.Fatalf("%s: parses without errors", src)
	}
	path := ast.PathAt(file, off)
	if len(path) == 0 {
		t.Fatalf("%s: nothing at %d", src, off)
	}
	p := path[0].(*ast.Policy)
	if !p.HasErrors() {
		t.Fatalf("%s: the policy at the mark has no errors", src)
	}
	var target ast.Expr
	for _, n := range path {
		if e, ok := n.(ast.Expr); ok {
			target = e
		}
	}
	var out []string
	for _, ty := range PolicyTypes(s, p, Strict) {
		if len(ty.Errors) != 0 {
			t.Errorf("%s: a partial policy has validation errors: %v", src, ty.Errors)
		}
		line := fmt.Sprintf("%s/%s/%s:", ty.Env.Principal, ty.Env.Action.ID, ty.Env.Resource)
		if target != nil {
			line += " " + typeName(ty.Types[target])
			if g, ok := target.(*ast.GetAttr); ok {
				line += " on " + typeName(ty.Types[g.Arg])
			}
		}
		out = append(out, line)
	}
	sort.Strings(out)
	return out
}

func typeName(t *Type) string {
	if t == nil {
		return "<untyped>"
	}
	if t.Kind == KindError {
		return "<unknown>"
	}
	return t.String()
}

// TestPartialPolicyTypes: the validator types what could be read of a
// policy being typed, per request environment, for completion and hover;
// what could not be read is of unknown type and nothing is reported.
func TestPartialPolicyTypes(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{`permit(principal, action == Action::"view", resource) when { principal.‸`,
			`User/view/Doc: <unknown> on User`},
		{`permit(principal, action == Action::"view", resource) when { principal.manager.‸ };`,
			`User/view/Doc: <unknown> on User`},
		{`permit(principal, action, resource) when { resource.owner == principal && context.‸`,
			// `resource.owner == principal` is false for a Group principal,
			// so the right of && is not typed there.
			`Group/edit/Doc: <untyped> on <untyped> | User/edit/Doc: <unknown> on {} | User/view/Doc: <unknown> on {ip?: ipaddr,}`},
		{`permit(principal, action, resource) when { principal.name‸`,
			`Group/edit/Doc: <unknown> on Group | User/edit/Doc: String on User | User/view/Doc: String on User`},
		{`permit(principal is Group, action, resource) when { resource has ‸`,
			`Group/edit/Doc: Bool`},
		// An unreadable scope constraint admits every environment.
		{`permit(principal in Gr‸`,
			`Group/edit/Doc: | User/edit/Doc: | User/view/Doc:`},
		// edit is in the view group.
		{`permit(principal == User::"a", action in [Action::"view", ‸`,
			`User/edit/Doc: | User/view/Doc:`},
		{`permit(principal == User::"a", action == Action::"view", resource) when { principal.age + ‸ };`,
			`User/view/Doc: Long`},
		{`permit(principal, action, resource is Doc) when { resource.owner.‸ == principal };`,
			`Group/edit/Doc: <unknown> on User | User/edit/Doc: <unknown> on User | User/view/Doc: <unknown> on User`},
	} {
		got := strings.Join(typesAtCursor(t, testSchema(), tc.src), " | ")
		if got != tc.want {
			t.Errorf("%s\n got %s\nwant %s", tc.src, got, tc.want)
		}
	}
}

// TestPartialPoliciesAreNotValidated: in a file with a half-typed policy,
// the others are validated as alone and the broken one reports nothing.
func TestPartialPoliciesAreNotValidated(t *testing.T) {
	src := `permit(principal, action == Action::"view", resource) when { principal.nope };
permit(principal, action, resource) when { principal. };
permit(principal, action == Action::"edit", resource) when { resource.owner.age > 1 };`
	file, errs := parse.Policies([]byte(src))
	if len(errs) != 1 || len(file.Policies) != 3 || !file.Policies[1].HasErrors() {
		t.Fatalf("parse: %v", errs)
	}
	var got []string
	for _, d := range Validate(testSchema(), file.Policies, Strict).Errors {
		got = append(got, d.PolicyID+" "+d.Code)
	}
	want := "policy0 unsafeAttributeAccess policy2 unsafeOptionalAttributeAccess"
	if strings.Join(got, " ") != want {
		t.Errorf("diagnostics %v, want %s", got, want)
	}
	if r := ValidatePolicy(testSchema(), file.Policies[1], Strict); len(r.Errors)+len(r.Warnings) != 0 {
		t.Errorf("partial policy: %+v", r)
	}
}

// TestValidateAgainstPartialSchema: a schema with an error in one
// declaration still validates policies against the rest.
func TestValidateAgainstPartialSchema(t *testing.T) {
	s, serrs := schema.Load("s.cedarschema", []byte(`
entity User = { name: String, boss: Usr };
entity Doc = { owner: User ;
entity Folder = { title: String };
action view appliesTo { principal: User, resource: Folder };`))
	if len(serrs) == 0 || s == nil {
		t.Fatalf("want a schema with errors, got %v", serrs)
	}
	file, _ := parse.Policies([]byte(`permit(principal, action == Action::"view", resource) when { principal.name == resource.title };
permit(principal, action == Action::"view", resource) when { principal.boss == resource };
permit(principal, action == Action::"view", resource is Doc);`))
	var got []string
	for _, d := range Validate(s, file.Policies, Strict).Errors {
		got = append(got, d.PolicyID+" "+d.Code)
	}
	// boss was dropped with its undeclared type; Doc with its syntax error.
	want := "policy1 unsafeAttributeAccess policy2 unrecognizedEntityType"
	if strings.Join(got, " ") != want {
		t.Errorf("diagnostics %v, want %s", got, want)
	}
	typings := PolicyTypes(s, file.Policies[0], Strict)
	if len(typings) != 1 || typings[0].Env.Principal != "User" {
		t.Fatalf("typings %+v", typings)
	}
}
