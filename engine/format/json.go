package format

import (
	"fmt"
	"unicode/utf8"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/source"
)

// JSONError is a syntax error in a JSON text. Line and Col (1-based,
// Col counted in characters) locate Offset, the byte where it was found.
type JSONError struct {
	Line, Col int
	Offset    int
	Msg       string
}

func (e *JSONError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// SourceError is the error as a one-byte span into the text.
func (e *JSONError) SourceError() source.Error {
	return source.Error{Span: ast.Span{Start: e.Offset, End: e.Offset + 1}, Msg: e.Msg}
}

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
	j := &jsonFormatter{src: src, indent: opts.IndentWidth, out: make([]byte, 0, len(src)+len(src)/2+16)}
	if err := j.run(); err != nil {
		pos := source.NewLines(src).Pos(err.Offset)
		err.Line, err.Col = pos.Line, pos.Col
		return nil, err
	}
	return j.out, nil
}

// maxJSONNesting bounds nesting so hostile input cannot exhaust memory
// through the container stack (the formatter itself does not recurse).
const maxJSONNesting = 10000

type jsonFormatter struct {
	src    []byte
	off    int
	indent int
	out    []byte
}

func (j *jsonFormatter) fail(off int, format string, args ...any) *JSONError {
	return &JSONError{Offset: off, Msg: fmt.Sprintf(format, args...)}
}

func (j *jsonFormatter) skipSpace() {
	for j.off < len(j.src) {
		switch j.src[j.off] {
		case ' ', '\t', '\n', '\r':
			j.off++
		default:
			return
		}
	}
}

// describe names the byte at off for "unexpected …" messages.
func (j *jsonFormatter) describe(off int) string {
	if off >= len(j.src) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(j.src[off:])
	if r == utf8.RuneError {
		return fmt.Sprintf("byte 0x%02x", j.src[off])
	}
	return fmt.Sprintf("%q", r)
}

func (j *jsonFormatter) newline(depth int) {
	j.out = append(j.out, '\n')
	for n := depth * j.indent; n > 0; n-- {
		j.out = append(j.out, ' ')
	}
}

// run formats the whole text with an explicit stack of open containers,
// so deep nesting cannot overflow the goroutine stack.
func (j *jsonFormatter) run() *JSONError {
	var stack []byte // '{' or '[' per open container
	j.skipSpace()
	for {
		// A value is expected here.
		if j.off >= len(j.src) {
			return j.fail(j.off, "expected a JSON value, found end of input")
		}
		switch c := j.src[j.off]; c {
		case '{', '[':
			if len(stack) >= maxJSONNesting {
				return j.fail(j.off, "JSON nested too deeply")
			}
			j.out = append(j.out, c)
			j.off++
			j.skipSpace()
			closer := byte('}')
			if c == '[' {
				closer = ']'
			}
			if j.off < len(j.src) && j.src[j.off] == closer {
				j.out = append(j.out, closer)
				j.off++
				break
			}
			stack = append(stack, c)
			j.newline(len(stack))
			if c == '{' {
				if err := j.key(); err != nil {
					return err
				}
			}
			continue
		case '"':
			if err := j.str(); err != nil {
				return err
			}
		case 't', 'f', 'n':
			if err := j.literal(); err != nil {
				return err
			}
		default:
			if c == '-' || (c >= '0' && c <= '9') {
				if err := j.number(); err != nil {
					return err
				}
				break
			}
			return j.fail(j.off, "expected a JSON value, found %s", j.describe(j.off))
		}
		// A value ended: close containers until one continues.
		for {
			j.skipSpace()
			if len(stack) == 0 {
				if j.off < len(j.src) {
					return j.fail(j.off, "unexpected %s after the JSON value", j.describe(j.off))
				}
				j.out = append(j.out, '\n')
				return nil
			}
			top := stack[len(stack)-1]
			closer := byte('}')
			if top == '[' {
				closer = ']'
			}
			if j.off < len(j.src) && j.src[j.off] == ',' {
				j.out = append(j.out, ',')
				j.off++
				j.skipSpace()
				j.newline(len(stack))
				if top == '{' {
					if err := j.key(); err != nil {
						return err
					}
				}
				break
			}
			if j.off < len(j.src) && j.src[j.off] == closer {
				j.off++
				stack = stack[:len(stack)-1]
				j.newline(len(stack))
				j.out = append(j.out, closer)
				continue
			}
			return j.fail(j.off, "expected `,` or `%c`, found %s", closer, j.describe(j.off))
		}
	}
}

// key copies `"key": ` and leaves the offset at the member's value.
func (j *jsonFormatter) key() *JSONError {
	if j.off >= len(j.src) || j.src[j.off] != '"' {
		return j.fail(j.off, "expected an object key (a string), found %s", j.describe(j.off))
	}
	if err := j.str(); err != nil {
		return err
	}
	j.skipSpace()
	if j.off >= len(j.src) || j.src[j.off] != ':' {
		return j.fail(j.off, "expected `:` after the object key, found %s", j.describe(j.off))
	}
	j.off++
	j.out = append(j.out, ':', ' ')
	j.skipSpace()
	return nil
}

// str copies a string literal as written after checking it.
func (j *jsonFormatter) str() *JSONError {
	start := j.off
	i := j.off + 1
	for {
		if i >= len(j.src) {
			return j.fail(start, "unterminated string")
		}
		c := j.src[i]
		switch {
		case c == '"':
			i++
			j.out = append(j.out, j.src[start:i]...)
			j.off = i
			return nil
		case c == '\\':
			if i+1 >= len(j.src) {
				return j.fail(start, "unterminated string")
			}
			switch j.src[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				for k := 2; k < 6; k++ {
					if i+k >= len(j.src) || !isHex(j.src[i+k]) {
						return j.fail(i, "invalid \\u escape: four hex digits must follow")
					}
				}
				i += 6
			default:
				return j.fail(i, "invalid escape `\\%c` in a string", j.src[i+1])
			}
		case c < 0x20:
			return j.fail(i, "control character 0x%02x in a string (escape it)", c)
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(j.src[i:])
			if r == utf8.RuneError && size == 1 {
				return j.fail(i, "invalid UTF-8 in a string")
			}
			i += size
		}
	}
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// number copies a number as written after checking its syntax.
func (j *jsonFormatter) number() *JSONError {
	start := j.off
	i := j.off
	digits := func() int {
		n := 0
		for i < len(j.src) && j.src[i] >= '0' && j.src[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if j.src[i] == '-' {
		i++
	}
	intStart := i
	n := digits()
	switch {
	case n == 0:
		return j.fail(i, "expected a digit in the number, found %s", j.describe(i))
	case n > 1 && j.src[intStart] == '0':
		return j.fail(intStart, "a number cannot start with 0 followed by digits")
	}
	if i < len(j.src) && j.src[i] == '.' {
		i++
		if digits() == 0 {
			return j.fail(i, "expected a digit after the decimal point, found %s", j.describe(i))
		}
	}
	if i < len(j.src) && (j.src[i] == 'e' || j.src[i] == 'E') {
		i++
		if i < len(j.src) && (j.src[i] == '+' || j.src[i] == '-') {
			i++
		}
		if digits() == 0 {
			return j.fail(i, "expected a digit in the exponent, found %s", j.describe(i))
		}
	}
	j.out = append(j.out, j.src[start:i]...)
	j.off = i
	return nil
}

func (j *jsonFormatter) literal() *JSONError {
	for _, w := range [...]string{"true", "false", "null"} {
		if len(j.src)-j.off >= len(w) && string(j.src[j.off:j.off+len(w)]) == w {
			end := j.off + len(w)
			// `nullx` is one bad word, not `null` followed by junk.
			if end < len(j.src) && isWordByte(j.src[end]) {
				break
			}
			j.out = append(j.out, w...)
			j.off = end
			return nil
		}
	}
	return j.fail(j.off, "expected a JSON value, found %s", j.describe(j.off))
}

func isWordByte(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}
