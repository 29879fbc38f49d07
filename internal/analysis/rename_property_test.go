package analysis

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/schema/syntax"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/engine/validate"
)

// renameFixture is a workspace as texts by URI.
type renameFixture map[string][]byte

const (
	fxSchema   = "file:///w/app.cedarschema"
	fxPolicies = "file:///w/policies.cedar"
	fxEntities = "file:///w/entities.json"
	fxRequest  = "file:///w/request.cedarauth.json"
)

func loadRenameFixture(t *testing.T, jsonSchema bool) renameFixture {
	fx := renameFixture{}
	for uri, name := range map[string]string{fxSchema: "app.cedarschema", fxPolicies: "policies.cedar", fxEntities: "entities.json", fxRequest: "request.cedarauth.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", "rename", name))
		if err != nil {
			t.Fatal(err)
		}
		fx[uri] = b
	}
	if jsonSchema {
		tree, errs := schema.ParseCedar(fx[fxSchema])
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		js, err := schema.ToJSON(tree)
		if err != nil {
			t.Fatal(err)
		}
		delete(fx, fxSchema)
		fx[fxSchema+".json"] = js
	}
	return fx
}

func (fx renameFixture) schemaURI() string {
	if _, ok := fx[fxSchema]; ok {
		return fxSchema
	}
	return fxSchema + ".json"
}

// index builds the symbol index and the resolved schema of the fixture.
func (fx renameFixture) index(t *testing.T) (*SymbolIndex, *schema.Schema) {
	t.Helper()
	su := fx.schemaURI()
	var tree *syntax.File
	var errs []error
	if strings.HasSuffix(su, ".json") {
		tr, es := schema.ParseJSON(fx[su])
		tree = tr
		for _, e := range es {
			errs = append(errs, e)
		}
	} else {
		tr, es := schema.ParseCedar(fx[su])
		tree = tr
		for _, e := range es {
			errs = append(errs, e)
		}
	}
	if len(errs) > 0 {
		t.Fatalf("schema does not parse: %v\n%s", errs, fx[su])
	}
	s, rerrs := schema.Resolve(tree)
	if len(rerrs) > 0 {
		t.Fatalf("schema does not resolve: %v\n%s", rerrs, fx[su])
	}
	f, perrs := parse.Policies(fx[fxPolicies])
	if len(perrs) > 0 {
		t.Fatalf("policies do not parse: %v\n%s", perrs, fx[fxPolicies])
	}
	ws := &Sources{Schema: s,
		Schemas:  []*SchemaSource{{URI: su, Text: fx[su], Tree: tree}},
		Policies: []*PolicySource{{URI: fxPolicies, Text: fx[fxPolicies], File: f}},
		JSON: []*JSONSource{{URI: fxEntities, Kind: JSONEntities, Text: fx[fxEntities]},
			{URI: fxRequest, Kind: JSONRequest, Text: fx[fxRequest]}}}
	return NewSymbolIndex(ws), s
}

// outcome is what must not change under a rename: per policy, the kinds
// of validation errors and warnings; and whether the entities and the
// request's context are accepted by the schema.
func (fx renameFixture) outcome(t *testing.T) string {
	t.Helper()
	_, s := fx.index(t)
	f, _ := parse.Policies(fx[fxPolicies])
	res := validate.Validate(s, f.Policies, validate.Strict)
	var lines []string
	for _, d := range res.Errors {
		lines = append(lines, "error "+d.PolicyID+" "+d.Code)
	}
	for _, d := range res.Warnings {
		lines = append(lines, "warning "+d.PolicyID+" "+d.Code)
	}
	sort.Strings(lines)
	_, err := entitiesjson.ParseWithSchema(fx[fxEntities], s)
	lines = append(lines, fmt.Sprintf("entities accepted: %v", err == nil))
	req := parseJSONSpans(fx[fxRequest])
	act := req.get("action")
	at, _ := act.str("type")
	id, _ := act.str("id")
	ctx := req.get("context")
	_, err = entitiesjson.ParseContextWithSchema(fx[fxRequest][ctx.Span.Start:ctx.Span.End], s, types.NewEntityUID(types.EntityType(at), id), true)
	lines = append(lines, fmt.Sprintf("request context accepted: %v", err == nil))
	return strings.Join(lines, "\n")
}

// apply applies a workspace edit.
func (fx renameFixture) apply(edits map[string][]TextEdit) renameFixture {
	out := renameFixture{}
	for u, b := range fx {
		out[u] = b
	}
	for u, es := range edits {
		text := append([]byte(nil), out[u]...)
		sort.Slice(es, func(i, j int) bool { return es[i].Span.Start > es[j].Span.Start })
		for _, e := range es {
			text = append(text[:e.Span.Start], append([]byte(e.NewText), text[e.Span.End:]...)...)
		}
		out[u] = text
	}
	return out
}

// TestRenameKeepsValidation renames every declared symbol of the schema
// (entity types, actions, attributes, common types, namespaces), in the
// Cedar and the JSON schema syntax, and checks that the validation of the
// policies and the schema check of the entities come out the same.
func TestRenameKeepsValidation(t *testing.T) {
	for _, jsonSchema := range []bool{false, true} {
		fx := loadRenameFixture(t, jsonSchema)
		want := fx.outcome(t)
		if !strings.Contains(want, "error") {
			t.Fatalf("the fixture should have validation errors to keep:\n%s", want)
		}
		idx, _ := fx.index(t)
		su := fx.schemaURI()
		renamed := 0
		for _, o := range idx.byURI[su] {
			if !o.Decl {
				continue
			}
			name := fmt.Sprintf("Renamed%d", renamed)
			if o.Keys[0].Kind == SymNamespace {
				name = "Renamed::Space"
			}
			t.Run(fmt.Sprintf("json=%v/%s %s", jsonSchema, o.Keys[0].Kind, o.Keys[0].Name), func(t *testing.T) {
				edits, err := idx.Rename(su, o.Span.Start, name)
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, es := range edits {
					n += len(es)
				}
				if n < 2 && o.Keys[0].Kind != SymAttribute {
					t.Logf("only %d edit(s) for %s", n, o.Keys[0].Name)
				}
				after := fx.apply(edits)
				if got := after.outcome(t); got != want {
					t.Errorf("validation changed after renaming %s to %s:\nbefore:\n%s\nafter:\n%s\npolicies:\n%s", o.Keys[0].Name, name, want, got, after[fxPolicies])
				}
			})
			renamed++
			if o.Keys[0].Kind != SymAttribute {
				continue
			}
			// Attributes may take names that are no identifiers: accesses
			// become `e["…"]`, `has` tests `has "…"`.
			spaced := fmt.Sprintf("renamed attr %d", renamed)
			t.Run(fmt.Sprintf("json=%v/%s %s to %q", jsonSchema, o.Keys[0].Kind, o.Keys[0].Name, spaced), func(t *testing.T) {
				edits, err := idx.Rename(su, o.Span.Start, spaced)
				if err != nil {
					t.Fatal(err)
				}
				after := fx.apply(edits)
				if got := after.outcome(t); got != want {
					t.Errorf("validation changed after renaming %s to %q:\nbefore:\n%s\nafter:\n%s\npolicies:\n%s", o.Keys[0].Name, spaced, want, got, after[fxPolicies])
				}
			})
		}
		// The property has teeth: leaving out the policies' edits of a
		// rename changes the outcome.
		for _, o := range idx.byURI[su] {
			if o.Decl && o.Keys[0].Kind == SymAttribute && o.Keys[0].Name == "nickname" {
				edits, err := idx.Rename(su, o.Span.Start, "alias")
				if err != nil {
					t.Fatal(err)
				}
				delete(edits, fxPolicies)
				if fx.apply(edits).outcome(t) == want {
					t.Error("renaming nickname in the schema alone left validation unchanged")
				}
			}
		}
		if renamed < 25 {
			t.Errorf("json=%v: only %d declarations renamed", jsonSchema, renamed)
		}
	}
}
