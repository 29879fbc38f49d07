package format

import (
	"strings"

	"github.com/cedar-ls/cedar-ls/internal/token"
)

// comment is one `//` comment, its trailing blanks removed.
type comment struct {
	text string
	// blankBefore: an empty line separates the comment from the token or
	// comment before it.
	blankBefore bool
}

// tokenNotes are the comments attached to a token: leading comments sit
// between the previous token (and its trailing comment) and this token; a
// trailing comment follows the token on its line.
type tokenNotes struct {
	leading  []comment
	trailing string
}

// tokenInfo is one token of the source.
type tokenInfo struct {
	tok token.Token
	// notes is 1 + the index of the token's comments in tokens.notes, 0
	// for a token without comments (most tokens).
	notes   int32
	printed bool
	// blankBefore: an empty line separates the token from the token or
	// comment before it.
	blankBefore bool
}

// tokens is the token table of a source, comments attached to tokens, with
// constant-time lookup of the token at an offset.
type tokens struct {
	src []byte
	// srcText is src as a string, so token texts are substrings of it
	// rather than copies.
	srcText string
	toks    []tokenInfo
	notes   []tokenNotes
	// firstAt[off] is the index of the first token starting at or after
	// byte offset off.
	firstAt []int32
	// tail are the comments after the last token.
	tail []comment
}

func scanTokens(src []byte) tokens {
	t := tokens{src: src, srcText: string(src)}
	// About one token per four bytes of typical Cedar text; the guess
	// only saves regrowing the slice.
	t.toks = make([]tokenInfo, 0, len(src)/4+16)
	sc := token.NewScanner(src)
	sc.EmitComments = true
	var pending []comment
	prevEnd := 0 // end of the previous token or comment
	for {
		tk := sc.Next()
		if tk.Kind == token.EOF {
			break
		}
		blank := len(t.toks)+len(pending) > 0 && blankLineIn(src[prevEnd:tk.Span.Start])
		prevEnd = tk.Span.End
		if tk.Kind != token.Comment {
			info := tokenInfo{tok: tk, blankBefore: blank}
			if pending != nil {
				t.notes = append(t.notes, tokenNotes{leading: pending})
				info.notes = int32(len(t.notes))
				pending = nil
			}
			t.toks = append(t.toks, info)
			continue
		}
		c := comment{text: strings.TrimRight(t.srcText[tk.Span.Start:tk.Span.End], " \t\r"), blankBefore: blank}
		if n := len(t.toks); n > 0 && pending == nil && t.trailing(n-1) == "" &&
			!hasNewline(src[t.toks[n-1].tok.Span.End:tk.Span.Start]) {
			last := &t.toks[n-1]
			if last.notes == 0 {
				t.notes = append(t.notes, tokenNotes{})
				last.notes = int32(len(t.notes))
			}
			t.notes[last.notes-1].trailing = c.text
			continue
		}
		pending = append(pending, c)
	}
	t.tail = pending
	t.firstAt = make([]int32, len(src)+1)
	off := 0
	for i, info := range t.toks {
		for ; off <= info.tok.Span.Start; off++ {
			t.firstAt[off] = int32(i)
		}
	}
	for ; off <= len(src); off++ {
		t.firstAt[off] = int32(len(t.toks))
	}
	return t
}

func hasNewline(b []byte) bool {
	for _, c := range b {
		if c == '\n' {
			return true
		}
	}
	return false
}

// blankLineIn reports whether the whitespace b holds an empty line.
func blankLineIn(b []byte) bool {
	n := 0
	for _, c := range b {
		if c == '\n' {
			if n++; n == 2 {
				return true
			}
		}
	}
	return false
}

// leading are the comments before token i.
func (t *tokens) leading(i int) []comment {
	if n := t.toks[i].notes; n > 0 {
		return t.notes[n-1].leading
	}
	return nil
}

// trailing is the comment after token i on its line, "" if none.
func (t *tokens) trailing(i int) string {
	if n := t.toks[i].notes; n > 0 {
		return t.notes[n-1].trailing
	}
	return ""
}

// textOf is the text of token i.
func (t *tokens) textOf(i int) string {
	sp := t.toks[i].tok.Span
	return t.srcText[sp.Start:sp.End]
}

// unprinted lists, in source order, comments of tokens never printed and
// the comments after the last token.
func (t *tokens) unprinted() []comment {
	var out []comment
	for i := range t.toks {
		if !t.toks[i].printed {
			out = append(out, t.leading(i)...)
			if c := t.trailing(i); c != "" {
				out = append(out, comment{text: c})
			}
		}
	}
	return append(out, t.tail...)
}

// search is the index of the first token starting at or after off
// (len(t.toks) if none).
func (t *tokens) search(off int) int {
	if off < 0 {
		off = 0
	}
	if off >= len(t.firstAt) {
		return len(t.toks)
	}
	return int(t.firstAt[off])
}

// index is the position in t.toks of the token starting at off, or -1.
func (t *tokens) index(off int) int {
	i := t.search(off)
	if i < len(t.toks) && t.toks[i].tok.Span.Start == off {
		return i
	}
	return -1
}

// after is the offset of the first token starting at or after off.
func (t *tokens) after(off int) int {
	if i := t.search(off); i < len(t.toks) {
		return t.toks[i].tok.Span.Start
	}
	return -1
}

// last is the offset of the last token ending at or before end.
func (t *tokens) last(end int) int {
	// Tokens do not overlap: the ones ending at or before end are the
	// ones before the first token ending after end.
	i := t.search(end)
	for i > 0 && t.toks[i-1].tok.Span.End > end {
		i--
	}
	if i > 0 {
		return t.toks[i-1].tok.Span.Start
	}
	return -1
}
