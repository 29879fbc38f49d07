package engine

import (
	"fmt"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/authz"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/policyjson"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/internal/jsontree"
)

// Policy is one parsed policy or template.
type Policy = ast.Policy

// PolicySet holds static policies, templates and template-linked
// policies, indexed for authorization. Concurrent Authorize calls are
// safe; adding or linking is not safe concurrently with them.
type PolicySet = authz.PolicySet

// ParsePolicies parses policies and templates in Cedar syntax. A policy
// annotated @id("…") takes that id, as in the official CLI; the others
// are policy0, policy1, … by position in the text. Duplicate ids are an
// error.
//
// A text with parse errors is an error, as in official Cedar; for tools
// that go on regardless (an editor while the user types), the policy set
// returned with that error holds the policies that did parse, under the
// ids they have in the whole text.
func ParsePolicies(name string, src []byte) (*PolicySet, error) {
	file, errs := parse.Policies(src)
	if len(errs) > 0 {
		parsed := make([]*Policy, 0, len(file.Policies))
		for _, p := range file.Policies {
			if !p.HasErrors() {
				parsed = append(parsed, p)
			}
		}
		ps, _ := newPolicySet(parsed)
		return ps, sourceErrors(name, src, errs)
	}
	ps, diags := newPolicySet(file.Policies)
	if len(diags) > 0 {
		return nil, sourceErrors(name, src, diags)
	}
	return ps, nil
}

// ParsePoliciesJSON reads a policy set in Cedar's JSON policy format
// ({"staticPolicies": …, "templates": …, "templateLinks": […]}): the
// policies take the ids of their keys, and the links are made.
func ParsePoliciesJSON(name string, src []byte) (*PolicySet, error) {
	set, err := policyjson.UnmarshalPolicySet(src)
	if err != nil {
		return nil, InputError(name, src, err)
	}
	ps := authz.NewPolicySet()
	for _, p := range set.Policies {
		if err := ps.Add(p); err != nil {
			return nil, sourceErrors(name, src, []Diagnostic{{Span: p.Span, Message: err.Error()}})
		}
	}
	for i, l := range set.Links {
		if err := ps.Link(l.TemplateID, l.NewID, l.Values); err != nil {
			return nil, sourceErrors(name, src, []Diagnostic{{Span: linkSpan(src, i), Code: CodeTemplateLink, Message: fmt.Sprintf("link %q: %v", l.NewID, err)}})
		}
	}
	return ps, nil
}

// linkSpan is where the i-th entry of a JSON policy set's "templateLinks"
// stands (the policy set has been read, so the entry exists).
func linkSpan(src []byte, i int) Span {
	root, err := jsontree.Parse(src, maxJSONDepth)
	if err != nil || root.Kind != jsontree.Object {
		return Span{}
	}
	m := root.Member("templateLinks")
	if m == nil || m.Value.Kind != jsontree.Array || i >= len(m.Value.Elems) {
		return Span{}
	}
	el := m.Value.Elems[i]
	return Span{Start: el.Start, End: el.End}
}

// maxJSONDepth bounds the nesting the front door's own JSON reading
// accepts (the readers of the subpackages have their own bounds).
const maxJSONDepth = 64

// NewPolicySet builds a policy set from already parsed policies and
// templates, in order, with the @id rule of ParsePolicies. The policies
// are not changed: one renamed by its @id annotation enters the set as a
// copy. Policies with parse errors (the partial trees the parser keeps for
// a file being edited) are left out, so the rest still authorize.
func NewPolicySet(policies []*Policy) (*PolicySet, error) {
	ps, diags := newPolicySet(policies)
	if len(diags) > 0 {
		return nil, &Error{Diags: diags}
	}
	return ps, nil
}

func newPolicySet(policies []*Policy) (*PolicySet, []Diagnostic) {
	ps := authz.NewPolicySet()
	ps.Grow(len(policies))
	var diags []Diagnostic
	for _, p := range policies {
		if p.HasErrors() {
			continue
		}
		if id := PolicyID(p); id != p.ID {
			renamed := *p
			renamed.ID = id
			p = &renamed
		}
		if err := ps.Add(p); err != nil {
			d := Diagnostic{Span: p.Span, Message: err.Error()}
			if ps.Has(p.ID) {
				d.Code, d.Message = source.CodeDuplicatePolicyID, fmt.Sprintf("duplicate policy id %q", p.ID)
			}
			diags = append(diags, d)
		}
	}
	return ps, diags
}

// PolicyID is the id a policy takes in a policy set: the value of its
// @id annotation when it has one, else the id the parser gave it
// (policy0, policy1, … by position).
func PolicyID(p *Policy) string {
	id := p.ID
	for _, a := range p.Annotations {
		if a.Key == "id" && a.HasValue {
			id = a.Value
		}
	}
	return id
}
