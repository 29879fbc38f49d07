package schema

import (
	"sort"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/types"
)

// checkConsistent asserts what tools may rely on in any resolved schema,
// with errors or not: every type resolved, every name it uses declared,
// and action groups without cycles.
func checkConsistent(t testing.TB, src string, s *Schema) {
	t.Helper()
	var typ func(where string, ty Type)
	typ = func(where string, ty Type) {
		switch ty := ty.(type) {
		case Primitive:
		case Extension:
			if _, ok := builtinTypes[ty.Name]; !ok {
				t.Fatalf("%s: %s: unknown extension %q", src, where, ty.Name)
			}
		case EntityRef:
			if s.Entities[ty.Name] == nil {
				t.Fatalf("%s: %s: undeclared entity type %q", src, where, ty.Name)
			}
		case Set:
			typ(where+" element", ty.Elem)
		case *Record:
			if ty == nil {
				t.Fatalf("%s: %s: nil record", src, where)
			}
			for name, a := range ty.Attrs {
				typ(where+"."+name, a.Type)
			}
		default:
			t.Fatalf("%s: %s: type %#v", src, where, ty)
		}
	}
	for name, e := range s.Entities {
		typ(string(name), e.Shape)
		if e.Tags != nil {
			typ(string(name)+" tags", e.Tags)
		}
		for _, p := range e.MemberOf {
			if s.Entities[p] == nil {
				t.Fatalf("%s: %s: undeclared parent %s", src, name, p)
			}
		}
	}
	state := map[types.EntityUID]int{}
	var visit func(uid types.EntityUID)
	visit = func(uid types.EntityUID) {
		state[uid] = 1
		for _, p := range s.Actions[uid].MemberOf {
			switch {
			case s.Actions[p] == nil:
				t.Fatalf("%s: %s: undeclared group %s", src, uid, p)
			case state[p] == 1:
				t.Fatalf("%s: cycle through %s", src, p)
			case state[p] == 0:
				visit(p)
			}
		}
		state[uid] = 2
	}
	for uid, a := range s.Actions {
		typ(uid.String()+" context", a.Context)
		for _, e := range append(append([]types.EntityType{}, a.Principals...), a.Resources...) {
			if s.Entities[e] == nil {
				t.Fatalf("%s: %s: undeclared appliesTo type %s", src, uid, e)
			}
		}
		if state[uid] == 0 {
			visit(uid)
		}
	}
}

// summary lists a schema's entity types with their attributes and
// parents, and its actions with their groups, sorted.
func summary(s *Schema) string {
	var lines []string
	for name, e := range s.Entities {
		var attrs []string
		for a := range e.Shape.Attrs {
			attrs = append(attrs, a)
		}
		sort.Strings(attrs)
		line := "entity " + string(name) + " {" + strings.Join(attrs, ", ") + "}"
		for _, p := range e.MemberOf {
			line += " in " + string(p)
		}
		lines = append(lines, line)
	}
	for uid, a := range s.Actions {
		line := "action " + uid.String()
		for _, p := range a.MemberOf {
			line += " in " + p.String()
		}
		if len(a.Principals) > 0 {
			line += " applies"
		}
		lines = append(lines, line)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// TestSchemaWithErrorsResolvesTheRest: one bad declaration (a syntax
// error, an undeclared type, a cycle) costs only what it must; the errors
// are those of a schema that is rejected (the CLI still fails on them).
func TestSchemaWithErrorsResolvesTheRest(t *testing.T) {
	for _, tc := range []struct {
		name, file, src string
		errs            int
		want            string
	}{
		{"syntax error in one declaration", "s.cedarschema", `
entity User in [Group] = { name: String, age: Long };
entity Group;
entity Doc = { owner: User, title: String ;
action view appliesTo { principal: User, resource: Doc };
action edit appliesTo { principal: User, resource: [Doc, Group] };`, 1, `action Action::"edit" applies
action Action::"view"
entity Group {}
entity User {age, name} in Group`},
		{"undeclared type in one attribute", "s.cedarschema", `
entity User = { name: String, manager: Usr, tags: Set<Tag> };
entity Doc in [Folder] = { owner: User };
entity Folder;
action view appliesTo { principal: User, resource: Doc };`, 2, `action Action::"view" applies
entity Doc {owner} in Folder
entity Folder {}
entity User {name}`},
		{"undeclared parent and appliesTo type", "s.cedarschema", `
entity User in [Team, Group];
entity Group;
action view appliesTo { principal: [User, Robot], resource: User };`, 2, `action Action::"view" applies
entity Group {}
entity User {} in Group`},
		{"a cycle of action groups", "s.cedarschema", `
entity User;
action read in [write];
action write in [read];
action view in [read] appliesTo { principal: User, resource: User };`, 1, `action Action::"read" in Action::"write"
action Action::"view" in Action::"read" applies
action Action::"write"
entity User {}`},
		{"a cycle of common types", "s.cedarschema", `
type A = B;
type B = A;
entity User = { a: A, n: Long };`, 1, `entity User {a, n}`},
		{"an entity type named Action", "s.cedarschema", `
entity Action;
entity User in [Action];
action view appliesTo { principal: User, resource: Action };`, 1, `action Action::"view"
entity User {}`},
		{"a namespace not closed yet", "s.cedarschema", `
namespace App {
  entity User = { name: String };
  action view appliesTo { principal: User, resource: User };
`, 1, `action App::Action::"view" applies
entity App::User {name}`},
		{"JSON: one malformed entity type", "s.cedarschema.json", `{"": {
  "entityTypes": {
    "User": {"shape": {"type": "Record", "attributes": {"name": {"type": "String"}}}},
    "Doc": {"shape": {"type": "Record", "attributes": {"owner": {"type": "Entity"}}}},
    "Group": {"memberOfTypes": 7}
  },
  "actions": {"view": {"appliesTo": {"principalTypes": ["User"], "resourceTypes": ["Doc"]}}}
}}`, 2, `action Action::"view" applies
entity Doc {}
entity Group {}
entity User {name}`},
	} {
		s, errs := Load(tc.file, []byte(tc.src))
		if len(errs) != tc.errs {
			t.Errorf("%s: %d errors, want %d: %v", tc.name, len(errs), tc.errs, errs)
		}
		if s == nil {
			t.Fatalf("%s: no schema", tc.name)
		}
		checkConsistent(t, tc.src, s)
		if got := summary(s); got != tc.want {
			t.Errorf("%s:\n%s\nwant:\n%s", tc.name, got, tc.want)
		}
	}
}
