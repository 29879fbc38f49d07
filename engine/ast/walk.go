package ast

// Inspect calls f for e and, while f returns true, for each of its
// sub-expressions in source order.
func Inspect(e Expr, f func(Expr) bool) {
	if e == nil || !f(e) {
		return
	}
	switch n := e.(type) {
	case *Unary:
		Inspect(n.Arg, f)
	case *Binary:
		Inspect(n.Left, f)
		Inspect(n.Right, f)
	case *Has:
		Inspect(n.Arg, f)
	case *Like:
		Inspect(n.Arg, f)
	case *Is:
		Inspect(n.Arg, f)
		Inspect(n.In, f)
	case *If:
		Inspect(n.Cond, f)
		Inspect(n.Then, f)
		Inspect(n.Else, f)
	case *GetAttr:
		Inspect(n.Arg, f)
	case *MethodCall:
		Inspect(n.Recv, f)
		for _, a := range n.Args {
			Inspect(a, f)
		}
	case *Call:
		for _, a := range n.Args {
			Inspect(a, f)
		}
	case *SetExpr:
		for _, a := range n.Elems {
			Inspect(a, f)
		}
	case *RecordExpr:
		for _, en := range n.Entries {
			Inspect(en.Value, f)
		}
	case *Paren:
		Inspect(n.Inner, f)
	}
}
