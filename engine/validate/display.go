package validate

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/cedar-ls/cedar-ls/engine/ast"
)

// quoteDebug renders s between double quotes escaped like Rust's
// str::escape_debug, as official Cedar's validator messages show string
// literals: quotes of both kinds and backslashes, the usual control
// escapes, `\u{…}` for every character that is not printable, and for a
// grapheme extender (combining mark) at the very start.
func quoteDebug(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i, r := range s {
		switch r {
		case 0:
			b.WriteString(`\0`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		case '\n':
			b.WriteString(`\n`)
		case '\'', '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			// Rust's printable set is Go's: letters, marks, numbers,
			// punctuation, symbols and the ASCII space.
			if !unicode.IsPrint(r) || i == 0 && unicode.In(r, unicode.Mn, unicode.Me, unicode.Other_Grapheme_Extend) {
				b.WriteString(`\u{`)
				b.WriteString(strconv.FormatInt(int64(r), 16))
				b.WriteByte('}')
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// charDebug renders r like Rust's char::escape_debug, which, unlike the
// string form, escapes a grapheme extender wherever it stands.
func charDebug(r rune) string {
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Other_Grapheme_Extend) {
		return `\u{` + strconv.FormatInt(int64(r), 16) + "}"
	}
	q := quoteDebug(string(r))
	return q[1 : len(q)-1]
}

// patternText is a `like` pattern as official Cedar prints it: `*` for a
// wildcard, `\*` for a literal star, other characters escaped like Rust's
// char::escape_debug.
func patternText(parts []ast.PatternPart) string {
	var b strings.Builder
	for _, p := range parts {
		if p.Wildcard {
			b.WriteByte('*')
			continue
		}
		for _, r := range p.Literal {
			if r == '*' {
				b.WriteString(`\*`)
			} else {
				b.WriteString(charDebug(r))
			}
		}
	}
	return b.String()
}
