package format

import (
	"strconv"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// policy lays out one policy: annotations one per line, the head, each
// condition on its own line, then `;`.
func (p *printer) policy(pol *ast.Policy) *doc {
	var buf [32]*doc
	parts := buf[:0]
	// Comments before the policy go above it, outside every group.
	if i := p.index(p.after(pol.Span.Start)); i >= 0 && len(p.leading(i)) > 0 {
		for _, c := range p.leading(i) {
			parts = append(parts, p.text(c.text), hardline)
		}
		p.notes[p.toks[i].notes-1].leading = nil
	}
	for _, a := range pol.Annotations {
		parts = append(parts, p.words(a.Span), hardline)
	}
	effect := p.tok(pol.EffectSpan.Start)
	lparen := p.after(pol.EffectSpan.End)
	scopes := [3]*ast.Scope{&pol.Principal, &pol.Action, &pol.Resource}
	trivial := true
	for _, s := range scopes {
		if s.Op != ast.ScopeAll {
			trivial = false
		}
	}
	// The separators: `,` after principal and action, `)` after resource
	// (skipping the trailing comma official Cedar accepts).
	comma1 := p.after(pol.Principal.Span.End)
	comma2 := p.after(pol.Action.Span.End)
	var closeParen *doc
	if rparen := p.after(pol.Resource.Span.End); rparen >= 0 && p.src[rparen] == ',' {
		closeParen = p.closeAfterComma(rparen, p.after(rparen+1))
	} else {
		closeParen = p.tok(rparen)
	}
	if trivial {
		// After a comma ending its line with a comment, the next scope
		// starts its line without the separating space.
		sep := func(comma int) *doc {
			if i := p.index(comma); i >= 0 && p.trailing(i) != "" {
				return nilDoc
			}
			return space
		}
		// A comment after `resource` ends its line unindented: official
		// Cedar puts the `)` that follows at the head's indentation.
		res, resTrail := p.tokApart(pol.Resource.VarSpan.Start, "resource")
		parts = append(parts, p.hoistedGroup(effect, line, p.tok(lparen)),
			p.nest(p.indent, p.scope(scopes[0]), p.tok(comma1), sep(comma1),
				p.scope(scopes[1]), p.tok(comma2), sep(comma2), res),
			resTrail, closeParen)
	} else {
		parts = append(parts, p.hoistedGroup(effect, line, p.tok(lparen)),
			p.nest(p.indent, hardline, p.scope(scopes[0]), p.tok(comma1),
				hardline, p.scope(scopes[1]), p.tok(comma2),
				hardline, p.scope(scopes[2])),
			hardline, closeParen)
	}
	for i := range pol.Conditions {
		parts = append(parts, hardline, p.condition(&pol.Conditions[i]))
	}
	parts = append(parts, p.tok(p.last(pol.Span.End)))
	return p.cat(parts...)
}

// closeAfterComma prints the `)` of a policy head written with a trailing
// comma. Official Cedar prints the comma's comments as the `)`'s and drops
// those of the `)` itself; they are kept here, after the comma's: the
// leading ones before `)`, a trailing one after the comma's (on a line of
// its own when the comma has one).
func (p *printer) closeAfterComma(comma, rparen int) *doc {
	ci, ri := p.index(comma), p.index(rparen)
	if ri < 0 || p.toks[ci].notes == 0 && p.toks[ri].notes == 0 {
		return p.tok(rparen)
	}
	p.toks[ci].printed, p.toks[ri].printed = true, true
	var parts []*doc
	if leading := append(append([]comment(nil), p.leading(ci)...), p.leading(ri)...); len(leading) > 0 {
		parts = append(parts, p.commentsDoc(leading))
	}
	parts = append(parts, p.text(")"))
	first, second := p.trailing(ci), p.trailing(ri)
	if first == "" {
		first, second = second, ""
	}
	if first != "" {
		parts = append(parts, space, p.text(first), hardline)
	}
	if second != "" {
		parts = append(parts, p.text(second), hardline)
	}
	return p.cat(parts...)
}

func (p *printer) scope(s *ast.Scope) *doc {
	v := p.tok(s.VarSpan.Start)
	opOff := p.after(s.VarSpan.End)
	switch s.Op {
	case ast.ScopeEq, ast.ScopeIn:
		return p.hoistedGroup(p.hoistedGroup(v, line, p.tok(opOff)), p.nest(p.indent, line, p.words(s.Entity.Span)))
	case ast.ScopeIs:
		return p.scopeIs(s, v, opOff)
	case ast.ScopeIsIn:
		inOff := p.after(s.TypeSpan.End)
		return p.hoistedGroup(p.hoistedGroup(p.scopeIs(s, v, opOff), line, p.tok(inOff)),
			p.nest(p.indent, line, p.words(s.Entity.Span)))
	case ast.ScopeInSet:
		lb := p.after(p.rangeEnd(opOff))
		set := []*doc{p.tok(lb)}
		var elems []*doc
		for i, e := range s.Entities {
			if i > 0 {
				elems = append(elems, p.tok(p.after(s.Entities[i-1].Span.End)), line)
			}
			elems = append(elems, p.words(e.Span))
		}
		set = append(set, p.nest(1, elems...), p.tok(p.last(s.Span.End)))
		return p.hoistedGroup(p.hoistedGroup(v, line, p.tok(opOff)), p.nest(p.indent, line, p.group(set...)))
	}
	return v
}

func (p *printer) scopeIs(s *ast.Scope, v *doc, isOff int) *doc {
	return p.hoistedGroup(p.hoistedGroup(v, p.nest(p.indent, line, p.tok(isOff))), p.nest(p.indent, line, p.words(s.TypeSpan)))
}

// rangeEnd is the end offset of the token starting at off.
func (p *printer) rangeEnd(off int) int {
	if i := p.index(off); i >= 0 {
		return p.toks[i].tok.Span.End
	}
	return off
}

func (p *printer) condition(c *ast.Condition) *doc {
	lb := p.after(c.KeywordSpan.End)
	rb := p.last(c.Span.End)
	return p.cat(p.tok(c.KeywordSpan.Start), p.group(line, p.group(p.tok(lb),
		p.nest(p.indent, line, p.hoistedGroup(p.expr(c.Body))), line, p.tok(rb))))
}

// The expression printers follow Cedar's grammar levels (Expr, Or, And,
// Relation, Add, Mult, Unary, Member, Primary): official Cedar groups
// each Add and Mult chain,
// each `has`/`like`/`is` and each member access chain.

func (p *printer) expr(e ast.Expr) *doc {
	if n, ok := e.(*ast.If); ok {
		thenOff := p.after(n.Cond.Loc().End)
		elseOff := p.after(n.Then.Loc().End)
		return p.group(p.tok(n.Span.Start), p.nest(p.indent, line, p.expr(n.Cond)),
			line, p.tok(thenOff), p.nest(p.indent, line, p.expr(n.Then)),
			line, p.tok(elseOff), p.nest(p.indent, line, p.expr(n.Else)))
	}
	// An Or chain has no group of its own: it breaks with the enclosing
	// one (the condition's braces, a member's brackets or arguments).
	return p.chain(e, isOr, p.and)
}

func isOr(op ast.BinaryOp) bool  { return op == ast.OpOr }
func isAnd(op ast.BinaryOp) bool { return op == ast.OpAnd }
func isAdd(op ast.BinaryOp) bool { return op == ast.OpAdd || op == ast.OpSub }
func isMul(op ast.BinaryOp) bool { return op == ast.OpMul }

// chain prints a left-associative chain of the operators `is` accepts,
// each operator ending its line when the enclosing group breaks.
func (p *printer) chain(e ast.Expr, is func(ast.BinaryOp) bool, item func(ast.Expr) *doc) *doc {
	var ops []*ast.Binary
	for {
		b, ok := e.(*ast.Binary)
		if !ok || !is(b.Op) {
			break
		}
		ops = append(ops, b)
		e = b.Left
	}
	var buf [16]*doc
	parts := append(buf[:0], item(e))
	for i := len(ops) - 1; i >= 0; i-- {
		b := ops[i]
		parts = append(parts, space, p.tokAs(b.OpSpan.Start, b.Op.String()), line, item(b.Right))
	}
	return p.cat(parts...)
}

func (p *printer) and(e ast.Expr) *doc { return p.chain(e, isAnd, p.relation) }

func (p *printer) relation(e ast.Expr) *doc {
	switch n := e.(type) {
	case *ast.Binary:
		switch n.Op {
		case ast.OpEq, ast.OpNotEq, ast.OpLess, ast.OpLessEq, ast.OpGreater, ast.OpGreaterEq, ast.OpIn:
			return p.cat(p.add(n.Left), space, p.tokAs(n.OpSpan.Start, n.Op.String()), space, p.add(n.Right))
		}
	case *ast.Has:
		return p.group(p.add(n.Arg), line, p.tok(p.after(n.Arg.Loc().End)), line, p.hasPath(n))
	case *ast.Like:
		return p.group(p.add(n.Arg), line, p.tok(p.after(n.Arg.Loc().End)), line, p.tok(n.PatSpan.Start))
	case *ast.Is:
		parts := []*doc{p.add(n.Arg), space, p.tok(p.after(n.Arg.Loc().End)), space, p.words(n.TypeSpan)}
		if n.In != nil {
			parts = append(parts, line, p.tok(p.after(n.TypeSpan.End)), space, p.nest(p.indent, p.add(n.In)))
		}
		return p.group(parts...)
	}
	return p.add(e)
}

// hasPath prints the attribute path after `has` like a member chain:
// `a.b` stays together, each further `.c` may start a line, nested twice.
func (p *printer) hasPath(n *ast.Has) *doc {
	if len(n.Path) < 3 {
		return p.words(n.PathSpan)
	}
	first := p.index(p.after(n.PathSpan.Start))
	if first < 0 {
		return p.words(n.PathSpan)
	}
	// Tokens: name (. name)*; the first three print together.
	head := p.words(source.Span{Start: p.toks[first].tok.Span.Start, End: p.toks[first+2].tok.Span.End})
	var rest []*doc
	for i := first + 3; i+1 < len(p.toks) && p.toks[i+1].tok.Span.End <= n.PathSpan.End; i += 2 {
		rest = append(rest, softline, p.tok(p.toks[i].tok.Span.Start), p.tok(p.toks[i+1].tok.Span.Start))
	}
	return p.group(head, p.nest(2*p.indent, rest...))
}

func (p *printer) add(e ast.Expr) *doc {
	if b, ok := e.(*ast.Binary); ok && isAdd(b.Op) {
		return p.group(p.chain(e, isAdd, p.mult))
	}
	return p.mult(e)
}

func (p *printer) mult(e ast.Expr) *doc {
	if b, ok := e.(*ast.Binary); ok && isMul(b.Op) {
		return p.group(p.chain(e, isMul, p.unary))
	}
	return p.unary(e)
}

func (p *printer) unary(e ast.Expr) *doc {
	if u, ok := e.(*ast.Unary); ok {
		op := "!"
		if u.Op == ast.OpNeg {
			op = "-"
		}
		return p.cat(p.tokAs(u.Span.Start, op), p.unary(u.Arg))
	}
	return p.member(e)
}

// member prints a primary followed by its accesses (`.f`, `[k]`,
// `(args)`): the first access stays on the primary's line, the others
// start lines of their own when the chain does not fit.
func (p *printer) member(e ast.Expr) *doc {
	var accBuf, restBuf [16]*doc
	accesses := accBuf[:0] // outermost first
	var primary *doc
	for primary == nil {
		switch n := e.(type) {
		case *ast.GetAttr:
			if n.Bracket {
				lb := p.after(n.Arg.Loc().End)
				accesses = append(accesses, p.cat(p.tok(lb), p.tok(n.AttrSpan.Start), p.tok(p.last(n.Span.End))))
			} else {
				accesses = append(accesses, p.cat(p.tok(p.after(n.Arg.Loc().End)), p.tok(n.AttrSpan.Start)))
			}
			e = n.Arg
		case *ast.MethodCall:
			accesses = append(accesses, p.args(n.NameSpan.End, n.Args, n.Span.End),
				p.cat(p.tok(p.after(n.Recv.Loc().End)), p.tok(n.NameSpan.Start)))
			e = n.Recv
		case *ast.Call:
			accesses = append(accesses, p.args(n.NameSpan.End, n.Args, n.Span.End))
			primary = p.words(n.NameSpan)
		default:
			primary = p.primary(e)
		}
	}
	if len(accesses) == 0 {
		return p.hoistedGroup(primary)
	}
	switch e.(type) {
	case *ast.RecordExpr, *ast.Paren:
		// A record literal or parenthesized expression keeps its own
		// layout decision: `{ a: 1 }.a` and `(a || b).c` stay flat while
		// the accesses after them break (a set literal does not).
		primary = p.hoistedGroup(primary)
	}
	rest := append(restBuf[:0], accesses[len(accesses)-1])
	for i := len(accesses) - 2; i >= 0; i-- {
		rest = append(rest, softline, accesses[i])
	}
	return p.hoistedGroup(primary, p.nest(p.indent, rest...))
}

// args prints a call's argument list, which starts after the callee that
// ends at calleeEnd and ends with the `)` ending before end.
func (p *printer) args(calleeEnd int, args []ast.Expr, end int) *doc {
	lp, rp := p.tok(p.after(calleeEnd)), p.tok(p.last(end))
	if len(args) == 0 {
		return p.cat(lp, rp)
	}
	return p.cat(lp, p.nest(p.indent, softline, p.list(args)), softline, rp)
}

// list prints expressions separated by `,` and a line break or space.
func (p *printer) list(es []ast.Expr) *doc {
	parts := make([]*doc, 0, 3*len(es))
	for i, x := range es {
		if i > 0 {
			parts = append(parts, p.tok(p.after(es[i-1].Loc().End)), line)
		}
		parts = append(parts, p.expr(x))
	}
	return p.cat(parts...)
}

func (p *printer) primary(e ast.Expr) *doc {
	switch n := e.(type) {
	case *ast.Literal:
		if l, ok := n.Value.(types.Long); ok {
			// Official Cedar prints the number, not its spelling (`007` is
			// 7). A negative literal is two tokens, `-` and the digits,
			// each printed with its comments (`-0` stays `-0`).
			if p.src[n.Span.Start] == '-' {
				digits := p.after(n.Span.Start + 1)
				return p.cat(p.tokAs(n.Span.Start, "-"), p.tokAs(digits, strconv.FormatUint(-uint64(l), 10)))
			}
			return p.tokAs(n.Span.Start, strconv.FormatInt(int64(l), 10))
		}
		return p.tok(n.Span.Start)
	case *ast.EntityLit:
		return p.words(n.Span)
	case *ast.VarExpr, *ast.SlotExpr:
		return p.tok(n.Loc().Start)
	case *ast.Paren:
		return p.cat(p.tok(n.Span.Start), p.nest(1, p.expr(n.Inner)), p.tok(p.last(n.Span.End)))
	case *ast.SetExpr:
		lb, rb := p.tok(n.Span.Start), p.tok(p.last(n.Span.End))
		if len(n.Elems) == 0 {
			return p.cat(lb, rb)
		}
		return p.cat(lb, p.nest(1, p.list(n.Elems)), rb)
	case *ast.RecordExpr:
		lb, rb := p.tok(n.Span.Start), p.tok(p.last(n.Span.End))
		if len(n.Entries) == 0 {
			return p.cat(lb, rb)
		}
		parts := make([]*doc, 0, 5*len(n.Entries))
		for i, en := range n.Entries {
			if i > 0 {
				parts = append(parts, p.tok(p.after(n.Entries[i-1].Value.Loc().End)), line)
			}
			parts = append(parts, p.tok(en.KeySpan.Start), p.tok(p.after(en.KeySpan.End)), space, p.expr(en.Value))
		}
		return p.cat(lb, p.nest(p.indent, line, p.cat(parts...)), line, rb)
	}
	// Not a primary (only a hand-built tree lacks the parentheses): keep
	// the meaning by adding them.
	return p.cat(p.text("("), p.nest(1, p.expr(e)), p.text(")"))
}
