package syntax

import (
	"fmt"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/internal/token"
)

// ParseCedar parses the Cedar schema syntax. It reports every syntax error
// it finds, recovering at declaration boundaries, and returns the tree of
// everything it could read (never nil).
func ParseCedar(src []byte) (*File, []source.Diagnostic) {
	sc := token.NewScanner(src)
	p := &parser{src: src}
	for {
		t := sc.Next()
		p.toks = append(p.toks, t)
		if t.Kind == token.EOF {
			break
		}
	}
	f := p.file()
	f.Comments = sc.Comments
	return f, p.errs
}

// reservedIdents are Cedar's reserved words: not allowed as names of
// types, namespaces, actions (unquoted) or attributes (unquoted).
var reservedIdents = map[string]bool{
	"true": true, "false": true, "if": true, "then": true, "else": true,
	"in": true, "is": true, "like": true, "has": true,
}

// ReservedTypeNames are the names a common type cannot have.
var ReservedTypeNames = map[string]bool{
	"Bool": true, "Boolean": true, "Entity": true, "Extension": true,
	"Long": true, "Record": true, "Set": true, "String": true,
}

type parser struct {
	src  []byte
	toks []token.Token
	pos  int
	errs []source.Diagnostic
	// typeDepth counts the types being parsed inside each other.
	typeDepth int
}

// MaxTypeNesting bounds how deeply Set and record types nest. A record
// level takes two JSON levels in the JSON schema syntax, so every schema
// this parser accepts also reads back from its JSON form (maxJSONDepth).
const MaxTypeNesting = 200

// bailout unwinds a declaration whose syntax error has been recorded.
type bailout struct{}

func (p *parser) tok() token.Token { return p.toks[p.pos] }

func (p *parser) peek(n int) token.Token {
	if p.pos+n < len(p.toks) {
		return p.toks[p.pos+n]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) next() token.Token {
	t := p.toks[p.pos]
	if t.Kind != token.EOF {
		p.pos++
	}
	return t
}

func (p *parser) is(k token.Kind) bool { return p.tok().Kind == k }

func (p *parser) isWord(w string) bool { return p.tok().Is(p.src, w) }

func (p *parser) errorf(span source.Span, format string, args ...any) {
	p.errs = append(p.errs, source.Diagnostic{Span: span, Code: source.CodeSchemaSyntax, Message: fmt.Sprintf(format, args...)})
}

// describe names a token for "found …" in messages.
func (p *parser) describe(t token.Token) string {
	switch t.Kind {
	case token.EOF:
		return "end of input"
	case token.Ident, token.Int, token.Invalid, token.Slot:
		text := t.Text(p.src)
		if len(text) > 40 {
			text = text[:40] + "…"
		}
		return "`" + text + "`"
	}
	return t.Kind.String()
}

// fail records "expected what, found <current token>" and unwinds.
func (p *parser) fail(what string) {
	t := p.tok()
	if t.Kind == token.Invalid && len(t.Bytes(p.src)) > 0 && t.Bytes(p.src)[0] == '"' {
		p.errorf(t.Span, "unterminated string literal")
	} else {
		p.errorf(t.Span, "expected %s, found %s", what, p.describe(t))
	}
	panic(bailout{})
}

func (p *parser) expect(k token.Kind, what string) token.Token {
	if !p.is(k) {
		p.fail(what)
	}
	return p.next()
}

func (p *parser) expectWord(w string) token.Token {
	if !p.isWord(w) {
		p.fail("`" + w + "`")
	}
	return p.next()
}

// atDeclStart reports whether the current token plausibly starts a
// declaration: recovery resumes there.
func (p *parser) atDeclStart() bool {
	t := p.tok()
	if t.Kind == token.At {
		return p.peek(1).Kind == token.Ident
	}
	if t.Kind != token.Ident {
		return false
	}
	switch string(t.Bytes(p.src)) {
	case "entity", "action", "namespace":
		k := p.peek(1).Kind
		return k == token.Ident || k == token.String
	case "type":
		return p.peek(1).Kind == token.Ident && p.peek(2).Kind == token.Assign
	}
	return false
}

// sync skips past a broken declaration: to just after a `;` at its top
// level, or to a `}` that may close the enclosing namespace, or to the
// start of the next declaration.
func (p *parser) sync(start int) {
	// The brace depth reached inside the broken declaration: braces it
	// opened must be skipped to their close.
	depth := 0
	for _, t := range p.toks[start:p.pos] {
		switch t.Kind {
		case token.LBrace:
			depth++
		case token.RBrace:
			if depth > 0 {
				depth--
			}
		}
	}
	if p.pos == start {
		p.next() // always make progress
	}
	for !p.is(token.EOF) {
		switch p.tok().Kind {
		case token.Semicolon:
			if depth == 0 {
				p.next()
				return
			}
		case token.LBrace:
			depth++
		case token.RBrace:
			if depth == 0 {
				return
			}
			depth--
			if depth == 0 && p.peek(1).Kind == token.Semicolon {
				p.next()
				p.next()
				return
			}
		}
		if p.atDeclStart() {
			return
		}
		p.next()
	}
}

// guard runs one declaration's parse, turning a bailout into recovery.
func (p *parser) guard(parse func()) (ok bool) {
	start := p.pos
	defer func() {
		if r := recover(); r != nil {
			if _, is := r.(bailout); !is {
				panic(r)
			}
			p.sync(start)
			ok = false
		}
	}()
	parse()
	return true
}

func (p *parser) file() *File {
	f := &File{}
	var run *Namespace // the current run of empty-namespace declarations
	for !p.is(token.EOF) {
		if p.is(token.RBrace) {
			p.errorf(p.tok().Span, "unexpected `}` outside a namespace")
			p.next()
			continue
		}
		p.guard(func() {
			annos := p.annotations()
			if p.isWord("namespace") {
				run = nil
				p.namespace(annos, func(ns *Namespace) { f.Namespaces = append(f.Namespaces, ns) })
				return
			}
			d := p.decl(annos)
			if run == nil {
				run = &Namespace{Span: d.DeclSpan()}
				f.Namespaces = append(f.Namespaces, run)
			}
			run.Decls = append(run.Decls, d)
			run.Span = run.Span.Cover(d.DeclSpan())
		})
	}
	return f
}

// namespace reads a namespace; add, when not nil, receives it as soon as
// its `{` is read, so the declarations read are kept when a later error
// (a missing `}` while the schema is typed) abandons the rest.
func (p *parser) namespace(annos []*Annotation, add func(*Namespace)) *Namespace {
	kw := p.next()
	ns := &Namespace{Annotations: annos, Span: kw.Span}
	if len(annos) > 0 {
		ns.Span = annos[0].Span.Cover(kw.Span)
	}
	ns.Name = p.path()
	p.checkReservedPath(ns.Name)
	p.expect(token.LBrace, "`{` after the namespace name")
	if add != nil {
		add(ns)
	}
	for !p.is(token.RBrace) && !p.is(token.EOF) {
		p.guard(func() {
			annos := p.annotations()
			if p.isWord("namespace") {
				p.errorf(p.tok().Span, "namespaces cannot be nested")
				p.namespace(annos, nil) // read it whole so recovery resumes after it
				return
			}
			d := p.decl(annos)
			ns.Decls = append(ns.Decls, d)
			ns.Span = ns.Span.Cover(d.DeclSpan())
		})
	}
	end := p.expect(token.RBrace, "`}` closing the namespace")
	ns.Span = ns.Span.Cover(end.Span)
	if p.is(token.Semicolon) {
		p.errorf(p.tok().Span, "a namespace is not followed by `;`; remove it")
		p.next()
	}
	return ns
}

func (p *parser) annotations() []*Annotation {
	var annos []*Annotation
	seen := map[string]bool{}
	for p.is(token.At) {
		at := p.next()
		key := p.expect(token.Ident, "an annotation name after `@`")
		a := &Annotation{Key: &Name{Value: key.Text(p.src), Span: key.Span}, Span: at.Span.Cover(key.Span)}
		if p.is(token.LParen) {
			p.next()
			a.Value = p.str("the annotation's value (a string literal)")
			end := p.expect(token.RParen, "`)` after the annotation's value")
			a.Span = a.Span.Cover(end.Span)
		}
		if seen[a.Key.Value] {
			p.errorf(a.Key.Span, "duplicate annotation `@%s`", a.Key.Value)
		}
		seen[a.Key.Value] = true
		annos = append(annos, a)
	}
	return annos
}

func (p *parser) decl(annos []*Annotation) Decl {
	var d Decl
	switch {
	case p.isWord("entity"):
		d = p.entity(annos)
	case p.isWord("action"):
		d = p.action(annos)
	case p.isWord("type"):
		d = p.typeDecl(annos)
	default:
		p.fail("`entity`, `action`, `type` or `namespace`")
	}
	return d
}

// startSpan is where a declaration begins: its first annotation or keyword.
func startSpan(annos []*Annotation, kw token.Token) source.Span {
	if len(annos) > 0 {
		return annos[0].Span.Cover(kw.Span)
	}
	return kw.Span
}

func (p *parser) entity(annos []*Annotation) *EntityDecl {
	kw := p.next()
	d := &EntityDecl{Annotations: annos, Span: startSpan(annos, kw)}
	for {
		d.Names = append(d.Names, p.declName("an entity type name"))
		if !p.is(token.Comma) {
			break
		}
		p.next()
	}
	if p.isWord("enum") {
		p.next()
		d.IsEnum = true
		p.expect(token.LBracket, "`[` after `enum`")
		for {
			d.Enum = append(d.Enum, p.str("an entity id (a string literal)"))
			if !p.is(token.Comma) {
				break
			}
			p.next()
		}
		p.expect(token.RBracket, "`,` or `]` in the enum list")
	} else {
		if p.isWord("in") {
			p.next()
			d.MemberOf = p.pathList()
		}
		if p.is(token.Assign) {
			p.next()
			if !p.is(token.LBrace) {
				p.fail("`{` starting the entity's attributes")
			}
		}
		if p.is(token.LBrace) {
			d.Shape = p.record()
		}
		if p.isWord("tags") {
			p.next()
			d.Tags = p.typ()
		}
	}
	end := p.expect(token.Semicolon, "`;` ending the entity declaration")
	d.Span = d.Span.Cover(end.Span)
	return d
}

func (p *parser) action(annos []*Annotation) *ActionDecl {
	kw := p.next()
	d := &ActionDecl{Annotations: annos, Span: startSpan(annos, kw)}
	for {
		d.Names = append(d.Names, p.nameOrStr("an action name"))
		if !p.is(token.Comma) {
			break
		}
		p.next()
	}
	if p.isWord("in") {
		p.next()
		if p.is(token.LBracket) {
			p.next()
			for {
				d.MemberOf = append(d.MemberOf, p.actionRef())
				if !p.is(token.Comma) {
					break
				}
				p.next()
			}
			p.expect(token.RBracket, "`,` or `]` in the action group list")
		} else {
			d.MemberOf = append(d.MemberOf, p.actionRef())
		}
	}
	if p.isWord("appliesTo") {
		d.AppliesTo = p.appliesTo(d)
	}
	end := p.expect(token.Semicolon, "`;` ending the action declaration")
	d.Span = d.Span.Cover(end.Span)
	return d
}

// actionRef is `"id"`, `id`, or `Path::"id"`.
func (p *parser) actionRef() *ActionRef {
	if p.is(token.String) {
		id := p.str("")
		return &ActionRef{ID: id, Span: id.Span}
	}
	if !p.is(token.Ident) {
		p.fail("an action name")
	}
	// A path followed by `::"id"` is a qualified reference; a lone
	// identifier is an action name.
	start := p.tok().Span
	var parts []string
	for {
		t := p.expect(token.Ident, "an identifier")
		parts = append(parts, t.Text(p.src))
		p.checkReservedIdent(t)
		if !p.is(token.DoubleColon) {
			break
		}
		p.next()
		if p.is(token.String) {
			typ := &Path{Text: strings.Join(parts, "::"), Span: start.Cover(t.Span)}
			id := p.str("")
			return &ActionRef{Type: typ, ID: id, Span: start.Cover(id.Span)}
		}
	}
	if len(parts) > 1 {
		p.errs = append(p.errs, source.Diagnostic{Span: start, Code: source.CodeSchemaSyntax, Message: "expected `::` and a string literal after the action type"})
		panic(bailout{})
	}
	id := &Name{Value: parts[0], Span: start}
	return &ActionRef{ID: id, Span: start}
}

func (p *parser) appliesTo(d *ActionDecl) *AppliesTo {
	kw := p.next()
	at := &AppliesTo{Span: kw.Span}
	p.expect(token.LBrace, "`{` after `appliesTo`")
	var pSpan, rSpan, cSpan source.Span
	for !p.is(token.RBrace) {
		key := p.tok()
		if key.Kind != token.Ident {
			p.fail("`principal`, `resource` or `context`")
		}
		word := key.Text(p.src)
		p.next()
		p.expect(token.Colon, "`:` after `"+word+"`")
		switch word {
		case "principal", "resource":
			list := p.pathList()
			span := key.Span.Cover(p.toks[p.pos-1].Span)
			seen, prev := &at.HasPrincipals, &pSpan
			if word == "resource" {
				seen, prev = &at.HasResources, &rSpan
			}
			if *seen {
				p.errorf(span, "duplicate `%s` in the appliesTo of action `%s`", word, d.Names[0].Value)
			}
			if len(list) == 0 {
				p.errorf(span, "`%s` is `[]` in the appliesTo of action `%s`: list at least one entity type, or leave out appliesTo to apply to nothing", word, d.Names[0].Value)
			}
			*seen, *prev = true, span
			if word == "principal" {
				at.Principals = list
			} else {
				at.Resources = list
			}
		case "context":
			var ctx Type
			if p.is(token.LBrace) {
				ctx = p.record()
			} else {
				path := p.path()
				ctx = &NamedType{Path: path, Span: path.Span}
			}
			span := key.Span.Cover(ctx.TypeSpan())
			if at.Context != nil {
				p.errorf(span, "duplicate `context` in the appliesTo of action `%s`", d.Names[0].Value)
			}
			at.Context, cSpan = ctx, span
		default:
			p.errorf(key.Span, "expected `principal`, `resource` or `context`, found `%s`", word)
			panic(bailout{})
		}
		if !p.is(token.Comma) {
			break
		}
		p.next()
	}
	_ = cSpan
	end := p.expect(token.RBrace, "`,` or `}` in appliesTo")
	at.Span = at.Span.Cover(end.Span)
	if !at.HasPrincipals && !at.HasResources && at.Context == nil {
		p.errorf(at.Span, "appliesTo of action `%s` is empty: it needs `principal` and `resource`", d.Names[0].Value)
		return at
	}
	if !at.HasPrincipals {
		p.errorf(d.Names[0].Span, "missing `principal` in the appliesTo of action `%s`", d.Names[0].Value)
	}
	if !at.HasResources {
		p.errorf(d.Names[0].Span, "missing `resource` in the appliesTo of action `%s`", d.Names[0].Value)
	}
	return at
}

func (p *parser) typeDecl(annos []*Annotation) *TypeDecl {
	kw := p.next()
	d := &TypeDecl{Annotations: annos, Span: startSpan(annos, kw)}
	d.Name = p.declName("a common type name")
	if ReservedTypeNames[d.Name.Value] {
		p.errorf(d.Name.Span, "`%s` is a reserved type name and cannot name a common type", d.Name.Value)
	}
	p.expect(token.Assign, "`=` after the common type's name")
	d.Type = p.typ()
	end := p.expect(token.Semicolon, "`;` ending the common type declaration")
	d.Span = d.Span.Cover(end.Span)
	return d
}

// typ is `Path`, `Set<Type>` or a record.
func (p *parser) typ() Type {
	p.typeDepth++
	defer func() { p.typeDepth-- }()
	if p.typeDepth > MaxTypeNesting {
		p.errorf(p.tok().Span, "type nested too deeply: more than %d levels of Set and record types", MaxTypeNesting)
		panic(bailout{})
	}
	if p.is(token.LBrace) {
		return p.record()
	}
	if p.isWord("Set") && p.peek(1).Kind == token.Less {
		start := p.next().Span
		p.next()
		elem := p.typ()
		end := p.expect(token.Greater, "`>` closing `Set<`")
		return &SetType{Elem: elem, Span: start.Cover(end.Span)}
	}
	if !p.is(token.Ident) {
		p.fail("a type")
	}
	path := p.path()
	return &NamedType{Path: path, Span: path.Span}
}

func (p *parser) record() *RecordType {
	start := p.expect(token.LBrace, "`{`")
	r := &RecordType{Span: start.Span}
	for !p.is(token.RBrace) {
		annos := p.annotations()
		a := &Attr{Annotations: annos}
		a.Name = p.nameOrStr("an attribute name")
		a.Span = a.Name.Span
		if len(annos) > 0 {
			a.Span = annos[0].Span.Cover(a.Span)
		}
		if p.is(token.Question) {
			p.next()
			a.Optional = true
		}
		p.expect(token.Colon, "`:` after the attribute name")
		a.Type = p.typ()
		a.Span = a.Span.Cover(a.Type.TypeSpan())
		r.Attrs = append(r.Attrs, a)
		if !p.is(token.Comma) {
			break
		}
		p.next()
	}
	end := p.expect(token.RBrace, "`,` or `}` in the record type")
	r.Span = r.Span.Cover(end.Span)
	return r
}

// pathList is `Path` or `[Path, …]` (possibly empty).
func (p *parser) pathList() []*Path {
	if !p.is(token.LBracket) {
		return []*Path{p.path()}
	}
	p.next()
	list := []*Path{}
	if p.is(token.RBracket) {
		p.next()
		return list
	}
	for {
		list = append(list, p.path())
		if !p.is(token.Comma) {
			break
		}
		p.next()
	}
	p.expect(token.RBracket, "`,` or `]` in the entity type list")
	return list
}

// path is IDENT {'::' IDENT}.
func (p *parser) path() *Path {
	first := p.expect(token.Ident, "a name")
	p.checkReservedIdent(first)
	var b strings.Builder
	b.Write(first.Bytes(p.src))
	span := first.Span
	for p.is(token.DoubleColon) && p.peek(1).Kind == token.Ident {
		p.next()
		t := p.next()
		p.checkReservedIdent(t)
		b.WriteString("::")
		b.Write(t.Bytes(p.src))
		span = span.Cover(t.Span)
	}
	return &Path{Text: b.String(), Span: span}
}

// declName is the unqualified name of a declared entity or common type.
func (p *parser) declName(what string) *Name {
	t := p.expect(token.Ident, what)
	p.checkReservedIdent(t)
	if t.Is(p.src, "__cedar") {
		p.errorf(t.Span, "`__cedar` is reserved and cannot name a type")
	}
	return &Name{Value: t.Text(p.src), Span: t.Span}
}

// nameOrStr is an identifier (not reserved) or a string literal.
func (p *parser) nameOrStr(what string) *Name {
	if p.is(token.String) {
		return p.str(what)
	}
	t := p.expect(token.Ident, what)
	p.checkReservedIdent(t)
	return &Name{Value: t.Text(p.src), Span: t.Span}
}

func (p *parser) str(what string) *Name {
	t := p.expect(token.String, what)
	v, err := token.Unquote(t.Bytes(p.src))
	if err != nil {
		p.errorf(source.Span{Start: t.Span.Start + err.Start, End: t.Span.Start + err.End}, "%s", err.Error())
	}
	return &Name{Value: v, Quoted: true, Span: t.Span}
}

func (p *parser) checkReservedIdent(t token.Token) {
	if reservedIdents[string(t.Bytes(p.src))] {
		p.errorf(t.Span, "`%s` is a reserved word and cannot be used as a name", t.Text(p.src))
	}
}

func (p *parser) checkReservedPath(path *Path) {
	for _, part := range strings.Split(path.Text, "::") {
		if part == "__cedar" {
			p.errorf(path.Span, "`__cedar` is reserved and cannot be part of a namespace name")
			return
		}
	}
}
