package analysis

import (
	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/internal/token"
)

// condition completes inside `when { … }` / `unless { … }`.
func (cc *completer) condition() {
	c := cc.c
	te := cc.typeEnvAt()
	if c.str >= 0 {
		cc.conditionString(te)
		return
	}
	prev := c.before - 1
	if prev < c.condStart {
		cc.defaults()
		return
	}
	switch c.kindAt(prev) {
	case token.Dot:
		// Only right after the dot: `principal. x` is not a member access
		// being typed.
		if c.toks[prev].Span.End != cc.replace.Start {
			return
		}
		cc.afterDot(te, prev)
		return
	case token.DoubleColon:
		return
	case token.Eq, token.NotEq:
		cc.afterComparison(te, prev, false)
		return
	case token.LBracket, token.Comma:
		if o := cc.enclosingBracket(prev); o >= 0 && c.is(o-1, "in") {
			cc.afterComparison(te, o-1, true)
			return
		}
		cc.defaults()
		return
	case token.Ident:
		switch c.text(prev) {
		case "has":
			if s := c.chainStart(prev-1, c.condStart); s >= 0 {
				cc.attributes(c.chainTypes(te, cc.k.validator(), s, prev-1), false, -1)
			}
			return
		case "is":
			cc.isTypes(te, prev)
			return
		case "in":
			cc.afterComparison(te, prev, false)
			return
		}
	}
	if c.endsOperand(prev) {
		if c.word >= 0 {
			for _, op := range []string{"has", "in", "is", "like"} {
				cc.add(CompletionItem{Label: op, Kind: CompleteKeyword, Doc: keywordDocs[op]})
			}
		}
		return
	}
	cc.defaults()
}

// enclosingBracket returns the index of the `[` that encloses token i (a
// `[` or `,` inside a set literal), -1 if none.
func (cc *completer) enclosingBracket(i int) int {
	c := cc.c
	depth := 0
	for j := i; j >= c.condStart; j-- {
		switch c.kindAt(j) {
		case token.RParen, token.RBracket, token.RBrace:
			depth++
		case token.LParen, token.LBrace:
			if depth == 0 {
				return -1
			}
			depth--
		case token.LBracket:
			if depth == 0 {
				return j
			}
			depth--
		}
	}
	return -1
}

// typeEnvAt types the policy around the cursor: its scope, narrowed by the
// `var is T &&` tests before the cursor in the same condition.
func (cc *completer) typeEnvAt() *typeEnv {
	c := cc.c
	te := newTypeEnv(cc.v, c.scopePolicy(-1))
	narrowByIs(c, te, c.condStart, c.before)
	return te
}

// narrowByIs applies the `principal is T` / `resource is T` tests found in
// tokens [from, to) that are not separated from the end by `||`.
func narrowByIs(c *policyCursor, te *typeEnv, from, to int) {
	for i := from; i+2 < to; i++ {
		if !c.is(i+1, "is") || c.kindAt(i+2) != token.Ident || c.kindAt(i-1) == token.Dot {
			continue
		}
		var v ast.Var
		switch c.text(i) {
		case "principal":
			v = ast.VarPrincipal
		case "resource":
			v = ast.VarResource
		default:
			continue
		}
		j := i + 2
		for c.kindAt(j+1) == token.DoubleColon && c.kindAt(j+2) == token.Ident {
			j += 2
		}
		or := false
		for k := j + 1; k < to; k++ {
			if c.kindAt(k) == token.Or {
				or = true
			}
		}
		if !or {
			te.narrow(v, types.EntityType(c.src[c.toks[i+2].Span.Start:c.toks[j].Span.End]))
		}
	}
}

// afterDot completes a member after the dot at index dot.
func (cc *completer) afterDot(te *typeEnv, dot int) {
	c := cc.c
	// `e has a.b.` continues an attribute path.
	j := dot - 1
	var path []string
	for c.kindAt(j) == token.Ident {
		path = append([]string{c.text(j)}, path...)
		if c.kindAt(j-1) != token.Dot {
			break
		}
		j -= 2
	}
	if len(path) > 0 && c.is(j-1, "has") {
		if s := c.chainStart(j-2, c.condStart); s >= 0 {
			ts := c.chainTypes(te, cc.k.validator(), s, j-2)
			for _, p := range path {
				var next []schema.Type
				for _, t := range ts {
					if a := cc.v.attrsOf(t)[p]; a != nil {
						next = addType(next, a.Type)
					}
				}
				ts = next
			}
			cc.attributes(ts, false, -1)
		}
		return
	}
	s := c.chainStart(dot-1, c.condStart)
	if s < 0 {
		return
	}
	ts := c.chainTypes(te, cc.k.validator(), s, dot-1)
	cc.guarded = guardedAttrs(c, s, dot-1)
	cc.attributes(ts, true, dot)
}

// attributes proposes the attributes of the types (and with methods set,
// their methods). dot indexes the `.` before the word, so that keys that
// are not identifiers can be rewritten to `["key"]`.
func (cc *completer) attributes(ts []schema.Type, withMethods bool, dot int) {
	seen := map[string]bool{}
	for _, t := range ts {
		attrs := cc.v.attrsOf(t)
		for _, name := range sortedKeys(attrs) {
			if seen[name] {
				continue
			}
			seen[name] = true
			a := attrs[name]
			it := CompletionItem{Label: name, Kind: CompleteAttribute, Detail: attrDetail(a), Doc: attrDoc(t, name, a)}
			if !a.Required && cc.guarded[name] {
				it.Detail = typeString(a.Type) + " (optional, checked by has)"
			}
			if !ast.IsPlainIdent(name) {
				q := types.Quote(name)
				if dot >= 0 {
					it.InsertText = "[" + q + "]"
					it.Replace = Span{Start: cc.c.toks[dot].Span.Start, End: cc.replace.End}
					it.FilterText = "." + name
				} else {
					it.InsertText = q
				}
			}
			cc.add(it)
		}
		if !withMethods {
			continue
		}
		var ms []*builtin
		switch t := t.(type) {
		case schema.Set:
			ms = methodsOf("Set")
		case schema.Extension:
			ms = methodsOf(t.Name)
		case schema.EntityRef:
			if cc.v != nil {
				if e := cc.v.s.Entities[t.Name]; e != nil && e.Tags != nil {
					ms = methodsOf("entity")
				}
			}
		}
		for _, m := range ms {
			if seen[m.Name+"()"] {
				continue
			}
			seen[m.Name+"()"] = true
			cc.add(CompletionItem{Label: m.Name, Kind: CompleteMethod, Snippet: true, InsertText: m.snippet(), Detail: m.Signature(), Doc: m.Doc})
		}
	}
}

func attrDetail(a *schema.Attribute) string {
	s := typeString(a.Type)
	if !a.Required {
		s += " (optional)"
	}
	return s
}

// attrDoc documents an attribute: where it is declared, whether it is
// required, its @doc annotation.
func attrDoc(owner schema.Type, name string, a *schema.Attribute) string {
	s := "`" + attrKeyText(name) + "`: `" + typeString(a.Type) + "`"
	if r, ok := owner.(schema.EntityRef); ok {
		s += " — attribute of entity type `" + string(r.Name) + "`"
	}
	if a.Required {
		s += ", required"
	} else {
		s += ", optional: guard it with `has`"
	}
	if d := a.Annotations["doc"]; d != "" {
		s += "\n\n" + d
	}
	return s
}

// conditionString completes inside a string of a condition: the id of an
// entity literal, or the key of `e["…"]`.
func (cc *completer) conditionString(te *typeEnv) {
	c := cc.c
	if t, ok := cc.literalType(); ok {
		cc.replace = cc.stringContent()
		cc.ids(t)
		return
	}
	if c.kindAt(c.str-1) == token.LBracket && c.endsOperand(c.str-2) {
		if s := c.chainStart(c.str-2, c.condStart); s >= 0 {
			cc.replace = cc.stringContent()
			for _, it := range cc.attrItems(c.chainTypes(te, cc.k.validator(), s, c.str-2)) {
				it.InsertText = escapeID(it.Label)
				cc.add(it)
			}
		}
	}
}

func (cc *completer) attrItems(ts []schema.Type) []CompletionItem {
	saved := cc.items
	cc.items = nil
	cc.attributes(ts, false, -1)
	out := cc.items
	cc.items = saved
	return out
}

// isTypes completes the entity type after `is`.
func (cc *completer) isTypes(te *typeEnv, is int) {
	if cc.v == nil {
		return
	}
	ts := cc.v.entityTypes
	c := cc.c
	if c.kindAt(is-2) != token.Dot {
		switch {
		case c.is(is-1, "principal") && len(te.principals) > 0:
			ts = te.principals
		case c.is(is-1, "resource") && len(te.resources) > 0:
			ts = te.resources
		}
	}
	for _, t := range ts {
		cc.add(CompletionItem{Label: string(t), Kind: CompleteEntityType, Detail: "entity type"})
	}
}

// afterComparison completes the right side of `==`, `!=` or `in` (op
// indexes the operator); inSet is set inside `in [ … ]`.
func (cc *completer) afterComparison(te *typeEnv, op int, inSet bool) {
	c := cc.c
	isIn := c.is(op, "in")
	var lhs []schema.Type
	if s := c.chainStart(op-1, c.condStart); s >= 0 {
		lhs = te.typeOf(c.exprBetween(s, op-1))
	}
	var ets []types.EntityType
	action := false
	for _, t := range lhs {
		if r, ok := t.(schema.EntityRef); ok {
			if isActionType(r.Name) {
				action = true
			} else {
				ets = append(ets, r.Name)
			}
		}
	}
	if !action && c.is(op-1, "action") {
		action = true
	}
	switch {
	case action:
		o := "=="
		if isIn {
			o = "in"
			if inSet {
				o = "["
			}
		}
		cc.actionLiterals(o, false)
	case cc.v == nil || len(ets) > 0:
		cc.entityLiterals(ets, isIn, true)
	}
	cc.vars()
}

func (cc *completer) vars() {
	for _, v := range []string{"principal", "action", "resource", "context"} {
		cc.add(CompletionItem{Label: v, Kind: CompleteVariable})
	}
}

// defaults proposes what may start an expression.
func (cc *completer) defaults() {
	cc.vars()
	cc.add(CompletionItem{Label: "true", Kind: CompleteKeyword})
	cc.add(CompletionItem{Label: "false", Kind: CompleteKeyword})
	cc.add(CompletionItem{Label: "if … then … else …", Kind: CompleteSnippet, Snippet: true, InsertText: "if ${1:true} then ${2:true} else ${3:false}", Doc: keywordDocs["if"]})
	for _, f := range extensionFunctions {
		cc.add(CompletionItem{Label: f.Name, Kind: CompleteFunction, Snippet: true, InsertText: f.snippet(), Detail: f.Signature(), Doc: f.Doc})
	}
}

// actionDoc summarizes an action: its groups and what it applies to.
func actionDoc(v *schemaView, a *schema.Action) string {
	s := "action `" + a.UID.String() + "`"
	if len(a.Principals) > 0 {
		s += "\n\napplies to principals " + joinTypes(a.Principals) + " and resources " + joinTypes(a.Resources)
	} else if v.groups[a.UID] {
		s += " (action group)"
	}
	if len(a.MemberOf) > 0 {
		var gs []string
		for _, g := range a.MemberOf {
			gs = append(gs, "`"+g.String()+"`")
		}
		s += "\n\nmember of " + join(gs)
	}
	if d := a.Annotations["doc"]; d != "" {
		s += "\n\n" + d
	}
	return s
}

func joinTypes(ts []types.EntityType) string {
	var out []string
	for _, t := range ts {
		out = append(out, "`"+string(t)+"`")
	}
	return join(out)
}

func join(ss []string) string {
	s := ""
	for i, x := range ss {
		if i > 0 {
			s += ", "
		}
		s += x
	}
	return s
}

// guardedAttrs finds the attributes a `has` test before the cursor checks
// on the same receiver as tokens [s, e] (`e has a && … e.` guards `a`),
// unless an `||` comes between.
func guardedAttrs(c *policyCursor, s, e int) map[string]bool {
	recv := c.tokensText(s, e)
	out := map[string]bool{}
	for h := c.condStart; h < s; h++ {
		if !c.is(h, "has") || h+1 >= s {
			continue
		}
		cs := c.chainStart(h-1, c.condStart)
		if cs < 0 || c.tokensText(cs, h-1) != recv {
			continue
		}
		or := false
		for k := h + 1; k < s; k++ {
			if c.kindAt(k) == token.Or {
				or = true
			}
		}
		if or {
			continue
		}
		name := c.text(h + 1)
		if c.kindAt(h+1) == token.String {
			v, err := token.Unquote([]byte(name))
			if err != nil {
				continue
			}
			name = v
		}
		out[name] = true
	}
	return out
}

// tokensText is the text of tokens [s, e] without the space between them.
func (c *policyCursor) tokensText(s, e int) string {
	var b []byte
	for i := s; i <= e && i < len(c.toks); i++ {
		b = append(b, c.toks[i].Bytes(c.src)...)
	}
	return string(b)
}
