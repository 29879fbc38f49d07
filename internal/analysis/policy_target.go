package analysis

import (
	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/internal/token"
)

// targetKind is what the token under a cursor in a policy is.
type targetKind uint8

const (
	targetNone targetKind = iota
	targetVar
	targetAttr
	targetEntityType
	targetNamespace
	targetAction
	targetEntity // the id of an entity literal
	targetFunction
	targetMethod
	targetKeyword
	targetLiteral
)

// policyTarget is the thing under a cursor in a policy, resolved from
// tokens so that it works in a policy that does not parse.
type policyTarget struct {
	kind    targetKind
	span    source.Span
	text    string
	v       ast.Var
	te      *typeEnv
	scope   *ast.Policy
	owners  []attrOwner // targetAttr
	uid     types.EntityUID
	recv    []schema.Type // targetMethod: the receiver's types
	inScope bool
}

// tokenAt returns the index of the token under off: the one containing it,
// else the one ending at it; -1 if none.
func (c *policyCursor) tokenAt() int {
	end := -1
	for i, t := range c.toks {
		if t.Span.Start <= c.off && c.off < t.Span.End {
			// A name ending at the cursor wins over punctuation after it.
			if end >= 0 && t.Span.Start == c.off && t.Kind != token.Ident && t.Kind != token.String {
				if k := c.toks[end].Kind; k == token.Ident || k == token.String {
					return end
				}
			}
			return i
		}
		if t.Span.End == c.off {
			end = i
		}
		if t.Span.Start > c.off {
			break
		}
	}
	return end
}

// resolvePolicyTarget finds what is under off.
func resolvePolicyTarget(src []byte, f *ast.File, off int, k *Knowledge) *policyTarget {
	c := newPolicyCursor(src, f, off)
	if c.kind != placeScope && c.kind != placeCondition && c.kind != placeTopLevel {
		return nil
	}
	i := c.tokenAt()
	if i < 0 {
		return nil
	}
	cc := &completer{c: c, k: k, v: k.view()}
	t := &policyTarget{span: c.toks[i].Span, text: c.text(i), inScope: c.kind == placeScope}
	t.scope = c.scopePolicy(-1)
	if c.kind == placeCondition {
		t.te = newTypeEnv(cc.v, t.scope)
		narrowByIs(c, t.te, c.condStart, i)
	} else {
		t.te = newTypeEnv(cc.v, t.scope)
	}
	stop := c.condStart
	if c.kind != placeCondition {
		stop = 0
	}
	tok := c.toks[i]
	switch tok.Kind {
	case token.Int:
		t.kind = targetLiteral
		t.text = "Long"
		return t
	case token.String:
		if c.kindAt(i-1) == token.DoubleColon {
			j := i - 1
			for c.kindAt(j) == token.DoubleColon && c.kindAt(j-1) == token.Ident {
				j -= 2
			}
			typ := types.EntityType(c.src[c.toks[j+1].Span.Start:c.toks[i-2].Span.End])
			id, err := token.Unquote(c.src[tok.Span.Start:tok.Span.End])
			if err != nil {
				return nil
			}
			t.uid = types.NewEntityUID(typ, id)
			t.kind = targetEntity
			if isActionType(typ) {
				t.kind = targetAction
			}
			return t
		}
		t.kind = targetLiteral
		t.text = "String"
		return t
	case token.Ident:
	default:
		if keywordDocs[t.text] != "" {
			t.kind = targetKeyword
			return t
		}
		return nil
	}
	word := t.text
	prevDot := c.kindAt(i-1) == token.Dot
	switch {
	case prevDot && c.kindAt(i+1) == token.LParen:
		t.kind = targetMethod
		if s := c.chainStart(i-2, stop); s >= 0 {
			t.recv = c.chainTypes(t.te, k.validator(), s, i-2)
		}
		return t
	case prevDot:
		// `e has a.b` path segment, or `e.attr`.
		if ts, ok := cc.hasPathTypes(t.te, i, stop); ok {
			t.kind = targetAttr
			t.recv = ts
			t.owners = ownersIn(cc.v, ts, word)
			return t
		}
		t.kind = targetAttr
		if s := c.chainStart(i-2, stop); s >= 0 {
			t.recv = c.chainTypes(t.te, k.validator(), s, i-2)
			t.owners = ownersIn(cc.v, t.recv, word)
		}
		return t
	case c.is(i-1, "has"):
		t.kind = targetAttr
		if s := c.chainStart(i-2, stop); s >= 0 {
			t.recv = c.chainTypes(t.te, k.validator(), s, i-2)
			t.owners = ownersIn(cc.v, t.recv, word)
		}
		return t
	}
	// A path: `A::B::C` followed by `::"id"` (an entity literal) or after
	// `is` (an entity type).
	first, last := i, i
	for c.kindAt(first-1) == token.DoubleColon && c.kindAt(first-2) == token.Ident {
		first -= 2
	}
	for c.kindAt(last+1) == token.DoubleColon && c.kindAt(last+2) == token.Ident {
		last += 2
	}
	isLit := c.kindAt(last+1) == token.DoubleColon && c.kindAt(last+2) == token.String
	if isLit || c.is(first-1, "is") || last > first {
		path := string(c.src[c.toks[first].Span.Start:c.toks[last].Span.End])
		if i < last {
			t.kind = targetNamespace
			t.text = string(c.src[c.toks[first].Span.Start:c.toks[i].Span.End])
			t.span = source.Span{Start: c.toks[first].Span.Start, End: c.toks[i].Span.End}
			return t
		}
		t.text = path
		t.span = source.Span{Start: c.toks[first].Span.Start, End: c.toks[last].Span.End}
		if isLit && isActionType(types.EntityType(path)) {
			id, err := token.Unquote(c.src[c.toks[last+2].Span.Start:c.toks[last+2].Span.End])
			if err == nil {
				t.kind = targetAction
				t.uid = types.NewEntityUID(types.EntityType(path), id)
				return t
			}
		}
		t.kind = targetEntityType
		return t
	}
	switch word {
	case "principal", "action", "resource", "context":
		t.kind = targetVar
		t.v = map[string]ast.Var{"principal": ast.VarPrincipal, "action": ast.VarAction, "resource": ast.VarResource, "context": ast.VarContext}[word]
		return t
	}
	if c.kindAt(i+1) == token.LParen && lookupFunction(word) != nil {
		t.kind = targetFunction
		return t
	}
	if keywordDocs[word] != "" {
		t.kind = targetKeyword
		return t
	}
	return nil
}

// hasPathTypes types the receiver of segment i of a `has a.b.c` path.
func (cc *completer) hasPathTypes(te *typeEnv, i, stop int) ([]schema.Type, bool) {
	c := cc.c
	j := i
	var path []string
	for c.kindAt(j-1) == token.Dot && c.kindAt(j-2) == token.Ident {
		j -= 2
		path = append([]string{c.text(j)}, path...)
	}
	if !c.is(j-1, "has") {
		return nil, false
	}
	s := c.chainStart(j-2, stop)
	if s < 0 {
		return nil, true
	}
	ts := te.typeOf(c.exprBetween(s, j-2))
	for _, p := range path {
		var next []schema.Type
		for _, t := range ts {
			if a := cc.v.attrsOf(t)[p]; a != nil {
				next = addType(next, a.Type)
			}
		}
		ts = next
	}
	return ts, true
}

func ownersIn(v *schemaView, ts []schema.Type, name string) []attrOwner {
	var out []attrOwner
	for _, t := range ts {
		if a := v.attrsOf(t)[name]; a != nil {
			out = append(out, attrOwner{t, a})
		}
	}
	return out
}

// policyCursorSymbol resolves the symbol at off in a policy file from its
// tokens: for the definition of a variable it returns the targets
// directly.
func (idx *SymbolIndex) policyCursorSymbol(p *PolicySource, off int) ([]symKey, []DefTarget) {
	k := &Knowledge{Schema: idx.ws.Schema, Validator: idx.ws.Validator}
	t := resolvePolicyTarget(p.Text, p.File, off, k)
	if t == nil {
		return nil, nil
	}
	switch t.kind {
	case targetVar:
		return nil, idx.varDefinition(t)
	case targetAttr:
		var keys []symKey
		for _, o := range t.owners {
			keys = append(keys, idx.x.attrKeys(t.text, o.Attr)...)
		}
		return keys, nil
	case targetEntityType:
		return []symKey{{Kind: SymEntityType, Name: t.text}}, nil
	case targetNamespace:
		return []symKey{{Kind: SymNamespace, Name: t.text}}, nil
	case targetAction:
		return []symKey{{Kind: SymAction, Name: t.uid.String()}}, nil
	case targetEntity:
		return []symKey{{Kind: SymEntity, Name: t.uid.String()}}, nil
	}
	return nil, nil
}

// varDefinition is the definition of a request variable: the declarations
// of the entity types it may have, of the actions the scope names (all
// actions when it names none), or of the contexts of those actions.
func (idx *SymbolIndex) varDefinition(t *policyTarget) []DefTarget {
	var keys []symKey
	switch t.v {
	case ast.VarPrincipal:
		for _, e := range t.te.principals {
			keys = append(keys, symKey{Kind: SymEntityType, Name: string(e)})
		}
	case ast.VarResource:
		for _, e := range t.te.resources {
			keys = append(keys, symKey{Kind: SymEntityType, Name: string(e)})
		}
	case ast.VarAction:
		a := t.scope.Action
		switch a.Op {
		case ast.ScopeEq, ast.ScopeIn:
			keys = append(keys, symKey{Kind: SymAction, Name: a.Entity.UID.String()})
		case ast.ScopeInSet:
			for _, e := range a.Entities {
				keys = append(keys, symKey{Kind: SymAction, Name: e.UID.String()})
			}
		default:
			for name := range idx.x.actions {
				keys = append(keys, symKey{Kind: SymAction, Name: name})
			}
		}
	case ast.VarContext:
		var out []DefTarget
		seen := map[DefTarget]bool{}
		for _, a := range t.te.actions {
			for _, d := range idx.x.actionContexts[a.String()] {
				dt := DefTarget{d.URI, Span(d.Name), Span(d.Decl)}
				if !seen[dt] {
					seen[dt] = true
					out = append(out, dt)
				}
			}
		}
		sortTargets(out)
		return out
	}
	return idx.declsOf(keys)
}

func unquoteCedar(s string) (string, error) {
	v, err := token.Unquote([]byte(s))
	if err != nil {
		return "", err
	}
	return v, nil
}
