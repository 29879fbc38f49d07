package parse

import (
	"strconv"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/internal/token"
)

// reserved are the identifiers official Cedar rejects as attribute names,
// record keys, `has` paths and entity type path components.
func reserved(b []byte) bool {
	switch string(b) {
	case "true", "false", "if", "then", "else", "in", "is", "like", "has", "__cedar":
		return true
	}
	return false
}

// checkIdent reports an identifier that cannot be used as a name.
func (p *parser) checkIdent(t token.Token) {
	if b := p.text(t); reserved(b) {
		if string(b) == "__cedar" {
			p.errorf(t.Span, "`__cedar` is reserved and cannot be used as a name")
		} else {
			p.errorf(t.Span, "`%s` is a reserved word and cannot be used as a name", b)
		}
	}
}

// extensionFunctions are the functions official Cedar knows.
var extensionFunctions = map[string]bool{"decimal": true, "ip": true, "datetime": true, "duration": true}

// methodArity maps each method official Cedar knows to its argument
// count; -1 marks extension methods, whose arity official Cedar checks
// only when evaluating or validating.
var methodArity = map[string]int{
	"contains": 1, "containsAll": 1, "containsAny": 1, "isEmpty": 0, "hasTag": 1, "getTag": 1,
	"lessThan": -1, "lessThanOrEqual": -1, "greaterThan": -1, "greaterThanOrEqual": -1,
	"isIpv4": -1, "isIpv6": -1, "isLoopback": -1, "isMulticast": -1, "isInRange": -1,
	"offset": -1, "durationSince": -1, "toDate": -1, "toTime": -1,
	"toDays": -1, "toHours": -1, "toMinutes": -1, "toSeconds": -1, "toMilliseconds": -1,
}

func (p *parser) expr() ast.Expr {
	p.depth++
	if p.depth > MaxNesting {
		p.failf(p.tok.Span, "expression nested too deeply: more than %d levels", MaxNesting)
	}
	var e ast.Expr
	if p.isWord("if") {
		e = p.ifExpr()
	} else {
		e = p.or()
	}
	p.depth--
	return e
}

func (p *parser) ifExpr() ast.Expr {
	start := p.tok.Span.Start
	p.next()
	cond := p.expr()
	if !p.isWord("then") {
		p.unexpected("`then` after the `if` condition")
	}
	p.next()
	then := p.expr()
	if !p.isWord("else") {
		p.unexpected("`else` after `if … then …`")
	}
	p.next()
	els := p.expr()
	return &ast.If{At: ast.At{Span: source.Span{Start: start, End: els.Loc().End}}, Cond: cond, Then: then, Else: els}
}

func (p *parser) binary(op ast.BinaryOp, l, r ast.Expr, opSpan source.Span) ast.Expr {
	node := p.nodes.binary.new()
	*node = ast.Binary{At: ast.At{Span: l.Loc().Cover(r.Loc())}, Op: op, Left: l, Right: r, OpSpan: opSpan}
	return node
}

func (p *parser) or() ast.Expr {
	l := p.and()
	for p.tok.Kind == token.Or {
		opSpan := p.tok.Span
		p.next()
		l = p.binary(ast.OpOr, l, p.and(), opSpan)
	}
	return l
}

func (p *parser) and() ast.Expr {
	l := p.relation()
	for p.tok.Kind == token.And {
		opSpan := p.tok.Span
		p.next()
		l = p.binary(ast.OpAnd, l, p.relation(), opSpan)
	}
	return l
}

// relOp reports whether the current token is a relational operator.
func (p *parser) relOp() (ast.BinaryOp, bool) {
	switch p.tok.Kind {
	case token.Eq:
		return ast.OpEq, true
	case token.NotEq:
		return ast.OpNotEq, true
	case token.Less:
		return ast.OpLess, true
	case token.LessEq:
		return ast.OpLessEq, true
	case token.Greater:
		return ast.OpGreater, true
	case token.GreaterEq:
		return ast.OpGreaterEq, true
	case token.Ident:
		if p.isWord("in") {
			return ast.OpIn, true
		}
	}
	return 0, false
}

func (p *parser) relation() ast.Expr {
	l := p.add()
	if op, ok := p.relOp(); ok {
		opSpan := p.tok.Span
		p.next()
		l = p.binary(op, l, p.add(), opSpan)
		if _, again := p.relOp(); again {
			p.failf(p.tok.Span, "relational operators do not chain: add parentheses to make the order explicit before %s", p.describe(p.tok))
		}
		return l
	}
	switch {
	case p.tok.Kind == token.Assign:
		p.failf(p.tok.Span, "`=` is not a Cedar operator; use `==` to compare")
	case p.isWord("has"):
		return p.has(l)
	case p.isWord("like"):
		p.next()
		if p.tok.Kind != token.String {
			p.unexpected("a string literal pattern after `like`")
			return &ast.Like{At: ast.At{Span: source.Span{Start: l.Loc().Start, End: p.end()}}, Arg: l, PatSpan: p.tok.Span}
		}
		t := p.tok
		pat, err := unquotePattern(p.text(t))
		if err != nil {
			p.errorf(source.Span{Start: t.Span.Start + err.Start, End: t.Span.Start + err.End}, "%s", err.Error())
		}
		p.next()
		return &ast.Like{At: ast.At{Span: source.Span{Start: l.Loc().Start, End: t.Span.End}}, Arg: l, Pattern: pat, PatSpan: t.Span}
	case p.isWord("is"):
		p.next()
		typ, typSpan := p.typeName()
		is := &ast.Is{Arg: l, Type: typ, TypeSpan: typSpan}
		if p.isWord("in") {
			p.next()
			is.In = p.add()
			is.Span = source.Span{Start: l.Loc().Start, End: is.In.Loc().End}
		} else {
			is.Span = source.Span{Start: l.Loc().Start, End: typSpan.End}
		}
		return is
	}
	return l
}

// has parses the right side of `has`: a string literal or a dotted path
// of identifiers.
func (p *parser) has(l ast.Expr) ast.Expr {
	p.next()
	h := &ast.Has{Arg: l}
	switch p.tok.Kind {
	case token.String:
		h.Path = []string{p.unquote(p.tok)}
		h.PathSpan = p.tok.Span
		p.next()
	case token.Ident:
		h.PathSpan.Start = p.tok.Span.Start
		for {
			p.checkIdent(p.tok)
			h.Path = append(h.Path, p.intern(p.text(p.tok)))
			p.next()
			if p.tok.Kind != token.Dot {
				break
			}
			p.next()
			if p.tok.Kind != token.Ident {
				p.unexpected("an attribute name after `.` in the `has` path")
				h.Path, h.Missing = append(h.Path, ""), true // the missing name
				break
			}
		}
		h.PathSpan.End = p.end()
	default:
		p.unexpected("an attribute name or string literal after `has`")
		h.Path, h.PathSpan, h.Missing = []string{""}, p.tok.Span, true
	}
	h.Span = source.Span{Start: l.Loc().Start, End: h.PathSpan.End}
	return h
}

func (p *parser) add() ast.Expr {
	l := p.mult()
	for {
		var op ast.BinaryOp
		switch p.tok.Kind {
		case token.Plus:
			op = ast.OpAdd
		case token.Minus:
			op = ast.OpSub
		default:
			return l
		}
		opSpan := p.tok.Span
		p.next()
		l = p.binary(op, l, p.mult(), opSpan)
	}
}

func (p *parser) mult() ast.Expr {
	l := p.unary()
	for {
		switch p.tok.Kind {
		case token.Star:
			opSpan := p.tok.Span
			p.next()
			l = p.binary(ast.OpMul, l, p.unary(), opSpan)
		case token.Slash:
			p.failf(p.tok.Span, "Cedar has no division operator")
		case token.Percent:
			p.failf(p.tok.Span, "Cedar has no remainder operator")
		default:
			return l
		}
	}
}

// unary parses up to four `!` or four `-` (not mixed, as in official
// Cedar) before a member expression. A `-` directly before an integer
// literal with no member access makes a negative literal, which is how
// -9223372036854775808 can be written.
func (p *parser) unary() ast.Expr {
	kind := p.tok.Kind
	if kind != token.Not && kind != token.Minus {
		return p.member()
	}
	var ops [maxUnary]source.Span
	n := 0
	for p.tok.Kind == kind {
		if n == maxUnary {
			p.failf(p.tok.Span, "too many %s in a row: Cedar allows at most %d", kind, maxUnary)
			break
		}
		ops[n] = p.tok.Span
		n++
		p.next()
	}
	if p.tok.Kind == token.Not || p.tok.Kind == token.Minus {
		p.failf(p.tok.Span, "%s cannot follow %s: parenthesize the inner operation", p.tok.Kind, kind)
	}
	var e ast.Expr
	if kind == token.Minus && p.tok.Kind == token.Int {
		t := p.tok
		v, tooBig := parseUint(p.text(t))
		p.next()
		if p.tok.Kind != token.Dot && p.tok.Kind != token.LBracket && v <= 1<<63 && !tooBig {
			n--
			node := p.nodes.literal.new()
			*node = ast.Literal{At: ast.At{Span: source.Span{Start: ops[n].Start, End: t.Span.End}}, Value: types.Long(-int64(v))}
			e = node
		} else {
			e = p.accesses(p.intLiteral(t, v, tooBig))
		}
	} else {
		e = p.member()
	}
	op := ast.OpNot
	if kind == token.Minus {
		op = ast.OpNeg
	}
	for i := n - 1; i >= 0; i-- {
		node := p.nodes.unary.new()
		*node = ast.Unary{At: ast.At{Span: source.Span{Start: ops[i].Start, End: e.Loc().End}}, Op: op, Arg: e}
		e = node
	}
	return e
}

// parseUint reads a run of digits; tooBig is set past 2^64-1.
func parseUint(b []byte) (v uint64, tooBig bool) {
	for _, c := range b {
		d := uint64(c - '0')
		if v > (1<<64-1-d)/10 {
			return 0, true
		}
		v = v*10 + d
	}
	return v, false
}

func (p *parser) intLiteral(t token.Token, v uint64, tooBig bool) ast.Expr {
	if tooBig || v > 1<<63-1 {
		p.errorf(t.Span, "integer literal `%s` is too large: the largest is 9223372036854775807", p.text(t))
		v = 0
	}
	node := p.nodes.literal.new()
	*node = ast.Literal{At: ast.At{Span: t.Span}, Value: types.Long(int64(v))}
	return node
}

func (p *parser) member() ast.Expr { return p.accesses(p.primary()) }

// accesses parses `.attr`, `.method(args)` and `["attr"]` after e.
func (p *parser) accesses(e ast.Expr) ast.Expr {
	for {
		switch p.tok.Kind {
		case token.Dot:
			p.next()
			if p.tok.Kind != token.Ident {
				p.unexpected("an attribute or method name after `.`")
				// An access with a missing name, ending at the error.
				node := p.nodes.getAttr.new()
				*node = ast.GetAttr{At: ast.At{Span: source.Span{Start: e.Loc().Start, End: p.end()}}, Arg: e, AttrSpan: p.tok.Span, Missing: true}
				return node
			}
			name := p.tok
			p.next()
			if p.tok.Kind == token.LParen {
				e = p.methodCall(e, name)
				continue
			}
			p.checkIdent(name)
			node := p.nodes.getAttr.new()
			*node = ast.GetAttr{At: ast.At{Span: source.Span{Start: e.Loc().Start, End: name.Span.End}}, Arg: e, Attr: p.intern(p.text(name)), AttrSpan: name.Span}
			e = node
		case token.LBracket:
			p.next()
			if p.tok.Kind != token.String {
				p.unexpected("a string literal attribute name in `[…]`")
				node := p.nodes.getAttr.new()
				*node = ast.GetAttr{At: ast.At{Span: source.Span{Start: e.Loc().Start, End: p.end()}}, Arg: e, AttrSpan: p.tok.Span, Bracket: true, Missing: true}
				return node
			}
			key := p.tok
			p.next()
			p.expect(token.RBracket, "`]` after the attribute name")
			node := p.nodes.getAttr.new()
			*node = ast.GetAttr{At: ast.At{Span: source.Span{Start: e.Loc().Start, End: p.end()}}, Arg: e, Attr: p.unquote(key), AttrSpan: key.Span, Bracket: true}
			e = node
		case token.LParen:
			p.failf(p.tok.Span, "only functions and methods can be called, as `name(…)` or `e.name(…)`")
		default:
			return e
		}
	}
}

func (p *parser) methodCall(recv ast.Expr, name token.Token) ast.Expr {
	nameText := p.text(name)
	args := p.list(token.RParen, "`)` after the method's arguments")
	m := &ast.MethodCall{At: ast.At{Span: source.Span{Start: recv.Loc().Start, End: p.end()}}, Recv: recv, Name: p.intern(nameText), NameSpan: name.Span, Args: args}
	arity, known := methodArity[string(nameText)]
	switch {
	case !known && extensionFunctions[string(nameText)]:
		p.errorf(name.Span, "`%s` is a function, not a method: call it as `%s(…)`", nameText, nameText)
	case !known:
		p.errorf(name.Span, "unknown method `%s`", nameText)
	case arity >= 0 && len(args) != arity:
		p.errorf(m.Span, "`%s` takes %s, but %s given", nameText, plural(arity, "argument"), plural(len(args), "was"))
	}
	return m
}

func plural(n int, noun string) string {
	switch {
	case noun == "was" && n == 1:
		return "1 was"
	case noun == "was":
		return strconv.Itoa(n) + " were"
	case n == 1:
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// list parses comma-separated expressions after an opening `(` or `[`
// (the current token), through the closing token; a trailing comma is
// allowed, as in official Cedar.
func (p *parser) list(closer token.Kind, what string) []ast.Expr {
	p.next()
	var items []ast.Expr
	for p.tok.Kind != closer {
		items = append(items, p.expr())
		if p.tok.Kind != token.Comma {
			break
		}
		p.next()
	}
	p.expect(closer, what)
	return items
}

func (p *parser) primary() ast.Expr {
	t := p.tok
	switch t.Kind {
	case token.Int:
		v, tooBig := parseUint(p.text(t))
		p.next()
		return p.intLiteral(t, v, tooBig)
	case token.String:
		p.next()
		node := p.nodes.literal.new()
		*node = ast.Literal{At: ast.At{Span: t.Span}, Value: types.String(p.unquote(t))}
		return node
	case token.Slot:
		p.next()
		var slot ast.Slot
		switch string(p.text(t)) {
		case "?principal":
			slot = ast.SlotPrincipal
		case "?resource":
			slot = ast.SlotResource
		default:
			p.failf(t.Span, "unknown template slot `%s`: the slots are `?principal` and `?resource`", p.text(t))
			return p.bad(t.Span.Start)
		}
		if p.inCondition {
			p.errorf(t.Span, "template slot `%s` can only be used in the policy scope", slot)
		}
		return &ast.SlotExpr{At: ast.At{Span: t.Span}, Slot: slot}
	case token.LParen:
		p.next()
		inner := p.expr()
		p.expect(token.RParen, "`)` to close the parenthesis")
		node := p.nodes.paren.new()
		*node = ast.Paren{At: ast.At{Span: source.Span{Start: t.Span.Start, End: p.end()}}, Inner: inner}
		return node
	case token.LBracket:
		elems := p.list(token.RBracket, "`,` or `]` in the set")
		return &ast.SetExpr{At: ast.At{Span: source.Span{Start: t.Span.Start, End: p.end()}}, Elems: elems}
	case token.LBrace:
		return p.record()
	case token.Ident:
		switch string(p.text(t)) {
		case "true", "false":
			p.next()
			node := p.nodes.literal.new()
			*node = ast.Literal{At: ast.At{Span: t.Span}, Value: types.Bool(p.src[t.Span.Start] == 't')}
			return node
		case "principal", "action", "resource", "context":
			if !p.mayBeFollowedByDoubleColon(t) || p.peek().Kind != token.DoubleColon {
				p.next()
				node := p.nodes.varExpr.new()
				*node = ast.VarExpr{At: ast.At{Span: t.Span}, Var: varOf(p.src[t.Span.Start])}
				return node
			}
		case "if":
			p.failf(t.Span, "an `if` expression here must be parenthesized: `(if … then … else …)`")
			return p.bad(t.Span.Start)
		case "then", "else", "in", "is", "like", "has":
			p.unexpected("an expression")
			return p.bad(t.Span.Start)
		}
		return p.pathPrimary()
	}
	p.unexpected("an expression")
	return p.bad(p.tok.Span.Start)
}

// mayBeFollowedByDoubleColon is false when the byte after t shows that
// the next token is not `::`: an ASCII byte that starts no space, comment
// or `::` (`context.n`), or the end of the input. peek is then not needed.
func (p *parser) mayBeFollowedByDoubleColon(t token.Token) bool {
	if p.noShortcuts {
		return true
	}
	if t.Span.End >= len(p.src) {
		return false
	}
	switch c := p.src[t.Span.End]; c {
	case ':', '/', ' ', '\t', '\n', '\r', '\v', '\f':
		return true
	default:
		return c >= 0x80 // perhaps a Unicode space
	}
}

func varOf(first byte) ast.Var {
	switch first {
	case 'p':
		return ast.VarPrincipal
	case 'a':
		return ast.VarAction
	case 'r':
		return ast.VarResource
	}
	return ast.VarContext
}

// name parses `ident {:: ident}` starting at the current identifier. It
// stops before a `::` that is followed by a string literal (an entity
// UID), which it reports through uidNext.
func (p *parser) name() (name string, span source.Span, uidNext bool) {
	first := p.tok
	span = first.Span
	parts := 1
	p.checkCedarReserved(first)
	p.next()
	for p.tok.Kind == token.DoubleColon {
		if p.peek().Kind == token.String {
			p.next()
			uidNext = true
			break
		}
		p.next()
		if p.tok.Kind != token.Ident {
			p.unexpected("an identifier or string literal after `::`")
		}
		p.checkIdent(p.tok)
		span.End = p.tok.Span.End
		parts++
		p.next()
	}
	raw := p.src[span.Start:span.End]
	if parts == 1 || !hasSpaceOrComment(raw) {
		return p.intern(raw), span, uidNext
	}
	return p.intern([]byte(compactPath(raw))), span, uidNext
}

// checkCedarReserved rejects `__cedar` as a path's first component (the
// other reserved words never reach a path there).
func (p *parser) checkCedarReserved(t token.Token) {
	if string(p.text(t)) == "__cedar" {
		p.errorf(t.Span, "`__cedar` is reserved and cannot be used as a name")
	}
}

func hasSpaceOrComment(b []byte) bool {
	for _, c := range b {
		if !token.IsIdentByte(c) && c != ':' {
			return true
		}
	}
	return false
}

// compactPath rebuilds `A :: B // c\n :: C` as `A::B::C`.
func compactPath(raw []byte) string {
	var b strings.Builder
	sc := token.NewScanner(raw)
	for t := sc.Next(); t.Kind != token.EOF; t = sc.Next() {
		b.Write(t.Bytes(raw))
	}
	return b.String()
}

// typeName parses the entity type after `is`.
func (p *parser) typeName() (types.EntityType, source.Span) {
	if p.tok.Kind != token.Ident {
		p.unexpected("an entity type name after `is`")
		return "", p.tok.Span
	}
	if string(p.text(p.tok)) != "__cedar" { // name() reports __cedar
		p.checkIdent(p.tok)
	}
	name, span, uidNext := p.name()
	if uidNext {
		p.failf(source.Span{Start: span.Start, End: p.tok.Span.End}, "`is` takes an entity type, not an entity; use `==` to compare with an entity")
	}
	if p.broken {
		span.End = p.end()
	}
	return types.EntityType(name), span
}

// pathPrimary parses an entity literal, an extension function call or
// reports a name that is neither.
func (p *parser) pathPrimary() ast.Expr {
	name, span, uidNext := p.name()
	if uidNext {
		t := p.tok
		p.next()
		node := p.nodes.entityLit.new()
		*node = ast.EntityLit{
			At:       ast.At{Span: source.Span{Start: span.Start, End: t.Span.End}},
			UID:      types.EntityUID{Type: types.EntityType(name), ID: p.unquote(t)},
			TypeSpan: span,
		}
		return node
	}
	if p.tok.Kind == token.LParen {
		args := p.list(token.RParen, "`)` after the function's arguments")
		switch {
		case extensionFunctions[name]:
		case methodArity[name] != 0 || name == "isEmpty":
			p.errorf(span, "`%s` is a method, not a function: call it as `e.%s(…)`", name, name)
		default:
			p.errorf(span, "unknown function `%s`", name)
		}
		return &ast.Call{At: ast.At{Span: source.Span{Start: span.Start, End: p.end()}}, Name: name, NameSpan: span, Args: args}
	}
	if p.tok.Kind == token.DoubleColon {
		p.unexpected("an identifier or string literal after `::`")
	} else {
		p.failf(span, "unknown variable `%s`: the variables are `principal`, `action`, `resource` and `context` (string literals need double quotes)", name)
	}
	return p.bad(span.Start)
}

func (p *parser) record() ast.Expr {
	start := p.tok.Span.Start
	p.next()
	var entries []ast.RecordEntry
	for p.tok.Kind != token.RBrace {
		var en ast.RecordEntry
		switch p.tok.Kind {
		case token.Ident:
			p.checkIdent(p.tok)
			en.Key = p.intern(p.text(p.tok))
		case token.String:
			en.Key = p.unquote(p.tok)
			en.Quoted = true
		default:
			p.unexpected("a record key (identifier or string literal)")
		}
		if p.broken {
			break
		}
		en.KeySpan = p.tok.Span
		p.next()
		p.expect(token.Colon, "`:` after the record key")
		en.Value = p.expr()
		for _, prev := range entries {
			if prev.Key == en.Key {
				p.errorf(en.KeySpan, "duplicate key %s in record literal", types.Quote(en.Key))
				break
			}
		}
		entries = append(entries, en)
		if p.tok.Kind != token.Comma {
			break
		}
		p.next()
	}
	p.expect(token.RBrace, "`,` or `}` in the record")
	return &ast.RecordExpr{At: ast.At{Span: source.Span{Start: start, End: p.end()}}, Entries: entries}
}
