package evaluator

import (
	"fmt"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/extension"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// builtinArity is the argument count of the methods Cedar defines on sets
// and entities; every other method is an extension method.
var builtinArity = map[string]int{
	"contains": 1, "containsAll": 1, "containsAny": 1, "isEmpty": 0,
	"hasTag": 1, "getTag": 1,
}

func compileMethod(n *ast.MethodCall) evalFn {
	recv := compile(n.Recv)
	args := make([]evalFn, len(n.Args))
	for i, a := range n.Args {
		args[i] = compile(a)
	}
	want, builtin := builtinArity[n.Name]
	if !builtin {
		return compileExtensionMethod(n, recv, args)
	}
	if len(args) != want {
		return fail(n, fmt.Sprintf("call to `%s` requires exactly %d argument(s), but got %d", n.Name, want, len(args)))
	}
	var op func(env *Env, r types.Value, a types.Value) (types.Value, error)
	switch n.Name {
	case "contains":
		op = func(_ *Env, r, a types.Value) (types.Value, error) {
			s, ok := r.(types.Set)
			if !ok {
				return nil, typeErr(n.Recv, "set", r)
			}
			return types.Bool(s.Contains(a)), nil
		}
	case "containsAll", "containsAny":
		all := n.Name == "containsAll"
		op = func(_ *Env, r, a types.Value) (types.Value, error) {
			s, ok := r.(types.Set)
			if !ok {
				return nil, typeErr(n.Recv, "set", r)
			}
			o, ok := a.(types.Set)
			if !ok {
				return nil, typeErr(n.Args[0], "set", a)
			}
			for _, el := range o.Elements() {
				if s.Contains(el) != all {
					return types.Bool(!all), nil
				}
			}
			return types.Bool(all), nil
		}
	case "isEmpty":
		op = func(_ *Env, r, _ types.Value) (types.Value, error) {
			s, ok := r.(types.Set)
			if !ok {
				return nil, typeErr(n.Recv, "set", r)
			}
			return types.Bool(s.Len() == 0), nil
		}
	case "hasTag", "getTag":
		get := n.Name == "getTag"
		op = func(env *Env, r, a types.Value) (types.Value, error) {
			e, ok := r.(types.EntityUID)
			if !ok {
				return nil, typeErr(n.Recv, anyEntity, r)
			}
			key, ok := a.(types.String)
			if !ok {
				return nil, typeErr(n.Args[0], "string", a)
			}
			ent, ok := env.store.Get(e)
			if !ok {
				if get {
					return nil, errAt(n, fmt.Sprintf("entity `%s` does not exist", displayUID(e)))
				}
				return types.False, nil
			}
			v, ok := ent.Tags.Get(string(key))
			if !get {
				return types.Bool(ok), nil
			}
			if !ok {
				return nil, errAt(n, fmt.Sprintf("`%s` does not have the tag `%s`", displayUID(e), string(key)))
			}
			return v, nil
		}
	}
	var arg evalFn
	if want == 1 {
		arg = args[0]
	}
	return func(env *Env) (types.Value, error) {
		r, err := recv(env)
		if err != nil {
			return nil, err
		}
		var a types.Value
		if arg != nil {
			if a, err = arg(env); err != nil {
				return nil, err
			}
		}
		return op(env, r, a)
	}
}

func compileExtensionMethod(n *ast.MethodCall, recv evalFn, args []evalFn) evalFn {
	name := n.Name
	return func(env *Env) (types.Value, error) {
		vals := make([]types.Value, 1+len(args))
		r, err := recv(env)
		if err != nil {
			return nil, err
		}
		vals[0] = r
		for i, f := range args {
			v, err := f(env)
			if err != nil {
				return nil, err
			}
			vals[i+1] = v
		}
		v, err := extension.Call(name, vals)
		if err != nil {
			return nil, errAt(n, err.Error())
		}
		return v, nil
	}
}
