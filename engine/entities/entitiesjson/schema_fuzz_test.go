package entitiesjson

import (
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// FuzzParseJSONWithSchema decodes arbitrary entities and context JSON
// against a schema with every kind of type: no input may panic, and
// decoded entities must form a store.
func FuzzParseJSONWithSchema(f *testing.F) {
	s, errs := schema.Load("fuzz.cedarschema", []byte(testSchema))
	if len(errs) > 0 {
		f.Fatal(errs)
	}
	f.Add([]byte(user(`{"age": 1, "ip": "10.0.0.1", "fs": [{"type": "User", "id": "x"}], "rec": {"a": 1, "b c": {"d": ""}}}`, `"tags": {"t": "x"}`)))
	f.Add([]byte(user(`{"age": "x", "d": "1.x", "dt": 3, "c": {"__entity": {"type": "Color", "id": "blue"}}}`, `"parents": [{"type": "Group", "id": "g"}]`)))
	f.Add([]byte(`[{"uid": {"type": "Action", "id": "edit"}, "attrs": {}, "parents": [{"type": "Action", "id": "group1"}]}, {"uid": {"type": "Nope", "id": ""}, "attrs": {}, "parents": []}]`))
	f.Add([]byte(`{"ip": "::1", "r": {"a": [1]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if ents, err := ParseWithSchema(data, s); err == nil {
			if _, err := entities.NewStore(ents); err != nil {
				t.Fatalf("decoded entities do not form a store: %v", err)
			}
		}
		view := types.NewEntityUID("Action", "view")
		for _, validate := range []bool{false, true} {
			if ctx, err := ParseContextWithSchema(data, s, view, validate); err == nil && validate {
				if err := ValidateRequest(s, types.NewEntityUID("User", "u"), view, types.NewEntityUID("Doc", "d"), ctx); err != nil {
					t.Fatalf("a context that parsed with validation fails validation: %v", err)
				}
			}
			ParseRequestWithSchema(data, s, validate)
		}
	})
}
