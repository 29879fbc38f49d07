package analysis

import (
	"bytes"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/policyjson"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/schema/syntax"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/internal/token"
)

func isOpen(k token.Kind) bool  { return k == token.LParen || k == token.LBracket || k == token.LBrace }
func isClose(k token.Kind) bool { return k == token.RParen || k == token.RBracket || k == token.RBrace }

const (
	tokAnd = token.And
	tokOr  = token.Or
	tokNot = token.Not
)

// Code action kinds, as LSP names them.
const (
	ActionQuickFix  = "quickfix"
	ActionRefactor  = "refactor.rewrite"
	ActionSource    = "source"
	ActionFormatAll = "source.formatAll"
)

// CodeAction is an edit offered at a position: text edits per file, and
// files to create (with their text). Command, when set, is run instead
// (for work too costly to do on every cursor move).
type CodeAction struct {
	Title     string
	Kind      string
	Preferred bool
	Edits     map[string][]TextEdit
	Creates   []FileCreate
	Command   string
	Args      []string
}

// FileCreate is a new file and its text.
type FileCreate struct {
	URI  string
	Text string
}

// FormatWorkspaceCommand formats every Cedar file of the workspace.
const FormatWorkspaceCommand = "cedar.formatWorkspace"

// CodeActions lists the actions at span of the file at uri: did-you-mean
// fixes for unknown entity types, actions and attributes, a `has` guard
// around an optional attribute access, adding a missing attribute, entity
// type or action to the schema, inserting `@id`, exporting a policy as
// JSON, translating a schema to the other syntax, formatting every Cedar
// file of the workspace.
func CodeActions(s *Snapshot, uri string, span Span) []CodeAction {
	f := s.File(uri)
	if f == nil {
		return nil
	}
	var out []CodeAction
	switch {
	case f.Kind == KindPolicy:
		out = policyActions(s, f, span)
	case f.Kind.IsSchema():
		out = schemaActions(s, f)
	}
	if f.Kind != KindUnknown {
		out = append(out, CodeAction{Title: "Format every Cedar file of the workspace", Kind: ActionFormatAll, Command: FormatWorkspaceCommand})
	}
	return out
}

func policyActions(s *Snapshot, f *File, span Span) []CodeAction {
	var out []CodeAction
	k := s.Knowledge(f.URI)
	v := k.view()
	t := resolvePolicyTarget(f.Text, nil, span.Start, k)
	var idx *SymbolIndex
	if v != nil {
		idx = s.SymbolIndex(f.URI)
	}
	// The validator's own "did you mean" (official Cedar's choice) comes
	// first, then the nearest names by edit distance.
	suggested := validatorSuggestions(f, span.Start, k)
	closest := func(name string, names []string) []string {
		out := append([]string(nil), suggested...)
		for _, n := range closestNames(name, names) {
			dup := false
			for _, x := range out {
				dup = dup || x == n
			}
			if !dup {
				out = append(out, n)
			}
		}
		return out
	}
	if t != nil && v != nil {
		switch t.kind {
		case targetAttr:
			if len(t.owners) == 0 && len(t.recv) > 0 {
				var names []string
				for _, rt := range t.recv {
					for n := range v.attrsOf(rt) {
						names = append(names, n)
					}
				}
				for _, n := range closest(t.text, names) {
					if ast.IsPlainIdent(n) {
						out = append(out, replaceAction("Change to `"+n+"`", f.URI, t.span, n))
					}
				}
				for _, rt := range t.recv {
					if r, ok := rt.(schema.EntityRef); ok {
						if a := idx.addAttribute(r.Name, t.text, usedAs(f.Text, t.span)); a != nil {
							out = append(out, *a)
						}
					}
				}
			}
			for _, o := range t.owners {
				if !o.Attr.Required {
					if a := hasGuard(f, t); a != nil {
						out = append(out, *a)
					}
					break
				}
			}
		case targetEntityType:
			if v.s.Entities[types.EntityType(t.text)] == nil {
				var names []string
				for _, e := range v.entityTypes {
					names = append(names, string(e))
				}
				for _, n := range closest(t.text, names) {
					out = append(out, replaceAction("Change to `"+n+"`", f.URI, t.span, n))
				}
				if a := idx.addDecl(t.text, "entity "+lastName(t.text)+";", "Declare entity type `"+t.text+"` in the schema"); a != nil {
					out = append(out, *a)
				}
			}
		case targetAction:
			if v.s.Actions[t.uid] == nil {
				var ids []string
				for _, a := range v.actions {
					if a.Type == t.uid.Type {
						ids = append(ids, a.ID)
					}
				}
				suggested = actionSuggestionIDs(suggested)
				for _, n := range closest(t.uid.ID, ids) {
					if sp, ok := actionIDSpan(f.Text, t.span); ok {
						out = append(out, replaceAction("Change to `"+types.NewEntityUID(t.uid.Type, n).String()+"`", f.URI, sp, types.Quote(n)))
					}
				}
				decl := "action " + quoteIfNeeded(t.uid.ID) + appliesToOf(t.scope) + ";"
				ns := strings.TrimSuffix(strings.TrimSuffix(string(t.uid.Type), "Action"), "::")
				if a := idx.addDecl(qualify(ns, "x"), decl, "Declare action `"+t.uid.String()+"` in the schema"); a != nil {
					out = append(out, *a)
				}
			}
		}
	}
	if p := f.Policies().PolicyAt(span.Start); p != nil {
		hasID := false
		for _, a := range p.Annotations {
			if a.Key == "id" {
				hasID = true
			}
		}
		if !hasID {
			out = append(out, CodeAction{Title: "Insert @id", Kind: ActionRefactor,
				Edits: map[string][]TextEdit{f.URI: {{Span: Span{p.Span.Start, p.Span.Start}, NewText: `@id("` + p.ID + "\")\n"}}}})
		}
		if js, err := policyjson.MarshalIndent(p); err == nil {
			name := PolicyName(p)
			base := strings.TrimSuffix(f.Path, filepath.Ext(f.Path))
			out = append(out, CodeAction{Title: "Export policy " + name + " as JSON", Kind: ActionSource,
				Creates: []FileCreate{{URI: PathToURI(base + "." + safeFileName(name) + ".cedar.json"), Text: string(js) + "\n"}}})
		}
	}
	return out
}

func safeFileName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r < ' ' {
			return '_'
		}
		return r
	}, s)
}

func replaceAction(title, uri string, sp source.Span, text string) CodeAction {
	return CodeAction{Title: title, Kind: ActionQuickFix, Preferred: true, Edits: map[string][]TextEdit{uri: {{Span: Span(sp), NewText: text}}}}
}

func lastName(path string) string {
	if i := strings.LastIndex(path, "::"); i >= 0 {
		return path[i+2:]
	}
	return path
}

// actionIDSpan finds the id string of an action literal within span.
func actionIDSpan(src []byte, sp source.Span) (source.Span, bool) {
	if sp.End > len(src) {
		return sp, false
	}
	q := bytes.IndexByte(src[sp.Start:sp.End], '"')
	if q >= 0 {
		return source.Span{Start: sp.Start + q, End: sp.End}, true
	}
	// The cursor was on the type: the id follows `::`.
	rest := src[sp.End:]
	i := bytes.IndexByte(rest, '"')
	if i < 0 {
		return sp, false
	}
	j := bytes.IndexByte(rest[i+1:], '"')
	if j < 0 {
		return sp, false
	}
	return source.Span{Start: sp.End + i, End: sp.End + i + j + 2}, true
}

// appliesToOf writes an appliesTo clause from the entity types a policy's
// scope names, "" when it names none.
func appliesToOf(p *ast.Policy) string {
	if p == nil {
		return ""
	}
	typ := func(sc ast.Scope) string {
		switch sc.Op {
		case ast.ScopeIs, ast.ScopeIsIn:
			return string(sc.Type)
		case ast.ScopeEq:
			if sc.Entity.Slot == ast.NoSlot {
				return string(sc.Entity.UID.Type)
			}
		}
		return ""
	}
	pt, rt := typ(p.Principal), typ(p.Resource)
	if pt == "" || rt == "" {
		return ""
	}
	return " appliesTo { principal: " + pt + ", resource: " + rt + " }"
}

// validatorSuggestions are the suggestions of the validator's diagnostics
// at off, for a policy that parses.
func validatorSuggestions(f *File, off int, k *Knowledge) []string {
	if k.validator() == nil {
		return nil
	}
	pf := f.Policies()
	p := pf.PolicyAt(off)
	if p == nil {
		return nil
	}
	res := k.validator().ValidatePolicy(p)
	var out []string
	for _, d := range append(res.Errors, res.Warnings...) {
		if Span(d.Span).Contains(off) {
			out = append(out, d.Suggestions...)
		}
	}
	return out
}

// actionSuggestionIDs turns suggested actions (`Action::"view"`) into ids.
func actionSuggestionIDs(ss []string) []string {
	var out []string
	for _, s := range ss {
		if uid, ok := parseUID(s); ok {
			out = append(out, uid.ID)
		}
	}
	return out
}

// closestNames returns up to three names nearest to s by edit distance,
// within a distance that still suggests a typo.
func closestNames(s string, names []string) []string {
	type cand struct {
		name string
		d    int
	}
	var cs []cand
	limit := max(2, len(s)/3)
	for _, n := range names {
		if n == s {
			continue
		}
		if d := editDistance(strings.ToLower(s), strings.ToLower(n)); d <= limit {
			cs = append(cs, cand{n, d})
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].d != cs[j].d {
			return cs[i].d < cs[j].d
		}
		return cs[i].name < cs[j].name
	})
	var out []string
	for i := 0; i < len(cs) && i < 3; i++ {
		out = append(out, cs[i].name)
	}
	return out
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// hasGuard wraps the conjunct holding an optional attribute access in a
// `has` test: `e.a == x` becomes `e has a && e.a == x`.
func hasGuard(f *File, t *policyTarget) *CodeAction {
	c := newPolicyCursor(f.Text, nil, t.span.Start)
	if c.kind != placeCondition {
		return nil
	}
	i := c.tokenAt()
	if i < 2 {
		return nil
	}
	recvStart := c.chainStart(i-2, c.condStart)
	if recvStart < 0 {
		return nil
	}
	recv := string(f.Text[c.toks[recvStart].Span.Start:c.toks[i-2].Span.End])
	// The conjunct starts after the nearest `&&`, `||`, `(`, `{` or `!`
	// at the same depth before the receiver.
	// Only where a Bool operand starts is the guard safe to insert: the
	// body's start, after `&&`, `||`, `!`, `if` or a grouping `(` — not
	// inside a set, a record, call arguments or a `then`/`else` value.
	depth := 0
	at := -1
	for j := recvStart - 1; j >= c.condStart-1; j-- {
		k := c.kindAt(j)
		if isClose(k) {
			depth++
			continue
		}
		if depth > 0 {
			if isOpen(k) {
				depth--
			}
			continue
		}
		switch {
		case j == c.condStart-1, k == tokAnd, k == tokOr, k == tokNot, c.is(j, "if"),
			k == token.LParen && c.kindAt(j-1) != token.Ident:
			at = c.toks[j].Span.End
		case isOpen(k), c.is(j, "then"), c.is(j, "else"):
			return nil
		default:
			continue
		}
		break
	}
	if at < 0 {
		return nil
	}
	for at < len(f.Text) && isSpace(f.Text[at]) {
		at++
	}
	guard := recv + " has " + attrKeyText(t.text) + " && "
	return &CodeAction{Title: "Guard with `" + recv + " has " + attrKeyText(t.text) + "`", Kind: ActionQuickFix,
		Edits: map[string][]TextEdit{f.URI: {{Span: Span{at, at}, NewText: guard}}}}
}

// schemaEntityDecl finds the Cedar-syntax declaration of an entity type.
func (idx *SymbolIndex) schemaEntityDecl(name types.EntityType) (*SchemaSource, *syntax.EntityDecl) {
	for _, d := range idx.x.entities[string(name)] {
		for _, s := range idx.ws.Schemas {
			if s.URI != d.URI || s.Tree == nil || s.Tree.FromJSON {
				continue
			}
			for _, ns := range s.Tree.Namespaces {
				for _, decl := range ns.Decls {
					if e, ok := decl.(*syntax.EntityDecl); ok && e.Span == d.Decl {
						return s, e
					}
				}
			}
		}
	}
	return nil, nil
}

// addAttribute adds `name: String` to an entity type's shape in its Cedar
// schema file.
func (idx *SymbolIndex) addAttribute(t types.EntityType, name, typ string) *CodeAction {
	if idx == nil {
		return nil
	}
	s, e := idx.schemaEntityDecl(t)
	if e == nil {
		return idx.addAttributeJSON(t, name, typ)
	}
	attr := attrKeyText(name) + ": " + typ
	var edit TextEdit
	if rec, ok := e.Shape.(*syntax.RecordType); ok && rec != nil {
		if len(rec.Attrs) == 0 {
			edit = TextEdit{Span: Span{rec.Span.End - 1, rec.Span.End - 1}, NewText: " " + attr + " "}
		} else {
			last := rec.Attrs[len(rec.Attrs)-1].Span.End
			indent := lineIndent(s.Text, rec.Attrs[len(rec.Attrs)-1].Span.Start)
			j := last
			for j < len(s.Text) && isSpace(s.Text[j]) {
				j++
			}
			if j < len(s.Text) && s.Text[j] == ',' {
				edit = TextEdit{Span: Span{j + 1, j + 1}, NewText: "\n" + indent + attr + ","}
			} else {
				edit = TextEdit{Span: Span{last, last}, NewText: ",\n" + indent + attr}
			}
		}
	} else if e.Shape == nil {
		at := e.Span.End - 1
		if e.Tags != nil {
			at = bytes.LastIndex(s.Text[e.Span.Start:e.Tags.TypeSpan().Start], []byte("tags")) + e.Span.Start
		}
		for at > e.Span.Start && isSpace(s.Text[at-1]) {
			at--
		}
		edit = TextEdit{Span: Span{at, at}, NewText: " { " + attr + " }"}
	} else {
		return nil
	}
	return &CodeAction{Title: "Add attribute `" + name + "` to entity type `" + string(t) + "` in the schema", Kind: ActionQuickFix,
		Edits: map[string][]TextEdit{s.URI: {edit}}}
}

func lineIndent(src []byte, off int) string {
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	i := start
	for i < off && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return string(src[start:i])
}

// addDecl adds a declaration for the qualified name to the first Cedar
// schema file: inside its namespace block when there is one, else at the
// end (in a new namespace block if needed).
func (idx *SymbolIndex) addDecl(qualified, decl, title string) *CodeAction {
	if idx == nil {
		return nil
	}
	ns := ""
	if i := strings.LastIndex(qualified, "::"); i >= 0 {
		ns = qualified[:i]
	}
	var target *SchemaSource
	for _, s := range idx.ws.Schemas {
		if s.Tree == nil || s.Tree.FromJSON {
			continue
		}
		if target == nil {
			target = s
		}
		for _, n := range s.Tree.Namespaces {
			if n.Name != nil && n.NameText() == ns {
				end := n.Span.End - 1 // the closing brace
				return &CodeAction{Title: title, Kind: ActionQuickFix,
					Edits: map[string][]TextEdit{s.URI: {{Span: Span{end, end}, NewText: "  " + decl + "\n"}}}}
			}
		}
	}
	if target == nil {
		return idx.addDeclJSON(ns, decl, title)
	}
	text := decl + "\n"
	if ns != "" {
		text = "namespace " + ns + " {\n  " + decl + "\n}\n"
	}
	end := len(target.Text)
	if end > 0 && target.Text[end-1] != '\n' {
		text = "\n" + text
	}
	return &CodeAction{Title: title, Kind: ActionQuickFix, Edits: map[string][]TextEdit{target.URI: {{Span: Span{end, end}, NewText: text}}}}
}

// schemaActions translates a schema file to the other syntax, into a new
// file beside it (or over its twin).
func schemaActions(s *Snapshot, f *File) []CodeAction {
	tree, errs := f.SchemaSyntax()
	if tree == nil || len(errs) > 0 {
		return nil
	}
	var text, target, title string
	if f.Kind == KindSchemaJSON {
		out, err := schema.ToCedar(tree)
		if err != nil {
			return nil
		}
		text, target, title = out, strings.TrimSuffix(f.Path, ".json"), "Translate the schema to the Cedar syntax"
	} else {
		out, err := schema.ToJSON(tree)
		if err != nil {
			return nil
		}
		text, target, title = string(out), f.Path+".json", "Translate the schema to the JSON syntax"
		if !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
	}
	if target == f.Path {
		return nil
	}
	uri := PathToURI(target)
	if old := s.FileAt(target); old != nil {
		return []CodeAction{{Title: title + " (replaces " + filepath.Base(target) + ")", Kind: ActionSource,
			Edits: map[string][]TextEdit{uri: {{Span: Span{0, len(old.Text)}, NewText: text}}}}}
	}
	return []CodeAction{{Title: title + " (new file " + filepath.Base(target) + ")", Kind: ActionSource,
		Creates: []FileCreate{{URI: uri, Text: text}}}}
}

// FormatWorkspace returns the edits that format every Cedar file of the
// workspace that has no errors, and the files left alone with why.
func FormatWorkspace(s *Snapshot, opts FormatOptions) (map[string][]TextEdit, []string) {
	edits := map[string][]TextEdit{}
	var skipped []string
	for _, path := range s.workspaceFiles() {
		f := s.FileAt(path)
		if f == nil {
			continue
		}
		es, err := Format(s, f.URI, opts)
		if err != nil {
			skipped = append(skipped, path+": "+err.Error())
			continue
		}
		if len(es) > 0 {
			edits[f.URI] = es
		}
	}
	return edits, skipped
}

// insertMember adds a member to a JSON object, after its last member (or
// first when it is empty).
func insertMember(src []byte, obj *jnode, member string) TextEdit {
	if len(obj.Keys) == 0 {
		at := obj.Span.Start + 1
		return TextEdit{Span: Span{at, at}, NewText: member}
	}
	last := obj.Keys[len(obj.Keys)-1]
	at := last.Span.End
	if last.Val != nil {
		at = last.Val.Span.End
	}
	return TextEdit{Span: Span{at, at}, NewText: ", " + member}
}

// jsonSchemaNamespace finds a namespace object in a JSON-syntax schema.
func (idx *SymbolIndex) jsonSchemaNamespace(ns string) (*SchemaSource, *jnode) {
	for _, s := range idx.ws.Schemas {
		if s.Tree == nil || !s.Tree.FromJSON {
			continue
		}
		root := parseJSONSpans(s.Text)
		if n := root.get(ns); n != nil && n.Kind == 'o' {
			return s, n
		}
	}
	return nil, nil
}

// addAttributeJSON adds `"name": {"type": "String"}` to an entity type's
// shape in a JSON-syntax schema.
func (idx *SymbolIndex) addAttributeJSON(t types.EntityType, name, typ string) *CodeAction {
	ns, local := "", string(t)
	if i := strings.LastIndex(local, "::"); i >= 0 {
		ns, local = local[:i], local[i+2:]
	}
	s, n := idx.jsonSchemaNamespace(ns)
	if n == nil {
		return nil
	}
	e := n.get("entityTypes").get(local)
	if e == nil || e.Kind != 'o' {
		return nil
	}
	jsonType := map[string]string{"String": `{"type": "String"}`, "Long": `{"type": "Long"}`, "Bool": `{"type": "Boolean"}`}[typ]
	attr := jsonQuote(name) + ": " + jsonType
	var edit TextEdit
	switch shape := e.get("shape"); {
	case shape == nil:
		edit = insertMember(s.Text, e, `"shape": {"type": "Record", "attributes": {`+attr+`}}`)
	case shape.get("attributes") != nil && shape.get("attributes").Kind == 'o':
		edit = insertMember(s.Text, shape.get("attributes"), attr)
	default:
		return nil // a common-type shape: the attribute belongs there
	}
	return &CodeAction{Title: "Add attribute `" + name + "` to entity type `" + string(t) + "` in the schema", Kind: ActionQuickFix,
		Edits: map[string][]TextEdit{s.URI: {edit}}}
}

// addDeclJSON adds an entity type (`entity X;`) or an action (`action
// "a" …;`) to a JSON-syntax schema's namespace.
func (idx *SymbolIndex) addDeclJSON(ns, decl, title string) *CodeAction {
	s, n := idx.jsonSchemaNamespace(ns)
	if n == nil {
		return nil
	}
	var key, member string
	switch {
	case strings.HasPrefix(decl, "entity "):
		key = "entityTypes"
		member = jsonQuote(strings.TrimSuffix(strings.TrimPrefix(decl, "entity "), ";")) + ": {}"
	case strings.HasPrefix(decl, "action "):
		key = "actions"
		f, errs := schema.ParseCedar([]byte(decl))
		if len(errs) > 0 || len(f.Namespaces) == 0 || len(f.Namespaces[0].Decls) == 0 {
			return nil
		}
		a := f.Namespaces[0].Decls[0].(*syntax.ActionDecl)
		body := "{}"
		if at := a.AppliesTo; at != nil {
			list := func(ps []*syntax.Path) string {
				var q []string
				for _, p := range ps {
					q = append(q, jsonQuote(p.Text))
				}
				return "[" + strings.Join(q, ", ") + "]"
			}
			body = `{"appliesTo": {"principalTypes": ` + list(at.Principals) + `, "resourceTypes": ` + list(at.Resources) + `}}`
		}
		member = jsonQuote(a.Names[0].Value) + ": " + body
	default:
		return nil
	}
	obj := n.get(key)
	var edit TextEdit
	if obj == nil || obj.Kind != 'o' {
		edit = insertMember(s.Text, n, jsonQuote(key)+": {"+member+"}")
	} else {
		edit = insertMember(s.Text, obj, member)
	}
	return &CodeAction{Title: title, Kind: ActionQuickFix, Edits: map[string][]TextEdit{s.URI: {edit}}}
}

// usedAs guesses the type of an attribute from how the policy uses the
// access ending at span: compared with a string, a number or a Bool
// literal, ordered, matched with `like`; String otherwise.
func usedAs(src []byte, span source.Span) string {
	c := newPolicyCursor(src, nil, span.End)
	i := c.tokenAt()
	if i < 0 {
		return "String"
	}
	next := func(k int) token.Token {
		if k < len(c.toks) {
			return c.toks[k]
		}
		return token.Token{}
	}
	op := next(i + 1)
	switch op.Kind {
	case token.Less, token.LessEq, token.Greater, token.GreaterEq, token.Plus, token.Minus, token.Star:
		return "Long"
	case token.Eq, token.NotEq:
		switch v := next(i + 2); {
		case v.Kind == token.Int:
			return "Long"
		case v.Is(src, "true"), v.Is(src, "false"):
			return "Bool"
		}
	case token.And, token.Or:
		return "Bool"
	}
	if op.Is(src, "like") {
		return "String"
	}
	if prev := c.kindAt(i - 2); c.kindAt(i-1) == token.Dot && (prev == token.Ident || prev == token.RBracket) {
		// `… && e.flag }`: the access ends a conjunct.
		if k := next(i + 1).Kind; k == token.RBrace {
			if c.kindAt(c.chainStart(i, c.condStart)-1) == token.And {
				return "Bool"
			}
		}
	}
	return "String"
}
