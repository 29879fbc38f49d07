package format

import (
	"fmt"
	"unicode/utf8"

	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/internal/jsontree"
)

// JSONError is a syntax error in a JSON text: a diagnostic (code
// source.CodeJSONSyntax) whose span is the offending byte, and the 1-based
// Line and Col (counted in characters) where it is.
type JSONError struct {
	source.Diagnostic
	Line, Col int
}

// Error is the message after the line:col.
func (e *JSONError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Message) }

// JSON formats a JSON text (JSON schemas, entities, policy JSON, requests)
// as stable indented JSON: every array element and object member on a
// line of its own, indented by opts.IndentWidth (default 2); `{}` and `[]`
// when empty; one space after `:`; a final line break. Nothing else
// changes: members keep their order (duplicates included), and strings
// and numbers keep their exact spelling, so no value can change or lose
// precision. Line width is not used. Invalid JSON (RFC 8259, UTF-8)
// gives a *JSONError and no output.
func JSON(src []byte, opts Options) ([]byte, error) {
	opts = opts.withDefaults()
	tree, serr := jsontree.Parse(src, maxJSONNesting)
	if serr != nil && serr.Code == jsontree.ErrLoneSurrogate {
		// jsontree rejects `\u` escapes of lone UTF-16 surrogates, as
		// Cedar's readers must, but RFC 8259 allows them and a formatter
		// copies strings as written without decoding them. So read a copy
		// with every surrogate escape masked: offsets are unchanged, and
		// the output is sliced from the original text.
		tree, serr = jsontree.Parse(maskSurrogateEscapes(src), maxJSONNesting)
	}
	if serr != nil {
		err := jsonError(src, serr)
		pos := source.NewLines(src).Pos(err.Span.Start)
		err.Line, err.Col = pos.Line, pos.Col
		return nil, err
	}
	p := &jsonPrinter{src: src, indent: opts.IndentWidth, out: make([]byte, 0, len(src)+len(src)/2+16)}
	p.value(tree, 0)
	return append(p.out, '\n'), nil
}

// maxJSONNesting bounds how deep arrays and objects may nest, so hostile
// input cannot exhaust the stack.
const maxJSONNesting = 10000

type jsonPrinter struct {
	src    []byte
	indent int
	out    []byte
}

func (p *jsonPrinter) newline(depth int) {
	p.out = append(p.out, '\n')
	for n := depth * p.indent; n > 0; n-- {
		p.out = append(p.out, ' ')
	}
}

// value prints v at nesting depth; scalars and keys are copied from the
// text as written.
func (p *jsonPrinter) value(v *jsontree.Value, depth int) {
	switch v.Kind {
	case jsontree.Array:
		p.items('[', ']', len(v.Elems), depth, func(i int) { p.value(v.Elems[i], depth+1) })
	case jsontree.Object:
		p.items('{', '}', len(v.Members), depth, func(i int) {
			m := v.Members[i]
			p.out = append(p.out, p.src[m.KeyStart:m.KeyEnd]...)
			p.out = append(p.out, ':', ' ')
			p.value(m.Value, depth+1)
		})
	default:
		p.out = append(p.out, p.src[v.Start:v.End]...)
	}
}

// items prints a container of n items at nesting depth: each item, by
// item(i), on a line of its own, or just opener and closer when n is 0.
func (p *jsonPrinter) items(opener, closer byte, n, depth int, item func(i int)) {
	p.out = append(p.out, opener)
	for i := range n {
		if i > 0 {
			p.out = append(p.out, ',')
		}
		p.newline(depth + 1)
		item(i)
	}
	if n > 0 {
		p.newline(depth)
	}
	p.out = append(p.out, closer)
}

// maskSurrogateEscapes returns a copy of src in which every `\u` escape
// of a UTF-16 surrogate reads `\u0000` instead. Escapes are stepped over
// whole, so `\\ud800` (an escaped backslash) is left alone. A backslash
// outside a string is an error the reader meets before anything masked
// after it could matter.
func maskSurrogateEscapes(src []byte) []byte {
	out := append([]byte(nil), src...)
	for i := 0; i < len(out); i++ {
		if out[i] != '\\' || i+1 >= len(out) {
			continue
		}
		if out[i+1] == 'u' && i+5 < len(out) && (out[i+2] == 'd' || out[i+2] == 'D') &&
			isHexDigit(out[i+4]) && isHexDigit(out[i+5]) && isSurrogateThird(out[i+3]) {
			copy(out[i+2:i+6], "0000")
		}
		i++ // past the escaped character
	}
	return out
}

// isSurrogateThird: `\uD` followed by c opens a surrogate (D800–DFFF).
func isSurrogateThird(c byte) bool {
	return (c >= '8' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func isHexDigit(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// wantPhrases word what jsontree expected, in this formatter's terms.
var wantPhrases = map[jsontree.Want]string{
	jsontree.WantValue:          "a JSON value",
	jsontree.WantKey:            "an object key (a string)",
	jsontree.WantColon:          "`:` after the object key",
	jsontree.WantCommaOrBrace:   "`,` or `}`",
	jsontree.WantCommaOrBracket: "`,` or `]`",
}

// jsonError words jsontree's syntax error for the formatter's users
// (Line and Col are left to the caller): they name what was found, and
// which part of a number lacks a digit. The offset stays jsontree's,
// except that a bad word such as `nullx` is reported at its start.
func jsonError(src []byte, e *jsontree.SyntaxError) *JSONError {
	off := e.Offset
	fail := func(off int, format string, args ...any) *JSONError {
		return &JSONError{Diagnostic: source.Diagnostic{Span: source.Span{Start: off, End: off + 1}, Code: source.CodeJSONSyntax, Message: fmt.Sprintf(format, args...)}}
	}
	switch e.Code {
	case jsontree.ErrUnexpected, jsontree.ErrTrailing:
		// jsontree reads `nullx` as `null` and stops at the `x`; the word
		// as a whole is what is not a JSON value. Only a literal can end
		// in a letter where a value has just been read.
		if off > 0 && off < len(src) && isWordByte(src[off]) && isLowerLetter(src[off-1]) {
			start := off - 1
			for start > 0 && isLowerLetter(src[start-1]) {
				start--
			}
			return fail(start, "expected a JSON value, found %s", foundAt(src, start))
		}
		if e.Code == jsontree.ErrTrailing {
			return fail(off, "unexpected %s after the JSON value", foundAt(src, off))
		}
		return fail(off, "expected %s, found %s", wantPhrases[e.Want], foundAt(src, off))
	case jsontree.ErrNumber:
		switch {
		case off+1 < len(src) && src[off] == '0' && isDigit(src[off+1]):
			return fail(off, "a number cannot start with 0 followed by digits")
		case src[off-1] == '.':
			return fail(off, "expected a digit after the decimal point, found %s", foundAt(src, off))
		case isExponentMark(src[off-1]) || ((src[off-1] == '+' || src[off-1] == '-') && off >= 2 && isExponentMark(src[off-2])):
			return fail(off, "expected a digit in the exponent, found %s", foundAt(src, off))
		}
		return fail(off, "expected a digit in the number, found %s", foundAt(src, off))
	case jsontree.ErrDepth:
		return fail(off, "JSON nested too deeply")
	case jsontree.ErrInvalidUTF8:
		return fail(off, "invalid UTF-8 in a string")
	case jsontree.ErrString:
		// jsontree points at the opening quote of an unterminated string,
		// else at the bad escape's backslash or the raw control character.
		switch {
		case src[off] == '"':
			return fail(off, "unterminated string")
		case src[off] == '\\' && src[off+1] == 'u':
			return fail(off, "invalid \\u escape: four hex digits must follow")
		case src[off] == '\\' && src[off+1] >= 0x20 && src[off+1] < utf8.RuneSelf:
			return fail(off, "invalid escape `\\%c` in a string", src[off+1])
		case src[off] == '\\':
			return fail(off, "invalid escape in a string")
		}
		return fail(off, "control character 0x%02x in a string (escape it)", src[off])
	}
	return fail(off, "%s", e.Msg)
}

// foundAt names the character at off for "found …" messages.
func foundAt(src []byte, off int) string {
	if off >= len(src) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(src[off:])
	if r == utf8.RuneError {
		return fmt.Sprintf("byte 0x%02x", src[off])
	}
	return fmt.Sprintf("%q", r)
}

func isDigit(c byte) bool        { return c >= '0' && c <= '9' }
func isExponentMark(c byte) bool { return c == 'e' || c == 'E' }
func isLowerLetter(c byte) bool  { return c >= 'a' && c <= 'z' }

func isWordByte(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}
