package engine

import (
	"errors"
	"strings"
	"testing"
)

// TestHalfTypedPolicyLeavesTheOthersAuthorizing: a file whose second of
// three policies is being typed is an error (as in official Cedar), and
// the policy set returned with the error authorizes with the other two,
// under the ids they have in the whole file.
func TestHalfTypedPolicyLeavesTheOthersAuthorizing(t *testing.T) {
	src := `permit(principal == User::"alice", action == Action::"edit", resource);
permit(principal, action, resource) when { principal. };
@id("no-view") forbid(principal, action == Action::"view", resource) unless { context.ok };
`
	ps, err := ParsePolicies("p.cedar", []byte(src))
	var perr *Error
	if !errors.As(err, &perr) || len(perr.Diags) != 1 || !strings.Contains(perr.Diags[0].Message, "after `.`") {
		t.Fatalf("want the one parse error, got %v", err)
	}
	if ps == nil {
		t.Fatal("no policy set with the parse error")
	}
	var ids []string
	for _, p := range ps.Policies() {
		ids = append(ids, p.ID)
	}
	if strings.Join(ids, " ") != "policy0 no-view" {
		t.Fatalf("policies %v, want policy0 no-view", ids)
	}
	alice, edit, view, doc := NewEntityUID("User", "alice"), NewEntityUID("Action", "edit"), NewEntityUID("Action", "view"), NewEntityUID("Doc", "d")
	for _, tc := range []struct {
		action EntityUID
		want   string
	}{{edit, "allow [policy0]"}, {view, "deny [no-view]"}} {
		req, err := NewRequest(RequestParts{Principal: &alice, Action: &tc.action, Resource: &doc, Context: []byte(`{"ok": false}`)}, RequestOptions{})
		if err != nil {
			t.Fatal(err)
		}
		r := Authorize(ps, nil, req)
		if got := r.Decision.String() + " " + "[" + strings.Join(r.Reasons, " ") + "]"; got != tc.want || len(r.Errors) != 0 {
			t.Errorf("%s: %s %v, want %s", tc.action, got, r.Errors, tc.want)
		}
	}
}

// TestSchemaWithOneBadDeclaration: a schema with one bad declaration is an
// error, and the schema returned with it resolves the rest, so policies
// using the rest validate.
func TestSchemaWithOneBadDeclaration(t *testing.T) {
	s, err := LoadSchema("s.cedarschema", []byte(`
entity User in [Group] = { name: String };
entity Group;
entity Doc = { owner: User, title: String ;
entity Folder = { title: String };
action view appliesTo { principal: User, resource: Folder };`))
	if err == nil || s == nil {
		t.Fatalf("want an error and the rest of the schema, got %v, %v", s, err)
	}
	if s.Entities["User"] == nil || s.Entities["Folder"] == nil || s.Entities["Doc"] != nil {
		t.Fatalf("entity types %v", s.Entities)
	}
	ps, err := ParsePolicies("p.cedar", []byte(`permit(principal in Group::"g", action == Action::"view", resource) when { principal.name == resource.title };`))
	if err != nil {
		t.Fatal(err)
	}
	if res := Validate(s, ps, Strict); len(res.Errors) != 0 {
		t.Errorf("validation errors against the rest of the schema: %v", res.Errors)
	}
}
