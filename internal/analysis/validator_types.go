package analysis

import (
	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/validate"
	"github.com/cedar-ls/cedar-ls/internal/token"
)

// chainTypes types the operand of tokens [s, e] of a condition. With a
// validator it asks the validator, on a repaired copy of the policy (its
// text up to the end of the operand, brackets closed), so the types are
// the validator's per request environment, narrowed as it narrows (`is`,
// `has` and `&&`, `if`, the action's appliesTo; an environment in which
// the operand is never evaluated does not count). Otherwise, or when the
// repaired policy does not parse, it falls back to typeEnv.
func (c *policyCursor) chainTypes(te *typeEnv, val *validate.Validator, s, e int) []schema.Type {
	if val != nil && c.kind == placeCondition && c.effect >= 0 {
		if ts, ok := c.validatorTypes(te, val, s, e); ok && len(ts) > 0 {
			return ts
		}
	}
	return te.typeOf(c.exprBetween(s, e))
}

func (c *policyCursor) validatorTypes(te *typeEnv, val *validate.Validator, s, e int) ([]schema.Type, bool) {
	start := c.toks[c.effect].Span.Start
	var stack []token.Kind
	for i := c.effect; i <= e; i++ {
		switch k := c.kindAt(i); k {
		case token.LParen, token.LBracket, token.LBrace:
			stack = append(stack, k)
		case token.RParen, token.RBracket, token.RBrace:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	text := append([]byte(nil), c.src[start:c.toks[e].Span.End]...)
	for i := len(stack) - 1; i >= 0; i-- {
		text = append(text, map[token.Kind]string{token.LParen: ")", token.LBracket: "]", token.LBrace: "}"}[stack[i]]...)
	}
	text = append(text, ';')
	f, errs := parse.Policies(text)
	if len(errs) > 0 || len(f.Policies) != 1 {
		return nil, false
	}
	want := source.Span{Start: c.toks[s].Span.Start - start, End: c.toks[e].Span.End - start}
	var out []schema.Type
	found := false
	for _, typing := range val.PolicyTypes(f.Policies[0]) {
		for node, t := range typing.Types {
			if node.Loc() != want {
				continue
			}
			if _, isParen := node.(*ast.Paren); isParen {
				continue
			}
			found = true
			for _, st := range fromValidatorType(te, t) {
				out = addType(out, st)
			}
		}
	}
	if found {
		out = declaredRecords(out, te.typeOf(c.exprBetween(s, e)))
	}
	return out, found
}

// fromValidatorType converts a validator type to schema types. Entity
// types map to their declarations (with the attributes' @doc and spans);
// records the validator built keep the declared record when typeEnv finds
// the same one.
func fromValidatorType(te *typeEnv, t *validate.Type) []schema.Type {
	if t == nil {
		return nil
	}
	switch t.Kind {
	case validate.KindEntity:
		var out []schema.Type
		for _, et := range t.Entities {
			out = append(out, schema.EntityRef{Name: et})
		}
		return out
	case validate.KindRecord:
		r := &schema.Record{Attrs: map[string]*schema.Attribute{}}
		for name, a := range t.Attrs {
			var at schema.Type
			if ts := fromValidatorType(te, a.Type); len(ts) > 0 {
				at = ts[0]
			}
			r.Attrs[name] = &schema.Attribute{Type: at, Required: a.Required}
		}
		return []schema.Type{r}
	case validate.KindSet:
		var elem schema.Type
		if ts := fromValidatorType(te, t.Elem); len(ts) > 0 {
			elem = ts[0]
		}
		return []schema.Type{schema.Set{Elem: elem}}
	case validate.KindExtension:
		return []schema.Type{schema.Extension{Name: t.Ext}}
	case validate.KindBool:
		return []schema.Type{schema.Primitive{Kind: schema.Bool}}
	case validate.KindLong:
		return []schema.Type{schema.Primitive{Kind: schema.Long}}
	case validate.KindString:
		return []schema.Type{schema.Primitive{Kind: schema.String}}
	}
	return nil
}

// declaredRecords replaces records built by the validator with the
// declared records typeEnv finds for the same operand (same attribute
// names), so attribute docs and declarations stay available.
func declaredRecords(ts, declared []schema.Type) []schema.Type {
	var out []schema.Type
	for _, t := range ts {
		r, ok := t.(*schema.Record)
		if ok {
			for _, d := range declared {
				if dr, ok := d.(*schema.Record); ok && sameKeys(r, dr) {
					t = dr
					break
				}
			}
		}
		out = addType(out, t)
	}
	return out
}

func sameKeys(a, b *schema.Record) bool {
	if len(a.Attrs) != len(b.Attrs) {
		return false
	}
	for k := range a.Attrs {
		if b.Attrs[k] == nil {
			return false
		}
	}
	return true
}
