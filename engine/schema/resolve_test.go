package schema

import (
	"reflect"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

func errorLines(src string, errs []source.Diagnostic) []string {
	l := source.NewLines([]byte(src))
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = l.Pos(e.Span.Start).String() + ": " + e.Message
	}
	return out
}

func mustLoad(t *testing.T, name, src string) *Schema {
	t.Helper()
	s, errs := Load(name, []byte(src))
	if len(errs) > 0 {
		t.Fatalf("%s: %v", src, errorLines(src, errs))
	}
	return s
}

// attrType resolves an attribute of an entity type's shape.
func attrType(t *testing.T, s *Schema, entity types.EntityType, attr string) Type {
	t.Helper()
	e, ok := s.Entities[entity]
	if !ok {
		t.Fatalf("no entity type %s", entity)
	}
	a, ok := e.Shape.Attrs[attr]
	if !ok {
		t.Fatalf("%s has no attribute %s", entity, attr)
	}
	return a.Type
}

// TestResolveNames covers the lookup order of type names, each case
// confirmed with official schemaToJsonWithResolvedTypes.
func TestResolveNames(t *testing.T) {
	for _, tc := range []struct {
		src    string
		entity types.EntityType
		attr   string
		want   Type
	}{
		{`entity String; entity A = { x: String };`, "A", "x", EntityRef{Name: "String"}},
		{`type ipaddr = Long; entity A = { x: ipaddr };`, "A", "x", Primitive{Kind: Long}},
		{`entity ipaddr; entity A = { x: ipaddr };`, "A", "x", EntityRef{Name: "ipaddr"}},
		{`entity A = { x: ipaddr, y: __cedar::decimal, z: datetime, w: duration };`, "A", "y", Extension{Name: "decimal"}},
		{`namespace N { entity A = { x: B }; } entity B;`, "N::A", "x", EntityRef{Name: "B"}},
		{`namespace N { entity A = { x: B }; entity B; type B = Long; }`, "N::A", "x", Primitive{Kind: Long}},
		{`entity B; type B = String; entity A = { x: B };`, "A", "x", Primitive{Kind: String}},
		{`namespace N { entity A = { x: B }; } type B = Bool;`, "N::A", "x", Primitive{Kind: Bool}},
		{`namespace N { entity A = { x: Long, y: __cedar::Long }; entity Long; }`, "N::A", "x", EntityRef{Name: "N::Long"}},
		{`namespace N { entity A = { x: Long, y: __cedar::Long }; entity Long; }`, "N::A", "y", Primitive{Kind: Long}},
		{`entity A = { x: N::T }; namespace N { type T = Set<Long>; }`, "A", "x", Set{Elem: Primitive{Kind: Long}}},
		{`namespace M { entity A = { x: M::N::B }; } namespace M::N { entity B; }`, "M::A", "x", EntityRef{Name: "M::N::B"}},
		{`type R = { a?: Long }; entity A = { x: R };`, "A", "x", &Record{Attrs: map[string]*Attribute{"a": {Type: Primitive{Kind: Long}, Required: false, Span: attrSpan(`type R = { a?: Long }; entity A = { x: R };`, "a")}}}},
	} {
		s := mustLoad(t, "s.cedarschema", tc.src)
		if got := attrType(t, s, tc.entity, tc.attr); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %s.%s is %#v, want %#v", tc.src, tc.entity, tc.attr, got, tc.want)
		}
	}
}

func attrSpan(src, name string) (s struct{ Start, End int }) {
	i := strings.Index(src, name+"?")
	s.Start, s.End = i, i+len(name)
	return
}

func TestResolveModel(t *testing.T) {
	src := `namespace App {
  @doc("a user")
  entity User in [Group] = { name: String, "home dir"?: Set<Photo> } tags Long;
  entity Group;
  entity Photo;
  entity Color enum ["red", "green"];
  type Ctx = { ip: ipaddr };
  action view, "edit" in [all] appliesTo { principal: User, resource: [Photo], context: Ctx };
  action all;
  action none appliesTo { principal: User, resource: Photo };
}
action top in [App::Action::"all"];`
	s := mustLoad(t, "s.cedarschema", src)
	user := s.Entities["App::User"]
	if !reflect.DeepEqual(user.MemberOf, []types.EntityType{"App::Group"}) || user.Tags != (Primitive{Kind: Long}) || user.Annotations["doc"] != "a user" {
		t.Errorf("User: %+v", user)
	}
	if got := src[user.Span.Start:user.Span.End]; got != "User" {
		t.Errorf("User span %q", got)
	}
	home := user.Shape.Attrs["home dir"]
	if home.Required || !reflect.DeepEqual(home.Type, Set{Elem: EntityRef{Name: "App::Photo"}}) {
		t.Errorf("home dir: %+v", home)
	}
	if !user.Shape.Attrs["name"].Required {
		t.Error("name should be required")
	}
	if got := s.Entities["App::Color"].Enum; !reflect.DeepEqual(got, []string{"red", "green"}) {
		t.Errorf("Color enum %v", got)
	}
	if s.Entities["App::Group"].Shape == nil || len(s.Entities["App::Group"].Shape.Attrs) != 0 {
		t.Error("Group should have an empty shape")
	}
	view := s.Actions[types.NewEntityUID("App::Action", "view")]
	edit := s.Actions[types.NewEntityUID("App::Action", "edit")]
	for _, a := range []*Action{view, edit} {
		if a == nil {
			t.Fatal("missing view or edit")
		}
		if !reflect.DeepEqual(a.MemberOf, []types.EntityUID{types.NewEntityUID("App::Action", "all")}) ||
			!reflect.DeepEqual(a.Principals, []types.EntityType{"App::User"}) ||
			!reflect.DeepEqual(a.Resources, []types.EntityType{"App::Photo"}) ||
			!reflect.DeepEqual(a.Context.Attrs["ip"].Type, Extension{Name: "ipaddr"}) {
			t.Errorf("%v: %+v", a.UID, a)
		}
	}
	all := s.Actions[types.NewEntityUID("App::Action", "all")]
	if len(all.Principals) != 0 || len(all.Resources) != 0 || all.Context == nil || len(all.Context.Attrs) != 0 {
		t.Errorf("all: %+v", all)
	}
	top := s.Actions[types.NewEntityUID("Action", "top")]
	if !reflect.DeepEqual(top.MemberOf, []types.EntityUID{types.NewEntityUID("App::Action", "all")}) {
		t.Errorf("top: %+v", top)
	}
}

func TestResolveActionGroupFallsBackToEmptyNamespace(t *testing.T) {
	for _, src := range []string{
		`namespace N { action "a" in ["b"]; } action b;`,
		`namespace N { action "a" in [Action::"b"]; } action b;`,
	} {
		s := mustLoad(t, "s.cedarschema", src)
		a := s.Actions[types.NewEntityUID("N::Action", "a")]
		if !reflect.DeepEqual(a.MemberOf, []types.EntityUID{types.NewEntityUID("Action", "b")}) {
			t.Errorf("%s: %v", src, a.MemberOf)
		}
	}
}

// TestResolveJSON reads the JSON syntax's explicit type forms.
func TestResolveJSON(t *testing.T) {
	src := `{"": {"commonTypes": {"ipaddr": {"type": "String"}},
	  "entityTypes": {"Long": {}, "A": {"shape": {"type": "Record", "attributes": {
		"a": {"type": "Long"}, "b": {"type": "Entity", "name": "Long"}, "c": {"type": "Extension", "name": "ipaddr"},
		"d": {"type": "ipaddr"}, "e": {"type": "EntityOrCommon", "name": "Long"}, "f": {"type": "Boolean", "required": false}}}}},
	  "actions": {"r": {"appliesTo": {"principalTypes": ["A"], "resourceTypes": ["A"], "context": {"type": "Record", "attributes": {}}}}}}}`
	s := mustLoad(t, "s.cedarschema.json", src)
	for attr, want := range map[string]Type{
		"a": Primitive{Kind: Long}, "b": EntityRef{Name: "Long"}, "c": Extension{Name: "ipaddr"},
		"d": Primitive{Kind: String}, "e": EntityRef{Name: "Long"}, "f": Primitive{Kind: Bool},
	} {
		if got := attrType(t, s, "A", attr); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %#v, want %#v", attr, got, want)
		}
	}
	if s.Entities["A"].Shape.Attrs["f"].Required {
		t.Error("f should be optional")
	}
}

// TestResolveErrors lists the schemas official Cedar rejects after parsing,
// with our message and position.
func TestResolveErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"s.cedarschema", `entity A; entity A;`, []string{"1:18: entity type `A` is declared twice"}},
		{"s.cedarschema", `type T = Long; type T = String;`, []string{"1:21: common type `T` is declared twice"}},
		{"s.cedarschema", `action "a", a;`, []string{"1:13: action `a` is declared twice"}},
		{"s.cedarschema", `namespace N {} namespace N {}`, []string{"1:26: namespace `N` is declared twice"}},
		{"s.cedarschema", `entity A = { x: Foo };`, []string{"1:17: undeclared type `Foo`: not a common type, entity type, primitive or extension type"}},
		{"s.cedarschema", `entity A = { x: __cedar::Foo };`, []string{"1:17: undeclared type `__cedar::Foo`: not a common type, entity type, primitive or extension type"}},
		{"s.cedarschema", `namespace M { entity A = { x: N::B }; } namespace M::N { entity B; }`, []string{"1:31: undeclared type `N::B`: not a common type, entity type, primitive or extension type"}},
		{"s.cedarschema", `entity A in N::B;`, []string{"1:13: undeclared entity type `N::B`"}},
		{"s.cedarschema", `namespace N { entity A in [B]; } type B = Long;`, []string{"1:28: undeclared entity type `B`"}},
		{"s.cedarschema", `entity A; type C = { x: Long }; action a appliesTo { principal: [C], resource: [A] };`, []string{"1:66: `C` is a common type; an entity type is required here"}},
		{"s.cedarschema", `entity A; action a appliesTo { principal: A, resource: A, context: __cedar::String };`, []string{"1:68: the context of action Action::\"a\" must be a record type"}},
		{"s.cedarschema", "type A = B;\ntype B = A;\nentity E = { x: A };", []string{"1:1: common type `A` refers to itself (a cycle of common type references)"}},
		{"s.cedarschema", `type A = { x: Set<A> };`, []string{"1:1: common type `A` refers to itself (a cycle of common type references)"}},
		{"s.cedarschema", `action a in b; action b in a;`, []string{`1:8: action Action::"a" is in a cycle of action groups`}},
		{"s.cedarschema", `action a in a;`, []string{`1:8: action Action::"a" is in a cycle of action groups`}},
		{"s.cedarschema", `action a in c;`, []string{`1:13: undeclared action Action::"c" in the action groups`}},
		{"s.cedarschema", `action a in N::Action::"b";`, []string{`1:13: undeclared action N::Action::"b" in the action groups`}},
		{"s.cedarschema", `type T = Long; namespace N { type T = String; }`, []string{"1:35: `N::T` shadows `T` declared in the empty namespace; rename one of them"}},
		{"s.cedarschema", `entity T; namespace N { type T = Long; }`, []string{"1:30: `N::T` shadows `T` declared in the empty namespace; rename one of them"}},
		{"s.cedarschema", `action b; namespace N { action b; }`, []string{`1:32: action N::Action::"b" shadows action Action::"b" declared in the empty namespace; rename one of them`}},
		{"s.cedarschema", `entity Action;`, []string{"1:8: `Action` cannot name an entity type: it is the type of actions"}},
		{"s.json", `{"": {"entityTypes": {"A": {"shape": {"type": "Long"}}}, "actions": {}}}`, []string{"1:38: the shape of entity type `A` must be a record type"}},
		{"s.json", `{"": {"entityTypes": {"A": {"shape": {"type": "T"}}}, "actions": {}}}`, []string{"1:47: undeclared common type `T`"}},
		{"s.json", `{"": {"entityTypes": {"A": {"shape": {"type": "Record", "attributes": {"x": {"type": "Entity", "name": "T"}}}}}, "commonTypes": {"T": {"type": "Long"}}, "actions": {}}}`, []string{"1:104: `T` is a common type; an entity type is required here"}},
		// Several errors are all reported, in source order.
		{"s.cedarschema", "entity A in [X];\nentity B = { y: Y };\naction a in z;", []string{
			"1:14: undeclared entity type `X`",
			"2:17: undeclared type `Y`: not a common type, entity type, primitive or extension type",
			`3:13: undeclared action Action::"z" in the action groups`,
		}},
	} {
		s, errs := Load(tc.name, []byte(tc.src))
		got := errorLines(tc.src, errs)
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", tc.src, got, tc.want)
		}
		if s == nil {
			t.Errorf("%s: a schema with errors should still resolve what it can", tc.src)
		} else {
			checkConsistent(t, tc.src, s)
		}
	}
}
