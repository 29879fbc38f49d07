package analysis

import (
	"strings"
	"testing"
)

// TestFormatWorkspace formats every Cedar file of the workspace that has
// no errors and reports the others.
func TestFormatWorkspace(t *testing.T) {
	w, root := testWorkspace(t, map[string]string{
		"schema.cedarschema": "entity   User;\nentity Doc;\naction view appliesTo { principal: User, resource: Doc };\n",
		"a.cedar":            "permit(principal,action,resource);\n",
		"b.cedar":            "permit(principal, action, resource) when { 1 + };\n",
	})
	edits, skipped := FormatWorkspace(w.Snapshot(), FormatOptions{})
	if len(edits[uriIn(root, "a.cedar")]) == 0 || len(edits[uriIn(root, "schema.cedarschema")]) == 0 {
		t.Errorf("want edits for a.cedar and the schema, got %v", edits)
	}
	if _, ok := edits[uriIn(root, "b.cedar")]; ok || len(skipped) != 1 || !strings.Contains(skipped[0], "b.cedar") {
		t.Errorf("want b.cedar (which has an error) skipped and reported, got edits %v, skipped %v", edits, skipped)
	}
}
