package analysis

import (
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/schema"
)

// TestRenameReachesPartialPolicies: a policy being typed (kept by the
// parser as a partial tree) takes part in references and rename.
func TestRenameReachesPartialPolicies(t *testing.T) {
	schemaText := "entity User { nickname?: String };\nentity Doc;\naction view appliesTo { principal: User, resource: Doc };\n"
	policies := "permit(principal, action, resource) when { principal has nickname };\n" +
		"permit(principal is User, action, resource) when { principal.nickname == \n"
	tree, errs := schema.ParseCedar([]byte(schemaText))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	s, rerrs := schema.Resolve(tree)
	if len(rerrs) > 0 {
		t.Fatal(rerrs)
	}
	f, perrs := parse.Policies([]byte(policies))
	if len(perrs) == 0 || len(f.Policies) != 2 {
		t.Fatalf("want the second policy kept as a partial tree, got %d policies, errors %v", len(f.Policies), perrs)
	}
	idx := NewSymbolIndex(&Sources{Schema: s,
		Schemas:  []*SchemaSource{{URI: "file:///s.cedarschema", Text: []byte(schemaText), Tree: tree}},
		Policies: []*PolicySource{{URI: "file:///p.cedar", Text: []byte(policies), File: f}}})
	decl := strings.Index(schemaText, "nickname")
	refs := idx.References("file:///s.cedarschema", decl, false)
	if len(refs) != 2 {
		t.Fatalf("want the `has` and the access in the partial policy, got %v", refs)
	}
	edits, err := idx.Rename("file:///s.cedarschema", decl, "alias")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(edits["file:///p.cedar"]); n != 2 {
		t.Errorf("want 2 edits in the policies, got %d", n)
	}
}

// TestRenameRefusesTakenNames: renaming onto a declared name is refused.
func TestRenameRefusesTakenNames(t *testing.T) {
	fx := loadRenameFixture(t, false)
	idx, _ := fx.index(t)
	schemaText := string(fx[fxSchema])
	for _, tc := range []struct{ at, to string }{
		{"entity Group", "Org"},   // entity type onto entity type
		{"type Address", "Meta"},  // common type onto common type
		{"entity Org", "Address"}, // entity type onto common type
		{"action read", "write"},  // action onto action
		{"namespace Ext", "App"},  // namespace onto namespace
	} {
		off := strings.Index(schemaText, tc.at) + strings.Index(tc.at, " ") + 1
		if _, err := idx.Rename(fxSchema, off, tc.to); err == nil || !strings.Contains(err.Error(), "already declared") {
			t.Errorf("renaming %q to %q: got %v, want already declared", tc.at, tc.to, err)
		}
	}
}

// TestRenameAttributeOutOfAHasPath: a name that is no identifier cannot be
// written in a `has a.b` path, so such a rename is refused.
func TestRenameAttributeOutOfAHasPath(t *testing.T) {
	schemaText := "entity User { home: { city?: String } };\nentity Doc;\naction view appliesTo { principal: User, resource: Doc };\n"
	policies := "permit(principal, action, resource) when { principal has home.city };\n"
	tree, _ := schema.ParseCedar([]byte(schemaText))
	s, _ := schema.Resolve(tree)
	f, _ := parse.Policies([]byte(policies))
	idx := NewSymbolIndex(&Sources{Schema: s,
		Schemas:  []*SchemaSource{{URI: "file:///s.cedarschema", Text: []byte(schemaText), Tree: tree}},
		Policies: []*PolicySource{{URI: "file:///p.cedar", Text: []byte(policies), File: f}}})
	at := strings.Index(schemaText, "city")
	if _, err := idx.Rename("file:///s.cedarschema", at, "the city"); err == nil || !strings.Contains(err.Error(), "has") {
		t.Errorf("want the rename refused, got %v", err)
	}
	if _, err := idx.Rename("file:///s.cedarschema", at, "town"); err != nil {
		t.Errorf("an identifier is fine: %v", err)
	}
}
