package entitiesjson

import (
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/types"
)

func uid(typ, id string) types.EntityUID { return types.NewEntityUID(types.EntityType(typ), id) }

func TestParseGood(t *testing.T) {
	src := `[
  {"uid": {"type": "User", "id": "alice"},
   "attrs": {
     "age": -9223372036854775808,
     "ok": true,
     "name": "A\u00e9\"",
     "boss": {"__entity": {"type": "User", "id": "bob"}},
     "rec": {"type": "User", "id": "bob"},
     "set": [1, 1, 2],
     "ip": {"__extn": {"fn": "ip", "arg": "10.0.0.1"}},
     "dec": {"__extn": {"fn": "decimal", "args": ["1.5"]}},
     "notExtn": {"__extn": {"fn": "ip", "arg": "10.0.0.1"}, "other": 1}
   },
   "parents": [{"type": "Group", "id": "g"}, {"__entity": {"type": "Group", "id": "h"}}],
   "tags": {"t": "v"},
   "ignored": 1},
  {"uid": {"__entity": {"type": "NS::Group", "id": "g"}}, "attrs": {}, "parents": []}
]`
	ents, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 2 || ents[1].UID != uid("NS::Group", "g") {
		t.Fatalf("got %d entities, second %v", len(ents), ents[1].UID)
	}
	a := ents[0]
	want := map[string]string{
		"age":     "-9223372036854775808",
		"ok":      "true",
		"name":    `"Aé\""`,
		"boss":    `User::"bob"`,
		"rec":     `{"id": "bob", "type": "User"}`,
		"set":     "[1, 2]",
		"ip":      `ip("10.0.0.1")`,
		"dec":     `decimal("1.5")`,
		"notExtn": `{"__extn": {"arg": "10.0.0.1", "fn": "ip"}, "other": 1}`,
	}
	for k, w := range want {
		v, ok := a.Attrs.Get(k)
		if !ok {
			t.Errorf("attribute %s missing", k)
			continue
		}
		if v.String() != w {
			t.Errorf("attribute %s = %s, want %s", k, v, w)
		}
	}
	if len(a.Parents) != 2 || a.Parents[1] != uid("Group", "h") {
		t.Errorf("parents %v", a.Parents)
	}
	if v, ok := a.Tags.Get("t"); !ok || !v.Equal(types.String("v")) {
		t.Errorf("tags %v", a.Tags)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		src  string
		want string // "line:col: substring"
	}{
		{`{}`, "1:1: expected an array of entities"},
		{`[1]`, "1:2: expected an entity object"},
		{`[`, "1:2: invalid JSON"},
		{"[\n {\"uid\": {\"type\": \"A\", \"id\": \"a\"}, \"attrs\": {}, \"parents\": []},\n x]", "3:2: invalid JSON"},
		{`[{"attrs": {}, "parents": []}]`, "1:2: missing field `uid`"},
		{`[{"uid": {"type": "A", "id": "a"}, "parents": []}]`, "missing field `attrs`"},
		{`[{"uid": {"type": "A", "id": "a"}, "attrs": {}}]`, "missing field `parents`"},
		{`[{"uid": "A::\"a\"", "attrs": {}, "parents": []}]`, "1:10: in uid field of <unknown entity>, expected a literal entity reference"},
		{`[{"uid": {"type": "if", "id": "a"}, "attrs": {}, "parents": []}]`, "1:19: in uid field of <unknown entity>, invalid entity type `if`: this identifier is reserved"},
		{`[{"uid": {"type": " A", "id": "a"}, "attrs": {}, "parents": []}]`, "invalid entity type"},
		{`[{"uid": {"type": "__cedar::A", "id": "a"}, "attrs": {}, "parents": []}]`, "reserved"},
		{`[{"uid": {"type": "A", "id": 1}, "attrs": {}, "parents": []}]`, "entity id must be a string"},
		{"[{\"uid\": {\"type\": \"A\", \"id\": \"a\"},\n  \"attrs\": {\"x\": null}, \"parents\": []}]", "2:18: in attribute `x` on `A::\"a\"`, found a `null`"},
		{`[{"uid": {"type": "A", "id": "a"}, "attrs": {"x": 1.5}, "parents": []}]`, "1:51: in attribute `x` on `A::\"a\"`, found the number 1.5"},
		{`[{"uid": {"type": "A", "id": "a"}, "attrs": {"x": 9223372036854775808}, "parents": []}]`, "does not fit in 64 bits"},
		{`[{"uid": {"type": "A", "id": "a"}, "attrs": {"x": 1, "x": 2}, "parents": []}]`, "1:54: in attribute `x` on `A::\"a\"`, the key `x` occurs two or more times"},
		{`[{"uid": {"type": "A", "id": "a"}, "attrs": {"x": {"__expr": "1"}}, "parents": []}]`, "`__expr` escape is no longer supported"},
		{`[{"uid": {"type": "A", "id": "a"}, "attrs": {"x": {"__extn": {"fn": "decimal", "arg": "x"}}}, "parents": []}]`, "error while evaluating `decimal` extension function"},
		{`[{"uid": {"type": "A", "id": "a"}, "attrs": {"x": {"__extn": {"fn": "nope", "arg": "x"}}}, "parents": []}]`, "extension function `nope` does not exist"},
		{`[{"uid": {"type": "A", "id": "a"}, "attrs": {}, "parents": ["G::\"g\""]}]`, "in parents field of `A::\"a\"`, expected a literal entity reference"},
		{`[{"uid": {"type": "A", "id": "a"}, "attrs": {}, "parents": {}}]`, "expected an array"},
		{`[{"uid": {"type": "A", "id": "a"}, "uid": {"type": "A", "id": "b"}, "attrs": {}, "parents": []}]`, "duplicate entity field `uid`"},
		{`[{"uid": {"type": "A", "id": "a"}, "attrs": {}, "parents": [], "tags": []}]`, "expected a JSON object"},
		{`["\ud800"]`, "invalid unicode surrogate"},
		{`[01]`, "leading zero"},
		{`[1] x`, "after the JSON value"},
		{strings.Repeat("[", 2000), "nested too deeply"},
	}
	for _, tc := range tests {
		_, err := Parse([]byte(tc.src))
		if err == nil {
			t.Errorf("%s: no error, want %q", tc.src, tc.want)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%.60s:\n got  %v\n want %q", tc.src, err, tc.want)
		}
	}
}

func TestContextJSON(t *testing.T) {
	r, err := ParseContext([]byte(`{"a": {"b": [true]}}`))
	if err != nil || r.String() != `{"a": {"b": [true]}}` {
		t.Fatalf("got %v, %v", r, err)
	}
	if r, err := ParseContext([]byte("  ")); err != nil || r.Len() != 0 {
		t.Fatalf("blank context: %v, %v", r, err)
	}
	if _, err := ParseContext([]byte("[]")); err == nil || !strings.Contains(err.Error(), "1:1: expected the context to be a JSON object") {
		t.Fatalf("array context: %v", err)
	}
}

func TestRequestJSON(t *testing.T) {
	r, err := ParseRequest([]byte(`{"principal": "User::\"alice\"", "action": {"type": "Action", "id": "view"},
		"resource": {"__entity": {"type": "Doc", "id": "d"}}, "context": {"n": 1}}`))
	if err != nil {
		t.Fatal(err)
	}
	if r.Principal != uid("User", "alice") || r.Action != uid("Action", "view") || r.Resource != uid("Doc", "d") || r.Context.String() != `{"n": 1}` {
		t.Fatalf("got %+v", r)
	}
	for _, bad := range []string{`{"action": "A::\"a\"", "resource": "R::\"r\""}`, `{"principal": "nope", "action": "A::\"a\"", "resource": "R::\"r\""}`} {
		if _, err := ParseRequest([]byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

func TestMarshalJSONRoundTrips(t *testing.T) {
	src := `[{"uid": {"type": "User", "id": "a"}, "attrs": {"b": {"__entity": {"type": "User", "id": "b"}},
	  "d": {"__extn": {"fn": "decimal", "arg": "-1.25"}}, "t": {"__extn": {"fn": "datetime", "arg": "2024-10-15T11:35:00.000Z"}},
	  "u": {"__extn": {"fn": "duration", "arg": "-3ms"}}, "i": {"__extn": {"fn": "ip", "arg": "::1/128"}},
	  "s": [{"x": [1]}]}, "parents": [{"type": "G", "id": "g"}], "tags": {"k": false}}]`
	ents, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	out, err := Marshal(ents)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Parse(out)
	if err != nil {
		t.Fatalf("re-parsing %s: %v", out, err)
	}
	a, b := ents[0], again[0]
	if a.UID != b.UID || !a.Attrs.Equal(b.Attrs) || !a.Tags.Equal(b.Tags) || len(b.Parents) != 1 || a.Parents[0] != b.Parents[0] {
		t.Fatalf("round trip changed the entity:\n%s", out)
	}
}
