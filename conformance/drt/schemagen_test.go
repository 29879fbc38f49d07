package drt

import (
	"fmt"
	"slices"
	"testing"

	"github.com/cedar-ls/cedar-ls/conformance/oracle"
	"github.com/cedar-ls/cedar-ls/engine/schema"
)

// TestSchemaDirectedCases checks the schema-directed generator against
// official Cedar: schemas load (ours and official), most policies pass
// strict validation, requests conform (official accepts them with the
// schema) and the decisions are a healthy mix.
func TestSchemaDirectedCases(t *testing.T) {
	o, err := oracle.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	g := New(11, Options{Kind: SchemaDirected})
	policies, valid, requests := 0, 0, 0
	mix := map[string]int{}
	for i := range uint64(40) {
		c := g.Case(i)
		if _, errs := schema.Load("s.cedarschema", []byte(c.Schema)); len(errs) > 0 {
			t.Fatalf("case %d: schema does not load: %v\n%s", i, errs, c.Schema)
		}
		ps := OraclePolicySet(c)
		ps.TemplateLinks = nil
		ans, err := o.Validate(ps, c.Schema)
		if err != nil {
			t.Fatalf("case %d: %v\n%s", i, err, c.Schema)
		}
		ids := []string{}
		for j := range c.PolicyList {
			ids = append(ids, fmt.Sprintf("policy%d", j))
		}
		for _, tm := range c.Templates {
			ids = append(ids, tm.ID)
		}
		for _, id := range ids {
			policies++
			if !slices.ContainsFunc(ans.ValidationErrors, func(e oracle.ValidationError) bool { return e.PolicyID == id }) {
				valid++
			}
		}
		for _, r := range c.Requests[:3] {
			if !r.Conforms {
				continue
			}
			requests++
			act := oracle.EntityUIDJSON(r.Action)
			if err := o.CheckParseContext(r.Context, c.Schema, &act); err != nil {
				t.Errorf("case %d: context %s does not conform: %v\n%s", i, r.Context, err, c.Schema)
			}
		}
		if err := o.CheckParseEntities(c.Entities, c.Schema); err != nil {
			t.Errorf("case %d: entities do not conform: %v\n%s\n%s", i, err, c.Entities, c.Schema)
		}
		outs, err := OracleOutcomes(GoOracle(o, c))
		if err != nil {
			t.Fatal(err)
		}
		for _, out := range outs {
			mix[out.Kind()]++
		}
	}
	t.Logf("%d of %d policies pass official strict validation; outcomes %v", valid, policies, mix)
	if valid*2 < policies {
		t.Errorf("only %d of %d generated policies validate", valid, policies)
	}
	if mix["allow"]+mix["allow+errors"] == 0 || mix["deny"] == 0 {
		t.Errorf("outcome mix %v lacks allows or denies", mix)
	}
}
