package policyjson

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// testdata/indent.golden.json is cedar-wasm 4.13's templateToJson of
//
//	@id("t") @x permit(principal in ?principal, action in [Action::"a", Action::"b"], resource)
//	when { context.s like "a*" && {} == {} && [] == [] && context has a.b }
//	unless { -1 == ip("\u{1}é").isIpv4() };
//
// pretty-printed with two-space indentation. Reading it and writing it back
// must give the same bytes: same field order, escaping and layout.
func TestMarshalMatchesOfficialText(t *testing.T) {
	golden, err := os.ReadFile(filepath.Join("testdata", "indent.golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	golden = bytes.TrimRight(golden, "\n")
	p, err := Unmarshal(golden)
	if err != nil {
		t.Fatal(err)
	}
	pretty, err := MarshalIndent(p)
	if err != nil {
		t.Fatal(err)
	}
	if string(pretty) != string(golden) {
		t.Errorf("MarshalIndent:\n%s\nwant:\n%s", pretty, golden)
	}
	compact, err := Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, golden); err != nil {
		t.Fatal(err)
	}
	if string(compact) != buf.String() {
		t.Errorf("Marshal:\n%s\nwant:\n%s", compact, buf.String())
	}
}

func TestMarshalErrors(t *testing.T) {
	scope := func(v ast.Var) ast.Scope { return ast.Scope{Var: v} }
	base := func(body ast.Expr) *ast.Policy {
		return &ast.Policy{Principal: scope(ast.VarPrincipal), Action: scope(ast.VarAction), Resource: scope(ast.VarResource),
			Conditions: []ast.Condition{{Body: body}}}
	}
	tests := []struct {
		name string
		p    *ast.Policy
		msg  string
	}{
		{"nil policy", nil, "nil policy"},
		{"missing body", base(nil), "missing expression"},
		{"contains arity", base(&ast.MethodCall{Recv: &ast.VarExpr{}, Name: "contains"}), "contains takes 1 argument"},
		{"non-constant __extn argument", base(&ast.Call{Name: "foo", Args: []ast.Expr{&ast.VarExpr{}}}), "not a constant value"},
		{"empty has", base(&ast.Has{Arg: &ast.VarExpr{}}), "without an attribute"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Marshal(tt.p)
			if err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("got %v, want …%s…", err, tt.msg)
			}
		})
	}
}

func TestPolicySetRoundTrip(t *testing.T) {
	static, err := Unmarshal([]byte(`{` + allScope + `,"conditions":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	static.ID = "p0"
	tmpl, err := Unmarshal([]byte(`{"effect":"forbid","principal":{"op":"==","slot":"?principal"},"action":{"op":"All"},"resource":{"op":"in","slot":"?resource"},"conditions":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	tmpl.ID = "t0"
	link := TemplateLink{TemplateID: "t0", NewID: "l0", Values: map[ast.Slot]types.EntityUID{
		ast.SlotPrincipal: types.NewEntityUID("User", "a"), ast.SlotResource: types.NewEntityUID("Doc", "d"),
	}}
	data, err := MarshalPolicySet([]*ast.Policy{static, tmpl}, link)
	if err != nil {
		t.Fatal(err)
	}
	// The layout cedar-wasm's checkParsePolicySet accepts.
	want := `{"templates":{"t0":{"effect":"forbid","principal":{"op":"==","slot":"?principal"},"action":{"op":"All"},"resource":{"op":"in","slot":"?resource"},"conditions":[]}},` +
		`"staticPolicies":{"p0":{"effect":"permit","principal":{"op":"All"},"action":{"op":"All"},"resource":{"op":"All"},"conditions":[]}},` +
		`"templateLinks":[{"templateId":"t0","newId":"l0","values":{"?principal":{"type":"User","id":"a"},"?resource":{"type":"Doc","id":"d"}}}]}`
	if string(data) != want {
		t.Fatalf("got\n%s\nwant\n%s", data, want)
	}
	set, err := UnmarshalPolicySet(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Policies) != 2 || set.Policies[0].ID != "p0" || set.Policies[1].ID != "t0" || !set.Policies[1].IsTemplate() {
		t.Fatalf("policies: %+v", set.Policies)
	}
	if !reflect.DeepEqual(set.Links, []TemplateLink{link}) {
		t.Errorf("links: got %+v", set.Links)
	}
	empty, err := UnmarshalPolicySet([]byte(`{}`))
	if err != nil || len(empty.Policies) != 0 || len(empty.Links) != 0 {
		t.Errorf("empty set: %+v, %v", empty, err)
	}
}

func TestPolicySetRejects(t *testing.T) {
	pol := `{` + allScope + `,"conditions":[]}`
	tmpl := `{"effect":"permit","principal":{"op":"==","slot":"?principal"},"action":{"op":"All"},"resource":{"op":"All"},"conditions":[]}`
	tests := []struct{ name, json, msg string }{
		{"unknown member", `{"policies":{}}`, "unknown field `policies`"},
		{"duplicate id across kinds", `{"staticPolicies":{"a":` + pol + `},"templates":{"a":` + tmpl + `}}`, "duplicate policy ID `a`"},
		{"template in static", `{"staticPolicies":{"a":` + tmpl + `}}`, "has a template slot"},
		{"static in templates", `{"templates":{"a":` + pol + `}}`, "has no slot"},
		{"bad slot", `{"templateLinks":[{"templateId":"t","newId":"n","values":{"?x":{"type":"A","id":"b"}}}]}`, "unknown slot `?x`"},
		{"link missing field", `{"templateLinks":[{"templateId":"t","values":{}}]}`, "missing field `newId`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := UnmarshalPolicySet([]byte(tt.json))
			if err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("got %v, want …%s…", err, tt.msg)
			}
		})
	}
	if _, err := MarshalPolicySet([]*ast.Policy{{}}); err == nil {
		t.Error("MarshalPolicySet accepted a policy without ID")
	}
}

// FuzzUnmarshal: no input panics, and whatever is accepted survives
// Marshal → Unmarshal unchanged.
func FuzzUnmarshal(f *testing.F) {
	for _, s := range []string{
		`{` + allScope + `,"conditions":[]}`,
		when(`{"Value":{"__extn":{"fn":"ip","arg":"1.2.3.4"}}}`),
		when(`{"has":{"left":{"Var":"principal"},"attr":["a","b"]}}`),
		when(`{"like":{"left":{"Var":"principal"},"pattern":["Wildcard",{"Literal":"a"}]}}`),
		when(`{"Record":{"a":{"Set":[{"Value":-1}]}}}`),
		`{"templates":{},"staticPolicies":{},"templateLinks":[]}`,
		`[1, "\ud83d\ude00", {"a": null}]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = UnmarshalPolicySet(data)
		p, err := Unmarshal(data)
		if err != nil {
			return
		}
		_ = ast.PolicyText(p)
		out, err := Marshal(p)
		if err != nil {
			t.Fatalf("accepted input does not marshal: %v", err)
		}
		back, err := Unmarshal(out)
		if err != nil {
			t.Fatalf("our output is rejected: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(normalizePolicy(back), normalizePolicy(p)) {
			t.Fatalf("round trip changed the policy:\n%s", out)
		}
	})
}
