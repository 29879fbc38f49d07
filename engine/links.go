package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/internal/jsontree"
)

// TemplateLink is one entry of a template-link file, the official CLI's
// --template-linked format:
//
//	[{"template_id": "share", "link_id": "share-alice",
//	  "args": {"?principal": "User::\"alice\"", "?resource": "List::\"l1\""}}]
type TemplateLink struct {
	TemplateID string
	LinkID     string
	// Args maps each slot the template uses ("?principal", "?resource") to
	// an entity UID written as in a policy.
	Args map[string]string
	// Span is where the entry stands in the file it was read from (zero
	// for a link made in code).
	Span Span
}

// ParseTemplateLinks reads a template-link file; empty or blank text is no
// links.
func ParseTemplateLinks(name string, src []byte) ([]TemplateLink, error) {
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, nil
	}
	root, serr := jsontree.Parse(src, maxJSONDepth)
	if serr != nil {
		return nil, sourceErrors(name, src, []Diagnostic{{Span: Span{Start: serr.Offset, End: serr.Offset + 1}, Code: source.CodeJSONSyntax, Message: "invalid JSON: " + serr.Msg}})
	}
	bad := func(v *jsontree.Value, format string, args ...any) error {
		return sourceErrors(name, src, []Diagnostic{{Span: Span{Start: v.Start, End: v.End}, Code: CodeTemplateLink, Message: fmt.Sprintf(format, args...)}})
	}
	if root.Kind != jsontree.Array {
		return nil, bad(root, "expected a JSON array of template links, found %s", root.Kind.WithArticle())
	}
	links := make([]TemplateLink, 0, len(root.Elems))
	for _, el := range root.Elems {
		if el.Kind != jsontree.Object {
			return nil, bad(el, "expected a template link object, found %s", el.Kind.WithArticle())
		}
		l := TemplateLink{Span: Span{Start: el.Start, End: el.End}, Args: map[string]string{}}
		for _, f := range []struct {
			key string
			dst *string
		}{{"template_id", &l.TemplateID}, {"link_id", &l.LinkID}} {
			m := el.Member(f.key)
			if m == nil {
				return nil, bad(el, "missing field `%s` in template link", f.key)
			}
			if m.Value.Kind != jsontree.String {
				return nil, bad(m.Value, "expected `%s` to be a string, found %s", f.key, m.Value.Kind.WithArticle())
			}
			*f.dst = m.Value.Text
		}
		if m := el.Member("args"); m != nil {
			if m.Value.Kind != jsontree.Object {
				return nil, bad(m.Value, "expected `args` to be an object of slot to entity, found %s", m.Value.Kind.WithArticle())
			}
			for _, a := range m.Value.Members {
				if a.Value.Kind != jsontree.String {
					return nil, bad(a.Value, "expected the value of `%s` to be an entity UID string, found %s", a.Key, a.Value.Kind.WithArticle())
				}
				l.Args[a.Key] = a.Value.Text
			}
		}
		links = append(links, l)
	}
	return links, nil
}

// MarshalTemplateLinks writes links in the template-link file format.
func MarshalTemplateLinks(links []TemplateLink) []byte {
	type entry struct {
		TemplateID string            `json:"template_id"`
		LinkID     string            `json:"link_id"`
		Args       map[string]string `json:"args"`
	}
	out := make([]entry, len(links))
	for i, l := range links {
		out[i] = entry{l.TemplateID, l.LinkID, l.Args}
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		// Strings and maps of strings always marshal.
		panic(err)
	}
	return append(b, '\n')
}

// Link instantiates the template l names as the policy l.LinkID: every slot
// the template uses must be given, and no other.
func Link(ps *PolicySet, l TemplateLink) error {
	slots, err := slotValues(l.Args)
	if err == nil {
		err = ps.Link(l.TemplateID, l.LinkID, slots)
	}
	if err != nil {
		return fmt.Errorf("link %q: %w", l.LinkID, err)
	}
	return nil
}

// LinkTemplates reads a template-link file and makes its links; an error
// points at the entry that failed.
func LinkTemplates(ps *PolicySet, name string, src []byte) error {
	links, err := ParseTemplateLinks(name, src)
	if err != nil {
		return err
	}
	for _, l := range links {
		if err := Link(ps, l); err != nil {
			return sourceErrors(name, src, []Diagnostic{{Span: l.Span, Code: CodeTemplateLink, Message: err.Error()}})
		}
	}
	return nil
}

func slotValues(args map[string]string) (map[ast.Slot]types.EntityUID, error) {
	keys := make([]string, 0, len(args))
	for k := range args {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	slots := make(map[ast.Slot]types.EntityUID, len(args))
	for _, k := range keys {
		var slot ast.Slot
		switch k {
		case "?principal":
			slot = ast.SlotPrincipal
		case "?resource":
			slot = ast.SlotResource
		default:
			return nil, fmt.Errorf("invalid slot %q: expected ?principal or ?resource", k)
		}
		uid, err := parse.EntityUID(args[k])
		if err != nil {
			return nil, fmt.Errorf("slot %s: %w", k, err)
		}
		slots[slot] = uid
	}
	return slots, nil
}
