package engine

import (
	"errors"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/source"
)

func TestNewPolicySetLeavesTheCallersPoliciesAlone(t *testing.T) {
	file, errs := parse.Policies([]byte(`@id("first") permit(principal, action, resource);
permit(principal, action, resource);`))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	ps, err := NewPolicySet(file.Policies)
	if err != nil {
		t.Fatal(err)
	}
	if file.Policies[0].ID != "policy0" {
		t.Errorf("the caller's policy was renamed to %q", file.Policies[0].ID)
	}
	var ids []string
	for _, p := range ps.Written() {
		ids = append(ids, p.ID)
	}
	if got := strings.Join(ids, " "); got != "first policy1" {
		t.Errorf("ids %q, want \"first policy1\"", got)
	}
}

// errorText renders err as the CLI prints it, and checks that it is an
// *Error whose diagnostics all have a span inside the text.
func errorText(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("%T is not an *Error: %v", err, err)
	}
	for _, d := range e.Diags {
		if d.Span.Start < 0 || d.Span.End > len(e.Src) || d.Span.Start > d.Span.End {
			t.Errorf("span %v outside the text (%d bytes)", d.Span, len(e.Src))
		}
	}
	return err.Error()
}

func TestInputErrorsHavePositions(t *testing.T) {
	tinySchema := mustSchema(t, `entity User; action view appliesTo { principal: User, resource: User, context: { n: Long } };`)
	tests := []struct {
		name string
		run  func() error
		want string // the first line of the rendering
	}{
		{"duplicate @id", func() error {
			_, err := ParsePolicies("p.cedar", []byte("@id(\"a\") permit(principal, action, resource);\n@id(\"a\") forbid(principal, action, resource);"))
			return err
		}, `p.cedar:2:1: error: duplicate policy id "a"`},
		{"policy JSON", func() error {
			_, err := ParsePoliciesJSON("p.json", []byte(`{"staticPolicies": {"x": {"effect": "permit"}}}`))
			return err
		}, "p.json:1:"},
		{"policy JSON link", func() error {
			_, err := ParsePoliciesJSON("p.json", []byte(`{"staticPolicies": {}, "templates": {},
 "templateLinks": [{"templateId": "nope", "newId": "l", "values": {}}]}`))
			return err
		}, "p.json:2:20: error: link \"l\": template `nope` does not exist"},
		{"link file not JSON", func() error {
			_, err := ParseTemplateLinks("links.json", []byte(`[{"template_id": }]`))
			return err
		}, "links.json:1:18: error: invalid JSON"},
		{"link entry missing a field", func() error {
			_, err := ParseTemplateLinks("links.json", []byte("[\n  {\"template_id\": \"t\"}\n]"))
			return err
		}, "links.json:2:3: error: missing field `link_id` in template link"},
		{"link to an unknown template", func() error {
			ps, _ := ParsePolicies("p.cedar", []byte(`permit(principal, action, resource);`))
			return LinkTemplates(ps, "links.json", []byte(`[{"template_id": "nope", "link_id": "l", "args": {}}]`))
		}, "links.json:1:2: error: link \"l\": template `nope` does not exist"},
		{"schema", func() error {
			_, err := LoadSchema("s.cedarschema", []byte("entity User in [Nope];"))
			return err
		}, "s.cedarschema:1:"},
		{"entities", func() error {
			_, err := LoadEntities("e.json", []byte(`[{"uid": {"type": "User", "id": "a"}, "attrs": {"x": 1.5}, "parents": []}]`), nil)
			return err
		}, "e.json:1:"},
		{"request context by schema", func() error {
			_, err := DecodeRequest("r.json", []byte(`{"principal": "User::\"a\"", "action": "Action::\"view\"", "resource": "User::\"b\"", "context": {"n": "x"}}`),
				RequestOptions{Schema: tinySchema, Validate: true})
			return err
		}, "r.json:1:"},
		{"request not valid for the schema", func() error {
			_, err := DecodeRequest("r.json", []byte("{\"principal\": \"User::\\\"a\\\"\", \"action\": \"Action::\\\"view\\\"\",\n \"resource\": \"Action::\\\"view\\\"\", \"context\": {\"n\": 1}}"),
				RequestOptions{Schema: tinySchema, Validate: true})
			var invalid *InvalidRequestError
			if !errors.As(err, &invalid) {
				return err
			}
			if ds, ok := source.AsDiagnostics(err); !ok || len(ds) != 1 {
				t.Errorf("AsDiagnostics finds %v, %v", ds, ok)
			}
			return invalid.Input
		}, "r.json:2:14: error: the request is not valid for the schema: resource type `Action` is not declared in the schema"},
		{"context part", func() error {
			view := NewEntityUID("Action", "view")
			_, err := NewRequest(RequestParts{Action: &view, Context: []byte(`{"n": [1, }`), ContextName: "c.json"}, RequestOptions{})
			return err
		}, "c.json:1:"},
		{"expression", func() error {
			_, err := Evaluate("1 + ", nil, nil)
			return err
		}, "<expression>:1:"},
		{"format", func() error {
			_, err := FormatPolicies("p.cedar", []byte("permit(principal"), FormatOptions{})
			return err
		}, "p.cedar:1:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := errorText(t, tc.run())
			if first, _, _ := strings.Cut(got, "\n"); !strings.HasPrefix(first, tc.want) {
				t.Errorf("got %q, want it to start with %q", first, tc.want)
			}
		})
	}
}

func mustSchema(t *testing.T, text string) *Schema {
	t.Helper()
	s, err := LoadSchema("test.cedarschema", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The request JSON, the request parts and the run-tests requests take one
// path: the same context is read the same way, by the schema when given.
func TestRequestPathsAgree(t *testing.T) {
	s := mustSchema(t, `entity User; action view appliesTo { principal: User, resource: User, context: { at: datetime, from?: ipaddr } };`)
	ctx := `{"at": {"fn": "datetime", "arg": "2025-02-20T13:00:00-0500"}, "from": {"__extn": {"fn": "ip", "arg": "10.0.0.1"}}}`
	opts := RequestOptions{Schema: s, Validate: true}
	fromJSON, err := DecodeRequest("r.json", []byte(`{"principal": "User::\"a\"", "action": {"type": "Action", "id": "view"}, "resource": {"__entity": {"type": "User", "id": "b"}}, "context": `+ctx+`}`), opts)
	if err != nil {
		t.Fatal(err)
	}
	a, view, b := NewEntityUID("User", "a"), NewEntityUID("Action", "view"), NewEntityUID("User", "b")
	fromParts, err := NewRequest(RequestParts{Principal: &a, Action: &view, Resource: &b, Context: []byte(ctx)}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if fromJSON.Context.String() != fromParts.Context.String() || fromJSON.Principal != fromParts.Principal || fromJSON.Resource != fromParts.Resource {
		t.Errorf("request JSON %+v\nparts        %+v", fromJSON, fromParts)
	}
	// Without a schema the same {"fn", "arg"} object is a record.
	plain, err := DecodeRequest("r.json", []byte(`{"principal": "User::\"a\"", "action": "Action::\"view\"", "resource": "User::\"b\"", "context": `+ctx+`}`), RequestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if at, _ := plain.Context.Get("at"); at.Kind().String() != "record" {
		t.Errorf("without a schema, at = %v, want a record", at)
	}
}

func TestIncompleteRequestIsNotValidated(t *testing.T) {
	s := mustSchema(t, `entity User; action view appliesTo { principal: User, resource: User };`)
	view := NewEntityUID("Action", "view")
	req, err := NewRequest(RequestParts{Action: &view}, RequestOptions{Schema: s, Validate: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Evaluate("action == Action::\"view\"", req, nil); err != nil {
		t.Errorf("evaluating with the given action: %v", err)
	}
	var missing *MissingVariablesError
	if _, err := Evaluate("resource == principal", req, nil); !errors.As(err, &missing) || strings.Join(missing.Vars, ",") != "resource,principal" {
		t.Errorf("error %v, want the missing resource and principal", err)
	}
}

func TestTemplateLinksRoundTrip(t *testing.T) {
	links := []TemplateLink{{TemplateID: "t", LinkID: "l1", Args: map[string]string{"?resource": `R::"r"`, "?principal": `U::"u"`}}}
	back, err := ParseTemplateLinks("links.json", MarshalTemplateLinks(links))
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != 1 || back[0].TemplateID != "t" || back[0].LinkID != "l1" || back[0].Args["?principal"] != `U::"u"` || back[0].Args["?resource"] != `R::"r"` {
		t.Errorf("round trip gave %+v", back)
	}
	if links, err := ParseTemplateLinks("links.json", []byte("  \n")); err != nil || links != nil {
		t.Errorf("blank file: %v, %v", links, err)
	}
}

// A file whose second of three policies is half typed still gives the
// other two for authorization.
func TestNewPolicySetLeavesOutPartialPolicies(t *testing.T) {
	file, errs := parse.Policies([]byte(`permit(principal == User::"a", action, resource);
permit(principal == User::"b", action, resource) when { principal. };
@id("third") forbid(principal == User::"c", action, resource);`))
	if len(errs) == 0 {
		t.Fatal("the half-typed policy parsed")
	}
	ps, err := NewPolicySet(file.Policies)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range ps.Written() {
		ids = append(ids, p.ID)
	}
	if got := strings.Join(ids, " "); got != "policy0 third" {
		t.Errorf("policies %q, want \"policy0 third\"", got)
	}
	req := &Request{Principal: NewEntityUID("User", "a"), Action: NewEntityUID("Action", "x"), Resource: NewEntityUID("R", "r"), Context: NewRecord(nil)}
	if resp := Authorize(ps, nil, req); resp.Decision != Allow {
		t.Errorf("decision %v, want allow", resp.Decision)
	}
}
