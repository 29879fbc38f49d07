package policyjson

import (
	"fmt"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/internal/jsontree"
)

// TemplateLink instantiates a template under a new policy ID.
type TemplateLink struct {
	TemplateID string
	NewID      string
	Values     map[ast.Slot]types.EntityUID
}

// PolicySet is what the policy-set JSON form holds: static policies and
// templates (Policy.ID set from their keys, in document order, static
// policies first) and template links.
type PolicySet struct {
	Policies []*ast.Policy
	Links    []TemplateLink
}

// MarshalPolicySet renders policies and links in the policy-set JSON form
// official Cedar reads:
//
//	{"templates": {id: policy}, "staticPolicies": {id: policy}, "templateLinks": [{"templateId", "newId", "values": {"?principal": {"type", "id"}}}]}
//
// Templates are the policies with a slot. Every policy needs a unique ID.
func MarshalPolicySet(policies []*ast.Policy, links ...TemplateLink) ([]byte, error) {
	w := &writer{}
	seen := map[string]bool{}
	for _, p := range policies {
		if p == nil {
			return nil, errNilPolicy
		}
		if p.HasErrors() {
			return nil, fmt.Errorf("policyjson: policy %q has parse errors", p.ID)
		}
		if p.ID == "" {
			return nil, fmt.Errorf("policyjson: a policy in the set has no ID")
		}
		if seen[p.ID] {
			return nil, fmt.Errorf("policyjson: duplicate policy ID %q", p.ID)
		}
		seen[p.ID] = true
	}
	w.open('{')
	for _, group := range []struct {
		key       string
		templates bool
	}{{"templates", true}, {"staticPolicies", false}} {
		w.key(group.key)
		w.open('{')
		for _, p := range policies {
			if p.IsTemplate() != group.templates {
				continue
			}
			w.key(p.ID)
			if err := w.policy(p); err != nil {
				return nil, fmt.Errorf("policy %s: %w", p.ID, err)
			}
		}
		w.close('}')
	}
	w.key("templateLinks")
	w.open('[')
	for _, l := range links {
		w.item()
		w.open('{')
		w.stringField("templateId", l.TemplateID)
		w.stringField("newId", l.NewID)
		w.key("values")
		w.open('{')
		for _, slot := range []ast.Slot{ast.SlotPrincipal, ast.SlotResource} {
			if uid, ok := l.Values[slot]; ok {
				w.key(slot.String())
				w.uid(uid)
			}
		}
		w.close('}')
		w.close('}')
	}
	w.close(']')
	w.close('}')
	return w.buf, nil
}

// UnmarshalPolicySet reads the policy-set JSON form. All three members are
// optional; unknown members and repeated policy IDs are errors, as in
// official Cedar. Policies must be JSON objects (cedar-wasm also takes Cedar
// text there; callers holding text should parse it themselves).
func UnmarshalPolicySet(data []byte) (*PolicySet, error) {
	d, root, err := newDecoder(data)
	if err != nil {
		return nil, err
	}
	set := &PolicySet{}
	err = d.run(func() { d.policySet(root, set) })
	if err != nil {
		return nil, err
	}
	return set, nil
}

func (d *decoder) policySet(v *jsontree.Value, set *PolicySet) {
	f := d.structFields(v, "policy set", false, "templates", "staticPolicies", "templateLinks")
	ids := map[string]bool{}
	for _, group := range []struct {
		key       string
		templates bool
	}{{"staticPolicies", false}, {"templates", true}} {
		m, ok := f[group.key]
		if !ok {
			continue
		}
		d.expectKind(m, jsontree.Object, group.key)
		for _, mem := range m.Members {
			if ids[mem.Key] {
				d.failSpan(mem.KeyStart, mem.KeyEnd, "duplicate policy ID `%s`", mem.Key)
			}
			ids[mem.Key] = true
			p := d.policy(mem.Value)
			if p.IsTemplate() != group.templates {
				if group.templates {
					d.failSpan(mem.Value.Start, mem.Value.End, "template `%s` has no slot: a template needs ?principal or ?resource", mem.Key)
				}
				d.failSpan(mem.Value.Start, mem.Value.End, "static policy `%s` has a template slot; put it under `templates`", mem.Key)
			}
			p.ID = mem.Key
			set.Policies = append(set.Policies, p)
		}
	}
	links, ok := f["templateLinks"]
	if !ok {
		return
	}
	d.expectKind(links, jsontree.Array, "templateLinks")
	for _, lv := range links.Elems {
		lf := d.structFields(lv, "template link", false, "templateId", "newId", "values")
		l := TemplateLink{
			TemplateID: d.str(d.need(lf, lv, "templateId", "template link"), "templateId"),
			NewID:      d.str(d.need(lf, lv, "newId", "template link"), "newId"),
			Values:     map[ast.Slot]types.EntityUID{},
		}
		vals := d.need(lf, lv, "values", "template link")
		d.expectKind(vals, jsontree.Object, "template link values")
		for _, m := range vals.Members {
			var slot ast.Slot
			switch m.Key {
			case "?principal":
				slot = ast.SlotPrincipal
			case "?resource":
				slot = ast.SlotResource
			default:
				d.failSpan(m.KeyStart, m.KeyEnd, "unknown slot `%s`, expected `?principal` or `?resource`", m.Key)
			}
			if _, dup := l.Values[slot]; dup {
				d.failSpan(m.KeyStart, m.KeyEnd, "duplicate slot `%s`", m.Key)
			}
			l.Values[slot] = d.entityUID(m.Value)
		}
		set.Links = append(set.Links, l)
	}
}
