package validate

import (
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/schema"
)

// FuzzValidate feeds whatever the error-tolerant parser makes of arbitrary
// text (including partial trees from broken input) to the validator in both
// modes and to PolicyTypes: none of it may panic.
func FuzzValidate(f *testing.F) {
	for _, c := range strictCases {
		f.Add(c.policy)
	}
	f.Add(`permit(principal == ?principal, action, resource in ?resource) when { ?principal.x };`)
	f.Add(`permit(principal, action in [], resource) when { [[], [{}]].contains(if 1 then [] else {a: []}) };`)
	f.Add(`forbid(principal, action, resource) when { context. }`)
	s := testSchema()
	f.Fuzz(func(t *testing.T, src string) {
		file, _ := parse.Policies([]byte(src))
		if file == nil {
			return
		}
		Validate(s, file.Policies, Strict)
		Validate(s, file.Policies, Permissive)
		Validate(nil, file.Policies, Strict)
		for _, p := range file.Policies {
			PolicyTypes(s, p, Permissive)
		}
	})
}

// FuzzPartialSchema feeds whatever the schema parsers and the resolver make
// of arbitrary text (with errors, the schema resolved from the rest) to
// the validator and PolicyTypes, over policies that use most of what a
// schema declares: none of it may panic.
func FuzzPartialSchema(f *testing.F) {
	for _, s := range []string{
		`entity User in [Group] = { name: String, boss?: User, tags: Set<String> } tags Long; entity Group; entity Doc = { owner: User ;
action view appliesTo { principal: User, resource: [Doc, Group], context: { ip: ipaddr } }; action edit in [view];`,
		`type A = B; type B = A; entity User = { a: A }; action a in [b]; action b in [a] appliesTo { principal: User, resource: User };`,
		`entity Action; entity User in [Action] = { x: Foo }; action view appliesTo { principal: User, resource: Action };`,
		`namespace N { entity E enum ["a", "b"]; action "go" appliesTo { principal: E, resource: E, context: C }; type C = { d: decimal, t: datetime }; }`,
		`{"": {"entityTypes": {"User": {"memberOfTypes": ["Group", "Nope"], "shape": {"type": "Record", "attributes": {"boss": {"type": "Entity", "name": "User"}, "x": {"type": "Foo"}}}}, "Group": {}},
  "actions": {"view": {"appliesTo": {"principalTypes": ["User"], "resourceTypes": ["Group"]}, "memberOf": [{"id": "view"}]}}}}`,
	} {
		f.Add(s)
	}
	policies, _ := parse.Policies([]byte(`permit(principal, action, resource);
permit(principal in Group::"g", action == Action::"view", resource is Doc) when { principal.boss.name == resource.owner.name && context.ip.isLoopback() };
forbid(principal is User, action in [Action::"edit", Action::"view"], resource) when { principal has tags && principal.tags.contains("x") && principal.hasTag("t") };
permit(principal is N::E, action == N::Action::"go", resource == N::E::"a") when { context.d.lessThan(decimal("1.0")) || context.t > datetime("2024-01-01") };
permit(principal, action, resource) when { principal.boss. };`))
	f.Fuzz(func(t *testing.T, src string) {
		for _, name := range []string{"s.cedarschema", "s.cedarschema.json"} {
			s, _ := schema.Load(name, []byte(src))
			if s == nil {
				t.Fatalf("%q: no schema", src)
			}
			Validate(s, policies.Policies, Strict)
			Validate(s, policies.Policies, Permissive)
			for _, p := range policies.Policies {
				PolicyTypes(s, p, Strict)
			}
		}
	})
}
