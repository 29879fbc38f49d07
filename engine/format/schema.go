package format

import (
	"errors"

	"github.com/cedar-ls/cedar-ls/engine/schema/syntax"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/internal/token"
)

// Schema formats a schema in the Cedar schema syntax (.cedarschema).
// Official Cedar has no schema formatter; the layout follows the schema
// examples of the Cedar documentation and official Cedar's own printing of
// schemas (schemaToText):
//
//   - Declarations keep their order. One empty line separates
//     declarations (and namespaces); the body of a namespace is indented.
//   - Annotations stand on lines of their own above what they annotate
//     (namespace, declaration or record attribute).
//   - A non-empty record type (entity shape, common type, context,
//     nested record) always has one attribute per line, as in the
//     documentation's examples, even when it would fit on one line; an
//     empty one is `{}`. An appliesTo block always has one entry per line.
//   - Lists (declared names, `in [...]`, `enum [...]`, principal and
//     resource lists) stay on one line when they fit the line width and
//     otherwise put one element per line.
//   - Spacing is normalized (`name?: Type`, `Set<T>`, `a, b`, `x = y`); no
//     token is added, respelled or reordered. The one token removed is a
//     trailing comma after the last attribute or appliesTo entry
//     (official Cedar's printer writes none), its comments kept.
//   - Comments stay where they are: a comment on its own line stays on its
//     own line before the same token, a comment ending a line still ends
//     the line of the same token. Empty lines are kept (at most one) only
//     between comments and declarations; all other empty lines are
//     removed.
//
// A schema that does not parse is not formatted: Schema returns nil and a
// source.Diagnostics value.
func Schema(src []byte, opts Options) ([]byte, error) {
	if _, errs := syntax.ParseCedar(src); len(errs) > 0 {
		return nil, source.Diagnostics(errs)
	}
	opts = opts.withDefaults()
	p := &schemaPrinter{tokens: scanTokens(src), indent: opts.IndentWidth, width: opts.LineWidth}
	p.out = make([]byte, 0, len(src)+len(src)/4+16)
	p.items(0, false)
	if p.pos != len(p.toks) {
		// Only a divergence between this printer and the parser gets
		// here; refuse rather than lose text.
		return nil, errors.New("schema formatter: internal error: input not fully printed")
	}
	p.commentLines(p.tail, 0, len(p.out) > 0)
	// The output must read back as a schema; anything else is a printer
	// bug, and the caller's text must not be replaced by it.
	if _, errs := syntax.ParseCedar(p.out); len(errs) > 0 {
		return nil, errors.New("schema formatter: internal error: output does not parse: " + errs[0].Message)
	}
	return p.out, nil
}

// schemaPrinter walks the tokens of a schema that parsed without errors,
// in order, building the layout from them: every token is printed exactly
// once (or dropped with its comments kept), so no text can be lost or
// reordered.
type schemaPrinter struct {
	arena
	renderer
	tokens
	pos    int // the next token to print
	indent int
	width  int
	out    []byte
}

func (p *schemaPrinter) kindAt(n int) token.Kind {
	if i := p.pos + n; i < len(p.toks) {
		return p.toks[i].tok.Kind
	}
	return token.EOF
}

func (p *schemaPrinter) at(k token.Kind) bool { return p.kindAt(0) == k }

func (p *schemaPrinter) atWord(w string) bool {
	return p.at(token.Ident) && p.textOf(p.pos) == w
}

func (p *schemaPrinter) done() bool { return p.pos >= len(p.toks) }

// next prints the current token with its comments and moves past it.
func (p *schemaPrinter) next() *doc {
	if p.done() {
		return nilDoc
	}
	i := p.pos
	p.pos++
	p.toks[i].printed = true
	s := p.text(p.textOf(i))
	if p.toks[i].notes == 0 {
		return s
	}
	var buf [16]*doc
	parts := buf[:0]
	if leading := p.leading(i); len(leading) > 0 {
		parts = append(parts, hardline)
		for _, c := range leading {
			parts = append(parts, p.text(c.text), hardline)
		}
	}
	parts = append(parts, s)
	if c := p.trailing(i); c != "" {
		parts = append(parts, space, p.text(c), hardline)
	}
	return p.cat(parts...)
}

// drop moves past the current token without printing it, printing its
// comments: a leading comment on a line of its own, a trailing one at the
// end of the line.
func (p *schemaPrinter) drop() *doc {
	i := p.pos
	p.pos++
	p.toks[i].printed = true
	if p.toks[i].notes == 0 {
		return nilDoc
	}
	var parts []*doc
	for _, c := range p.leading(i) {
		parts = append(parts, hardline, p.text(c.text))
	}
	if c := p.trailing(i); c != "" {
		// After leading comments, or after a token that ends its line with
		// a comment, the comment goes on a line of its own.
		if len(parts) > 0 || (i > 0 && p.trailing(i-1) != "") {
			parts = append(parts, hardline, p.text(c))
		} else {
			parts = append(parts, space, p.text(c), hardline)
		}
	}
	return p.cat(parts...)
}

// takeLeading removes the comments before the current token and returns
// them, for the caller to print as lines of their own.
func (p *schemaPrinter) takeLeading() []comment {
	if p.done() || p.toks[p.pos].notes == 0 {
		return nil
	}
	n := &p.notes[p.toks[p.pos].notes-1]
	cs := n.leading
	n.leading = nil
	return cs
}

// closingComments takes the comments before a closing bracket as lines to
// print inside the bracketed body: (line break, comment)*.
func (p *schemaPrinter) closingComments() []*doc {
	var parts []*doc
	for _, c := range p.takeLeading() {
		parts = append(parts, hardline, p.text(c.text))
	}
	return parts
}

// commentLines writes comments one per line at the indentation, keeping
// one empty line where the source had any. afterText says whether
// anything precedes them, so that an empty line before the first one is
// worth keeping.
func (p *schemaPrinter) commentLines(cs []comment, indent int, afterText bool) {
	for i, c := range cs {
		if c.blankBefore && (i > 0 || afterText) {
			p.out = append(p.out, '\n')
		}
		p.out = appendIndent(p.out, indent)
		p.out = append(p.out, c.text...)
		p.out = append(p.out, '\n')
	}
}

func appendIndent(out []byte, n int) []byte {
	for ; n > 0; n-- {
		out = append(out, ' ')
	}
	return out
}

// emit renders d as lines at the indentation, each ended by a line break.
func (p *schemaPrinter) emit(d *doc, indent int) {
	start := len(p.out)
	p.out = appendIndent(p.out, indent)
	p.out = p.render(p.out, d, p.width, indent, indent)
	p.out = p.dropBlankLines(p.out, start)
	p.out = append(p.out, '\n')
	p.reset()
}

// items prints namespaces and declarations up to the end of the input or,
// in a namespace, up to its closing `}`; one empty line separates them.
func (p *schemaPrinter) items(indent int, inNamespace bool) {
	first := true
	for !p.done() && !(inNamespace && p.at(token.RBrace)) {
		if !first {
			p.out = append(p.out, '\n')
		}
		cs := p.takeLeading()
		p.commentLines(cs, indent, false)
		if len(cs) > 0 && p.toks[p.pos].blankBefore {
			p.out = append(p.out, '\n')
		}
		p.item(indent)
		first = false
	}
}

// item prints one namespace or declaration with its annotations.
func (p *schemaPrinter) item(indent int) {
	var parts []*doc
	for p.at(token.At) {
		parts = append(parts, p.annotation(), hardline)
	}
	switch {
	case p.atWord("namespace"):
		p.namespace(parts, indent)
		return
	case p.atWord("entity"):
		parts = append(parts, p.entity())
	case p.atWord("action"):
		parts = append(parts, p.action())
	case p.atWord("type"):
		parts = append(parts, p.next(), space, p.next(), space, p.next(), space, p.typ(), p.next())
	default:
		// Not reached for a schema that parsed; print the token so the
		// loop makes progress (Schema then fails its final check).
		parts = append(parts, p.next())
	}
	p.emit(p.cat(parts...), indent)
}

// annotation is `@key` or `@key("value")`.
func (p *schemaPrinter) annotation() *doc {
	parts := []*doc{p.next(), p.next()}
	if p.at(token.LParen) {
		parts = append(parts, p.next(), p.next(), p.next())
	}
	return p.cat(parts...)
}

func (p *schemaPrinter) namespace(annos []*doc, indent int) {
	header := append(annos, p.next(), space, p.path(), space)
	lbrace := p.pos
	header = append(header, p.next())
	empty := p.at(token.RBrace) && p.trailing(lbrace) == "" && len(p.leading(p.pos)) == 0
	if empty {
		header = append(header, p.next())
		p.emit(p.cat(header...), indent)
		return
	}
	p.emit(p.cat(header...), indent)
	body := indent + p.indent
	p.items(body, true)
	cs := p.takeLeading()
	p.commentLines(cs, body, p.pos > lbrace+1)
	p.emit(p.next(), indent)
}

func (p *schemaPrinter) entity() *doc {
	parts := []*doc{p.next(), space, p.nameList()}
	if p.atWord("enum") {
		parts = append(parts, space, p.next(), space, p.bracketList(p.next))
	} else {
		if p.atWord("in") {
			parts = append(parts, space, p.next(), space, p.pathList())
		}
		if p.at(token.Assign) {
			parts = append(parts, space, p.next())
		}
		if p.at(token.LBrace) {
			parts = append(parts, space, p.record())
		}
		if p.atWord("tags") {
			parts = append(parts, space, p.next(), space, p.typ())
		}
	}
	return p.cat(append(parts, p.next())...)
}

func (p *schemaPrinter) action() *doc {
	parts := []*doc{p.next(), space, p.nameList()}
	if p.atWord("in") {
		parts = append(parts, space, p.next(), space)
		if p.at(token.LBracket) {
			parts = append(parts, p.bracketList(p.actionRef))
		} else {
			parts = append(parts, p.actionRef())
		}
	}
	if p.atWord("appliesTo") {
		parts = append(parts, space, p.appliesTo())
	}
	return p.cat(append(parts, p.next())...)
}

// nameList is the declared names `a, b, c`: on one line if they fit,
// else one per line.
func (p *schemaPrinter) nameList() *doc {
	parts := []*doc{p.next()}
	for p.at(token.Comma) {
		parts = append(parts, p.next(), line, p.next())
	}
	return p.group(p.nest(p.indent, parts...))
}

// bracketList is `[e, …]`: on one line if it fits, else one element per
// line.
func (p *schemaPrinter) bracketList(elem func() *doc) *doc {
	lb := p.next()
	if p.at(token.RBracket) {
		closing := p.closingComments()
		if len(closing) == 0 {
			return p.cat(lb, p.next())
		}
		return p.cat(lb, p.nest(p.indent, closing...), hardline, p.next())
	}
	parts := []*doc{softline, elem()}
	for p.at(token.Comma) {
		parts = append(parts, p.next(), line, elem())
	}
	parts = append(parts, p.closingComments()...)
	return p.group(lb, p.nest(p.indent, parts...), softline, p.next())
}

// pathList is an entity type or a bracketed list of them.
func (p *schemaPrinter) pathList() *doc {
	if p.at(token.LBracket) {
		return p.bracketList(p.path)
	}
	return p.path()
}

// path is IDENT {`::` IDENT}.
func (p *schemaPrinter) path() *doc {
	parts := []*doc{p.next()}
	for p.at(token.DoubleColon) && p.kindAt(1) == token.Ident {
		parts = append(parts, p.next(), p.next())
	}
	return p.cat(parts...)
}

// actionRef is `"id"`, `id` or `Path::"id"`.
func (p *schemaPrinter) actionRef() *doc {
	parts := []*doc{p.next()}
	for p.at(token.DoubleColon) {
		parts = append(parts, p.next())
		if p.at(token.String) {
			parts = append(parts, p.next())
			break
		}
		parts = append(parts, p.next())
	}
	return p.cat(parts...)
}

// typ is a record, `Set<T>` or a type name.
func (p *schemaPrinter) typ() *doc {
	switch {
	case p.at(token.LBrace):
		return p.record()
	case p.atWord("Set") && p.kindAt(1) == token.Less:
		return p.cat(p.next(), p.next(), p.typ(), p.next())
	}
	return p.path()
}

// record is `{ attr, … }`, one attribute per line.
func (p *schemaPrinter) record() *doc {
	return p.block(p.attr)
}

// appliesTo is `appliesTo { principal: …, resource: …, context: … }`,
// one entry per line, in the order written.
func (p *schemaPrinter) appliesTo() *doc {
	kw := p.next()
	return p.cat(kw, space, p.block(func() *doc {
		key := p.textOf(p.pos)
		parts := []*doc{p.next(), p.next(), space}
		switch {
		case key != "context":
			parts = append(parts, p.pathList())
		case p.at(token.LBrace):
			parts = append(parts, p.record())
		default:
			parts = append(parts, p.path())
		}
		return p.cat(parts...)
	}))
}

// block is `{ entry, … }` with one entry per line and no trailing comma,
// or `{}` when empty.
func (p *schemaPrinter) block(entry func() *doc) *doc {
	lb := p.next()
	var body []*doc
	for !p.done() && !p.at(token.RBrace) {
		body = append(body, hardline, entry())
		if !p.at(token.Comma) {
			break
		}
		if p.kindAt(1) == token.RBrace {
			body = append(body, p.drop())
		} else {
			body = append(body, p.next())
		}
	}
	body = append(body, p.closingComments()...)
	if len(body) == 0 {
		return p.cat(lb, p.next())
	}
	return p.cat(lb, p.nest(p.indent, body...), hardline, p.next())
}

// attr is a record attribute: annotations on lines of their own, then
// `name?: Type`.
func (p *schemaPrinter) attr() *doc {
	var parts []*doc
	for p.at(token.At) {
		parts = append(parts, p.annotation(), hardline)
	}
	parts = append(parts, p.next())
	if p.at(token.Question) {
		parts = append(parts, p.next())
	}
	parts = append(parts, p.next(), space, p.typ())
	return p.cat(parts...)
}
