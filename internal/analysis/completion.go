package analysis

import (
	"github.com/cedar-ls/cedar-ls/engine/source"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/engine/validate"
	"github.com/cedar-ls/cedar-ls/internal/token"
)

// CompletionKind says what a completion item is, for the editor's icon.
type CompletionKind uint8

const (
	CompleteKeyword CompletionKind = iota
	CompleteVariable
	CompleteEntityType
	CompleteAction
	CompleteEntity
	CompleteAttribute
	CompleteMethod
	CompleteFunction
	CompleteSnippet
	CompleteAnnotation
	CompleteValue
	CompleteProperty // a key in a schema or JSON file
)

// CompletionItem is one proposal. InsertText replaces Replace (the text
// being typed, possibly empty at the cursor); with Snippet set it holds
// `${n:…}` tab stops.
type CompletionItem struct {
	Label      string
	Kind       CompletionKind
	Detail     string
	Doc        string // Markdown
	InsertText string
	Snippet    bool
	Replace    Span
	// FilterText is what the editor matches the typed text against, when
	// it differs from Label (e.g. `.key` for a rewrite to `["key"]`).
	FilterText string
}

// Knowledge is what the workspace knows beyond the document: the schema
// that applies to it and the entities of its entities files.
type Knowledge struct {
	Schema *schema.Schema
	// Validator is the schema's reusable validator (nil: types come from
	// the schema alone).
	Validator *validate.Validator
	// EntityIDs lists the known entity ids of a type, from entities files
	// (schema enums are added by the features).
	EntityIDs func(types.EntityType) []string
}

func (k *Knowledge) view() *schemaView {
	if k == nil {
		return nil
	}
	return viewOf(k.Schema)
}

// knownIDs lists the ids of a type: schema enum ids, then entities-file ids.
func (k *Knowledge) knownIDs(t types.EntityType) []string {
	var out []string
	seen := map[string]bool{}
	if k == nil {
		return nil
	}
	if k.Schema != nil {
		if e := k.Schema.Entities[t]; e != nil {
			for _, id := range e.Enum {
				if !seen[id] {
					seen[id] = true
					out = append(out, id)
				}
			}
		}
	}
	if k.EntityIDs != nil {
		for _, id := range k.EntityIDs(t) {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	return out
}

// CompletePolicy proposes completions at byte offset off of a policy
// source. f holds the policies of src that parsed (nil to scan all of src);
// the policy being typed need not parse.
func CompletePolicy(src []byte, f *ast.File, off int, k *Knowledge) []CompletionItem {
	c := newPolicyCursor(src, f, off)
	cc := &completer{c: c, k: k, v: k.view()}
	cc.replace = source.Span{Start: c.off, End: c.off}
	if c.word >= 0 {
		cc.replace = c.toks[c.word].Span
	}
	switch c.kind {
	case placeTopLevel:
		if c.word >= 0 || c.str < 0 {
			cc.policySnippets()
		}
	case placeAnnotation:
		cc.annotations()
	case placeScope:
		cc.scope()
	case placeCondition:
		cc.condition()
	}
	return cc.items
}

type completer struct {
	c       *policyCursor
	k       *Knowledge
	v       *schemaView
	replace source.Span
	items   []CompletionItem
	// guarded are the optional attributes a `has` test before the cursor
	// checks on the receiver being completed.
	guarded map[string]bool
}

func (cc *completer) add(it CompletionItem) {
	if it.Replace == (Span{}) {
		it.Replace = Span(cc.replace)
	}
	if it.InsertText == "" {
		it.InsertText = it.Label
	}
	cc.items = append(cc.items, it)
}

func (cc *completer) policySnippets() {
	for _, eff := range []string{"permit", "forbid"} {
		head := eff + "(principal${1}, action${2}, resource${3})"
		cc.add(CompletionItem{Label: eff + "(…);", Kind: CompleteSnippet, Snippet: true, InsertText: head + ";", Detail: eff + " policy"})
		cc.add(CompletionItem{Label: eff + "(…) when {…};", Kind: CompleteSnippet, Snippet: true, InsertText: head + "\nwhen {\n\t${4:true}\n};", Detail: eff + " policy with a condition"})
		cc.add(CompletionItem{Label: eff + "(…) unless {…};", Kind: CompleteSnippet, Snippet: true, InsertText: head + "\nunless {\n\t${4:false}\n};", Detail: eff + " policy with an exception"})
	}
	cc.add(CompletionItem{Label: "@id", Kind: CompleteAnnotation, Snippet: true, InsertText: `@id("${1}")`, Detail: "policy id annotation"})
}

func (cc *completer) annotations() {
	for _, a := range annotationKeys {
		cc.add(CompletionItem{Label: a.Key, Kind: CompleteAnnotation, Snippet: true, InsertText: a.Key + `("${1}")`, Doc: a.Doc})
	}
}

var scopeVars = [3]string{"principal", "action", "resource"}

// scope completes inside `permit( … )`.
func (cc *completer) scope() {
	c := cc.c
	s := c.slot
	// Tokens of this constraint before the cursor.
	var toks []int
	for i := c.slotStart; i < c.before; i++ {
		toks = append(toks, i)
	}
	if c.str >= 0 {
		cc.scopeString(toks)
		return
	}
	// A constraint already written after the cursor is left alone.
	next := c.before
	if c.word >= 0 {
		next = c.word + 1
	}
	if end := c.slotEnds[s]; end >= 0 && next < end && c.kindAt(next) != token.RBracket && c.kindAt(next) != token.Comma {
		return
	}
	word := ""
	if c.word >= 0 {
		word = c.text(c.word)
	}
	if len(toks) == 0 {
		if word == scopeVars[s] {
			cc.scopeOperators(s)
			return
		}
		cc.add(CompletionItem{Label: scopeVars[s], Kind: CompleteVariable})
		return
	}
	if !c.is(toks[0], scopeVars[s]) {
		return
	}
	if len(toks) == 1 {
		cc.scopeOperators(s)
		return
	}
	op := c.text(toks[1])
	if c.kindAt(toks[len(toks)-1]) == token.DoubleColon {
		return // an entity type being typed: nothing sensible to add yet
	}
	p := c.scopePolicy(s)
	switch {
	case s == 1 && len(toks) == 2 && (op == "==" || op == "in"):
		cc.actionLiterals(op, false)
	case s == 1 && op == "in" && c.kindAt(toks[2]) == token.LBracket && c.kindAt(toks[len(toks)-1]) != token.String:
		cc.actionLiterals("[", false)
	case s != 1 && len(toks) == 2 && (op == "==" || op == "in"):
		cc.slotItem(s)
		cc.entityLiterals(cc.scopeTypes(p, s), op == "in", false)
	case s != 1 && len(toks) == 2 && op == "is":
		for _, t := range cc.scopeTypes(p, s) {
			cc.add(CompletionItem{Label: string(t), Kind: CompleteEntityType, Detail: "entity type"})
		}
	case s != 1 && len(toks) == 4 && op == "is" && c.is(toks[3], "in"):
		cc.slotItem(s)
		cc.entityLiterals([]types.EntityType{types.EntityType(c.text(toks[2]))}, true, false)
	}
}

func (cc *completer) slotItem(s int) {
	cc.add(CompletionItem{Label: "?" + scopeVars[s], Kind: CompleteVariable, Detail: "template slot"})
}

// scopeTypes are the entity types the principal (s=0) or resource (s=2)
// may have, given the policy's action constraint.
func (cc *completer) scopeTypes(p *ast.Policy, s int) []types.EntityType {
	if cc.v == nil {
		return nil
	}
	seen := map[types.EntityType]bool{}
	for _, uid := range cc.v.actions {
		if !cc.v.applies(uid) || !cc.v.actionMatches(p.Action, uid) {
			continue
		}
		a := cc.v.s.Actions[uid]
		ts := a.Principals
		if s == 2 {
			ts = a.Resources
		}
		for _, t := range ts {
			seen[t] = true
		}
	}
	return sortedTypes(seen)
}

func (cc *completer) scopeOperators(s int) {
	if s == 1 {
		cc.add(CompletionItem{Label: "==", Kind: CompleteKeyword, Snippet: true, InsertText: `== ${1:Action::""}`, Detail: "the action is exactly"})
		cc.add(CompletionItem{Label: "in", Kind: CompleteKeyword, Snippet: true, InsertText: `in ${1:ActionGroup::""}`, Detail: "the action is in a group"})
		cc.add(CompletionItem{Label: "in [ ]", Kind: CompleteKeyword, Snippet: true, InsertText: "in [${1}]", Detail: "the action is one of (or in a group of)"})
		return
	}
	cc.add(CompletionItem{Label: "==", Kind: CompleteKeyword, Snippet: true, InsertText: "== ${1:EntityId}", Detail: "exactly this entity"})
	cc.add(CompletionItem{Label: "in", Kind: CompleteKeyword, Snippet: true, InsertText: "in ${1:expression}", Detail: "this entity or a descendant"})
	cc.add(CompletionItem{Label: "is", Kind: CompleteKeyword, Snippet: true, InsertText: "is ${1:Entity}", Detail: "of this entity type"})
	cc.add(CompletionItem{Label: "is … in", Kind: CompleteKeyword, Snippet: true, InsertText: "is ${1:Entity} in ${2:EntityId}", Detail: "of this type and in this entity"})
}

// inTargets lists the types an entity of one of ts may be in (ts included).
func (cc *completer) inTargets(ts []types.EntityType) []types.EntityType {
	seen := map[types.EntityType]bool{}
	for _, t := range ts {
		seen[t] = true
		for a := range cc.v.anc[t] {
			seen[a] = true
		}
	}
	return sortedTypes(seen)
}

// entityLiterals proposes `T::"…"` for the types (or, for `in`, the types
// they may be in), plus the known entities of those types.
func (cc *completer) entityLiterals(ts []types.EntityType, in, inCondition bool) {
	if cc.v == nil {
		cc.add(CompletionItem{Label: `EntityType::"id"`, Kind: CompleteSnippet, Snippet: true, InsertText: `${1:EntityType}::"${2:id}"`, Detail: "entity literal"})
		return
	}
	if in {
		ts = cc.inTargets(ts)
	}
	for _, t := range ts {
		cc.add(CompletionItem{Label: string(t) + `::""`, Kind: CompleteEntityType, Snippet: true, InsertText: string(t) + `::"${1:entityId}"`, Detail: "entity of type " + string(t)})
		for _, id := range cc.k.knownIDs(t) {
			uid := types.NewEntityUID(t, id)
			cc.add(CompletionItem{Label: uid.String(), Kind: CompleteEntity, InsertText: uid.String(), Detail: "known entity"})
		}
	}
}

// actionLiterals proposes actions: after `==` those that apply to requests,
// after `in` the groups, in a list (`[`) all of them.
func (cc *completer) actionLiterals(op string, idOnly bool) {
	if cc.v == nil {
		if idOnly {
			return
		}
		cc.add(CompletionItem{Label: `Action::"id"`, Kind: CompleteSnippet, Snippet: true, InsertText: `${1:Action}::"${2:id}"`, Detail: "action"})
		if op == "in" {
			cc.add(CompletionItem{Label: `[Action::"id"]`, Kind: CompleteSnippet, Snippet: true, InsertText: `[${1:Action}::"${2:id}"${3}]`, Detail: "list of actions"})
		}
		return
	}
	for _, uid := range cc.v.actions {
		switch op {
		case "==":
			if !cc.v.applies(uid) {
				continue
			}
		case "in":
			if !cc.v.groups[uid] {
				continue
			}
		}
		a := cc.v.s.Actions[uid]
		detail := "action"
		if cc.v.groups[uid] {
			detail = "action group"
		}
		doc := actionDoc(cc.v, a)
		if idOnly {
			cc.add(CompletionItem{Label: uid.ID, Kind: CompleteAction, InsertText: escapeID(uid.ID), Detail: detail, Doc: doc})
			continue
		}
		cc.add(CompletionItem{Label: uid.String(), Kind: CompleteAction, Detail: detail, Doc: doc})
	}
}

// escapeID writes an id as it appears between the quotes of a literal.
func escapeID(id string) string {
	q := types.Quote(id)
	return q[1 : len(q)-1]
}

// scopeString completes inside a string of the scope: the id of an entity
// literal `T::"…"`.
func (cc *completer) scopeString(toks []int) {
	c := cc.c
	t, ok := cc.literalType()
	if !ok {
		return
	}
	cc.replace = cc.stringContent()
	if isActionType(t) && c.slot == 1 && len(toks) >= 2 {
		op := c.text(toks[1])
		if op == "in" && len(toks) > 2 && c.kindAt(toks[2]) == token.LBracket {
			op = "["
		}
		cc.actionLiterals(op, true)
		return
	}
	cc.ids(t)
}

// literalType returns the type T of a string being typed as `T::"…"`.
func (cc *completer) literalType() (types.EntityType, bool) {
	c := cc.c
	i := c.str - 1
	if c.kindAt(i) != token.DoubleColon || c.kindAt(i-1) != token.Ident {
		return "", false
	}
	j := i - 1
	for c.kindAt(j-1) == token.DoubleColon && c.kindAt(j-2) == token.Ident {
		j -= 2
	}
	return types.EntityType(c.src[c.toks[j].Span.Start:c.toks[i-1].Span.End]), true
}

// stringContent is the span between the quotes of the string being typed.
func (cc *completer) stringContent() source.Span {
	t := cc.c.toks[cc.c.str]
	end := t.Span.End
	if t.Kind == token.String && end-t.Span.Start >= 2 {
		end--
	}
	return source.Span{Start: t.Span.Start + 1, End: end}
}

func (cc *completer) ids(t types.EntityType) {
	if isActionType(t) {
		cc.actionLiterals("[", true)
		return
	}
	for _, id := range cc.k.knownIDs(t) {
		cc.add(CompletionItem{Label: id, Kind: CompleteEntity, InsertText: escapeID(id), Detail: string(t)})
	}
}
