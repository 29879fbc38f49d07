// Package format is the Cedar policy formatter. Its output is byte for byte
// what official Cedar's formatter (`cedar format`, cedar-wasm's
// formatPolicies) prints for the same input and options.
package format

import (
	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/source"
)

// Options are the layout settings; zero values take official Cedar's
// defaults (line width 80, indent 2).
type Options struct {
	LineWidth   int
	IndentWidth int
}

func (o Options) withDefaults() Options {
	if o.LineWidth <= 0 {
		o.LineWidth = 80
	}
	if o.IndentWidth <= 0 {
		o.IndentWidth = 2
	}
	return o
}

// Policies formats a policy file. On a parse error it returns nil and a
// source.Diagnostics value.
func Policies(src []byte, opts Options) ([]byte, error) {
	f, errs := parse.Policies(src)
	if len(errs) > 0 {
		return nil, source.Diagnostics(errs)
	}
	return File(src, f, opts), nil
}

// File formats an already parsed, error-free policy file; src must be the
// text f was parsed from (literals and comments are taken from it). A file
// with a policy with parse errors comes back unchanged, as Policies
// refuses it: no text can be lost.
func File(src []byte, f *ast.File, opts Options) []byte {
	for _, pol := range f.Policies {
		if pol.HasErrors() {
			return src
		}
	}
	opts = opts.withDefaults()
	p := newPrinter(src, opts.IndentWidth)
	out := make([]byte, 0, len(src)+len(src)/4+16)
	for i, pol := range f.Policies {
		if i > 0 {
			out = append(out, "\n\n"...)
		}
		start := len(out)
		out = p.render(out, p.policy(pol), opts.LineWidth, 0, 0)
		out = p.dropBlankLines(out, start)
		// The policy's documents are dead once rendered.
		p.reset()
	}
	out = append(out, '\n')
	// Comments after the last policy, and any the printer found no token
	// for, end the file one per line.
	for _, c := range p.unprinted() {
		out = append(out, c.text...)
		out = append(out, '\n')
	}
	return out
}

// dropBlankLines removes, from out[start:], whitespace-only lines (comment
// line breaks followed by layout line breaks leave them) and the final
// line break, in place. Line breaks inside string literals (recorded by
// render) are text, not layout: lines there are kept as they are.
func (r *renderer) dropBlankLines(out []byte, start int) []byte {
	w := start
	for i := start; i < len(out); {
		end := i
		for end < len(out) && out[end] != '\n' {
			end++
		}
		if !isBlank(out[i:end]) || r.inLiteral(i, end) {
			if w > start {
				out[w] = '\n'
				w++
			}
			w += copy(out[w:], out[i:end])
		}
		i = end + 1
	}
	r.literals = r.literals[:0]
	return out[:w]
}

// inLiteral reports whether the line out[i:end] or its line break is part
// of a multi-line string literal.
func (r *renderer) inLiteral(i, end int) bool {
	for _, l := range r.literals {
		if l[0] <= end && l[1] > i {
			return true
		}
	}
	return false
}

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

type printer struct {
	arena
	renderer
	tokens
	indent int
}

func newPrinter(src []byte, indent int) *printer {
	return &printer{tokens: scanTokens(src), indent: indent}
}

// tokAs prints s for the token at off together with its comments.
func (p *printer) tokAs(off int, s string) *doc {
	d, trail := p.tokApart(off, s)
	if trail == nilDoc {
		return d
	}
	return p.cat(d, trail)
}

// tokApart prints s for the token at off with the comments before it, and
// returns apart the comment after it on its line (ending that line), or
// nilDoc: a caller can place that line break outside a nest.
func (p *printer) tokApart(off int, s string) (tok, trail *doc) {
	i := p.index(off)
	if i < 0 || p.toks[i].printed {
		return p.text(s), nilDoc
	}
	p.toks[i].printed = true
	if p.toks[i].notes == 0 {
		return p.text(s), nilDoc
	}
	tok = p.text(s)
	if leading := p.leading(i); len(leading) > 0 {
		tok = p.cat(p.commentsDoc(leading), tok)
	}
	trail = nilDoc
	if trailing := p.trailing(i); trailing != "" {
		trail = p.cat(space, p.text(trailing), hardline)
	}
	return tok, trail
}

// commentsDoc is a docComments for comments on lines of their own.
func (a *arena) commentsDoc(cs []comment) *doc {
	var buf [16]*doc
	parts := append(buf[:0], hardline)
	for _, c := range cs {
		parts = append(parts, a.text(c.text), hardline)
	}
	d := a.cat(parts...)
	d.kind = docComments
	return d
}

// tok prints the token at off as written.
func (p *printer) tok(off int) *doc {
	i := p.index(off)
	if i < 0 {
		return nilDoc
	}
	return p.tokAs(off, p.textOf(i))
}

// words prints the tokens within span with no space between them (entity
// literals, type names, attribute paths, annotations).
func (p *printer) words(span source.Span) *doc {
	var buf [8]*doc
	parts := buf[:0]
	for i := p.index(p.after(span.Start)); i >= 0 && i < len(p.toks) && p.toks[i].tok.Span.End <= span.End; i++ {
		parts = append(parts, p.tok(p.toks[i].tok.Span.Start))
	}
	return p.cat(parts...)
}
