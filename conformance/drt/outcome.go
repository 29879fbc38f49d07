package drt

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/cedar-ls/cedar-ls/conformance/oracle"
)

// Outcome is an authorizer's answer to one request, in the terms the
// differential test compares.
type Outcome struct {
	// Failure is non-empty when the inputs were rejected before any
	// evaluation (policies, entities or context do not parse); the other
	// fields are then empty.
	Failure       string
	Decision      string   // "allow" or "deny"
	Reasons       []string // sorted policy ids
	ErrorPolicies []string // sorted ids of the policies that failed to evaluate
	Errors        []string // sorted "id: message", for reports only
}

// Kind classifies the outcome for statistics: "failure", "allow", "deny",
// and "+errors" when some policy failed to evaluate.
func (o Outcome) Kind() string {
	if o.Failure != "" {
		return "failure"
	}
	if len(o.ErrorPolicies) > 0 {
		return o.Decision + "+errors"
	}
	return o.Decision
}

// Same reports whether two outcomes agree on everything compared: failure
// or not, decision, reasons and the policies that errored (not the error
// messages, whose wording is not part of Cedar's contract).
func (o Outcome) Same(p Outcome) bool {
	if (o.Failure != "") != (p.Failure != "") {
		return false
	}
	return o.Decision == p.Decision && slices.Equal(o.Reasons, p.Reasons) && slices.Equal(o.ErrorPolicies, p.ErrorPolicies)
}

func (o Outcome) String() string {
	if o.Failure != "" {
		return "failure: " + o.Failure
	}
	s := fmt.Sprintf("%s reasons=%v", o.Decision, o.Reasons)
	if len(o.Errors) > 0 {
		s += " errors=[" + strings.Join(o.Errors, "; ") + "]"
	}
	return s
}

func sorted(xs []string) []string {
	out := slices.Clone(xs)
	slices.Sort(out)
	return out
}

// OracleRequests converts a case's requests to the oracle's form.
func OracleRequests(c *Case) []oracle.AuthRequest {
	out := make([]oracle.AuthRequest, len(c.Requests))
	for i, r := range c.Requests {
		out[i] = oracle.AuthRequest{
			Principal: oracle.EntityUIDJSON(r.Principal),
			Action:    oracle.EntityUIDJSON(r.Action),
			Resource:  oracle.EntityUIDJSON(r.Resource),
			Context:   r.Context,
		}
	}
	return out
}

// GoOracle sends all of a case's requests to the oracle without waiting;
// OracleOutcomes collects the answers.
func GoOracle(o *oracle.Oracle, c *Case) *oracle.Pending {
	return o.GoAuthorizeBatch(OraclePolicySet(c), c.Entities, OracleRequests(c))
}

// OraclePolicySet is the case's policies, templates and links in the
// oracle's form.
func OraclePolicySet(c *Case) oracle.PolicySet {
	ps := oracle.PolicySet{StaticPolicies: c.Policies}
	if len(c.Templates) > 0 {
		ps.Templates = map[string]string{}
		for _, t := range c.Templates {
			ps.Templates[t.ID] = t.Text
		}
	}
	for _, l := range c.Links {
		vals := map[string]oracle.EntityUIDJSON{}
		for k, v := range l.Values {
			vals[k] = oracle.EntityUIDJSON(v)
		}
		ps.TemplateLinks = append(ps.TemplateLinks, oracle.TemplateLink{TemplateID: l.TemplateID, NewID: l.NewID, Values: vals})
	}
	return ps
}

// OracleOutcomes waits for a GoOracle call and converts its answers.
func OracleOutcomes(p *oracle.Pending) ([]Outcome, error) {
	answers, err := oracle.WaitAuthorizeBatch(p)
	if err != nil {
		return nil, err
	}
	out := make([]Outcome, len(answers))
	for i, a := range answers {
		out[i] = outcomeOf(a)
	}
	return out, nil
}

func outcomeOf(a oracle.AuthAnswer) Outcome {
	if a.Type != "success" {
		msgs := make([]string, len(a.Errors))
		for i, e := range a.Errors {
			msgs[i] = e.Message
		}
		if len(msgs) == 0 {
			msgs = []string{"(no message)"}
		}
		return Outcome{Failure: strings.Join(msgs, "; ")}
	}
	d := a.Response.Diagnostics
	o := Outcome{Decision: a.Response.Decision, Reasons: sorted(d.Reason)}
	for _, e := range d.Errors {
		o.ErrorPolicies = append(o.ErrorPolicies, e.PolicyID)
		o.Errors = append(o.Errors, e.PolicyID+": "+e.Error.Message)
	}
	o.ErrorPolicies = sorted(o.ErrorPolicies)
	o.Errors = sorted(o.Errors)
	return o
}

// Reproducer describes request i of case c with both answers, in a form
// that can be pasted into files for the cedar CLI.
func Reproducer(c *Case, i int, ours, theirs Outcome) string {
	r := c.Requests[i]
	var b strings.Builder
	fmt.Fprintf(&b, "seed %d case %d request %d\n", c.Seed, c.Index, i)
	fmt.Fprintf(&b, "--- policies.cedar\n%s", c.Policies)
	var ents any
	_ = json.Unmarshal(c.Entities, &ents)
	pretty, _ := json.MarshalIndent(ents, "", "  ")
	fmt.Fprintf(&b, "--- entities.json\n%s\n", pretty)
	fmt.Fprintf(&b, "--- request\nprincipal: %s\naction:    %s\nresource:  %s\ncontext:   %s\n",
		r.Principal.Cedar(), r.Action.Cedar(), r.Resource.Cedar(), r.Context)
	fmt.Fprintf(&b, "--- cedar-ls:      %s\n--- official Cedar: %s\n", ours, theirs)
	return b.String()
}
