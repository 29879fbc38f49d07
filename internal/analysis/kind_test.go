package analysis

import (
	"os"
	"path/filepath"
	"testing"
)

func TestKindOf(t *testing.T) {
	dir := t.TempDir()
	withSchema := filepath.Join(dir, "app")
	os.MkdirAll(withSchema, 0o755)
	os.WriteFile(filepath.Join(withSchema, "app.cedarschema"), nil, 0o644)
	cases := map[string]Kind{
		"p.cedar":                        KindPolicy,
		"P.CEDAR":                        KindPolicy,
		"p.cedar.json":                   KindPolicyJSON,
		"s.cedarschema":                  KindSchema,
		"cedarschema":                    KindSchema,
		"s.cedarschema.json":             KindSchemaJSON,
		"cedarschema.json":               KindSchemaJSON,
		"e.cedarentities.json":           KindEntities,
		"cedarentities.json":             KindEntities,
		"e.avpentities.json":             KindEntities,
		"l.cedartemplatelinks.json":      KindLinks,
		"l.cedarlinks.json":              KindLinks,
		"r.cedarauth.json":               KindRequest,
		"r.cedarparc.json":               KindRequest,
		"t.cedartests.json":              KindTests,
		"entities.json":                  KindUnknown, // no schema beside it
		"app/entities.json":              KindEntities,
		"other.json":                     KindUnknown,
		".cedar":                         KindUnknown,
		"notes.txt":                      KindUnknown,
		"app/app.cedarschema":            KindSchema,
		"x.cedarschema.json.bak":         KindUnknown,
		"deep/p.cedartemplatelinks.json": KindLinks,
	}
	for name, want := range cases {
		if got := KindOf(filepath.Join(dir, name)); got != want {
			t.Errorf("KindOf(%s) = %v, want %v", name, got, want)
		}
	}
}
