// Package corpus checks the authorizer against the official Cedar
// integration corpus: every request of every corpus test must get the
// expected decision, reasons and number of erroring policies.
package corpus

import (
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/conformance/corpusdata"
	"github.com/cedar-ls/cedar-ls/engine/authz"
	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/eval"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// corpusTest is one .json file of the corpus.
type corpusTest struct {
	Policies string          `json:"policies"`
	Entities string          `json:"entities"`
	Requests []corpusRequest `json:"requests"`
}

type corpusUID struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

func (u corpusUID) uid() types.EntityUID { return types.NewEntityUID(types.EntityType(u.Type), u.ID) }

type corpusRequest struct {
	Description string          `json:"description"`
	Principal   corpusUID       `json:"principal"`
	Action      corpusUID       `json:"action"`
	Resource    corpusUID       `json:"resource"`
	Context     json.RawMessage `json:"context"`
	Decision    string          `json:"decision"`
	Reason      []string        `json:"reason"`
	Errors      []string        `json:"errors"`
}

func TestCorpus(t *testing.T) {
	files, err := corpusdata.Archive("corpus-tests.tar.gz")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name := range files {
		if strings.HasSuffix(name, ".json") && !strings.HasSuffix(name, ".entities.json") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	if len(names) != 7750 {
		t.Fatalf("corpus has %d tests, want 7750", len(names))
	}
	requests, failures := 0, 0
	for _, name := range names {
		var ct corpusTest
		if err := json.Unmarshal(files[name], &ct); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		requests += len(ct.Requests)
		problems := runTest(files, &ct)
		if len(problems) > 0 {
			failures += len(problems)
			if failures <= 50 {
				t.Errorf("%s:\n  %s", path.Base(name), strings.Join(problems, "\n  "))
			}
		}
	}
	t.Logf("%d tests, %d requests, %d disagreements", len(names), requests, failures)
	if requests != 62000 {
		t.Errorf("ran %d requests, want 62000", requests)
	}
	if failures > 0 {
		t.Errorf("%d of %d requests disagree with official Cedar", failures, requests)
	}
}

// runTest authorizes every request of one corpus test and describes each
// disagreement.
func runTest(files map[string][]byte, ct *corpusTest) []string {
	fail := func(format string, args ...any) []string {
		return []string{fmt.Sprintf(format, args...)}
	}
	file, perrs := parse.Policies(files[ct.Policies])
	if len(perrs) > 0 {
		return fail("policies do not parse: %v", perrs[0])
	}
	ps := authz.NewPolicySet()
	if err := ps.AddFile(file); err != nil {
		return fail("policy set: %v", err)
	}
	ents, err := entities.ParseJSON(files[ct.Entities])
	if err != nil {
		return fail("entities: %v", err)
	}
	store, err := entities.NewStore(ents)
	if err != nil {
		return fail("entities: %v", err)
	}
	var problems []string
	for _, r := range ct.Requests {
		ctx, err := entities.ParseContextJSON(r.Context)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: context: %v", r.Description, err))
			continue
		}
		req := &eval.Request{Principal: r.Principal.uid(), Action: r.Action.uid(), Resource: r.Resource.uid(), Context: ctx}
		resp := ps.Authorize(store, req)
		if diff := compare(&r, resp); diff != "" {
			problems = append(problems, fmt.Sprintf("%s (%s, %s, %s): %s", r.Description, req.Principal, req.Action, req.Resource, diff))
		}
	}
	return problems
}

// compare describes how resp differs from the expected outcome, or "".
func compare(r *corpusRequest, resp authz.Response) string {
	var diffs []string
	if resp.Decision.String() != r.Decision {
		diffs = append(diffs, fmt.Sprintf("decision %s, want %s", resp.Decision, r.Decision))
	}
	want := append([]string(nil), r.Reason...)
	sort.Strings(want)
	if strings.Join(resp.Reasons, ",") != strings.Join(want, ",") {
		diffs = append(diffs, fmt.Sprintf("reasons %v, want %v", resp.Reasons, want))
	}
	if len(resp.Errors) != len(r.Errors) {
		var got []string
		for _, e := range resp.Errors {
			got = append(got, e.PolicyID+": "+e.Message)
		}
		diffs = append(diffs, fmt.Sprintf("%d errors %q, want %d in %v", len(resp.Errors), got, len(r.Errors), r.Errors))
	}
	return strings.Join(diffs, "; ")
}
