package analysis

import (
	"sort"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// Hover is the Markdown shown for the thing at a position, and its span.
type Hover struct {
	Span     Span
	Markdown string
}

// HoverPolicy describes what is under off in a policy source: the types of
// the variables per request environment, attributes (type, declaring
// entity, required or optional, @doc), entity types, actions, extension
// functions and methods, operators and keywords. It works in policies that
// do not parse.
func HoverPolicy(src []byte, f *ast.File, off int, k *Knowledge) *Hover {
	t := resolvePolicyTarget(src, f, off, k)
	if t == nil {
		return nil
	}
	v := k.view()
	var md string
	switch t.kind {
	case targetVar:
		md = varHover(v, t)
	case targetAttr:
		md = attrHover(t)
	case targetEntityType:
		md = entityTypeHover(v, types.EntityType(t.text))
	case targetNamespace:
		md = "namespace `" + t.text + "`"
	case targetAction:
		if v != nil && v.s.Actions[t.uid] != nil {
			md = actionDoc(v, v.s.Actions[t.uid])
		} else {
			md = "action `" + t.uid.String() + "`"
			if v != nil {
				md += " (not declared in the schema)"
			}
		}
	case targetEntity:
		md = "entity `" + t.uid.String() + "`"
		if v != nil && v.s.Entities[t.uid.Type] != nil {
			md += "\n\n" + entityTypeHover(v, t.uid.Type)
		}
	case targetFunction:
		b := lookupFunction(t.text)
		md = builtinHover(b)
	case targetMethod:
		if b := lookupMethod(t.text); b != nil {
			md = builtinHover(b)
		}
	case targetKeyword:
		md = keywordDocs[t.text]
	case targetLiteral:
		md = "`" + t.text + "` literal"
	}
	if md == "" {
		return nil
	}
	return &Hover{Span: Span(t.span), Markdown: md}
}

func builtinHover(b *builtin) string {
	s := "```cedar\n" + b.Signature() + "\n```\n" + b.Doc
	if b.Example != "" {
		s += "\n\nExample: `" + b.Example + "`"
	}
	return s
}

// varHover shows a variable's type in each request environment.
func varHover(v *schemaView, t *policyTarget) string {
	name := t.v.String()
	if v == nil {
		return "```cedar\n" + name + "\n```\nrequest variable (no schema: its type is not known)"
	}
	var b strings.Builder
	switch t.v {
	case ast.VarPrincipal, ast.VarResource:
		ts := t.te.principals
		if t.v == ast.VarResource {
			ts = t.te.resources
		}
		b.WriteString("```cedar\n" + name + ": " + unionText(ts) + "\n```\n")
		for _, et := range ts {
			if e := v.s.Entities[et]; e != nil && e.Annotations["doc"] != "" {
				b.WriteString("\n`" + string(et) + "`: " + e.Annotations["doc"] + "\n")
			}
		}
	case ast.VarAction:
		b.WriteString("```cedar\naction\n```\n")
		if len(t.te.actions) > 0 {
			b.WriteString("one of ")
			var as []string
			for _, a := range t.te.actions {
				as = append(as, "`"+a.String()+"`")
			}
			b.WriteString(join(as))
		}
	case ast.VarContext:
		b.WriteString("```cedar\n")
		seen := map[string]bool{}
		for _, a := range t.te.actions {
			ts := typeString(v.contextOf(a))
			if !seen[ts] {
				seen[ts] = true
				b.WriteString("context: " + ts + "\n")
			}
		}
		b.WriteString("```\n")
		if len(t.te.actions) > 0 {
			b.WriteString("for " + plural(len(t.te.actions), "action", "actions"))
		}
	}
	if len(t.te.actions) == 0 {
		b.WriteString("\nno action of the schema applies to this scope")
	} else if t.v != ast.VarAction {
		b.WriteString(envTable(v, t))
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}

func unionText(ts []types.EntityType) string {
	if len(ts) == 0 {
		return "(none)"
	}
	var ss []string
	for _, t := range ts {
		ss = append(ss, string(t))
	}
	return strings.Join(ss, " | ")
}

// attrHover shows an attribute's type, where it is declared, whether it is
// required and its @doc.
func attrHover(t *policyTarget) string {
	if len(t.owners) == 0 {
		return ""
	}
	var parts []string
	seen := map[string]bool{}
	for _, o := range t.owners {
		opt := ""
		if !o.Attr.Required {
			opt = "?"
		}
		s := "```cedar\n" + attrKeyText(t.text) + opt + ": " + typeString(o.Attr.Type) + "\n```\n"
		if r, ok := o.Owner.(schema.EntityRef); ok {
			s += "attribute of entity type `" + string(r.Name) + "`, "
		} else {
			s += "record attribute, "
		}
		if o.Attr.Required {
			s += "required"
		} else {
			s += "optional: guard it with `has`"
		}
		if d := o.Attr.Annotations["doc"]; d != "" {
			s += "\n\n" + d
		}
		if !seen[s] {
			seen[s] = true
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "\n\n---\n\n")
}

// entityTypeHover renders an entity type's declaration as the schema
// would write it, with common types expanded.
func entityTypeHover(v *schemaView, t types.EntityType) string {
	if v == nil {
		return "entity type `" + string(t) + "`"
	}
	e := v.s.Entities[t]
	if e == nil {
		return "entity type `" + string(t) + "` (not declared in the schema)"
	}
	var b strings.Builder
	b.WriteString("```cedarschema\nentity " + string(t))
	if len(e.MemberOf) > 0 {
		var ps []string
		for _, p := range e.MemberOf {
			ps = append(ps, string(p))
		}
		sort.Strings(ps)
		b.WriteString(" in [" + strings.Join(ps, ", ") + "]")
	}
	if e.Enum != nil {
		var ids []string
		for _, id := range e.Enum {
			ids = append(ids, types.Quote(id))
		}
		b.WriteString(" enum [" + strings.Join(ids, ", ") + "]")
	}
	if e.Shape != nil && len(e.Shape.Attrs) > 0 {
		b.WriteString(" {\n")
		for _, k := range sortedKeys(e.Shape.Attrs) {
			a := e.Shape.Attrs[k]
			opt := ""
			if !a.Required {
				opt = "?"
			}
			b.WriteString("  " + attrKeyText(k) + opt + ": " + typeString(a.Type) + ",\n")
		}
		b.WriteString("}")
	}
	if e.Tags != nil {
		b.WriteString(" tags " + typeString(e.Tags))
	}
	b.WriteString(";\n```")
	if d := e.Annotations["doc"]; d != "" {
		b.WriteString("\n" + d)
	}
	return b.String()
}

// HoverSymbol describes the symbol at off in a schema or JSON file: an
// entity type or common type with its expanded definition and where it is
// used, an attribute with its declared type, an action.
func (idx *SymbolIndex) HoverSymbol(uri string, off int) *Hover {
	o := idx.occurrenceAt(uri, off)
	if o == nil {
		return nil
	}
	k := o.Keys[0]
	var md string
	switch k.Kind {
	case SymEntityType:
		md = entityTypeHover(idx.v, types.EntityType(k.Name))
	case SymAction:
		uid, ok := parseUID(k.Name)
		if ok && idx.v != nil && idx.v.s.Actions[uid] != nil {
			md = actionDoc(idx.v, idx.v.s.Actions[uid])
		} else {
			md = "action `" + k.Name + "`"
		}
	case SymCommonType:
		md = "```cedarschema\ntype " + k.Name + " = " + idx.expandCommon(k.Name, 0) + ";\n```"
	case SymNamespace:
		md = "namespace `" + k.Name + "`"
	case SymAttribute:
		if d, ok := idx.x.attrDecls[k]; ok {
			md = "attribute `" + attrKeyText(k.Name) + "`"
			if src := idx.schemaText(d.URI); src != nil && d.Decl.End <= len(src) {
				md = "```cedarschema\n" + string(src[d.Decl.Start:d.Decl.End]) + "\n```"
			}
		}
	}
	if md == "" {
		return nil
	}
	refs := idx.References(uri, off, false)
	if n := len(refs); n > 0 {
		files := map[string]bool{}
		for _, r := range refs {
			files[r.URI] = true
		}
		md += "\n\nused " + plural(n, "time", "times") + " in " + plural(len(files), "file", "files") + ":"
		for i, r := range refs {
			if i == 5 {
				md += "\n- …"
				break
			}
			md += "\n- " + idx.placeText(r)
		}
	}
	return &Hover{Span: Span(o.Span), Markdown: md}
}

func parseUID(s string) (types.EntityUID, bool) {
	i := strings.Index(s, `::"`)
	if i < 0 {
		return types.EntityUID{}, false
	}
	id, err := unquoteCedar(s[i+2:])
	if err != nil {
		return types.EntityUID{}, false
	}
	return types.NewEntityUID(types.EntityType(s[:i]), id), true
}

func (idx *SymbolIndex) schemaText(uri string) []byte {
	for _, s := range idx.ws.Schemas {
		if s.URI == uri {
			return s.Text
		}
	}
	return nil
}

// expandCommon renders a common type with the common types it uses
// substituted (to a bounded depth, so cycles stay finite).
func (idx *SymbolIndex) expandCommon(name string, depth int) string {
	for _, s := range idx.ws.Schemas {
		if s.Tree == nil {
			continue
		}
		for _, ns := range s.Tree.Namespaces {
			for _, d := range ns.Decls {
				if td, ok := d.(*syntaxTypeDecl); ok && qualify(ns.NameText(), td.Name.Value) == name {
					return idx.renderSyntaxType(td.Type, ns.NameText(), depth)
				}
			}
		}
	}
	return name
}

// placeText names a location as `file:line` for people.
func (idx *SymbolIndex) placeText(l Location) string {
	var text []byte
	for _, s := range idx.ws.Schemas {
		if s.URI == l.URI {
			text = s.Text
		}
	}
	for _, p := range idx.ws.Policies {
		if p.URI == l.URI {
			text = p.Text
		}
	}
	for _, j := range idx.ws.JSON {
		if j.URI == l.URI {
			text = j.Text
		}
	}
	name := l.URI
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	if l.Span.Start > len(text) {
		return name
	}
	return name + ":" + itoa(1+strings.Count(string(text[:l.Span.Start]), "\n"))
}

// envTable lists, per action of the scope, what the variable is in the
// request environments of that action (when the actions disagree).
func envTable(v *schemaView, t *policyTarget) string {
	per := map[types.EntityUID][]types.EntityType{}
	for _, e := range t.te.envs {
		x := e.Principal
		if t.v == ast.VarResource {
			x = e.Resource
		}
		if !slicesContains(per[e.Action], x) {
			per[e.Action] = append(per[e.Action], x)
		}
	}
	lines := map[string]bool{}
	var out []string
	for _, a := range t.te.actions {
		var line string
		if t.v == ast.VarContext {
			line = "`" + a.String() + "`: `" + typeString(v.contextOf(a)) + "`"
		} else {
			line = "`" + a.String() + "`: " + unionText(per[a])
		}
		out = append(out, line)
		lines[strings.SplitN(line, ": ", 2)[1]] = true
	}
	if len(lines) < 2 {
		return ""
	}
	if len(out) > 8 {
		out = append(out[:8], "…")
	}
	return "\nper action:\n- " + strings.Join(out, "\n- ")
}

func slicesContains(ts []types.EntityType, t types.EntityType) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}
