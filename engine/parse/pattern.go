package parse

import (
	"unicode/utf8"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/internal/token"
)

// unquotePattern decodes a `like` pattern's raw text (quotes included):
// `\*` is a literal star, any other star a wildcard (including one written
// as an escape such as \u{2a}, as official Cedar does), and otherwise the
// escapes of token.Unquote apply. Adjacent literal text is merged into one part.
func unquotePattern(raw []byte) ([]ast.PatternPart, *token.EscapeError) {
	body := raw[1 : len(raw)-1]
	var parts []ast.PatternPart
	var lit []byte
	flush := func() {
		if len(lit) > 0 {
			parts = append(parts, ast.PatternPart{Literal: string(lit)})
			lit = lit[:0]
		}
	}
	for i := 0; i < len(body); {
		c := body[i]
		switch {
		case c == '*':
			flush()
			parts = append(parts, ast.PatternPart{Wildcard: true})
			i++
		case c != '\\':
			lit = append(lit, c)
			i++
		case i+1 < len(body) && body[i+1] == '*':
			lit = append(lit, '*')
			i += 2
		default:
			r, n, err := token.Unescape(body, i)
			if err != nil {
				return nil, err
			}
			i += n
			if r == '*' { // as in official Cedar, only `\*` is a literal star
				flush()
				parts = append(parts, ast.PatternPart{Wildcard: true})
				continue
			}
			lit = utf8.AppendRune(lit, r)
		}
	}
	flush()
	return parts, nil
}
