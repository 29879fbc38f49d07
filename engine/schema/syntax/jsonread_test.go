package syntax

import (
	"strings"
	"testing"
)

func TestParseJSONErrors(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want []string
	}{
		{"{\"\": {\"entityTypes\": {},\n \"actions\": {}, }", []string{"2:17: malformed JSON: invalid character '}' looking for beginning of object key string"}},
		{`{"": {"entityTypes": {}`, []string{"1:24: malformed JSON: unexpected end of input"}},
		{`{} {}`, []string{"1:4: unexpected data after the top-level JSON value"}},
		{`[]`, []string{"1:1: the schema must be an object, found an array"}},
		{`{"": {"entityTypes": {}}}`, []string{`1:2: namespace "" is missing the field "actions"`}},
		{`{"": {"entityTypes": {}, "actions": {}, "foo": 1}}`, []string{"1:41: unknown field \"foo\" in a namespace; expected one of `commonTypes`, `entityTypes`, `actions`, `annotations`"}},
		{`{"": {"annotations": {"doc": "x"}, "entityTypes": {}, "actions": {}}}`, []string{"1:7: annotations are not allowed on the empty namespace"}},
		{`{"": {"entityTypes": {"A": {}, "A": {}}, "actions": {}}}`, []string{`1:32: duplicate key "A"`}},
		{`{"": {"entityTypes": {"if": {}}, "actions": {}}}`, []string{`1:23: invalid entity type name "if": it must be an identifier`}},
		{`{"N::": {"entityTypes": {}, "actions": {}}}`, []string{`1:2: invalid namespace name "N::"`}},
		{`{"": {"commonTypes": {"Set": {"type": "Long"}}, "entityTypes": {}, "actions": {}}}`, []string{"1:23: `Set` is a reserved type name and cannot name a common type"}},
		{`{"": {"entityTypes": {"A": {"shape": {"type": "Record", "attributes": {"x": {"type": "Long", "name": "y"}}}}}, "actions": {}}}`, []string{"1:94: unknown field \"name\" in a Long type; expected one of `type`, `required`, `annotations`"}},
		{`{"": {"entityTypes": {"A": {"shape": {"type": "Record", "attributes": {"x": {"type": "Extension", "name": "foo"}}}}}, "actions": {}}}`, []string{"1:107: unknown extension type `foo`; the extension types are `datetime`, `decimal`, `duration`, `ipaddr`"}},
		{`{"": {"entityTypes": {"A": {"shape": {"type": "Record", "attributes": {}, "additionalAttributes": true}}}, "actions": {}}}`, []string{"1:75: records with `additionalAttributes` are not supported"}},
		{`{"": {"entityTypes": {}, "actions": {"a": {"appliesTo": {"principalTypes": []}}}}}`, []string{`1:44: appliesTo is missing "resourceTypes"`}},
		{`{"": {"entityTypes": {}, "actions": {"a": {"attributes": {}}}}}`, []string{"1:44: actions with attributes are not supported"}},
		{`{"": {"entityTypes": {}, "actions": {"a": {"memberOf": [{"type": "Action"}]}}}}`, []string{`1:57: memberOf entry is missing "id"`}},
		{`{"": {"entityTypes": {"A": {"shape": {"type": "Set"}}}, "actions": {}}}`, []string{`1:38: a Set type needs "element"`}},
		{`{"": {"entityTypes": {"A": {"enum": []}}, "actions": {}}}`, []string{"1:37: enum must list at least one id"}},
		{`{"": {"entityTypes": {"A": {"tags": 3}}, "actions": {}}}`, []string{"1:37: a type must be an object, found a number"}},
	} {
		_, errs := ParseJSON([]byte(tc.src))
		got := errorLines(tc.src, errs)
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", tc.src, got, tc.want)
		}
	}
}

// TestParseJSONKinds checks that each JSON type form is kept, so that
// ToJSON gives back what was read.
func TestParseJSONKinds(t *testing.T) {
	src := `{"N": {"commonTypes": {"T": {"type": "Record", "attributes": {
		"a": {"type": "Long"}, "b": {"type": "Boolean", "required": false},
		"c": {"type": "Entity", "name": "E"}, "d": {"type": "Extension", "name": "decimal"},
		"e": {"type": "EntityOrCommon", "name": "E"}, "f": {"type": "T2", "annotations": {"doc": "x"}},
		"g": {"type": "Set", "element": {"type": "String"}}}}, "T2": {"type": "Long"}},
		"entityTypes": {"E": {"shape": {"type": "T"}}},
		"actions": {"a": {}, "b": {"memberOf": []}}, "annotations": {"k": "v"}}}`
	f, errs := ParseJSON([]byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got, err := f.ToJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !sameJSON(t, got, []byte(src)) {
		t.Errorf("round trip:\n got %s\nwant %s", compact(got), compact([]byte(src)))
	}
	if _, err := f.ToCedar(); err == nil || !strings.Contains(err.Error(), "shape of entity type `E`") {
		t.Errorf("ToCedar of a common-type shape: %v", err)
	}
}
