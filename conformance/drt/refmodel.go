package drt

import (
	"fmt"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/internal/refmodel"
)

// SpecOutcomes answers all of a case's requests with the reference model
// (internal/refmodel). It shares the parser and the JSON readers with
// production, but links templates itself (by substituting slots in the
// scope), so linking is checked independently of engine/authz.
func SpecOutcomes(c *Case) []Outcome {
	return specOutcomes(c, parseContexts(c))
}

func specOutcomes(c *Case, ctxs []parsedContext) []Outcome {
	out := make([]Outcome, len(c.Requests))
	policies, ents, failure := specLoad(c)
	for i, r := range c.Requests {
		if failure != "" {
			out[i] = Outcome{Failure: failure}
			continue
		}
		out[i] = specAuthorize(policies, ents, r, ctxs[i])
	}
	return out
}

func specLoad(c *Case) (policies []*ast.Policy, ents map[types.EntityUID]*refmodel.Entity, failure string) {
	defer func() {
		if v := recover(); v != nil {
			failure = panicOutcome(v).Decision
		}
	}()
	statics, templates, failure := parseCase(c)
	if failure != "" {
		return nil, nil, failure
	}
	policies = statics
	for _, l := range c.Links {
		var t *ast.Policy
		for _, tp := range templates {
			if tp.ID == l.TemplateID {
				t = tp
			}
		}
		if t == nil {
			return nil, nil, "policies: no template " + l.TemplateID
		}
		linked, err := linkTemplate(t, l)
		if err != nil {
			return nil, nil, "policies: " + err.Error()
		}
		policies = append(policies, linked)
	}
	list, err := entitiesjson.Parse(c.Entities)
	if err != nil {
		return nil, nil, "entities: " + err.Error()
	}
	specList := make([]refmodel.Entity, len(list))
	for i, e := range list {
		specList[i] = refmodel.Entity(*e)
	}
	ents, err = refmodel.Entities(specList)
	if err != nil {
		return nil, nil, "entities: " + err.Error()
	}
	return policies, ents, ""
}

// linkTemplate fills a template's slots: every slot it uses needs a value,
// and every value a slot.
func linkTemplate(t *ast.Policy, l Link) (*ast.Policy, error) {
	linked := *t
	linked.ID = l.NewID
	used := 0
	for _, sc := range []*ast.Scope{&linked.Principal, &linked.Resource} {
		if sc.Entity.Slot == ast.NoSlot {
			continue
		}
		v, ok := l.Values[sc.Entity.Slot.String()]
		if !ok {
			return nil, fmt.Errorf("link %s: no value for %s", l.NewID, sc.Entity.Slot)
		}
		used++
		sc.Entity = ast.EntityRef{UID: engineUID(v), Span: sc.Entity.Span}
	}
	if used != len(l.Values) {
		return nil, fmt.Errorf("link %s: values for slots the template does not use", l.NewID)
	}
	return &linked, nil
}

func specAuthorize(policies []*ast.Policy, ents map[types.EntityUID]*refmodel.Entity, r Request, ctx parsedContext) (out Outcome) {
	defer func() {
		if v := recover(); v != nil {
			out = panicOutcome(v)
		}
	}()
	if ctx.failure != nil {
		return *ctx.failure
	}
	resp := refmodel.IsAuthorized(refmodel.Request{
		Principal: engineUID(r.Principal),
		Action:    engineUID(r.Action),
		Resource:  engineUID(r.Resource),
		Context:   ctx.rec,
	}, policies, ents)
	return Outcome{Decision: resp.Decision, Reasons: resp.Reasons, ErrorPolicies: resp.Errored}
}
