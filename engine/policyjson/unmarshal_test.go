package policyjson

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/ast"
)

const allScope = `"effect":"permit","principal":{"op":"All"},"action":{"op":"All"},"resource":{"op":"All"}`

func when(body string) string {
	return `{` + allScope + `,"conditions":[{"kind":"when","body":` + body + `}]}`
}

// TestUnmarshalAccepts covers the spellings official Cedar accepts; the
// expected text is what cedar-wasm 4.13's policyToText prints for the same
// JSON, except where noted (our printer adds no redundant parentheses).
func TestUnmarshalAccepts(t *testing.T) {
	tests := []struct{ name, json, text string }{
		{"extn value", when(`{"Value":{"__extn":{"fn":"ip","arg":"1.2.3.4"}}}`), `when { ip("1.2.3.4") }`},
		{"extn args", when(`{"Value":{"__extn":{"fn":"isInRange","args":[{"__extn":{"fn":"ip","arg":"1.2.3.4"}},{"__extn":{"fn":"ip","arg":"1.0.0.0/8"}}]}}}`), `when { ip("1.2.3.4").isInRange(ip("1.0.0.0/8")) }`},
		{"extn any name", when(`{"Value":{"__extn":{"fn":"A::foo","arg":"x"}}}`), `when { A::foo("x") }`},
		{"value record", when(`{"Value":{"a":[1,true,"x",{"__entity":{"type":"A","id":"b"}}]}}`), `when { {"a": [1, true, "x", A::"b"]} }`},
		{"type-id value is a record", when(`{"Value":{"type":"A","id":"b"}}`), `when { {"type": "A", "id": "b"} }`},
		{"malformed entity escape is a record", when(`{"Value":{"__entity":{"type":"A"}}}`), `when { {"__entity": {"type": "A"}} }`},
		{"entity escape ignores extra fields", when(`{"Value":{"__entity":{"type":"A","id":"b","x":1}}}`), `when { A::"b" }`},
		{"value set", when(`{"Value":[]}`), `when { [] }`},
		{"ext function call", when(`{"ip":[{"Value":"1.2.3.4"}]}`), `when { ip("1.2.3.4") }`},
		{"ext method call", when(`{"isInRange":[{"Var":"principal"},{"Var":"resource"}]}`), `when { principal.isInRange(resource) }`},
		{"ext method without receiver", when(`{"isIpv4":[]}`), `when { isIpv4() }`},
		{"unknown function", when(`{"unknown":[{"Value":"x"}]}`), `when { unknown("x") }`},
		{"has path", when(`{"has":{"left":{"Var":"principal"},"attr":["a","b"]}}`), `when { principal has a.b }`},
		// Official prints `principal has a."b c"."if"`, which does not parse.
		{"has path of non-identifiers", when(`{"has":{"left":{"Var":"principal"},"attr":["a","b c","if"]}}`),
			`when { (principal has a && principal.a has "b c" && principal.a["b c"] has "if") }`},
		{"reserved attribute", when(`{".":{"left":{"Var":"principal"},"attr":"if"}}`), `when { principal["if"] }`},
		{"variable name as attribute", when(`{".":{"left":{"Var":"principal"},"attr":"principal"}}`), `when { principal.principal }`},
		{"record keys", when(`{"Record":{"if":{"Value":1},"principal":{"Value":2},"":{"Value":4}}}`), `when { {"if": 1, principal: 2, "": 4} }`},
		{"record repeated key keeps last", when(`{"Record":{"a":{"Value":1},"a":{"Value":2}}}`), `when { {a: 2} }`},
		{"like literal run", when(`{"like":{"left":{"Var":"principal"},"pattern":[{"Literal":"ab*c"},"Wildcard"]}}`), `when { principal like "ab\*c*" }`},
		{"is in", when(`{"is":{"left":{"Var":"principal"},"entity_type":"A::B","in":{"Var":"resource"}}}`), `when { principal is A::B in resource }`},
		{"neg of literal", when(`{"neg":{"arg":{"Value":1}}}`), `when { -(1) }`},
		{"empty annotations and values",
			`{` + allScope + `,"conditions":[],"annotations":{"a":null,"if":"x"}}`, "@a\n@if(\"x\")\npermit(principal, action, resource);"},
		{"entity escape in scope",
			`{"effect":"permit","principal":{"op":"==","entity":{"__entity":{"type":"A","id":"b"}}},"action":{"op":"in","entity":{"type":"Action","id":"x"}},"resource":{"op":"in","slot":"?resource"},"conditions":[]}`,
			`permit(principal == A::"b", action in Action::"x", resource in ?resource);`},
		{"is in slot",
			`{"effect":"permit","principal":{"op":"is","entity_type":"A","in":{"slot":"?principal"}},"action":{"op":"All"},"resource":{"op":"is","entity_type":"B","in":{"entity":{"type":"A","id":"b"}}},"conditions":[]}`,
			`permit(principal is A in ?principal, action, resource is B in A::"b");`},
		{"entity wins over slot, extra scope fields ignored",
			`{"effect":"permit","principal":{"op":"in","slot":"?principal","entity":{"type":"A","id":"b"}},"action":{"op":"all","entity":{"type":"A","id":"b"}},"resource":{"op":"All"},"conditions":[]}`,
			`permit(principal in A::"b", action, resource);`},
		{"action list",
			`{"effect":"forbid","principal":{"op":"All"},"action":{"op":"in","entities":[{"__entity":{"type":"NS::Action","id":"x"}},{"type":"Action","id":"y"}]},"resource":{"op":"All"},"conditions":[]}`,
			`forbid(principal, action in [NS::Action::"x", Action::"y"], resource);`},
		{"empty action list",
			`{"effect":"permit","principal":{"op":"All"},"action":{"op":"in","entities":[]},"resource":{"op":"All"},"conditions":[]}`,
			`permit(principal, action in [], resource);`},
		{"string escapes", when(`{"Value":"\u0000\t\"\ud83d\ude00\u00e9"}`), `when { "\0\t\"😀é" }`},
		{"extreme longs", when(`{"==":{"left":{"Value":-9223372036854775808},"right":{"Value":9223372036854775807}}}`), `when { -9223372036854775808 == 9223372036854775807 }`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Unmarshal([]byte(tt.json))
			if err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			got := ast.PolicyText(p)
			if !strings.Contains(got, tt.text) {
				t.Errorf("text:\n got %s\nwant …%s…", got, tt.text)
			}
			// Our own JSON of the result must read back to the same AST.
			out, err := Marshal(p)
			if err != nil {
				t.Fatalf("Marshal: %v", err)
			}
			back, err := Unmarshal(out)
			if err != nil {
				t.Fatalf("Unmarshal of Marshal output %s: %v", out, err)
			}
			if !reflect.DeepEqual(normalizePolicy(back), normalizePolicy(p)) {
				t.Errorf("round trip changed the AST: %s", out)
			}
		})
	}
}

func TestUnmarshalRejects(t *testing.T) {
	tests := []struct{ name, json, pos, msg string }{
		{"not JSON", `{"effect": permit}`, "1:12", "expected a JSON value"},
		{"trailing", `{} x`, "1:4", "trailing characters"},
		{"truncated", "{\n  \"effect\": \"permit\",", "2:22", "expected a string key"},
		{"lone surrogate", when(`{"Value":"\ud800"}`), "1:137", "lone surrogate"},
		{"raw control char", "{\"effect\": \"a\x01\"}", "1:14", "control character"},
		{"missing conditions", `{` + allScope + `}`, "1:1", "missing field `conditions`"},
		{"unknown policy field", `{` + allScope + `,"conditions":[],"extra":1}`, "1:107", "unknown field `extra`"},
		{"duplicate policy field", `{"effect":"permit",` + allScope + `,"conditions":[]}`, "1:20", "duplicate field `effect`"},
		{"bad effect", `{"effect":"Permit","principal":{"op":"All"},"action":{"op":"All"},"resource":{"op":"All"},"conditions":[]}`, "1:11", "unknown effect `Permit`"},
		{"null value", when(`{"Value":null}`), "1:136", "nulls are not allowed"},
		{"float value", when(`{"Value":1.5}`), "1:136", "not a Cedar long"},
		{"long overflow", when(`{"Value":9223372036854775808}`), "1:136", "not a Cedar long"},
		{"unknown expression", when(`{"foo":[{"Var":"principal"}]}`), "1:128", "unknown expression `foo`"},
		{"builtin method as array", when(`{"contains":[{"Var":"principal"}]}`), "1:139", "expected a JSON object, found array"},
		{"slot in condition", when(`{"Slot":"?principal"}`), "1:127", "found template slot"},
		{"two keys", when(`{"Var":"principal","Value":1}`), "1:146", "exactly one key"},
		{"empty expression", when(`{}`), "1:127", "empty object"},
		{"unknown var", when(`{"Var":"foo"}`), "1:134", "unknown variable `foo`"},
		{"unknown binary field", when(`{"==":{"left":{"Var":"principal"},"right":{"Var":"principal"},"x":1}}`), "1:189", "unknown field `x`"},
		{"has empty path", when(`{"has":{"left":{"Var":"principal"},"attr":[]}}`), "1:169", "must not be empty"},
		{"pattern string", when(`{"like":{"left":{"Var":"principal"},"pattern":"a*b"}}`), "1:173", "expected a JSON array"},
		{"pattern bad element", when(`{"like":{"left":{"Var":"principal"},"pattern":["wildcard"]}}`), "1:174", "pattern element"},
		{"condition kind", `{` + allScope + `,"conditions":[{"kind":"never","body":{"Var":"principal"}}]}`, "1:113", "unknown condition kind `never`"},
		{"reserved type", `{"effect":"permit","principal":{"op":"is","entity_type":"if"},"action":{"op":"All"},"resource":{"op":"All"},"conditions":[]}`, "1:57", "reserved"},
		{"__cedar type", when(`{"Value":{"__entity":{"type":"__cedar::A","id":"b"}}}`), "1:156", "`__cedar`"},
		{"unnormalized type", when(`{"Value":{"__entity":{"type":" A :: B ","id":"b"}}}`), "1:156", "not a valid name"},
		{"action is", `{"effect":"permit","principal":{"op":"All"},"action":{"op":"is","entity_type":"A"},"resource":{"op":"All"},"conditions":[]}`, "1:60", "unknown op `is`"},
		{"action slot", `{"effect":"permit","principal":{"op":"All"},"action":{"op":"==","slot":"?principal"},"resource":{"op":"All"},"conditions":[]}`, "1:72", "slots are not allowed for actions"},
		{"action type", `{"effect":"permit","principal":{"op":"All"},"action":{"op":"==","entity":{"type":"A","id":"b"}},"resource":{"op":"All"},"conditions":[]}`, "1:74", "type `Action`"},
		{"wrong slot", `{"effect":"permit","principal":{"op":"==","slot":"?resource"},"action":{"op":"All"},"resource":{"op":"All"},"conditions":[]}`, "1:50", "invalid slot `?resource`"},
		{"in without target", `{"effect":"permit","principal":{"op":"in"},"action":{"op":"All"},"resource":{"op":"All"},"conditions":[]}`, "1:32", "expected `entity` or `slot`"},
		{"annotation key", `{` + allScope + `,"conditions":[],"annotations":{"a b":"x"}}`, "1:122", "invalid annotation key"},
		{"__expr", when(`{"Value":{"__expr":"1"}}`), "1:136", "`__expr` escape"},
		{"bad extn fn", when(`{"Value":{"__extn":{"fn":"a b","arg":"x"}}}`), "1:152", "not a valid name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Unmarshal([]byte(tt.json))
			if err == nil {
				t.Fatalf("accepted: %s", ast.PolicyText(p))
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not *Error", err)
			}
			if e.Pos.String() != tt.pos || !strings.Contains(e.Message, tt.msg) {
				t.Errorf("got %q, want %s: …%s…", err, tt.pos, tt.msg)
			}
		})
	}
}
