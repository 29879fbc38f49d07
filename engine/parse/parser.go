// Package parse is cedar-ls's one Cedar policy parser. It is error
// tolerant: Policies reads a whole file in one pass, returns every policy
// it could read and every error it found, recovering at policy boundaries.
//
// Acceptance follows official Cedar 4.x (checked against cedar-wasm
// 4.13.0's parser): reserved identifiers, unknown functions and methods,
// builtin method arity, action-scope entity types, slots outside the scope,
// chained relational operators, at most four repeated unary operators and
// the 64-bit integer range (with -9223372036854775808 as one literal) are
// all parse errors, as they are in official Cedar.
package parse

import (
	"bytes"
	"fmt"
	"runtime"
	"slices"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/internal/token"
)

// MaxNesting is how deeply expressions may nest (parentheses, sets,
// records, call arguments, if-then-else). Deeper input is an error rather
// than a risk to the stack of this parser or of the tree walkers that run
// on its output. Real policies stay far below it: the official corpus
// nests at most a few dozen levels, and official Cedar's own parser
// (cedar-wasm) crashes well before 1000.
const MaxNesting = 1000

// maxUnary is how many `!` or `-` official Cedar accepts in a row.
const maxUnary = 4

// bailout unwinds the parser to the enclosing policy after a syntax error.
type bailout struct{}

type parser struct {
	src     []byte
	sc      token.Scanner
	tok     token.Token
	prevEnd int // end of the last consumed token
	errs    []source.Diagnostic
	depth   int
	// inCondition is set while parsing a when/unless body or a standalone
	// expression, where template slots are not allowed.
	inCondition bool
	// sawEffect is set once the current policy's permit/forbid is consumed;
	// recovery then may stop at the start of the next policy.
	sawEffect bool
	names     map[string]string // interned identifiers and type names
	// recentNames holds names interned lately, by a hash of their bytes
	// (see intern): most lookups of a file's few names skip the map.
	recentNames [64]string

	// tolerant is set while reading a policy file: a syntax error then
	// stops the policy where it is instead of unwinding, so the parser can
	// keep everything read so far as a partial tree (Policies). Expr and
	// EntityUID unwind with a bailout.
	tolerant bool
	// broken is set, in tolerant mode, once the current policy has a
	// syntax error. From then on the current token is a synthetic EOF at
	// the error (so every loop ends and every node under construction is
	// closed there), next and peek consume nothing, and no further error is
	// recorded: the errors are exactly those of unwinding at the first one.
	broken bool
	// stopTok is the real token the policy broke at, restored for skipping
	// the rest of the policy.
	stopTok token.Token
	// slab holds policies allocated ahead, a block at a time; npol
	// counts the policies handed out.
	slab []ast.Policy
	npol int
	// peekTok is the token peek scanned from scanner offset peekFrom up to
	// peekTo, valid while peeked: next takes it instead of scanning again.
	peekTok          token.Token
	peekFrom, peekTo int
	peeked           bool
	// literals holds the text of escape-free string literals (see
	// literal).
	literals strings.Builder
	// nodes hold the expression nodes, allocated a block at a time.
	nodes nodeSlabs
	// ids makes the default policy ids, "policy0", "policy1", … in file
	// order; nil while reading a part of a file whose first policy's
	// number is not known yet (policiesInParts).
	ids *policyIDs
	// noShortcuts turns off the shortcuts that read common forms
	// straight from the source (plainScopeEntity,
	// mayBeFollowedByDoubleColon), so tests can check they give what the
	// tokens give.
	noShortcuts bool
}

// maxPolicySlab is the most policies allocated together: one allocation
// instead of many for large files, while a kept policy pins little.
const maxPolicySlab = 16

// newPolicy returns a zero policy from the slab. Blocks double from one
// up to maxPolicySlab, so a one-policy text (an editor parses a file
// policy by policy) allocates no more than it needs.
func (p *parser) newPolicy() *ast.Policy {
	if len(p.slab) == 0 {
		p.slab = make([]ast.Policy, min(max(p.npol, 1), maxPolicySlab))
	}
	p.npol++
	pol := &p.slab[0]
	p.slab = p.slab[1:]
	return pol
}

func newParser(src []byte) *parser {
	p := &parser{src: src, names: make(map[string]string)}
	p.sc.Init(src)
	p.tok = p.sc.Next()
	return p
}

func (p *parser) next() {
	if p.broken {
		return
	}
	p.prevEnd = p.tok.Span.End
	if p.peeked && p.sc.Offset() == p.peekFrom {
		// The token peek scanned, with no comment before it.
		p.tok, p.peeked = p.peekTok, false
		p.sc.Seek(p.peekTo)
		return
	}
	p.peeked = false
	p.tok = p.sc.Next()
}

// peek returns the token after the current one without consuming anything.
func (p *parser) peek() token.Token {
	if p.broken {
		return p.tok
	}
	off, ncom := p.sc.Offset(), len(p.sc.Comments)
	if p.peeked && off == p.peekFrom {
		return p.peekTok
	}
	t := p.sc.Next()
	// Remember t for next, unless comments came before it (next must
	// then scan again to record them).
	p.peeked = len(p.sc.Comments) == ncom
	p.peekTok, p.peekFrom, p.peekTo = t, off, p.sc.Offset()
	p.sc.Seek(off)
	p.sc.Comments = p.sc.Comments[:ncom]
	return t
}

func (p *parser) text(t token.Token) []byte { return p.src[t.Span.Start:t.Span.End] }

func (p *parser) isWord(word string) bool {
	return p.tok.Kind == token.Ident && string(p.src[p.tok.Span.Start:p.tok.Span.End]) == word
}

func (p *parser) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	h := (uint(len(b))*7 + uint(b[0])*3 + uint(b[len(b)-1])) % uint(len(p.recentNames))
	if s := p.recentNames[h]; s == string(b) {
		return s
	}
	s, ok := p.names[string(b)]
	if !ok {
		s = string(b)
		p.names[s] = s
	}
	p.recentNames[h] = s
	return s
}

// errorf records an error and lets parsing continue: used where the
// syntax is fine but official Cedar rejects the construct.
func (p *parser) errorf(span source.Span, format string, args ...any) {
	if p.broken {
		return
	}
	p.errs = append(p.errs, source.Diagnostic{Span: span, Code: source.CodeParse, Message: fmt.Sprintf(format, args...)})
}

// failf records a syntax error and abandons the current policy: it
// unwinds, or in tolerant mode stops the policy at the current token (see
// parser.broken), and the caller returns what it has read.
func (p *parser) failf(span source.Span, format string, args ...any) {
	if p.broken {
		return
	}
	p.errorf(span, format, args...)
	if !p.tolerant {
		panic(bailout{})
	}
	p.broken = true
	p.stopTok = p.tok
	// The policy stops before the offending token, or after it when it is
	// an unterminated string or a stray character, which belongs to the
	// node being read (`User::"al` is an entity reference being typed).
	at := p.tok.Span.Start
	if p.tok.Kind == token.Invalid {
		at = p.tok.Span.End
	}
	p.tok = token.Token{Kind: token.EOF, Span: source.Span{Start: at, End: at}}
}

// end is where a node being closed ends: after the last token read, or at
// the syntax error when the policy broke.
func (p *parser) end() int {
	if p.broken {
		return p.tok.Span.Start
	}
	return p.prevEnd
}

// bad is the placeholder for an expression that could not be read, from
// start to the syntax error.
func (p *parser) bad(start int) ast.Expr {
	return &ast.BadExpr{At: ast.At{Span: source.Span{Start: start, End: p.end()}}}
}

// describe renders a token for "found …" in messages.
func (p *parser) describe(t token.Token) string {
	switch t.Kind {
	case token.EOF:
		return "end of input"
	case token.Invalid:
		return p.describeInvalid(t)
	}
	b := p.text(t)
	if len(b) > 24 {
		return "`" + string(b[:21]) + "…`"
	}
	return "`" + string(b) + "`"
}

func (p *parser) describeInvalid(t token.Token) string {
	b := p.text(t)
	switch {
	case len(b) > 0 && b[0] == '"':
		return "an unterminated string literal"
	case len(b) > 0 && b[0] == '\'':
		return "`'` (strings use double quotes)"
	}
	return fmt.Sprintf("unexpected character %q", string(b))
}

// unexpected fails with "expected WHAT, found TOKEN".
func (p *parser) unexpected(what string) {
	p.failf(p.tok.Span, "expected %s, found %s", what, p.describe(p.tok))
}

func (p *parser) expect(k token.Kind, what string) token.Token {
	t := p.tok
	if t.Kind != k {
		p.unexpected(what)
	}
	p.next()
	return t
}

// Policies parses a policy file. It returns every policy in file order,
// with IDs "policy0", "policy1", …, and every error found. A policy with
// errors is kept with its errors (Policy.Errors): a complete tree when the
// syntax was fine but official Cedar rejects something in it, otherwise a
// partial tree of everything read before the syntax error (see ast.Policy).
// Recovery after a syntax error is at policy boundaries. A large file is
// read in parts on several cores, with the same result (see
// policiesInParts).
func Policies(src []byte) (*ast.File, []source.Diagnostic) {
	if parts := min(runtime.GOMAXPROCS(0), len(src)/minPart, maxParts); parts > 1 {
		return policiesInParts(src, splitPoints(src, parts))
	}
	return newParser(src).policies()
}

func (p *parser) policies() (*ast.File, []source.Diagnostic) {
	p.ids = &policyIDs{}
	f := &ast.File{Policies: p.readPolicies(len(p.src))}
	f.Comments = p.sc.Comments
	return f, p.errs
}

// readPolicies reads the policies that start before offset stop (the
// last one may run past it), tolerating errors. It gives them their ids
// when p.ids is set.
func (p *parser) readPolicies(stop int) []*ast.Policy {
	p.tolerant = true
	// Policies end with `;`, so counting them sizes the list well (a `;`
	// in a string or comment only adds room).
	from := min(p.tok.Span.Start, stop)
	pols := make([]*ast.Policy, 0, bytes.Count(p.src[from:stop], []byte{';'}))
	for p.tok.Kind != token.EOF && p.tok.Span.Start < stop {
		pol := p.policyOrSkip()
		if p.ids != nil {
			pol.ID = p.ids.id()
		}
		pols = append(pols, pol)
	}
	return pols
}

// policyOrSkip reads one policy; after a syntax error it skips the rest
// of the policy, which then spans the skipped text too.
func (p *parser) policyOrSkip() *ast.Policy {
	start := p.tok.Span.Start
	nerr := len(p.errs)
	pol := p.policy()
	if p.broken {
		p.tok, p.broken = p.stopTok, false
		p.depth, p.inCondition = 0, false
		p.skipPolicy(start)
		pol.Span.End = max(pol.Span.End, p.prevEnd)
	}
	if len(p.errs) > nerr {
		pol.Errors = slices.Clone(p.errs[nerr:])
	}
	return pol
}

// skipPolicy skips the rest of a broken policy: through the next `;` that
// is not inside brackets opened after the error, or up to the start of the
// next policy (`@ident`, `permit (`, `forbid (`) once this policy's own
// effect has been read. It always consumes at least one token.
func (p *parser) skipPolicy(start int) {
	depth := 0
	for p.tok.Kind != token.EOF {
		switch p.tok.Kind {
		case token.LParen, token.LBracket, token.LBrace:
			depth++
		case token.RParen, token.RBracket, token.RBrace:
			if depth > 0 {
				depth--
			}
		case token.Semicolon:
			if depth == 0 {
				p.next()
				return
			}
		case token.At:
			if p.sawEffect && p.peek().Kind == token.Ident {
				return
			}
		case token.Ident:
			if p.sawEffect && (p.isWord("permit") || p.isWord("forbid")) && p.peek().Kind == token.LParen {
				return
			}
		}
		p.next()
	}
	if p.tok.Span.Start == start && p.tok.Kind != token.EOF {
		p.next()
	}
}

func (p *parser) policy() *ast.Policy {
	pol := p.newPolicy()
	start := p.tok.Span.Start
	p.sawEffect = false
	// cut closes a policy that broke: it ends at the syntax error.
	cut := func() *ast.Policy {
		pol.Span = source.Span{Start: start, End: p.end()}
		return pol
	}
	for p.tok.Kind == token.At {
		a := p.annotation()
		for _, prev := range pol.Annotations {
			if prev.Key == a.Key {
				p.errorf(a.Span, "duplicate annotation `@%s`", a.Key)
			}
		}
		pol.Annotations = append(pol.Annotations, a)
		if p.broken {
			return cut()
		}
	}
	switch {
	case p.isWord("permit"):
		pol.Effect = ast.Permit
	case p.isWord("forbid"):
		pol.Effect = ast.Forbid
	case p.tok.Kind == token.Ident:
		p.failf(p.tok.Span, "invalid policy effect %s: expected `permit` or `forbid`", p.describe(p.tok))
		return cut()
	default:
		p.unexpected("`permit`, `forbid` or an annotation")
		return cut()
	}
	pol.EffectSpan = p.tok.Span
	p.sawEffect = true
	p.next()
	if p.tok.Kind != token.LParen {
		p.unexpected("`(` after `" + pol.Effect.String() + "`")
		return cut()
	}
	p.next()
	if p.scope(&pol.Principal, ast.VarPrincipal); p.broken {
		return cut()
	}
	if p.scopeComma(ast.VarAction); p.broken {
		return cut()
	}
	if p.scope(&pol.Action, ast.VarAction); p.broken {
		return cut()
	}
	if p.scopeComma(ast.VarResource); p.broken {
		return cut()
	}
	if p.scope(&pol.Resource, ast.VarResource); p.broken {
		return cut()
	}
	if p.tok.Kind == token.Comma { // official Cedar allows a trailing comma
		p.next()
	}
	if p.tok.Kind == token.Ident {
		p.failf(p.tok.Span, "unexpected %s in the policy scope: the scope has exactly `principal`, `action` and `resource`", p.describe(p.tok))
		return cut()
	}
	if p.expect(token.RParen, "`)` after the policy scope"); p.broken {
		return cut()
	}
	// A `permit`/`forbid` here most likely starts the next policy after a
	// missing `;`, which the expect below reports.
	for p.tok.Kind == token.Ident && !p.isWord("permit") && !p.isWord("forbid") {
		if pol.Conditions == nil {
			// Read in place into a one-condition list from the slab.
			if conds := p.nodes.cond.single(); p.condition(&conds[0]) {
				pol.Conditions = conds
			}
		} else if c := (ast.Condition{}); p.condition(&c) {
			pol.Conditions = append(pol.Conditions, c)
		}
		if p.broken {
			return cut()
		}
	}
	p.expect(token.Semicolon, "`;` at the end of the policy")
	return cut()
}

func (p *parser) annotation() ast.Annotation {
	start := p.tok.Span.Start
	p.next()
	if p.tok.Kind != token.Ident {
		p.unexpected("an annotation name after `@`")
	}
	a := ast.Annotation{Key: p.intern(p.text(p.tok)), KeySpan: p.tok.Span}
	p.next()
	if p.tok.Kind == token.LParen {
		p.next()
		if p.tok.Kind != token.String {
			p.unexpected("a string literal as the annotation's value")
		}
		a.Value = p.unquote(p.tok)
		a.HasValue = true
		p.next()
		p.expect(token.RParen, "`)` after the annotation's value")
	}
	a.Span = source.Span{Start: start, End: p.end()}
	return a
}

var scopeVarNames = [...]string{"principal", "action", "resource"}

// scopeComma expects the `,` before the scope of v, explaining a missing one.
func (p *parser) scopeComma(v ast.Var) {
	if p.tok.Kind == token.RParen {
		p.failf(p.tok.Span, "the policy scope is missing `%s`: a scope has `principal`, `action` and `resource`, in that order", v)
	}
	if p.tok.Kind != token.Comma {
		p.unexpected("`,` before `" + v.String() + "` in the policy scope")
	}
	p.next()
}

// scope reads the constraint on v. In a broken policy, a scope whose
// variable was not read keeps zero spans.
func (p *parser) scope(s *ast.Scope, v ast.Var) {
	s.Var = v
	if p.tok.Kind != token.Ident {
		p.unexpected("`" + v.String() + "`")
		return
	}
	if !p.isWord(v.String()) {
		for _, other := range scopeVarNames {
			if p.isWord(other) {
				p.failf(p.tok.Span, "found `%s` where `%s` must be: a scope has `principal`, `action` and `resource`, in that order", other, v)
				return
			}
		}
		p.failf(p.tok.Span, "expected `%s`, found %s", v, p.describe(p.tok))
		return
	}
	s.VarSpan = p.tok.Span
	p.next()
	switch {
	case p.tok.Kind == token.Eq:
		p.next()
		s.Op = ast.ScopeEq
		p.scopeRHS(v, &s.Entity)
	case p.isWord("in"):
		p.next()
		if p.plainScopeEntity(v, &s.Entity) {
			s.Op = ast.ScopeIn
			break
		}
		e := p.expr()
		if set, ok := ast.Unparen(e).(*ast.SetExpr); ok && v == ast.VarAction {
			s.Op = ast.ScopeInSet
			s.Entities = make([]ast.EntityRef, 0, len(set.Elems))
			for _, el := range set.Elems {
				s.Entities = append(s.Entities, p.scopeEntity(v, el))
			}
		} else {
			s.Op = ast.ScopeIn
			s.Entity = p.scopeEntity(v, e)
		}
	case p.isWord("is"):
		isSpan := p.tok.Span
		p.next()
		s.Op = ast.ScopeIs
		if v == ast.VarAction {
			p.failf(isSpan, "`is` cannot appear in the action scope; test `action is …` in a `when` condition instead")
			break
		}
		s.Type, s.TypeSpan = p.typeName()
		if p.isWord("in") {
			p.next()
			s.Op = ast.ScopeIsIn
			p.scopeRHS(v, &s.Entity)
		} else if p.tok.Kind == token.Eq {
			p.failf(p.tok.Span, "`is` cannot be combined with `==` in the scope; use `%s is T in E` or `%s == E`", v, v)
		}
	case p.tok.Kind == token.Comma || p.tok.Kind == token.RParen:
		s.Op = ast.ScopeAll
	default:
		p.unexpected("`==`, `in`, `is`, `,` or `)` after `" + v.String() + "`")
	}
	s.Span = source.Span{Start: s.VarSpan.Start, End: p.end()}
}

// scopeRHS parses the entity or slot after `==` or `in` in a scope. The
// common case, a plain entity literal, is read without building an
// expression; anything else goes through the expression parser, which
// also reports a reserved word as the type's first name (`in::"x"`).
func (p *parser) scopeRHS(v ast.Var, ref *ast.EntityRef) {
	if p.plainScopeEntity(v, ref) {
		return
	}
	*ref = p.scopeRHSExpr(v)
}

func (p *parser) scopeRHSExpr(v ast.Var) ast.EntityRef {
	if p.tok.Kind == token.Ident && !reserved(p.text(p.tok)) {
		saved, off, ncom, nerr, prevEnd := p.tok, p.sc.Offset(), len(p.sc.Comments), len(p.errs), p.prevEnd
		name, span, uidNext := p.name()
		if p.broken {
			return ast.EntityRef{Span: source.Span{Start: span.Start, End: p.end()}}
		}
		if uidNext {
			idTok := p.tok
			p.next()
			if p.tok.Kind == token.Comma || p.tok.Kind == token.RParen {
				uid := types.EntityUID{Type: types.EntityType(name), ID: p.unquote(idTok)}
				refSpan := source.Span{Start: span.Start, End: idTok.Span.End}
				if v == ast.VarAction && !isActionType(uid.Type) {
					p.errorf(refSpan, "action scope entities must have type `Action` (optionally namespaced), but `%s` has type `%s`", uid, uid.Type)
				}
				return ast.EntityRef{UID: uid, Span: refSpan}
			}
		}
		p.tok, p.prevEnd = saved, prevEnd
		p.sc.Seek(off)
		p.sc.Comments, p.errs = p.sc.Comments[:ncom], p.errs[:nerr]
	}
	return p.scopeEntity(v, p.expr())
}

// plainScopeEntity reads the most common right-hand side of a scope
// constraint, an entity reference written the plain way (see
// plainEntity) and followed by `,` or `)`, straight from the source: the
// same result as reading its tokens and building an expression, at a
// fraction of the cost. ok is false, with nothing consumed, for anything
// else.
func (p *parser) plainScopeEntity(v ast.Var, ref *ast.EntityRef) bool {
	if p.tok.Kind != token.Ident || p.noShortcuts {
		return false
	}
	start := p.tok.Span.Start
	typeEnd, end, ok := plainEntity(p.src, start)
	if !ok {
		return false
	}
	saved, off, ncom, prevEnd := p.tok, p.sc.Offset(), len(p.sc.Comments), p.prevEnd
	p.peeked, p.prevEnd = false, end
	p.sc.Seek(end)
	p.tok = p.sc.Next()
	if p.tok.Kind != token.Comma && p.tok.Kind != token.RParen {
		p.tok, p.prevEnd = saved, prevEnd
		p.sc.Seek(off)
		p.sc.Comments = p.sc.Comments[:ncom]
		return false
	}
	// The fields are set one by one: the reference is in the policy being
	// built, and copying a whole struct into it costs more.
	ref.Slot = ast.NoSlot
	ref.UID.Type = types.EntityType(p.intern(p.src[start:typeEnd]))
	ref.UID.ID = p.literal(p.src[typeEnd+3 : end-1]) // plainEntity saw no escape
	ref.Span = source.Span{Start: start, End: end}
	if v == ast.VarAction && !isActionType(ref.UID.Type) {
		p.errorf(ref.Span, "action scope entities must have type `Action` (optionally namespaced), but `%s` has type `%s`", ref.UID, ref.UID.Type)
	}
	return true
}

// plainEntity reports whether src holds, from start, an entity reference
// written the plain way: `A::B::"id"` with no space, comment or escape in
// it and no reserved word in its type. typeEnd is where the type path
// ends (`::"` follows) and end is just past the closing quote. Anything
// else is left to the tokens.
func plainEntity(src []byte, start int) (typeEnd, end int, ok bool) {
	i := start
	for {
		j := i
		if j < len(src) && isIdentStart(src[j]) {
			j++
			for j < len(src) && token.IsIdentByte(src[j]) {
				j++
			}
		}
		if j == i || reserved(src[i:j]) || j+2 >= len(src) || src[j] != ':' || src[j+1] != ':' {
			return 0, 0, false
		}
		i = j + 2
		if src[i] != '"' {
			continue
		}
		for k := i + 1; k < len(src); k++ {
			switch src[k] {
			case '"':
				return j, k + 1, true
			case '\\':
				return 0, 0, false
			}
		}
		return 0, 0, false
	}
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// scopeEntity checks that a scope's right-hand side is an entity literal
// (of an Action type for the action scope) or the variable's own slot.
func (p *parser) scopeEntity(v ast.Var, e ast.Expr) ast.EntityRef {
	switch x := ast.Unparen(e).(type) {
	case *ast.EntityLit:
		if v == ast.VarAction && !isActionType(x.UID.Type) {
			p.errorf(x.Span, "action scope entities must have type `Action` (optionally namespaced), but `%s` has type `%s`", x.UID, x.UID.Type)
		}
		return ast.EntityRef{UID: x.UID, Span: x.Span}
	case *ast.SlotExpr:
		want := ast.SlotPrincipal
		if v == ast.VarResource {
			want = ast.SlotResource
		}
		switch {
		case v == ast.VarAction:
			p.errorf(x.Span, "the action scope cannot contain a template slot")
		case x.Slot != want:
			p.errorf(x.Span, "expected an entity or `%s` here, found `%s`", want, x.Slot)
		}
		return ast.EntityRef{Slot: x.Slot, Span: x.Span}
	case *ast.SetExpr:
		p.errorf(x.Span, "expected a single entity here, found a set (only `action in [...]` takes a set)")
	default:
		p.errorf(e.Loc(), "expected an entity literal or template slot in the policy scope; other conditions belong in a `when` clause")
	}
	return ast.EntityRef{Span: e.Loc()}
}

func isActionType(t types.EntityType) bool {
	s := string(t)
	return s == "Action" || len(s) > 8 && s[len(s)-8:] == "::Action"
}

// condition reads a `when` or `unless` clause into c, which is zero; it
// reports false when the keyword is neither (the policy then broke there).
func (p *parser) condition(c *ast.Condition) bool {
	kw := p.tok
	switch {
	case p.isWord("when"):
	case p.isWord("unless"):
		c.Unless = true
	default:
		p.failf(kw.Span, "invalid policy condition %s: expected `when` or `unless`", p.describe(kw))
		return false
	}
	c.KeywordSpan = kw.Span
	p.next()
	if p.tok.Kind != token.LBrace {
		p.unexpected("`{` after " + p.describe(kw))
	} else if p.next(); p.tok.Kind == token.RBrace {
		p.errorf(source.Span{Start: kw.Span.Start, End: p.tok.Span.End}, "%s condition cannot be empty", p.describe(kw))
		p.next()
	} else {
		p.inCondition = true
		c.Body = p.expr()
		p.inCondition = false
		p.expect(token.RBrace, "`}` after the condition")
	}
	c.Span = source.Span{Start: kw.Span.Start, End: p.end()}
	return true
}

// unquote decodes a string literal token, recording a bad escape. The
// synthetic EOF of a broken policy decodes as "".
func (p *parser) unquote(t token.Token) string {
	if t.Kind != token.String {
		return ""
	}
	if raw := p.text(t); bytes.IndexByte(raw[1:len(raw)-1], '\\') < 0 {
		return p.literal(raw[1 : len(raw)-1])
	}
	s, err := token.Unquote(p.text(t))
	if err != nil {
		p.errorf(source.Span{Start: t.Span.Start + err.Start, End: t.Span.Start + err.End}, "%s", err.Error())
	}
	return s
}

// maxLiteralBlock is the most literal text copied into one block.
const maxLiteralBlock = 4096

// literal returns b as a string: a substring of a block of literal texts
// copied back to back, so a file's literals take a few allocations, not
// one each, and a kept literal keeps at most a block alive. Blocks are
// never written again once full, so their strings never change.
func (p *parser) literal(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if p.literals.Cap()-p.literals.Len() < len(b) {
		p.literals = strings.Builder{}
		p.literals.Grow(max(len(b), min(len(p.src), maxLiteralBlock)))
	}
	start := p.literals.Len()
	p.literals.Write(b)
	return p.literals.String()[start:]
}

// Expr parses a single expression (template slots are not allowed). After a
// syntax error the expression is nil; after an error official Cedar finds
// in well-formed syntax (say, an unknown method) the tree is returned too.
func Expr(src []byte) (e ast.Expr, errs []source.Diagnostic) {
	p := newParser(src)
	p.inCondition = true
	defer func() {
		if r := recover(); r != nil {
			if _, isBailout := r.(bailout); !isBailout {
				panic(r)
			}
			e, errs = nil, p.errs
		}
	}()
	e = p.expr()
	if p.tok.Kind != token.EOF {
		p.unexpected("end of input after the expression")
	}
	return e, p.errs
}

// EntityUID parses an entity UID such as `App::User::"alice"`.
func EntityUID(s string) (uid types.EntityUID, err error) {
	p := newParser([]byte(s))
	defer func() {
		if r := recover(); r != nil {
			if _, isBailout := r.(bailout); !isBailout {
				panic(r)
			}
			uid, err = types.EntityUID{}, p.errs[0]
		}
	}()
	if p.tok.Kind != token.Ident {
		p.unexpected("an entity type name")
	}
	if string(p.text(p.tok)) != "__cedar" { // pathPrimary reports __cedar
		p.checkIdent(p.tok)
	}
	e := p.pathPrimary()
	lit, ok := e.(*ast.EntityLit)
	if !ok {
		p.failf(e.Loc(), "expected an entity UID like `Type::\"id\"`")
	}
	if p.tok.Kind != token.EOF {
		p.unexpected("end of input after the entity UID")
	}
	if len(p.errs) > 0 {
		return types.EntityUID{}, p.errs[0]
	}
	return lit.UID, nil
}
