package oracle

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

// testOracleKind is the oracle these tests run against: wasm unless
// CEDAR_ORACLE says otherwise (CEDAR_ORACLE=rust go test ./oracle/ checks
// that the native oracle answers the same).
func testOracleKind() string {
	if k := os.Getenv("CEDAR_ORACLE"); k != "" {
		return k
	}
	return "wasm"
}

func startOracle(t *testing.T) *Oracle {
	t.Helper()
	o, err := StartKind(testOracleKind())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { o.Close() })
	return o
}

const docPolicies = `
permit(principal == User::"alice", action == Action::"view", resource in Album::"vacation");
forbid(principal, action, resource) when { resource.private };
permit(principal, action == Action::"edit", resource) when { principal.level > 3 };
`

const docEntities = `[
  {"uid": {"type": "User", "id": "alice"}, "attrs": {"level": 5}, "parents": []},
  {"uid": {"type": "User", "id": "bob"}, "attrs": {}, "parents": []},
  {"uid": {"type": "Album", "id": "vacation"}, "attrs": {}, "parents": []},
  {"uid": {"type": "Photo", "id": "beach"}, "attrs": {"private": false}, "parents": [{"type": "Album", "id": "vacation"}]},
  {"uid": {"type": "Photo", "id": "secret"}, "attrs": {"private": true}, "parents": [{"type": "Album", "id": "vacation"}]}
]`

func TestKnownDecisions(t *testing.T) {
	o := startOracle(t)
	tests := []struct {
		name             string
		principal        string
		action, resource string
		decision         string
		reasons          []string
		errors           []string
	}{
		{"permitted via album membership", "alice", "view", "beach", "allow", []string{"policy0"}, nil},
		{"forbid overrides permit", "alice", "view", "secret", "deny", []string{"policy1"}, nil},
		{"no policy applies", "bob", "view", "beach", "deny", nil, nil},
		{"missing attribute is an error", "bob", "edit", "beach", "deny", nil, []string{"policy2"}},
		{"attribute comparison", "alice", "edit", "beach", "allow", []string{"policy2"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dec, reasons, errs, err := o.IsAuthorized(docPolicies, json.RawMessage(docEntities),
				UID("User", tc.principal), UID("Action", tc.action), UID("Photo", tc.resource), nil)
			if err != nil {
				t.Fatal(err)
			}
			if dec != tc.decision {
				t.Errorf("decision = %q, want %q", dec, tc.decision)
			}
			if !slices.Equal(reasons, tc.reasons) && !(len(reasons) == 0 && len(tc.reasons) == 0) {
				t.Errorf("reasons = %q, want %q", reasons, tc.reasons)
			}
			var errIDs []string
			for _, e := range errs {
				id, _, _ := strings.Cut(e, ":")
				errIDs = append(errIDs, id)
			}
			if !slices.Equal(errIDs, tc.errors) && !(len(errIDs) == 0 && len(tc.errors) == 0) {
				t.Errorf("errors = %q, want policies %q", errs, tc.errors)
			}
		})
	}
}

func TestBatchMatchesSingleCalls(t *testing.T) {
	o := startOracle(t)
	ps := PolicySet{StaticPolicies: docPolicies}
	var reqs []AuthRequest
	for _, p := range []string{"alice", "bob", "carol"} {
		for _, a := range []string{"view", "edit"} {
			for _, r := range []string{"beach", "secret"} {
				reqs = append(reqs, AuthRequest{Principal: UID("User", p), Action: UID("Action", a), Resource: UID("Photo", r)})
			}
		}
	}
	batch, err := o.AuthorizeBatch(ps, json.RawMessage(docEntities), reqs)
	if err != nil {
		t.Fatal(err)
	}
	if len(batch) != len(reqs) {
		t.Fatalf("%d answers for %d requests", len(batch), len(reqs))
	}
	for i, r := range reqs {
		single, err := o.Authorize(ps, json.RawMessage(docEntities), r)
		if err != nil {
			t.Fatal(err)
		}
		a, b := summary(single), summary(&batch[i])
		if a != b {
			t.Errorf("request %d: single %s, batch %s", i, a, b)
		}
	}
}

func summary(a *AuthAnswer) string {
	var errs []string
	for _, e := range a.Response.Diagnostics.Errors {
		errs = append(errs, e.PolicyID)
	}
	return fmt.Sprintf("%s %s reasons=%v errors=%v", a.Type, a.Response.Decision, a.Response.Diagnostics.Reason, errs)
}

func TestFailuresAreAnswersNotCrashes(t *testing.T) {
	o := startOracle(t)

	_, _, _, err := o.IsAuthorized(`permit(principal,`, nil, UID("U", "a"), UID("Action", "a"), UID("R", "r"), nil)
	var f *Failure
	if !errors.As(err, &f) || len(f.Errors) == 0 {
		t.Fatalf("unparsable policy: err = %v, want a *Failure with errors", err)
	}
	if err := o.CheckParsePolicySet(`permit(principal, action, resource) when { 1 + };`); !errors.As(err, &f) {
		t.Errorf("CheckParsePolicySet of bad text: err = %v, want *Failure", err)
	}
	if err := o.CheckParsePolicySet(`permit(principal, action, resource);`); err != nil {
		t.Errorf("CheckParsePolicySet of good text: %v", err)
	}
	// Malformed calls: the process must survive them.
	if err := o.Call("isAuthorized", 5, nil); err == nil {
		t.Error("isAuthorized(5) succeeded")
	}
	if err := o.Call("noSuchFunction", nil, nil); err == nil || !strings.Contains(err.Error(), "unknown op") {
		t.Errorf("unknown op: err = %v", err)
	}
	if err := o.Call("isAuthorizedBatch", map[string]int{"requests": 1}, nil); err == nil {
		t.Error("malformed batch succeeded")
	}
	if v, err := o.Version(); err != nil || v != "4.13.0" {
		t.Errorf("after bad input: Version() = %q, %v; want 4.13.0", v, err)
	}
}

func TestConversions(t *testing.T) {
	o := startOracle(t)
	js, err := o.PolicyToJSON(`permit(principal == User::"a", action, resource);`)
	if err != nil {
		t.Fatal(err)
	}
	var pol struct {
		Effect    string `json:"effect"`
		Principal struct {
			Op     string        `json:"op"`
			Entity EntityUIDJSON `json:"entity"`
		} `json:"principal"`
	}
	if err := json.Unmarshal(js, &pol); err != nil {
		t.Fatal(err)
	}
	if pol.Effect != "permit" || pol.Principal.Op != "==" || pol.Principal.Entity != UID("User", "a") {
		t.Errorf("PolicyToJSON = %s", js)
	}
	text, err := o.PolicyToText(js)
	if err != nil || !strings.Contains(text, `principal == User::"a"`) {
		t.Errorf("PolicyToText = %q, %v", text, err)
	}
	formatted, err := o.FormatPolicies("permit(principal,action,resource)when{true};", 0, 0)
	if err != nil || formatted != "permit (principal, action, resource)\nwhen { true };\n" {
		t.Errorf("FormatPolicies = %q, %v", formatted, err)
	}
	schemaJSON, err := o.SchemaToJSON(`entity User; action view appliesTo { principal: User, resource: User };`)
	if err != nil || !strings.Contains(string(schemaJSON), `"User"`) {
		t.Errorf("SchemaToJSON = %s, %v", schemaJSON, err)
	}
	ans, err := o.Validate(PolicySet{StaticPolicies: `permit(principal, action, resource) when { principal.nope };`},
		`entity User; action view appliesTo { principal: User, resource: User };`)
	if err != nil || len(ans.ValidationErrors) != 1 {
		t.Errorf("Validate = %+v, %v; want one validation error", ans, err)
	}
}

func TestConcurrentCalls(t *testing.T) {
	o := startOracle(t)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				// Each answer must be the one for its own request.
				pol := fmt.Sprintf(`permit(principal, action, resource) when { context.n == %d };`, g*100+i)
				ctx := json.RawMessage(fmt.Sprintf(`{"n": %d}`, g*100+i))
				dec, _, _, err := o.IsAuthorized(pol, nil, UID("U", "a"), UID("Action", "a"), UID("R", "r"), ctx)
				if err != nil || dec != "allow" {
					errs <- fmt.Errorf("goroutine %d call %d: %s, %v", g, i, dec, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestCallAfterClose(t *testing.T) {
	o, err := StartKind(testOracleKind())
	if err != nil {
		t.Fatal(err)
	}
	if err := o.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := o.Version(); err == nil {
		t.Error("call after Close succeeded")
	}
}
