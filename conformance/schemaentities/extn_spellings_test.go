package schemaentities

import (
	"testing"

	"github.com/cedar-ls/cedar-ls/conformance/oracle"
	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// TestExtensionSpellingsAgainstOfficial writes extension values in every
// JSON spelling (bare string, {"fn", "arg"} with and without the `__extn`
// wrapper, extra members, wrong functions and arguments) where the schema
// expects an extension type, in an entity attribute and in a context, and
// checks that we accept exactly what official Cedar accepts.
func TestExtensionSpellingsAgainstOfficial(t *testing.T) {
	o, err := oracle.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	const schemaText = `entity U { t?: datetime, ip?: ipaddr, ts?: Set<datetime>, r?: {a?: decimal} };
action view appliesTo { principal: U, resource: U, context: { t?: datetime, ip?: ipaddr, ts?: Set<datetime>, r?: {a?: decimal} } };`
	s, errs := schema.Load("spellings.cedarschema", []byte(schemaText))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	// Not listed, as known differences beside this check: {"fn": "unknown",
	// …} (official makes an unknown for partial evaluation) and repeated
	// keys (official takes the last, we reject the object).
	values := map[string][]string{
		"t": {
			`"2025-02-20T13:00:00-0500"`,
			`{"fn": "datetime", "arg": "2025-02-20T13:00:00-0500"}`,
			`{"fn": "datetime", "arg": "2025-02-20", "x": 1}`,
			`{"fn": "datetime", "args": ["2025-02-20"]}`,
			`{"__extn": {"fn": "datetime", "arg": "2025-02-20"}}`,
			`{"__extn": {"fn": "datetime", "arg": "2025-02-20"}, "x": 1}`,
			`{"fn": "ip", "arg": "1.2.3.4"}`,
			`{"fn": "datetime", "arg": 5}`,
			`{"fn": 5, "arg": "2025-02-20"}`,
			`{"fn": "datetime"}`,
			`{"arg": "2025-02-20"}`,
			`{"fn": "nope", "arg": "2025-02-20"}`,
			`{"fn": "datetime", "arg": {"fn": "datetime", "arg": "2025-02-20"}}`,
			`{"fn": "datetime", "arg": null}`,
			`{"fn": "datetime", "arg": "not a date"}`,
			`{"type": "U", "id": "a"}`,
		},
		"ip": {
			`"10.0.0.1/8"`,
			`{"fn": "ip", "arg": "::1"}`,
			`{"fn": "decimal", "arg": "1.5"}`,
			`{"__extn": {"fn": "ip", "arg": "::1"}}`,
		},
		"ts": {
			`["2025-01-01", {"fn": "datetime", "arg": "2025-02-20"}, {"__extn": {"fn": "datetime", "arg": "2025-03-01"}}]`,
			`[{"fn": "duration", "arg": "1h"}]`,
		},
		"r": {
			`{"a": {"fn": "decimal", "arg": "1.25"}}`,
			`{"a": {"fn": "decimal", "arg": "1.23456"}}`,
		},
	}
	view := oracle.UID("Action", "view")
	var cases, accepted int
	for attr, vals := range values {
		for _, v := range vals {
			ents := []byte(`[{"uid": {"type": "U", "id": "a"}, "attrs": {"` + attr + `": ` + v + `}, "parents": []}]`)
			_, ours := entitiesjson.ParseWithSchema(ents, s)
			theirs := o.CheckParseEntities(ents, schemaText)
			if d := disagreement(ours, theirs); d != "" {
				t.Errorf("entity attribute %s = %s: %s", attr, v, d)
			}
			ctx := []byte(`{"` + attr + `": ` + v + `}`)
			_, oursCtx := entitiesjson.ParseContextWithSchema(ctx, s, types.NewEntityUID("Action", "view"), true)
			theirsCtx := o.CheckParseContext(ctx, schemaText, &view)
			if d := disagreement(oursCtx, theirsCtx); d != "" {
				t.Errorf("context attribute %s = %s: %s", attr, v, d)
			}
			cases += 2
			if theirs == nil {
				accepted++
			}
			if theirsCtx == nil {
				accepted++
			}
		}
	}
	t.Logf("%d inputs, %d accepted by official Cedar", cases, accepted)
	if accepted == 0 || accepted == cases {
		t.Errorf("the spellings should give both accepted and rejected inputs (%d of %d accepted)", accepted, cases)
	}
}
