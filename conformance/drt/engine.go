package drt

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/authz"
	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/eval"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// EngineOutcomes answers all of a case's requests with cedar-ls. A panic in
// the engine becomes an outcome whose decision says so (it never matches
// official Cedar), so one bug does not stop a differential run.
func EngineOutcomes(c *Case) []Outcome {
	ps, store, failure := engineLoad(c)
	return engineOutcomes(c, ps, store, failure, parseContexts(c))
}

func engineOutcomes(c *Case, ps *authz.PolicySet, store *entities.Store, failure string, ctxs []parsedContext) []Outcome {
	out := make([]Outcome, len(c.Requests))
	for i, r := range c.Requests {
		if failure != "" {
			out[i] = Outcome{Failure: failure}
			continue
		}
		out[i] = engineAuthorize(ps, store, r, ctxs[i])
	}
	return out
}

// parsedContext is a request's context read once for production and the
// spec (they share the JSON reader): the record, or the outcome both give
// when it does not read.
type parsedContext struct {
	rec     types.Record
	failure *Outcome
}

func parseContexts(c *Case) []parsedContext {
	out := make([]parsedContext, len(c.Requests))
	for i, r := range c.Requests {
		out[i] = readContext(r.Context)
	}
	return out
}

func readContext(raw []byte) (pc parsedContext) {
	defer func() {
		if v := recover(); v != nil {
			o := panicOutcome(v)
			pc = parsedContext{failure: &o}
		}
	}()
	rec, err := entitiesjson.ParseContext(raw)
	if err != nil {
		return parsedContext{failure: &Outcome{Failure: "context: " + err.Error()}}
	}
	return parsedContext{rec: rec}
}

func panicOutcome(v any) Outcome {
	stack := string(debug.Stack())
	if len(stack) > 2000 {
		stack = stack[:2000]
	}
	return Outcome{Decision: fmt.Sprintf("PANIC: %v\n%s", v, stack)}
}

func engineLoad(c *Case) (ps *authz.PolicySet, store *entities.Store, failure string) {
	defer func() {
		if v := recover(); v != nil {
			failure = panicOutcome(v).Decision
		}
	}()
	statics, templates, failure := parseCase(c)
	if failure != "" {
		return nil, nil, failure
	}
	ps = authz.NewPolicySet()
	for _, p := range append(statics, templates...) {
		if err := ps.Add(p); err != nil {
			return nil, nil, "policies: " + err.Error()
		}
	}
	for _, l := range c.Links {
		if err := ps.Link(l.TemplateID, l.NewID, slotValues(l)); err != nil {
			return nil, nil, "policies: " + err.Error()
		}
	}
	ents, err := entitiesjson.Parse(c.Entities)
	if err != nil {
		return nil, nil, "entities: " + err.Error()
	}
	store, err = entities.NewStore(ents)
	if err != nil {
		return nil, nil, "entities: " + err.Error()
	}
	return ps, store, ""
}

// parseCase parses the static policies and the templates (ids set from
// the case) with the production parser.
func parseCase(c *Case) (statics, templates []*ast.Policy, failure string) {
	file, errs := parse.Policies([]byte(c.Policies))
	if len(errs) > 0 {
		return nil, nil, "policies: " + errorsText(errs)
	}
	for _, t := range c.Templates {
		tf, errs := parse.Policies([]byte(t.Text))
		if len(errs) > 0 {
			return nil, nil, "template " + t.ID + ": " + errorsText(errs)
		}
		if len(tf.Policies) != 1 {
			return nil, nil, fmt.Sprintf("template %s: %d policies", t.ID, len(tf.Policies))
		}
		tp := tf.Policies[0]
		tp.ID = t.ID
		templates = append(templates, tp)
	}
	return file.Policies, templates, ""
}

func errorsText(errs []source.Diagnostic) string {
	msgs := make([]string, len(errs))
	for i, e := range errs {
		msgs[i] = e.Message
	}
	return strings.Join(msgs, "; ")
}

func slotValues(l Link) map[ast.Slot]types.EntityUID {
	out := map[ast.Slot]types.EntityUID{}
	for k, v := range l.Values {
		switch k {
		case "?principal":
			out[ast.SlotPrincipal] = engineUID(v)
		case "?resource":
			out[ast.SlotResource] = engineUID(v)
		}
	}
	return out
}

func engineAuthorize(ps *authz.PolicySet, store *entities.Store, r Request, ctx parsedContext) (out Outcome) {
	defer func() {
		if v := recover(); v != nil {
			out = panicOutcome(v)
		}
	}()
	if ctx.failure != nil {
		return *ctx.failure
	}
	return responseOutcome(ps.Authorize(store, &eval.Request{
		Principal: engineUID(r.Principal),
		Action:    engineUID(r.Action),
		Resource:  engineUID(r.Resource),
		Context:   ctx.rec,
	}))
}

// responseOutcome is production's answer in the terms compared.
func responseOutcome(resp authz.Response) (out Outcome) {
	out.Decision = fmt.Sprint(resp.Decision)
	out.Reasons = sorted(resp.Reasons)
	for _, e := range resp.Errors {
		out.ErrorPolicies = append(out.ErrorPolicies, e.PolicyID)
		out.Errors = append(out.Errors, e.PolicyID+": "+e.Message)
	}
	out.ErrorPolicies = sorted(out.ErrorPolicies)
	out.Errors = sorted(out.Errors)
	return out
}

func engineUID(u UID) types.EntityUID { return types.NewEntityUID(types.EntityType(u.Type), u.ID) }
