package drt

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cedar-ls/cedar-ls/conformance/oracle"
	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/format"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/policyjson"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/engine/validate"
	"github.com/cedar-ls/cedar-ls/internal/refmodel"
)

// Regression is a shrunk mismatch kept as a test: the inputs and official
// Cedar's answer. It is stored as one JSON file; TestRegressions runs every
// file against production (and, for authorization, the spec).
//
// Target says which fields matter:
//
//	authz      schema?, policies, templates, links, entities, request → expected
//	soundness  schema, policies, templates, links, entities, request: policies
//	           strict validation accepts raise no type error
//	parse      policies → parses
//	policyjson policies (one policy) → policyJson (null: official rejects it)
//	format     policies, lineWidth, indentWidth → formatted (null: official fails)
//	validate   schema, policies, templates → valid (per policy id, strict)
type Regression struct {
	Target string `json:"target"`
	// Status "open" marks a known production bug not fixed yet: the test
	// reports it and skips instead of failing. Delete the field once fixed.
	Status      string          `json:"status,omitempty"`
	Note        string          `json:"note,omitempty"`
	Schema      string          `json:"schema,omitempty"`
	Policies    string          `json:"policies"`
	Templates   []Template      `json:"templates,omitempty"`
	Links       []Link          `json:"links,omitempty"`
	Entities    json.RawMessage `json:"entities,omitempty"`
	Request     *RequestJSON    `json:"request,omitempty"`
	Expected    *Expected       `json:"expected,omitempty"`
	Parses      *bool           `json:"parses,omitempty"`
	PolicyJSON  json.RawMessage `json:"policyJson,omitempty"`
	LineWidth   int             `json:"lineWidth,omitempty"`
	IndentWidth int             `json:"indentWidth,omitempty"`
	Formatted   *string         `json:"formatted,omitempty"`
	Valid       map[string]bool `json:"valid,omitempty"`
}

// RequestJSON is a request in a regression file.
type RequestJSON struct {
	Principal UID             `json:"principal"`
	Action    UID             `json:"action"`
	Resource  UID             `json:"resource"`
	Context   json.RawMessage `json:"context"`
}

// Expected is official Cedar's authorization answer.
type Expected struct {
	Failure       bool     `json:"failure,omitempty"`
	Decision      string   `json:"decision,omitempty"`
	Reasons       []string `json:"reasons"`
	ErrorPolicies []string `json:"errorPolicies"`
}

func authzRegression(c *Case, j int, official Outcome, note string) *Regression {
	r := c.Requests[j]
	return &Regression{
		Target: TargetAuthz, Note: note, Schema: c.Schema, Policies: c.Policies,
		Templates: c.Templates, Links: c.Links, Entities: c.Entities,
		Request: &RequestJSON{r.Principal, r.Action, r.Resource, r.Context},
		Expected: &Expected{Failure: official.Failure != "", Decision: official.Decision,
			Reasons: nonNil(official.Reasons), ErrorPolicies: nonNil(official.ErrorPolicies)},
	}
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// validateRegression records official's per-policy strict verdicts.
func validateRegression(o *oracle.Oracle, c *Case, note string) *Regression {
	ps := OraclePolicySet(c)
	ps.TemplateLinks = nil
	ans, err := o.Validate(ps, c.Schema)
	if err != nil {
		return nil
	}
	valid := map[string]bool{}
	st, tm, _ := parseCase(c)
	for _, p := range append(st, tm...) {
		valid[p.ID] = !slices.ContainsFunc(ans.ValidationErrors, func(e oracle.ValidationError) bool { return e.PolicyID == p.ID })
	}
	return &Regression{Target: TargetValidate, Note: note, Schema: c.Schema, Policies: c.Policies, Templates: c.Templates, Valid: valid}
}

// toCase rebuilds the case a regression was made from (one request).
func (r *Regression) toCase() *Case {
	c := &Case{Schema: r.Schema, Policies: r.Policies, PolicyList: []string{r.Policies}, Templates: r.Templates, Links: r.Links, Entities: r.Entities}
	if len(c.Entities) == 0 {
		c.Entities = json.RawMessage("[]")
	}
	if r.Request != nil {
		ctx := r.Request.Context
		if len(ctx) == 0 {
			ctx = json.RawMessage("{}")
		}
		c.Requests = []Request{{Principal: r.Request.Principal, Action: r.Request.Action, Resource: r.Request.Resource, Context: ctx, Conforms: true}}
	}
	return c
}

// Check runs the regression against production (and the spec where it
// applies) and returns what disagrees with the recorded answer.
func (r *Regression) Check() []string {
	var probs []string
	c := r.toCase()
	switch r.Target {
	case TargetAuthz:
		if r.Expected == nil || r.Request == nil {
			return []string{"authz regression without request or expected answer"}
		}
		want := Outcome{Decision: r.Expected.Decision, Reasons: r.Expected.Reasons, ErrorPolicies: r.Expected.ErrorPolicies}
		if r.Expected.Failure {
			want = Outcome{Failure: "official Cedar rejects the input"}
		}
		norm := func(o Outcome) Outcome {
			o.Reasons, o.ErrorPolicies = nonNil(o.Reasons), nonNil(o.ErrorPolicies)
			return o
		}
		want = norm(want)
		if got := norm(EngineOutcomes(c)[0]); !got.Same(want) {
			probs = append(probs, fmt.Sprintf("production %s, official %s", got, want))
		}
		if got := norm(SpecOutcomes(c)[0]); !got.Same(want) {
			probs = append(probs, fmt.Sprintf("spec %s, official %s", got, want))
		}
	case "soundness":
		s, errs := schema.Load("schema.cedarschema", []byte(r.Schema))
		if len(errs) > 0 {
			return []string{fmt.Sprintf("schema: %v", errs)}
		}
		if v := soundnessViolation(c, 0, acceptedIn(s, c)); v != "" {
			probs = append(probs, v)
		}
	case TargetParse:
		_, errs := parse.Policies([]byte(r.Policies))
		if r.Parses == nil || (len(errs) == 0) != *r.Parses {
			probs = append(probs, fmt.Sprintf("production parse errors %v, official parses=%v", errs, deref(r.Parses)))
		}
	case "policyjson":
		f, errs := parse.Policies([]byte(r.Policies))
		if len(errs) > 0 || len(f.Policies) != 1 {
			return []string{fmt.Sprintf("does not parse as one policy: %v", errs)}
		}
		got, err := policyjson.Marshal(f.Policies[0])
		switch {
		case len(r.PolicyJSON) == 0 && err == nil:
			probs = append(probs, "official rejects the policy, production marshals it")
		case len(r.PolicyJSON) > 0 && (err != nil || !jsonEqual(got, r.PolicyJSON)):
			probs = append(probs, fmt.Sprintf("production %s (%v), official %s", got, err, compactJSON(r.PolicyJSON)))
		case err == nil:
			// As the parse target checks it: JSON does not keep parentheses,
			// so the round trip is compared as JSON, and the printed result
			// must parse back to the same JSON.
			back, err := policyjson.Unmarshal(got)
			if err != nil {
				probs = append(probs, fmt.Sprintf("round trip: %v", err))
				break
			}
			text := ast.PolicyText(back)
			again, errs := parse.Policies([]byte(text))
			if len(errs) > 0 || len(again.Policies) != 1 {
				probs = append(probs, fmt.Sprintf("round trip prints %q, which does not parse: %v", text, errs))
				break
			}
			if third, err := policyjson.Marshal(again.Policies[0]); err != nil || !jsonEqual(third, got) {
				probs = append(probs, fmt.Sprintf("round trip prints %q, which means something else", text))
			}
		}
	case TargetFormat:
		got, err := format.Policies([]byte(r.Policies), format.Options{LineWidth: r.LineWidth, IndentWidth: r.IndentWidth})
		switch {
		case r.Formatted == nil && err == nil:
			probs = append(probs, "official fails, production formats:\n"+string(got))
		case r.Formatted != nil && (err != nil || string(got) != *r.Formatted):
			probs = append(probs, fmt.Sprintf("production (%v):\n%s\nofficial:\n%s", err, got, *r.Formatted))
		}
	case TargetValidate:
		s, errs := schema.Load("schema.cedarschema", []byte(r.Schema))
		if len(errs) > 0 {
			return []string{fmt.Sprintf("schema: %v", errs)}
		}
		st, tm, failure := parseCase(c)
		if failure != "" {
			return []string{failure}
		}
		res := validate.Validate(s, append(st, tm...), validate.Strict)
		for id, want := range r.Valid {
			got := !slices.ContainsFunc(res.Errors, func(d validate.Diagnostic) bool { return d.PolicyID == id })
			if got != want {
				probs = append(probs, fmt.Sprintf("%s: production valid=%v %v, official valid=%v", id, got, res.Errors, want))
			}
		}
	default:
		probs = append(probs, "unknown target "+r.Target)
	}
	return probs
}

func deref[T any](p *T) (v T) {
	if p != nil {
		v = *p
	}
	return v
}

// Save writes the regression to dir as <target>-<hash>.json (the hash of
// the content, so the same mismatch found twice is one file) and returns
// the path.
func (r *Regression) Save(dir string) (string, error) {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return "", err
	}
	noteless := *r
	noteless.Note = ""
	key, _ := json.Marshal(noteless)
	sum := sha256.Sum256(key)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, r.Target+"-"+hex.EncodeToString(sum[:6])+".json")
	return path, os.WriteFile(path, append(data, '\n'), 0o644)
}

// LoadRegressions reads every *.json regression in dir.
func LoadRegressions(dir string) (map[string]*Regression, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	out := map[string]*Regression{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var r Regression
		if err := json.Unmarshal(data, &r); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		out[filepath.Base(p)] = &r
	}
	return out, nil
}

// specErrors lists "id: message" for each policy the spec fails to
// evaluate on the case's first request.
func specErrors(c *Case) []string {
	policies, ents, failure := specLoad(c)
	if failure != "" {
		return nil
	}
	return specRequestErrors(policies, ents, c.Requests[0], readContext(c.Requests[0].Context), nil)
}

// specRequestErrors is specErrors for request r against loaded policies
// and entities (none when its context does not read), for the policies
// whose ids only accepts (all when only is nil).
func specRequestErrors(policies []*ast.Policy, ents map[types.EntityUID]*refmodel.Entity, r Request, ctx parsedContext, only map[string]bool) []string {
	if ctx.failure != nil {
		return nil
	}
	req := refmodel.Request{Principal: engineUID(r.Principal), Action: engineUID(r.Action), Resource: engineUID(r.Resource), Context: ctx.rec}
	var out []string
	for _, p := range policies {
		if only != nil && !only[p.ID] {
			continue
		}
		if _, err := refmodel.Satisfied(p, req, ents); err != nil {
			out = append(out, p.ID+": "+strings.TrimSpace(err.Error()))
		}
	}
	return out
}
