package analysis

import (
	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// typeEnv types expressions of a policy that need not parse as a whole:
// the receiver of a `.` being completed, the chain under a hover. It
// follows the validator's typing rules for the expressions it covers
// (variables per request environment, attributes, literals, extension calls
// and methods); several alternatives come back when the environments
// disagree (e.g. `resource` of several types).
type typeEnv struct {
	v          *schemaView // nil without a schema
	principals []types.EntityType
	resources  []types.EntityType
	actions    []types.EntityUID
	// envs are the scope's request environments (before any narrowing).
	envs []env
}

// newTypeEnv builds the environments of a scope.
func newTypeEnv(v *schemaView, p *ast.Policy) *typeEnv {
	te := &typeEnv{v: v}
	if v == nil || p == nil {
		return te
	}
	ps, rs, as := map[types.EntityType]bool{}, map[types.EntityType]bool{}, map[types.EntityUID]bool{}
	te.envs = v.envs(p)
	for _, e := range te.envs {
		if !ps[e.Principal] {
			ps[e.Principal] = true
			te.principals = append(te.principals, e.Principal)
		}
		if !rs[e.Resource] {
			rs[e.Resource] = true
			te.resources = append(te.resources, e.Resource)
		}
		if !as[e.Action] {
			as[e.Action] = true
			te.actions = append(te.actions, e.Action)
		}
	}
	te.principals, te.resources = sortedTypes(ps), sortedTypes(rs)
	return te
}

// narrow restricts a variable's types to t (after `var is t &&`).
func (te *typeEnv) narrow(v ast.Var, t types.EntityType) {
	keep := func(ts []types.EntityType) []types.EntityType {
		for _, x := range ts {
			if x == t {
				return []types.EntityType{t}
			}
		}
		if te.v != nil && te.v.s.Entities[t] != nil && len(ts) == 0 {
			return []types.EntityType{t}
		}
		return ts
	}
	switch v {
	case ast.VarPrincipal:
		te.principals = keep(te.principals)
	case ast.VarResource:
		te.resources = keep(te.resources)
	}
}

func entityRefs(ts []types.EntityType) []schema.Type {
	out := make([]schema.Type, 0, len(ts))
	for _, t := range ts {
		out = append(out, schema.EntityRef{Name: t})
	}
	return out
}

// varTypes is the type of a request variable in the environments.
func (te *typeEnv) varTypes(v ast.Var) []schema.Type {
	switch v {
	case ast.VarPrincipal:
		return entityRefs(te.principals)
	case ast.VarResource:
		return entityRefs(te.resources)
	case ast.VarAction:
		var out []schema.Type
		for _, a := range te.actions {
			out = addType(out, schema.EntityRef{Name: a.Type})
		}
		return out
	case ast.VarContext:
		var out []schema.Type
		if te.v == nil {
			return nil
		}
		for _, a := range te.actions {
			out = addType(out, te.v.contextOf(a))
		}
		return out
	}
	return nil
}

// typeOf returns the possible types of e (nil when unknown).
func (te *typeEnv) typeOf(e ast.Expr) []schema.Type {
	switch e := e.(type) {
	case *ast.Paren:
		return te.typeOf(e.Inner)
	case *ast.VarExpr:
		return te.varTypes(e.Var)
	case *ast.EntityLit:
		return []schema.Type{schema.EntityRef{Name: e.UID.Type}}
	case *ast.Literal:
		switch e.Value.(type) {
		case types.Bool:
			return []schema.Type{schema.Primitive{Kind: schema.Bool}}
		case types.Long:
			return []schema.Type{schema.Primitive{Kind: schema.Long}}
		case types.String:
			return []schema.Type{schema.Primitive{Kind: schema.String}}
		}
	case *ast.GetAttr:
		var out []schema.Type
		for _, t := range te.typeOf(e.Arg) {
			if a := te.v.attrsOf(t)[e.Attr]; a != nil {
				out = addType(out, a.Type)
			}
		}
		return out
	case *ast.RecordExpr:
		r := &schema.Record{Attrs: map[string]*schema.Attribute{}}
		for _, en := range e.Entries {
			var t schema.Type
			if ts := te.typeOf(en.Value); len(ts) > 0 {
				t = ts[0]
			}
			r.Attrs[en.Key] = &schema.Attribute{Type: t, Required: true, Span: en.KeySpan}
		}
		return []schema.Type{r}
	case *ast.SetExpr:
		var elem schema.Type
		for _, x := range e.Elems {
			if ts := te.typeOf(x); len(ts) > 0 {
				elem = ts[0]
				break
			}
		}
		return []schema.Type{schema.Set{Elem: elem}}
	case *ast.Call:
		if b := lookupFunction(e.Name); b != nil {
			return []schema.Type{schema.Extension{Name: b.Result}}
		}
	case *ast.MethodCall:
		switch e.Name {
		case "getTag":
			var out []schema.Type
			for _, t := range te.typeOf(e.Recv) {
				if r, ok := t.(schema.EntityRef); ok && te.v != nil {
					if en := te.v.s.Entities[r.Name]; en != nil && en.Tags != nil {
						out = addType(out, en.Tags)
					}
				}
			}
			return out
		}
		if b := lookupMethod(e.Name); b != nil {
			return []schema.Type{resultType(b.Result)}
		}
	case *ast.If:
		return te.typeOf(e.Then)
	case *ast.Binary:
		switch e.Op {
		case ast.OpAdd, ast.OpSub, ast.OpMul:
			return []schema.Type{schema.Primitive{Kind: schema.Long}}
		}
		return []schema.Type{schema.Primitive{Kind: schema.Bool}}
	case *ast.Unary:
		if e.Op == ast.OpNeg {
			return []schema.Type{schema.Primitive{Kind: schema.Long}}
		}
		return []schema.Type{schema.Primitive{Kind: schema.Bool}}
	case *ast.Has, *ast.Is, *ast.Like:
		return []schema.Type{schema.Primitive{Kind: schema.Bool}}
	}
	return nil
}

func resultType(name string) schema.Type {
	switch name {
	case "Bool":
		return schema.Primitive{Kind: schema.Bool}
	case "Long":
		return schema.Primitive{Kind: schema.Long}
	case "String":
		return schema.Primitive{Kind: schema.String}
	}
	return schema.Extension{Name: name}
}

// attrOwners lists, for an attribute access, each receiver type that
// declares the attribute with its declaration.
type attrOwner struct {
	Owner schema.Type
	Attr  *schema.Attribute
}

func (te *typeEnv) attrOwners(recv ast.Expr, name string) []attrOwner {
	var out []attrOwner
	for _, t := range te.typeOf(recv) {
		if a := te.v.attrsOf(t)[name]; a != nil {
			out = append(out, attrOwner{t, a})
		}
	}
	return out
}
