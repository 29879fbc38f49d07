// Package format is the Cedar policy formatter. Its output is byte for byte
// what official Cedar's formatter (`cedar format`, cedar-wasm's
// formatPolicies) prints for the same input and options.
package format

import (
	"sort"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/token"
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

// ParseErrors is returned for a source that does not parse: a file with
// errors is never formatted, so no text can be lost.
type ParseErrors []source.Error

func (e ParseErrors) Error() string {
	if len(e) == 0 {
		return "parse error"
	}
	msg := e[0].Msg
	if len(e) > 1 {
		msg += " (and more errors)"
	}
	return msg
}

// Policies formats a policy file. On a parse error it returns nil and a
// ParseErrors value.
func Policies(src []byte, opts Options) ([]byte, error) {
	f, errs := parse.Policies(src)
	if len(errs) > 0 {
		return nil, ParseErrors(errs)
	}
	return File(src, f, opts), nil
}

// File formats an already parsed, error-free policy file; src must be the
// text f was parsed from (literals and comments are taken from it).
func File(src []byte, f *ast.File, opts Options) []byte {
	opts = opts.withDefaults()
	p := newPrinter(src, opts.IndentWidth)
	parts := make([]string, 0, len(f.Policies))
	for _, pol := range f.Policies {
		parts = append(parts, dropBlankLines(render(p.policy(pol), opts.LineWidth)))
	}
	var b strings.Builder
	b.WriteString(strings.Join(parts, "\n\n"))
	b.WriteByte('\n')
	// Comments after the last policy, and any the printer found no token
	// for, end the file one per line.
	for _, c := range p.unprinted() {
		b.WriteString(c)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// dropBlankLines removes whitespace-only lines (comment line breaks
// followed by layout line breaks leave them) and the final line break.
func dropBlankLines(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// tokenInfo is one token of the source with the comments attached to it:
// leading comments sit between the previous token (and its trailing
// comment) and this token; a trailing comment follows the token on its
// line.
type tokenInfo struct {
	tok      token.Token
	leading  []string
	trailing string
	printed  bool
}

type printer struct {
	src    []byte
	indent int
	toks   []tokenInfo
	// tail are comments after the last token.
	tail []string
}

func newPrinter(src []byte, indent int) *printer {
	p := &printer{src: src, indent: indent}
	sc := token.NewScanner(src)
	sc.EmitComments = true
	var pending []string
	for {
		t := sc.Next()
		if t.Kind == token.EOF {
			break
		}
		if t.Kind != token.Comment {
			p.toks = append(p.toks, tokenInfo{tok: t, leading: pending})
			pending = nil
			continue
		}
		c := strings.TrimRight(t.Text(src), " \t\r")
		if n := len(p.toks); n > 0 && pending == nil && p.toks[n-1].trailing == "" &&
			!hasNewline(src[p.toks[n-1].tok.Span.End:t.Span.Start]) {
			p.toks[n-1].trailing = c
			continue
		}
		pending = append(pending, c)
	}
	p.tail = pending
	return p
}

func hasNewline(b []byte) bool {
	for _, c := range b {
		if c == '\n' {
			return true
		}
	}
	return false
}

// unprinted lists, in source order, comments of tokens the printer never
// printed and the comments after the last token.
func (p *printer) unprinted() []string {
	var out []string
	for i := range p.toks {
		if !p.toks[i].printed {
			out = append(out, p.toks[i].leading...)
			if p.toks[i].trailing != "" {
				out = append(out, p.toks[i].trailing)
			}
		}
	}
	return append(out, p.tail...)
}

// index is the position in p.toks of the token starting at off, or -1.
func (p *printer) index(off int) int {
	i := sort.Search(len(p.toks), func(i int) bool { return p.toks[i].tok.Span.Start >= off })
	if i < len(p.toks) && p.toks[i].tok.Span.Start == off {
		return i
	}
	return -1
}

// after is the offset of the first token starting at or after off.
func (p *printer) after(off int) int {
	i := sort.Search(len(p.toks), func(i int) bool { return p.toks[i].tok.Span.Start >= off })
	if i < len(p.toks) {
		return p.toks[i].tok.Span.Start
	}
	return -1
}

// last is the offset of the last token ending at or before end.
func (p *printer) last(end int) int {
	i := sort.Search(len(p.toks), func(i int) bool { return p.toks[i].tok.Span.End > end })
	if i > 0 {
		return p.toks[i-1].tok.Span.Start
	}
	return -1
}

// tokAs prints s for the token at off together with its comments.
func (p *printer) tokAs(off int, s string) *doc {
	i := p.index(off)
	if i < 0 || p.toks[i].printed {
		return text(s)
	}
	t := &p.toks[i]
	t.printed = true
	if len(t.leading) == 0 && t.trailing == "" {
		return text(s)
	}
	var parts []*doc
	if len(t.leading) > 0 {
		parts = append(parts, hardline)
		for _, c := range t.leading {
			parts = append(parts, text(c), hardline)
		}
	}
	parts = append(parts, text(s))
	if t.trailing != "" {
		parts = append(parts, space, text(t.trailing), hardline)
	}
	return cat(parts...)
}

// tok prints the token at off as written.
func (p *printer) tok(off int) *doc {
	i := p.index(off)
	if i < 0 {
		return nilDoc
	}
	return p.tokAs(off, p.toks[i].tok.Text(p.src))
}

// words prints the tokens within span with no space between them (entity
// literals, type names, attribute paths, annotations).
func (p *printer) words(span ast.Span) *doc {
	var parts []*doc
	for i := p.index(p.after(span.Start)); i >= 0 && i < len(p.toks) && p.toks[i].tok.Span.End <= span.End; i++ {
		parts = append(parts, p.tok(p.toks[i].tok.Span.Start))
	}
	return cat(parts...)
}
