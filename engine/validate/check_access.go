package validate

import (
	"maps"
	"slices"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/source"
)

// attrOf looks attr up in an entity or record type. found is false when
// the attribute is declared nowhere; for entity unions it must be declared
// on every member.
func (c *checker) attrOf(t *Type, attr string) (a Attr, found bool) {
	if t.Kind == KindRecord {
		a, found = t.Attrs[attr]
		return a, found
	}
	for i, et := range t.Entities {
		var ea Attr
		ok := false
		var shape *Type
		if sc := t.shape; sc != nil && len(t.Entities) == 1 {
			shape = sc.record
		} else {
			shape = c.shape(et)
		}
		if shape != nil {
			ea, ok = shape.Attrs[attr]
		}
		if !ok {
			return Attr{}, false
		}
		if i == 0 {
			a = ea
			continue
		}
		l, why := lub(a.Type, ea.Type, c.strict)
		if why != lubOK {
			return Attr{}, false
		}
		a = Attr{Type: l, Required: a.Required && ea.Required}
	}
	return a, len(t.Entities) > 0
}

func (c *checker) getAttr(n *ast.GetAttr, span source.Span, t *Type, caps capSet) *Type {
	switch t.Kind {
	case KindError:
		return typeError
	case KindEntity, KindRecord:
	default:
		c.errorf(span, KindUnexpectedType, "unexpected type: expected %s but saw %s", entityOrRec, t)
		return typeError
	}
	a, found := c.attrOf(t, n.Attr)
	if !found {
		if t.Kind == KindRecord && t.Open {
			return typeError
		}
		c.errorf(span, KindUnsafeAttributeAccess, "attribute `%s` %s not found", n.Attr, c.describe(n.Arg, t))
		c.errs[len(c.errs)-1].suggest(n.Attr, c.attrNames(t))
		return typeError
	}
	if !a.Required && !caps.has(c.key(n.Arg), n.Attr, false) {
		c.errorf(span, KindUnsafeOptionalAttributeAccess, "unable to guarantee safety of access to optional attribute `%s` %s", n.Attr, c.describe(n.Arg, t))
	}
	return a.Type
}

// describe names the entity type or context an attribute is looked up
// in, as official's messages do.
func (c *checker) describe(arg ast.Expr, t *Type) string {
	if v, ok := ast.Unparen(arg).(*ast.VarExpr); ok && v.Var == ast.VarContext {
		return "in context for " + c.env.Action.String()
	}
	if t.Kind == KindEntity {
		return "on entity type `" + t.String() + "`"
	}
	return "in record type `" + t.String() + "`"
}

func (c *checker) checkHas(n *ast.Has, caps capSet) (*Type, capSet) {
	t, _ := c.check(n.Arg, caps)
	keys := c.hasPathKeys(n)
	result := True
	var out capSet
	for i, attr := range n.Path {
		key := keys[i]
		switch t.Kind {
		case KindError:
			return typeBool, nil
		case KindEntity, KindRecord:
		default:
			c.unexpected(n.Arg, t, entityOrRec)
			return typeBool, nil
		}
		a, found := c.attrOf(t, attr)
		switch {
		case !found && t.Kind == KindRecord && t.Open:
			result = AnyBool
			return typeBool, out
		case !found:
			return typeFalse, nil
		case t.Kind == KindRecord && a.Required:
		case caps.has(key, attr, false) || out.has(key, attr, false):
		default:
			result = AnyBool
			out = append(out, capability{key: key, attr: attr})
		}
		t = a.Type
	}
	return boolType(result), out
}

// tagType is the tag type shared by the entity types, nil if none has tags.
func (c *checker) tagType(t *Type) *Type {
	var out *Type
	for _, et := range t.Entities {
		tt := c.idx.tags[et]
		if tt == nil {
			continue
		}
		if out == nil {
			out = tt
		} else if l, why := lub(out, tt, c.strict); why == lubOK {
			out = l
		}
	}
	return out
}

// attrNames lists the attributes an entity or record type declares, sorted
// (for an entity union, those of any member), the candidates official
// Cedar suggests from for a misspelled attribute.
func (c *checker) attrNames(t *Type) []string {
	set := map[string]bool{}
	if t.Kind == KindRecord {
		for k := range t.Attrs {
			set[k] = true
		}
	}
	for _, et := range t.Entities {
		if shape := c.shape(et); shape != nil {
			for k := range shape.Attrs {
				set[k] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(set))
}
