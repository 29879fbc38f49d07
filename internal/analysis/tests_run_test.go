package analysis

import (
	"context"
	"strings"
	"testing"
)

const runPolicies = `@id("view")
permit (principal == User::"alice", action == Action::"view", resource);
permit (principal, action == Action::"edit", resource) when { principal.level > 3 };
forbid (principal, action, resource == Doc::"secret");
`

const runTests = `[
  {"name": "alice views", "request": {"principal": "User::\"alice\"", "action": "Action::\"view\"", "resource": "Doc::\"a\""},
   "entities": [], "decision": "allow", "reason": ["view"], "num_errors": 0},
  {"name": "bob edits", "request": {"principal": "User::\"bob\"", "action": "Action::\"edit\"", "resource": "Doc::\"a\""},
   "entities": [{"uid": {"type": "User", "id": "bob"}, "attrs": {"level": 5}, "parents": []}], "decision": "allow", "reason": ["policy1"], "num_errors": 0},
  {"name": "nobody sees the secret", "request": {"principal": "User::\"alice\"", "action": "Action::\"view\"", "resource": "Doc::\"secret\""},
   "decision": "deny", "reason": ["policy2"], "num_errors": 0},
  {"name": "missing decision", "request": {"principal": "User::\"alice\"", "action": "Action::\"view\"", "resource": "Doc::\"a\""}, "num_errors": 0},
  {"request": {"principal": "User::\"carol\"", "action": "Action::\"edit\"", "resource": "Doc::\"a\""},
   "decision": "deny", "reason": [], "num_errors": 0}
]`

func summaries(run *TestsRun) string {
	var out []string
	for _, t := range run.Tests {
		out = append(out, t.Name+": "+t.Summary())
	}
	return strings.Join(out, "\n")
}

// TestRunTestsOutcomes: passing tests, a malformed one (in run-tests'
// words), an unnamed one named as run-tests names it, and the errors an
// entity without the attribute causes.
func TestRunTestsOutcomes(t *testing.T) {
	w, root := testWorkspace(t, map[string]string{"p.cedar": runPolicies, "t.cedartests.json": runTests})
	run := RunTests(context.Background(), w.Snapshot(), uriIn(root, "t.cedartests.json"))
	want := `alice views: ✔ passed
bob edits: ✔ passed
nobody sees the secret: ✔ passed
missing decision: ✘ failed: malformed test: "decision" must be "allow" or "deny"
#5 (unnamed): ✘ failed: expected 0 error(s), got 1: policy1: entity ` + "`" + `User::"carol"` + "`" + ` does not exist`
	if got := summaries(run); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if run.Summary() != "Run all: 3 passed, 2 failed" {
		t.Errorf("summary %q", run.Summary())
	}
}

// TestRunTestsFollowEdits: after edits of a policy (which reuse the other
// policies compiled) the results are those of a fresh workspace.
func TestRunTestsFollowEdits(t *testing.T) {
	w, root := testWorkspace(t, map[string]string{"p.cedar": runPolicies, "t.cedartests.json": runTests})
	uri := uriIn(root, "p.cedar")
	w.Open(uri, 1, []byte(runPolicies))
	testsURI := uriIn(root, "t.cedartests.json")
	RunTests(context.Background(), w.Snapshot(), testsURI)
	edits := []string{
		strings.Replace(runPolicies, "level > 3", "level > 9", 1),
		strings.Replace(runPolicies, `resource == Doc::"secret"`, `resource == Doc::"other"`, 1),
		strings.Replace(runPolicies, `@id("view")`, `@id("viewing")`, 1),
		"// a comment that moves every policy\n" + runPolicies,
	}
	for i, text := range edits {
		snap, err := w.Change(uri, int32(i+2), []TextChange{{Whole: true, Text: text}}, UTF16)
		if err != nil {
			t.Fatal(err)
		}
		got := summaries(RunTests(context.Background(), snap, testsURI))
		fresh, froot := testWorkspace(t, map[string]string{"p.cedar": text, "t.cedartests.json": runTests})
		want := summaries(RunTests(context.Background(), fresh.Snapshot(), uriIn(froot, "t.cedartests.json")))
		if got != want {
			t.Errorf("edit %d: after the edit\n%s\nfresh\n%s", i, got, want)
		}
	}
}

// TestPoliciesAcrossFiles: several policy files are one set, numbered as
// if concatenated; a policy with parse errors is left out and said so.
func TestPoliciesAcrossFiles(t *testing.T) {
	w, root := testWorkspace(t, map[string]string{
		"a.cedar":           `permit (principal, action, resource == Doc::"a");`,
		"b.cedar":           "permit (principal, action, resource == Doc::\"b\");\npermit (principal, action, resource) when { principal. };\n",
		"r.cedarauth.json":  `{"principal": "User::\"u\"", "action": "Action::\"view\"", "resource": "Doc::\"b\""}`,
		"t.cedartests.json": `[]`,
	})
	res, err := AuthorizeRequest(context.Background(), w.Snapshot(), RequestInput{RequestPath: URIToPath(uriIn(root, "r.cedarauth.json"))})
	if err != nil {
		t.Fatal(err)
	}
	if res.Summary() != "ALLOW — permit `policy1`" || res.Reasons[0].Ref.File.Path != URIToPath(uriIn(root, "b.cedar")) {
		t.Errorf("%s, reason in %s", res.Summary(), res.Reasons[0].Ref.File.Path)
	}
	if len(res.Policies.Problems) != 1 || !strings.Contains(res.Policies.Problems[0], "1 policy of b.cedar with parse errors left out") {
		t.Errorf("problems %q", res.Policies.Problems)
	}
}

// TestRequestCheckedAgainstSchema: a request the schema rejects and a
// broken schema give the reason instead of a decision.
func TestRequestCheckedAgainstSchema(t *testing.T) {
	schema := "entity User; entity Doc; action view appliesTo { principal: User, resource: Doc };"
	for _, tc := range []struct {
		schema, request, want string
	}{
		{schema, `{"principal": "Doc::\"d\"", "action": "Action::\"view\"", "resource": "Doc::\"d\""}`, "the request is not valid for the schema: principal type `Doc` is not valid for `Action::\"view\"`"},
		{schema + " entity Broken in [Nope];", `{"principal": "User::\"u\"", "action": "Action::\"view\"", "resource": "Doc::\"d\""}`, "the schema has 1 error; fix it to authorize"},
		{schema, `{"principal": "User::\"u\"", "action": "Action::\"view\"", "resource": "Doc::\"d\"", "entities": [{"uid": {"type": "User", "id": "u"}, "attrs": {"x": 1}, "parents": []}]}`, "attribute"},
	} {
		w, root := testWorkspace(t, map[string]string{
			"p.cedar": `permit (principal, action, resource);`, "s.cedarschema": tc.schema, "r.cedarauth.json": tc.request,
		})
		_, err := AuthorizeRequest(context.Background(), w.Snapshot(), RequestInput{RequestPath: URIToPath(uriIn(root, "r.cedarauth.json"))})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.request, err, tc.want)
		}
	}
}
