package refmodel

import (
	"encoding/json"
	"flag"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/conformance/oracle"
	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/internal/refmodel"
	"github.com/cedar-ls/cedar-ls/internal/refmodel/gen"
)

var officialScenarios = flag.Int("spec.official", 500, "generated scenarios sent to official Cedar")

// TestSpecAgreesWithOfficial sends generated scenarios to official Cedar
// (cedar-wasm through the oracle) as policy text and entities JSON, and
// requires the spec's decision, reasons and erroring policies.
func TestSpecAgreesWithOfficial(t *testing.T) {
	o, err := oracle.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	g := gen.New(7)
	requests, disagreements := 0, 0
	for i := 0; i < *officialScenarios; i++ {
		s := g.Scenario()
		ents, err := refmodel.Entities(s.Entities)
		if err != nil {
			t.Fatal(err)
		}
		policies, entitiesJSON, reqs, err := officialInputs(s)
		if err != nil {
			t.Fatal(err)
		}
		answers, err := o.AuthorizeBatch(oracle.PolicySet{StaticPolicies: policies}, entitiesJSON, reqs)
		if err != nil {
			t.Fatal(err)
		}
		for j, req := range s.Requests {
			requests++
			want, got := answers[j], refmodel.IsAuthorized(req, s.Policies, ents)
			if want.Type != "success" {
				t.Fatalf("scenario %d: official rejected the inputs: %v\n%s", i, want.Errors, policies)
			}
			var wantErrored []string
			for _, e := range want.Response.Diagnostics.Errors {
				wantErrored = append(wantErrored, e.PolicyID)
			}
			wantReasons := slices.Sorted(slices.Values(want.Response.Diagnostics.Reason))
			slices.Sort(wantErrored)
			if got.Decision == want.Response.Decision && slices.Equal(got.Reasons, wantReasons) && slices.Equal(got.Errored, wantErrored) {
				continue
			}
			disagreements++
			if disagreements <= 10 {
				t.Errorf("scenario %d: official %s %v errors %v, spec %+v\nrequest %+v\n%s",
					i, want.Response.Decision, wantReasons, want.Response.Diagnostics.Errors, got, req, policies)
			}
		}
	}
	t.Logf("%d requests, %d disagreements", requests, disagreements)
}

// officialInputs renders a scenario as official Cedar reads it: policy
// text (ids policy0, policy1, … by position, as the generator numbers
// them), entities JSON and requests with context JSON.
func officialInputs(s gen.Scenario) (string, json.RawMessage, []oracle.AuthRequest, error) {
	var text strings.Builder
	for i, p := range s.Policies {
		if p.ID != fmt.Sprintf("policy%d", i) {
			return "", nil, nil, fmt.Errorf("policy %d has id %s", i, p.ID)
		}
		text.WriteString(ast.PolicyText(p) + "\n")
	}
	list := make([]*entities.Entity, len(s.Entities))
	for i, e := range s.Entities {
		pe := entities.Entity(e)
		list[i] = &pe
	}
	entitiesJSON, err := entitiesjson.Marshal(list)
	if err != nil {
		return "", nil, nil, err
	}
	uid := func(u types.EntityUID) oracle.EntityUIDJSON { return oracle.UID(string(u.Type), u.ID) }
	var reqs []oracle.AuthRequest
	for _, r := range s.Requests {
		ctx, err := entitiesjson.MarshalValue(r.Context)
		if err != nil {
			return "", nil, nil, err
		}
		reqs = append(reqs, oracle.AuthRequest{Principal: uid(r.Principal), Action: uid(r.Action), Resource: uid(r.Resource), Context: ctx})
	}
	return text.String(), entitiesJSON, reqs, nil
}
