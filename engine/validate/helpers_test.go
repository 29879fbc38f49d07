package validate

import (
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// Schema building blocks for tests (the schema parsers live elsewhere).
var (
	tBool   = schema.Primitive{Kind: schema.Bool}
	tLong   = schema.Primitive{Kind: schema.Long}
	tString = schema.Primitive{Kind: schema.String}
)

func tEntity(n string) schema.Type   { return schema.EntityRef{Name: types.EntityType(n)} }
func tSet(e schema.Type) schema.Type { return schema.Set{Elem: e} }
func tExt(n string) schema.Type      { return schema.Extension{Name: n} }

type attrSpec struct {
	name     string
	t        schema.Type
	optional bool
}

func req(name string, t schema.Type) attrSpec { return attrSpec{name, t, false} }
func opt(name string, t schema.Type) attrSpec { return attrSpec{name, t, true} }

func rec(attrs ...attrSpec) *schema.Record {
	r := &schema.Record{Attrs: map[string]*schema.Attribute{}}
	for _, a := range attrs {
		r.Attrs[a.name] = &schema.Attribute{Type: a.t, Required: !a.optional}
	}
	return r
}

func ets(names ...string) []types.EntityType {
	out := make([]types.EntityType, len(names))
	for i, n := range names {
		out[i] = types.EntityType(n)
	}
	return out
}

func actionUID(id string) types.EntityUID { return types.EntityUID{Type: "Action", ID: id} }

// testSchema is, in Cedar schema syntax:
//
//	entity User in [Group] { name: String, age?: Long, manager?: User };
//	entity Group;
//	entity Doc { owner: User, tags?: Set<String> } tags String;
//	entity Color enum ["red", "green"];
//	action view appliesTo { principal: [User], resource: [Doc], context: { ip?: ipaddr } };
//	action edit in [view] appliesTo { principal: [User, Group], resource: [Doc] };
//	action group;
func testSchema() *schema.Schema {
	s := &schema.Schema{Entities: map[types.EntityType]*schema.Entity{}, Actions: map[types.EntityUID]*schema.Action{}}
	s.Entities["User"] = &schema.Entity{Name: "User", MemberOf: ets("Group"),
		Shape: rec(req("name", tString), opt("age", tLong), opt("manager", tEntity("User")))}
	s.Entities["Group"] = &schema.Entity{Name: "Group"}
	s.Entities["Doc"] = &schema.Entity{Name: "Doc", Shape: rec(req("owner", tEntity("User")), opt("tags", tSet(tString))), Tags: tString}
	s.Entities["Color"] = &schema.Entity{Name: "Color", Enum: []string{"red", "green"}}
	s.Actions[actionUID("view")] = &schema.Action{UID: actionUID("view"), Principals: ets("User"), Resources: ets("Doc"),
		Context: rec(opt("ip", tExt("ipaddr")))}
	s.Actions[actionUID("edit")] = &schema.Action{UID: actionUID("edit"), MemberOf: []types.EntityUID{actionUID("view")},
		Principals: ets("User", "Group"), Resources: ets("Doc")}
	s.Actions[actionUID("group")] = &schema.Action{UID: actionUID("group")}
	return s
}
