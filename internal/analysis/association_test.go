package analysis

import (
	"encoding/json"
	"path/filepath"
	"testing"
)

func schemaPaths(root string, sc *Schema) []string {
	if sc == nil {
		return nil
	}
	var out []string
	for _, f := range sc.Files {
		rel, _ := filepath.Rel(root, f.Path)
		out = append(out, filepath.ToSlash(rel))
	}
	return out
}

func TestSchemaAssociation(t *testing.T) {
	files := map[string]string{
		"app/schema.cedarschema":      "entity User;",
		"app/schema.cedarschema.json": `{"": {"entityTypes": {"Json": {}}, "actions": {}}}`,
		"app/extra.cedarschema":       "entity Doc;",
		"app/policies/p.cedar":        "permit(principal, action, resource);",
		"lone/p.cedar":                "permit(principal, action, resource);",
		"proj/.cedar-ls.json":         `{"associations": [{"files": "special/**/*.cedar", "schema": "schemas/s.cedarschema", "entities": "data/e.json"}]}`,
		"proj/schemas/s.cedarschema":  "entity Special;",
		"proj/special/x/p.cedar":      "permit(principal, action, resource);",
		"proj/other.cedar":            "permit(principal, action, resource);",
		"proj/other.cedarschema":      "entity Other;",
		"app/entities.json":           "[]",
	}
	w, root := testWorkspace(t, files)
	snap := w.Snapshot()
	check := func(name string, want ...string) {
		t.Helper()
		got := schemaPaths(root, snap.SchemaFor(uriIn(root, name)))
		if len(got) != len(want) {
			t.Errorf("%s: schema %v, want %v", name, got, want)
			return
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: schema %v, want %v", name, got, want)
			}
		}
	}
	// Nearest folder at or above; fragments merged; .cedarschema beats its twin.
	check("app/policies/p.cedar", "app/extra.cedarschema", "app/schema.cedarschema")
	check("lone/p.cedar")
	// The project file's glob wins over the folder search.
	check("proj/special/x/p.cedar", "proj/schemas/s.cedarschema")
	check("proj/other.cedar", "proj/other.cedarschema")
	if a := snap.AssociationFor(filepath.Join(root, "proj/special/x/p.cedar")); len(a.Entities) != 1 || filepath.Base(a.Entities[0]) != "e.json" {
		t.Errorf("entities from the project file: %v", a.Entities)
	}
	if a := snap.AssociationFor(filepath.Join(root, "app/policies/p.cedar")); len(a.Entities) != 1 || filepath.Base(a.Entities[0]) != "entities.json" {
		t.Errorf("entities.json beside the schema: %v", a.Entities)
	}
	if es := snap.EntitiesFor(uriIn(root, "app/policies/p.cedar")); len(es) != 1 || es[0].Kind != KindEntities {
		t.Errorf("EntitiesFor: %v", es)
	}
	sc := snap.SchemaFor(uriIn(root, "app/policies/p.cedar"))
	if sc == nil || sc.Resolved == nil || len(sc.Resolved.Entities) != 2 {
		t.Fatalf("merged schema: %+v", sc)
	}
	// The setting wins over everything automatic.
	settings, problems := ApplySettings(DefaultSettings(), json.RawMessage(`{"cedar": {"schemaFile": "proj/schemas/s.cedarschema"}}`))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	snap = w.SetSettings(settings)
	check("app/policies/p.cedar", "proj/schemas/s.cedarschema")
	// An explicit association wins over the setting.
	snap = w.Associate(uriIn(root, "app/policies/p.cedar"), []string{uriIn(root, "proj/other.cedarschema")})
	check("app/policies/p.cedar", "proj/other.cedarschema")
	snap = w.Associate(uriIn(root, "app/policies/p.cedar"), nil)
	// Autodetection off: only the setting remains, then nothing.
	settings.SchemaFiles = nil
	settings.AutodetectSchemaFile = false
	snap = w.SetSettings(settings)
	check("app/policies/p.cedar")
	check("proj/special/x/p.cedar", "proj/schemas/s.cedarschema")
}

func TestSchemaCacheSharedAcrossSnapshots(t *testing.T) {
	w, root := testWorkspace(t, map[string]string{"s.cedarschema": "entity User;", "p.cedar": "permit(principal, action, resource);"})
	a := w.Snapshot().SchemaFor(uriIn(root, "p.cedar"))
	w.Open(uriIn(root, "p.cedar"), 1, []byte("forbid(principal, action, resource);"))
	b := w.Snapshot().SchemaFor(uriIn(root, "p.cedar"))
	if a == nil || a != b {
		t.Errorf("a policy edit rebuilt the schema")
	}
	w.Open(uriIn(root, "s.cedarschema"), 1, []byte("entity User; entity Doc;"))
	c := w.Snapshot().SchemaFor(uriIn(root, "p.cedar"))
	if c == b || c == nil || len(c.Resolved.Entities) != 2 {
		t.Errorf("a schema edit did not give a new schema")
	}
}

func TestApplySettings(t *testing.T) {
	s, problems := ApplySettings(DefaultSettings(), json.RawMessage(`{"cedar.validationMode": "permissive", "cedar": {"format": {"lineWidth": 100}, "inlayHints": {"scopeTypes": true}, "schemaFile": ["a", "b"]}, "editor.tabSize": 4}`))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if s.ValidationMode != ModePermissive || s.LineWidth != 100 || !s.InlayHints.ScopeTypes || len(s.SchemaFiles) != 2 || !s.AutodetectSchemaFile {
		t.Errorf("settings %+v", s)
	}
	_, problems = ApplySettings(DefaultSettings(), json.RawMessage(`{"validationMode": "lenient", "format": {"lineWidth": -1}}`))
	if len(problems) != 2 {
		t.Errorf("problems %v, want two", problems)
	}
	// Lua clients send an empty table as an empty array: no settings, no problem.
	for _, raw := range []string{`[]`, ` [ ] `, `{"cedar": []}`} {
		s, problems = ApplySettings(DefaultSettings(), json.RawMessage(raw))
		if len(problems) > 0 || s.ValidationMode != DefaultSettings().ValidationMode {
			t.Errorf("%s: settings %+v, problems %v", raw, s, problems)
		}
	}
	if _, problems = ApplySettings(DefaultSettings(), json.RawMessage(`[1]`)); len(problems) != 1 {
		t.Errorf("[1]: problems %v, want one", problems)
	}
}
