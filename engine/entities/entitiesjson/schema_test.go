package entitiesjson

import (
	"errors"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/extension"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// testSchema exercises every kind of declared type. The verdicts of the
// cases below were confirmed with cedar-wasm 4.13 checkParseEntities.
const testSchema = `
namespace NS { entity Inner; }
entity Team;
entity Group in [Team] { name: String };
entity User in [Group] {
  age: Long,
  ip?: __cedar::ipaddr, d?: decimal, dt?: datetime, du?: duration,
  friend?: User, fs?: Set<User>, rec?: {a: Long, "b c"?: {d: String}},
  s?: Set<Long>, inner?: NS::Inner, c?: Color, flag?: Bool,
} tags String;
entity Color enum ["red", "green"];
entity Doc;
action view appliesTo { principal: [User, Color], resource: [Doc], context: { ip: ipaddr, n?: Long, r?: {a: Long} } };
action group1;
action edit in [group1] appliesTo { principal: User, resource: Doc };
`

func loadTestSchema(t *testing.T) *schema.Schema {
	t.Helper()
	s, errs := schema.Load("test.cedarschema", []byte(testSchema))
	if len(errs) > 0 {
		t.Fatalf("schema: %v", errs)
	}
	return s
}

// user wraps attributes (and optional extra fields) in a User entity.
func user(attrs string, extra ...string) string {
	fields := append([]string{`"uid": {"type": "User", "id": "u"}`, `"attrs": ` + attrs}, extra...)
	if !strings.Contains(strings.Join(extra, ""), `"parents"`) {
		fields = append(fields, `"parents": []`)
	}
	return `[{` + strings.Join(fields, ", ") + `}]`
}

func TestParseJSONWithSchemaValues(t *testing.T) {
	s := loadTestSchema(t)
	tests := []struct {
		name, attrs, attr, want string
	}{
		{"ip from string", `{"age": 1, "ip": "10.0.0.1"}`, "ip", `ip("10.0.0.1")`},
		{"ip from __extn", `{"age": 1, "ip": {"__extn": {"fn": "ip", "arg": "10.0.0.1/8"}}}`, "ip", `ip("10.0.0.1/8")`},
		{"decimal from string", `{"age": 1, "d": "1.50"}`, "d", `decimal("1.5")`},
		{"datetime from string", `{"age": 1, "dt": "1970-01-01T00:00:01Z"}`, "dt", `datetime("1970-01-01").offset(duration("1000ms"))`},
		{"duration from string", `{"age": 1, "du": "1h"}`, "du", `duration("3600000ms")`},
		{"ip from fn and arg", `{"age": 1, "ip": {"fn": "ip", "arg": "10.0.0.1"}}`, "ip", `ip("10.0.0.1")`},
		{"datetime from fn and arg", `{"age": 1, "dt": {"fn": "datetime", "arg": "2025-02-20T13:00:00-0500"}}`, "dt", `datetime("1970-01-01").offset(duration("1740074400000ms"))`},
		{"fn and arg with extra member", `{"age": 1, "d": {"fn": "decimal", "arg": "1.5", "z": 1}}`, "d", `decimal("1.5")`},
		{"fn and args", `{"age": 1, "du": {"fn": "duration", "args": ["1h"]}}`, "du", `duration("3600000ms")`},
		{"__extn with extra member", `{"age": 1, "ip": {"__extn": {"fn": "ip", "arg": "::1"}, "z": 1}}`, "ip", `ip("::1")`},
		{"entity without __entity", `{"age": 1, "friend": {"type": "User", "id": "x"}}`, "friend", `User::"x"`},
		{"entity with __entity", `{"age": 1, "friend": {"__entity": {"type": "User", "id": "x"}}}`, "friend", `User::"x"`},
		{"entity with extra members", `{"age": 1, "friend": {"type": "User", "id": "x", "z": 1}}`, "friend", `User::"x"`},
		{"set of entities", `{"age": 1, "fs": [{"type": "User", "id": "x"}, {"type": "User", "id": "x"}]}`, "fs", `[User::"x"]`},
		{"record", `{"age": 1, "rec": {"a": 2, "b c": {"d": "e"}}}`, "rec", `{"a": 2, "b c": {"d": "e"}}`},
		{"enum value", `{"age": 1, "c": {"type": "Color", "id": "red"}}`, "c", `Color::"red"`},
		{"namespaced entity", `{"age": 1, "inner": {"type": "NS::Inner", "id": ""}}`, "inner", `NS::Inner::""`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ents, err := ParseWithSchema([]byte(user(tc.attrs)), s)
			if err != nil {
				t.Fatal(err)
			}
			v, ok := ents[0].Attrs.Get(tc.attr)
			if !ok {
				t.Fatalf("attribute %s missing", tc.attr)
			}
			if v.String() != tc.want {
				t.Errorf("%s = %s, want %s", tc.attr, v, tc.want)
			}
		})
	}
}

func TestParseJSONWithSchemaErrors(t *testing.T) {
	s := loadTestSchema(t)
	tests := []struct {
		name, src string
		// want is the whole error text, line:col and message; only the first
		// error is compared when there are several.
		want string
	}{
		{"ip bad string", user(`{"age": 1, "ip": "10.0.0.1x"}`),
			"1:65: in attribute `ip` on `User::\"u\"`, error while evaluating `ipaddr` extension function: invalid IP address: 10.0.0.1x"},
		{"ip number", user(`{"age": 1, "ip": 5}`),
			"1:65: in attribute `ip` on `User::\"u\"`, expected a string to give to `ip`, found a long"},
		{"fn and arg of another extension", user(`{"age": 1, "ip": {"fn": "decimal", "arg": "1.0"}}`),
			"1:65: in attribute `ip` on `User::\"u\"`, type mismatch: value was expected to have type ipaddr, but it actually has type decimal: `decimal(\"1.0\")`"},
		{"fn and arg, unknown function", user(`{"age": 1, "ip": {"fn": "nope", "arg": "1.0"}}`),
			"1:65: in attribute `ip` on `User::\"u\"`: extension function `nope` does not exist"},
		{"fn without arg is a record", user(`{"age": 1, "ip": {"fn": "ip"}}`),
			"1:65: in attribute `ip` on `User::\"u\"`, expected a string to give to `ip`, found a record"},
		{"ip wrong extension", user(`{"age": 1, "ip": {"__extn": {"fn": "decimal", "arg": "1.0"}}}`),
			"1:65: in attribute `ip` on `User::\"u\"`, type mismatch: value was expected to have type ipaddr, but it actually has type decimal: `decimal(\"1.0\")`"},
		{"entity as string", user(`{"age": 1, "friend": "User::\"x\""}`),
			"1:69: in attribute `friend` on `User::\"u\"`, expected a literal entity reference like {\"type\": \"User\", \"id\": \"alice\"}, found the string \"User::\\\"x\\\"\""},
		{"entity of wrong type", user(`{"age": 1, "friend": {"type": "Doc", "id": "x"}}`),
			"1:69: in attribute `friend` on `User::\"u\"`, type mismatch: value was expected to have type `User`, but it actually has type (entity of type `Doc`): `Doc::\"x\"`"},
		{"unqualified namespaced entity", user(`{"age": 1, "inner": {"type": "Inner", "id": "x"}}`),
			"1:68: in attribute `inner` on `User::\"u\"`, type mismatch: value was expected to have type `NS::Inner`, but it actually has type (entity of type `Inner`): `Inner::\"x\"`"},
		{"missing required", user(`{}`),
			"1:48: expected entity `User::\"u\"` to have attribute `age`, but it does not"},
		{"undeclared attribute", user(`{"age": 1, "zz": 2}`),
			"1:59: attribute `zz` on `User::\"u\"` should not exist according to the schema"},
		{"wrong primitive", user(`{"age": "1"}`),
			"1:56: in attribute `age` on `User::\"u\"`, type mismatch: value was expected to have type long, but it actually has type string: `\"1\"`"},
		{"bool for long", user(`{"age": true}`),
			"1:56: in attribute `age` on `User::\"u\"`, type mismatch: value was expected to have type long, but it actually has type bool: `true`"},
		{"nested undeclared", user(`{"age": 1, "rec": {"a": 1, "c": 2}}`),
			"1:75: in attribute `rec` on `User::\"u\"`, record attribute `c` should not exist according to the schema"},
		{"nested missing", user(`{"age": 1, "rec": {}}`),
			"1:66: in attribute `rec` on `User::\"u\"`, expected the record to have an attribute `a`, but it does not"},
		{"nested wrong type with path", user(`{"age": 1, "rec": {"a": 1, "b c": {"d": 1}}}`),
			"1:88: in attribute `rec` on `User::\"u\"`, at `rec[\"b c\"].d`, type mismatch: value was expected to have type string, but it actually has type long: `1`"},
		{"set element with path", user(`{"age": 1, "s": [1, "x"]}`),
			"1:68: in attribute `s` on `User::\"u\"`, at `s[1]`, type mismatch: value was expected to have type long, but it actually has type string: `\"x\"`"},
		{"set given a number", user(`{"age": 1, "s": 1}`),
			"1:64: in attribute `s` on `User::\"u\"`, type mismatch: value was expected to have type [long], but it actually has type long: `1`"},
		{"record given a number", user(`{"age": 1, "rec": 1}`),
			"1:66: in attribute `rec` on `User::\"u\"`, type mismatch: value was expected to have type { \"a\" => (required) long, \"b c\" => (optional) { \"d\" => (required) string } }, but it actually has type long: `1`"},
		{"record given __entity", user(`{"age": 1, "rec": {"__entity": {"type": "User", "id": "x"}}}`),
			"1:67: in attribute `rec` on `User::\"u\"`, record attribute `__entity` should not exist according to the schema"},
		{"null", user(`{"age": null}`),
			"1:56: in attribute `age` on `User::\"u\"`, found a `null`; JSON `null`s are not allowed in Cedar"},
		{"tag of wrong type", user(`{"age": 1}`, `"tags": {"t": 1}`),
			"1:74: in tag `t` on `User::\"u\"`, type mismatch: value was expected to have type string, but it actually has type long: `1`"},
		{"tag on untagged type", `[{"uid": {"type": "Doc", "id": "d"}, "attrs": {}, "parents": [], "tags": {"t": "x"}}]`,
			"1:75: found a tag `t` on `Doc::\"d\"`, but no tags should exist on `Doc::\"d\"` according to the schema"},
		{"parent of wrong type", user(`{"age": 1}`, `"parents": [{"type": "Doc", "id": "g"}]`),
			"1:72: `User::\"u\"` is not allowed to have an ancestor of type `Doc` according to the schema"},
		{"parent of undeclared action", user(`{"age": 1}`, `"parents": [{"type": "Action", "id": "nope"}]`),
			"1:72: found action entity `Action::\"nope\"`, but it was not declared as an action in the schema"},
		{"undeclared type", `[{"uid": {"type": "Nope", "id": "d"}, "attrs": {"a": null}, "parents": []}]`,
			"1:10: entity `Nope::\"d\"` has type `Nope` which is not declared in the schema"},
		{"enum id not declared", `[{"uid": {"type": "Color", "id": "blue"}, "attrs": {}, "parents": []}]`,
			"1:10: entity `Color::\"blue\"` is of an enumerated entity type, but `\"blue\"` is not declared as a valid eid (valid eids: \"red\", \"green\")"},
		{"enum reference not declared", user(`{"age": 1, "c": {"type": "Color", "id": "blue"}}`),
			"1:64: in attribute `c` on `User::\"u\"`, entity `Color::\"blue\"` is of an enumerated entity type, but `\"blue\"` is not declared as a valid eid (valid eids: \"red\", \"green\")"},
		{"action without its parents", `[{"uid": {"type": "Action", "id": "edit"}, "attrs": {}, "parents": []}]`,
			"1:10: definition of action `Action::\"edit\"` does not match its schema declaration; to use the schema's definition of `Action::\"edit\"`, omit it from the entities"},
		{"action with attributes", `[{"uid": {"type": "Action", "id": "group1"}, "attrs": {"x": 1}, "parents": []}]`,
			"1:10: definition of action `Action::\"group1\"` does not match its schema declaration; to use the schema's definition of `Action::\"group1\"`, omit it from the entities"},
		{"undeclared action", `[{"uid": {"type": "NS::Action", "id": "view"}, "attrs": {}, "parents": []}]`,
			"1:10: found action entity `NS::Action::\"view\"`, but it was not declared as an action in the schema"},
		{"action with non-action parent", `[{"uid": {"type": "Action", "id": "view"}, "attrs": {}, "parents": [{"type": "User", "id": "x"}]}]`,
			"1:69: action `Action::\"view\"` has a non-action parent `User::\"x\"`; parents of actions need to have type `Action` themselves, perhaps namespaced"},
		{"differing duplicate", `[{"uid": {"type": "Group", "id": "g"}, "attrs": {"name": "a"}, "parents": []}, {"uid": {"type": "Group", "id": "g"}, "attrs": {"name": "b"}, "parents": []}]`,
			"1:80: duplicate entity entry `Group::\"g\"`"},
		{"missing attrs", `[{"uid": {"type": "Doc", "id": "d"}, "parents": []}]`,
			"1:2: missing field `attrs` in entity `Doc::\"d\"`"},
		{"not JSON", `[{"uid": `, "1:10: invalid JSON: unexpected end of input, expected a JSON value"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseWithSchema([]byte(tc.src), s)
			if err == nil {
				t.Fatalf("no error, want %s", tc.want)
			}
			var list Errors
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %T is not a non-empty Errors: %v", err, err)
			}
			if got := list[0].Error(); got != tc.want {
				t.Errorf("error\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestParseJSONWithSchemaCollectsErrors(t *testing.T) {
	s := loadTestSchema(t)
	src := `[
  {"uid": {"type": "User", "id": "a"}, "attrs": {"age": "x", "zz": 1}, "parents": []},
  {"uid": {"type": "Nope", "id": "b"}, "attrs": {}, "parents": []}
]`
	_, err := ParseWithSchema([]byte(src), s)
	var list Errors
	if !errors.As(err, &list) {
		t.Fatalf("got %v, want Errors", err)
	}
	var got []string
	for _, e := range list {
		got = append(got, e.Pos.String())
	}
	if want := "2:57 2:62 3:11"; strings.Join(got, " ") != want {
		t.Errorf("error positions %v, want %s; errors:\n%v", got, want, err)
	}
}

func TestParseJSONWithSchemaActions(t *testing.T) {
	s := loadTestSchema(t)
	src := `[
  {"uid": {"type": "Action", "id": "edit"}, "attrs": {}, "parents": [{"type": "Action", "id": "group1"}]},
  {"uid": {"type": "Doc", "id": "d"}, "attrs": {}, "parents": []},
  {"uid": {"type": "Doc", "id": "d"}, "attrs": {}, "parents": []},
  {"uid": {"type": "Group", "id": "g"}, "attrs": {"name": "n"}, "parents": [{"type": "Team", "id": "t"}]}
]`
	ents, err := ParseWithSchema([]byte(src), s)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range ents {
		got = append(got, e.UID.String())
	}
	// The JSON's entities (the repeated Doc once), then the schema's
	// actions not given in the JSON.
	want := `Action::"edit" Doc::"d" Group::"g" Action::"group1" Action::"view"`
	if strings.Join(got, " ") != want {
		t.Fatalf("entities %v, want %s", got, want)
	}
	store, err := entities.NewStore(ents)
	if err != nil {
		t.Fatal(err)
	}
	if !store.IsAncestor(uid("Action", "edit"), uid("Action", "group1")) {
		t.Error("edit is not in group1")
	}
}

func TestSchemaActions(t *testing.T) {
	s := loadTestSchema(t)
	acts := SchemaActions(s)
	if len(acts) != 3 {
		t.Fatalf("%d actions, want 3", len(acts))
	}
	edit := acts[0]
	if edit.UID != uid("Action", "edit") || len(edit.Parents) != 1 || edit.Parents[0] != uid("Action", "group1") || edit.Attrs.Len() != 0 {
		t.Errorf("edit = %+v", edit)
	}
}

func TestParseContextJSONWithSchema(t *testing.T) {
	s := loadTestSchema(t)
	view := uid("Action", "view")
	tests := []struct {
		name     string
		src      string
		action   types.EntityUID
		validate bool
		want     string // the context, or the first error
	}{
		{"ip from string", `{"ip": "1.2.3.4"}`, view, true, `{"ip": ip("1.2.3.4")}`},
		{"ip from fn and arg", `{"ip": {"fn": "ip", "arg": "1.2.3.4"}}`, view, true, `{"ip": ip("1.2.3.4")}`},
		{"optional record", `{"ip": "1.2.3.4", "r": {"a": 1}}`, view, true, `{"ip": ip("1.2.3.4"), "r": {"a": 1}}`},
		{"missing required", `{}`, view, false, "1:1: while parsing context, expected the record to have an attribute `ip`, but it does not"},
		{"blank is empty", ``, view, false, "1:1: while parsing context, expected the record to have an attribute `ip`, but it does not"},
		{"undeclared attribute", `{"ip": "1.2.3.4", "z": 1}`, view, false, "1:19: while parsing context, record attribute `z` should not exist according to the schema"},
		{"wrong type validated", `{"ip": "1.2.3.4", "n": "x"}`, view, true, "1:24: in context attribute `n`, type mismatch: value was expected to have type long, but it actually has type string: `\"x\"`"},
		{"wrong type not validated", `{"ip": "1.2.3.4", "n": "x"}`, view, false, `{"ip": ip("1.2.3.4"), "n": "x"}`},
		{"nested wrong type", `{"ip": "1.2.3.4", "r": {"a": "x"}}`, view, true, "1:30: in context attribute `r`, at `r.a`, type mismatch: value was expected to have type long, but it actually has type string: `\"x\"`"},
		{"bad ip even unvalidated", `{"ip": 1}`, view, false, "1:8: in context attribute `ip`, expected a string to give to `ip`, found a long"},
		{"undeclared action", `{}`, uid("Action", "nope"), false, "1:1: action `Action::\"nope\"` does not exist in the supplied schema"},
		{"action without context", `{}`, uid("Action", "group1"), true, `{}`},
		{"not an object", `[]`, view, false, "1:1: expected the context to be a JSON object, found array"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, err := ParseContextWithSchema([]byte(tc.src), s, tc.action, tc.validate)
			got := ""
			if err != nil {
				var list Errors
				if !errors.As(err, &list) {
					t.Fatalf("error %T is not Errors", err)
				}
				got = list[0].Error()
			} else {
				got = ctx.String()
			}
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestParseRequestJSONWithSchema(t *testing.T) {
	s := loadTestSchema(t)
	src := `{"principal": "User::\"u\"", "action": {"type": "Action", "id": "view"}, "resource": "Doc::\"d\"",
 "context": {"ip": "::1"}}`
	req, err := ParseRequestWithSchema([]byte(src), s, true)
	if err != nil {
		t.Fatal(err)
	}
	if req.Principal != uid("User", "u") || req.Action != uid("Action", "view") || req.Context.String() != `{"ip": ip("::1")}` {
		t.Errorf("request %+v", req)
	}
	bad := `{"principal": "User::\"u\"", "action": "Action::\"view\"", "resource": "Doc::\"d\"",
 "context": {"ip": "::1", "n": true}}`
	_, err = ParseRequestWithSchema([]byte(bad), s, true)
	if err == nil || !strings.HasPrefix(err.Error(), "2:32: in context attribute `n`") {
		t.Errorf("error %v, want one at 2:32 about n", err)
	}
	if _, err := ParseRequestWithSchema([]byte(`{"action": "Action::\"view\""}`), s, true); err == nil || !strings.Contains(err.Error(), "missing field `principal`") {
		t.Errorf("error %v, want missing principal", err)
	}
}

func TestValidateRequest(t *testing.T) {
	s := loadTestSchema(t)
	loopback, err := extension.ParseIPAddr("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	ip := types.NewRecord(map[string]types.Value{"ip": loopback})
	tests := []struct {
		name                string
		principal, resource types.EntityUID
		action              types.EntityUID
		context             types.Record
		want                string
	}{
		{"valid", uid("User", "u"), uid("Doc", "d"), uid("Action", "view"), ip, ""},
		{"enum principal", uid("Color", "red"), uid("Doc", "d"), uid("Action", "view"), ip, ""},
		{"bad enum principal", uid("Color", "blue"), uid("Doc", "d"), uid("Action", "view"), ip,
			"entity `Color::\"blue\"` is of an enumerated entity type, but `\"blue\"` is not declared as a valid eid (valid eids: \"red\", \"green\")"},
		{"undeclared action", uid("User", "u"), uid("Doc", "d"), uid("Action", "nope"), ip,
			"action `Action::\"nope\"` does not exist in the supplied schema"},
		{"principal not in appliesTo", uid("Doc", "x"), uid("Doc", "d"), uid("Action", "view"), ip,
			"principal type `Doc` is not valid for `Action::\"view\"`"},
		{"both wrong", uid("Doc", "x"), uid("User", "d"), uid("Action", "view"), ip,
			"principal type `Doc` is not valid for `Action::\"view\"`\nresource type `User` is not valid for `Action::\"view\"`"},
		{"undeclared principal type", uid("Zed", "x"), uid("Doc", "d"), uid("Action", "view"), ip,
			"principal type `Zed` is not declared in the schema"},
		{"action that applies to nothing", uid("User", "u"), uid("Doc", "d"), uid("Action", "group1"), types.NewRecord(nil),
			"principal type `User` is not valid for `Action::\"group1\"`\nresource type `Doc` is not valid for `Action::\"group1\"`"},
		{"context missing attribute", uid("User", "u"), uid("Doc", "d"), uid("Action", "view"), types.NewRecord(nil),
			"context `{}` is not valid for `Action::\"view\"`: expected the record to have an attribute `ip`, but it does not"},
		{"context wrong nested type", uid("User", "u"), uid("Doc", "d"), uid("Action", "view"),
			types.NewRecord(map[string]types.Value{"ip": loopback, "r": types.NewRecord(map[string]types.Value{"a": types.String("x")})}),
			"context `{\"ip\": ip(\"127.0.0.1\"), \"r\": {\"a\": \"x\"}}` is not valid for `Action::\"view\"`: at `r.a`, type mismatch: value was expected to have type long, but it actually has type string: `\"x\"`"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateRequest(s, tc.principal, tc.action, tc.resource, tc.context)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestActionHierarchyInJSON: an action given in the JSON must have the
// ancestors the schema gives it, taken through the JSON's entities alone
// (verdicts from cedar-wasm 4.13).
func TestActionHierarchyInJSON(t *testing.T) {
	s, errs := schema.Load("a.cedarschema", []byte(`action c; action b in [c]; action a in [b]; action x;`))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	action := func(id string, parents ...string) string {
		ps := make([]string, len(parents))
		for i, p := range parents {
			ps[i] = `{"type": "Action", "id": "` + p + `"}`
		}
		return `{"uid": {"type": "Action", "id": "` + id + `"}, "attrs": {}, "parents": [` + strings.Join(ps, ", ") + `]}`
	}
	tests := []struct {
		name     string
		entities []string
		bad      string // the action reported, or "" when accepted
	}{
		{"all ancestors", []string{action("a", "b", "c")}, ""},
		{"direct parent only", []string{action("a", "b")}, "a"},
		{"grandparent only", []string{action("a", "c")}, "a"},
		{"hierarchy given in full", []string{action("a", "b"), action("b", "c")}, ""},
		{"given in the other order", []string{action("b", "c"), action("a", "b")}, ""},
		{"parent without its own parent", []string{action("a", "b"), action("b")}, "b"},
		{"extra parent", []string{action("a", "b", "c", "x")}, "a"},
		{"no parents", []string{action("a")}, "a"},
		{"root", []string{action("c")}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseWithSchema([]byte("["+strings.Join(tc.entities, ",\n")+"]"), s)
			switch {
			case tc.bad == "" && err != nil:
				t.Errorf("rejected: %v", err)
			case tc.bad != "" && (err == nil || !strings.Contains(err.Error(), "definition of action `Action::\""+tc.bad+"\"`")):
				t.Errorf("error %v, want a mismatch for %s", err, tc.bad)
			}
		})
	}
}
