package eval

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/cedar-ls/cedar-ls/engine/types"
)

// displayUID renders an entity as official Cedar's error messages do:
// `Type::"id"` with the id escaped like Rust's str::escape_debug. That
// escapes more than types.Quote (which follows the policy printer): single
// quotes, every character that is not printable, and a grapheme extender
// (a combining mark) at the start of the id.
func displayUID(u types.EntityUID) string {
	var b strings.Builder
	b.Grow(len(u.Type) + len(u.ID) + 4)
	b.WriteString(string(u.Type))
	b.WriteString(`::"`)
	for i, r := range u.ID {
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
			if !unicode.IsPrint(r) || (i == 0 && isGraphemeExtend(r)) {
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

// isGraphemeExtend is Unicode's Grapheme_Extend property: nonspacing and
// enclosing marks plus Other_Grapheme_Extend.
func isGraphemeExtend(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Other_Grapheme_Extend)
}
