package analysis

import (
	"os"
	"path/filepath"
	"strings"
)

// Kind is what a file holds, decided by its name (never by the editor's
// language id: JSON kinds all arrive as "json").
type Kind uint8

const (
	KindUnknown    Kind = iota
	KindPolicy          // *.cedar
	KindPolicyJSON      // *.cedar.json (the JSON policy format)
	KindSchema          // *.cedarschema, cedarschema
	KindSchemaJSON      // *.cedarschema.json, cedarschema.json
	KindEntities        // *.cedarentities.json, cedarentities.json, *.avpentities.json, entities.json beside a schema
	KindLinks           // *.cedartemplatelinks.json, *.cedarlinks.json
	KindRequest         // *.cedarauth.json, *.cedarparc.json (the shape of --request-json)
	KindTests           // *.cedartests.json (official run-tests JSON)
	KindProject         // .cedar-ls.json, the project file (association.go)
)

var kindNames = [...]string{"unknown", "policy", "policy-json", "schema", "schema-json", "entities", "links", "request", "tests", "project"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// IsSchema reports whether the kind is a schema in either syntax.
func (k Kind) IsSchema() bool { return k == KindSchema || k == KindSchemaJSON }

// IsJSON reports whether files of the kind are JSON texts.
func (k Kind) IsJSON() bool {
	switch k {
	case KindPolicyJSON, KindSchemaJSON, KindEntities, KindLinks, KindRequest, KindTests, KindProject:
		return true
	}
	return false
}

// kindOfName decides the kind from a base name alone; entities.json is
// KindUnknown here because it needs a look at its folder.
func kindOfName(base string) Kind {
	n := strings.ToLower(base)
	switch n {
	case "cedarschema":
		return KindSchema
	case "cedarschema.json":
		return KindSchemaJSON
	case "cedarentities.json":
		return KindEntities
	case ProjectFileName:
		return KindProject
	}
	suffixes := []struct {
		suffix string
		kind   Kind
	}{
		{".cedarschema.json", KindSchemaJSON},
		{".cedarentities.json", KindEntities},
		{".avpentities.json", KindEntities},
		{".cedartemplatelinks.json", KindLinks},
		{".cedarlinks.json", KindLinks},
		{".cedarauth.json", KindRequest},
		{".cedarparc.json", KindRequest},
		{".cedartests.json", KindTests},
		{".cedar.json", KindPolicyJSON},
		{".cedarschema", KindSchema},
		{".cedar", KindPolicy},
	}
	for _, s := range suffixes {
		if strings.HasSuffix(n, s.suffix) && len(n) > len(s.suffix) {
			return s.kind
		}
	}
	return KindUnknown
}

// KindOf decides a file's kind from its path. `entities.json` (the name
// `cedar new` writes) is entities only when a schema file sits in the same
// folder; KindOf looks at the disk for that. Workspace snapshots use
// Snapshot.KindOf, which also sees unsaved open schema files.
func KindOf(path string) Kind {
	return kindOf(path, diskHasSchemaIn)
}

func kindOf(path string, hasSchemaIn func(dir string) bool) Kind {
	base := filepath.Base(path)
	if k := kindOfName(base); k != KindUnknown {
		return k
	}
	if strings.ToLower(base) == "entities.json" && hasSchemaIn(filepath.Dir(path)) {
		return KindEntities
	}
	return KindUnknown
}

func diskHasSchemaIn(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && kindOfName(e.Name()).IsSchema() {
			return true
		}
	}
	return false
}
