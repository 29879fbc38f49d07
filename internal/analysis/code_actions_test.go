package analysis

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/validate"
)

const actionSchema = `namespace App {
  entity User in [Group] { name: String, nickname?: String };
  entity Group;
  entity Doc;
  action view appliesTo { principal: User, resource: Doc };
}
`

// TestQuickFixesRemoveTheError applies each quick fix offered at the
// marked position and checks that the schema still resolves, the policy
// parses, and the validation error the fix is for is gone.
func TestQuickFixesRemoveTheError(t *testing.T) {
	cases := []struct {
		policy, title, code string
	}{
		{`permit(principal is App::User, action, resource) when { principal.nmae§ == "x" };`, "Change to `name`", "unsafeAttributeAccess"},
		{`permit(principal is App::User, action, resource) when { principal.nmae§ == "x" };`, "Add attribute `nmae`", "unsafeAttributeAccess"},
		{`permit(principal is App::User, action, resource) when { principal.nick§name == "x" };`, "Guard with `principal has nickname`", "unsafeOptionalAttributeAccess"},
		{`permit(principal is App::Usr§, action, resource);`, "Change to `App::User`", "unrecognizedEntityType"},
		{`permit(principal is App::Usr§, action, resource);`, "Declare entity type `App::Usr`", "unrecognizedEntityType"},
		{`permit(principal, action == App::Action::"veiw§", resource);`, "Change to `App::Action::\"view\"`", "unrecognizedActionId"},
		{`permit(principal is App::User, action == App::Action::"veiw§", resource is App::Doc);`, "Declare action", "unrecognizedActionId"},
	}
	tree, errs := schema.ParseCedar([]byte(actionSchema))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	jsonSchema, err := schema.ToJSON(tree)
	if err != nil {
		t.Fatal(err)
	}
	for _, syntaxName := range []string{"schema.cedarschema", "schema.cedarschema.json"} {
		schemaText := actionSchema
		if strings.HasSuffix(syntaxName, ".json") {
			schemaText = string(jsonSchema)
		}
		for _, tc := range cases {
			t.Run(syntaxName+"/"+tc.title, func(t *testing.T) {
				dir := t.TempDir()
				schemaPath := filepath.Join(dir, syntaxName)
				if err := os.WriteFile(schemaPath, []byte(schemaText), 0o644); err != nil {
					t.Fatal(err)
				}
				off := strings.Index(tc.policy, "§")
				text := strings.Replace(tc.policy, "§", "", 1)
				uri := PathToURI(filepath.Join(dir, "policies.cedar"))
				snap := NewWorkspace([]string{dir}, DefaultSettings()).Open(uri, 1, []byte(text))
				if codes(t, syntaxName, schemaText, text)[tc.code] == 0 {
					t.Fatalf("the policy should have a %s error", tc.code)
				}
				var found *CodeAction
				var titles []string
				for _, a := range CodeActions(snap, uri, Span{off, off}) {
					titles = append(titles, a.Title)
					if strings.HasPrefix(a.Title, tc.title) {
						a := a
						found = &a
					}
				}
				if found == nil {
					t.Fatalf("no action %q among %q", tc.title, titles)
				}
				files := map[string]string{uri: text, PathToURI(schemaPath): schemaText}
				for u, es := range found.Edits {
					s := files[u]
					sort.Slice(es, func(i, j int) bool { return es[i].Span.Start > es[j].Span.Start })
					for _, e := range es {
						s = s[:e.Span.Start] + e.NewText + s[e.Span.End:]
					}
					files[u] = s
				}
				if n := codes(t, syntaxName, files[PathToURI(schemaPath)], files[uri])[tc.code]; n != 0 {
					t.Errorf("after %q still %d %s error(s):\nschema:\n%s\npolicy:\n%s", found.Title, n, tc.code, files[PathToURI(schemaPath)], files[uri])
				}
			})
		}
	}
}

// codes counts the validation errors by code.
func codes(t *testing.T, name, schemaText, policy string) map[string]int {
	t.Helper()
	s, errs := schema.Load(name, []byte(schemaText))
	if len(errs) > 0 {
		t.Fatalf("schema: %v\n%s", errs, schemaText)
	}
	f, perrs := parse.Policies([]byte(policy))
	if len(perrs) > 0 {
		t.Fatalf("policy: %v\n%s", perrs, policy)
	}
	out := map[string]int{}
	for _, d := range validate.Validate(s, f.Policies, validate.Strict).Errors {
		out[d.Code]++
	}
	return out
}

// TestHasGuardOnlyWhereABoolStarts: the guard is offered where a Bool
// operand starts, never inside a set, a record or a then/else value.
func TestHasGuardOnlyWhereABoolStarts(t *testing.T) {
	cases := map[string]bool{
		`permit(principal is App::User, action, resource) when { principal.nick§name == "x" };`:                         true,
		`permit(principal is App::User, action, resource) when { true && (principal.nick§name == "x") };`:               true,
		`permit(principal is App::User, action, resource) when { if principal.nick§name == "x" then true else false };`: true,
		`permit(principal is App::User, action, resource) when { [principal.nick§name].isEmpty() };`:                    false,
		`permit(principal is App::User, action, resource) when { {a: principal.nick§name} == {a: "x"} };`:               false,
		`permit(principal is App::User, action, resource) when { if true then principal.nick§name else "" };`:           false,
	}
	for policy, want := range cases {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "schema.cedarschema"), []byte(actionSchema), 0o644); err != nil {
			t.Fatal(err)
		}
		off := strings.Index(policy, "§")
		text := strings.Replace(policy, "§", "", 1)
		uri := PathToURI(filepath.Join(dir, "policies.cedar"))
		snap := NewWorkspace([]string{dir}, DefaultSettings()).Open(uri, 1, []byte(text))
		got := false
		for _, a := range CodeActions(snap, uri, Span{off, off}) {
			if strings.HasPrefix(a.Title, "Guard with") {
				got = true
			}
		}
		if got != want {
			t.Errorf("%s: guard offered %v, want %v", policy, got, want)
		}
	}
}

// TestAddAttributeTypeFromUse: the attribute added to the schema gets the
// type its use suggests.
func TestAddAttributeTypeFromUse(t *testing.T) {
	cases := map[string]string{
		`permit(principal is App::User, action, resource) when { principal.age§ > 18 };`:         "age: Long",
		`permit(principal is App::User, action, resource) when { principal.age§ == 18 };`:        "age: Long",
		`permit(principal is App::User, action, resource) when { principal.admin§ == true };`:    "admin: Bool",
		`permit(principal is App::User, action, resource) when { principal.admin§ && true };`:    "admin: Bool",
		`permit(principal is App::User, action, resource) when { principal.email§ like "*@x" };`: "email: String",
		`permit(principal is App::User, action, resource) when { principal.email§ == "a" };`:     "email: String",
	}
	for policy, want := range cases {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "schema.cedarschema"), []byte(actionSchema), 0o644); err != nil {
			t.Fatal(err)
		}
		off := strings.Index(policy, "§")
		text := strings.Replace(policy, "§", "", 1)
		uri := PathToURI(filepath.Join(dir, "policies.cedar"))
		snap := NewWorkspace([]string{dir}, DefaultSettings()).Open(uri, 1, []byte(text))
		got := ""
		for _, a := range CodeActions(snap, uri, Span{off, off}) {
			if strings.HasPrefix(a.Title, "Add attribute") {
				for _, es := range a.Edits {
					got = strings.TrimSpace(strings.Trim(es[0].NewText, ", \n"))
				}
			}
		}
		if got != want {
			t.Errorf("%s: added %q, want %q", policy, got, want)
		}
	}
}
