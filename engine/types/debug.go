package types

import (
	"strconv"
	"strings"
	"unicode"
)

// QuoteDebug renders s between double quotes escaped like Rust's
// str::escape_debug, the form official Cedar's error and validation
// messages show strings and entity ids in. It escapes more than Quote
// (which follows the policy printer): single quotes, every character that
// is not printable, and a grapheme extender (combining mark) at the start.
func QuoteDebug(s string) string {
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
			if !unicode.IsPrint(r) || (i == 0 && IsGraphemeExtend(r)) {
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

// IsGraphemeExtend is Unicode's Grapheme_Extend property: nonspacing and
// enclosing marks plus Other_Grapheme_Extend.
func IsGraphemeExtend(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Other_Grapheme_Extend)
}
