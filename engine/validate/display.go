package validate

import (
	"strconv"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// charDebug renders r like Rust's char::escape_debug, which, unlike the
// string form, escapes a grapheme extender wherever it stands.
func charDebug(r rune) string {
	if types.IsGraphemeExtend(r) {
		return `\u{` + strconv.FormatInt(int64(r), 16) + "}"
	}
	q := types.QuoteDebug(string(r))
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
