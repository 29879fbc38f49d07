package jsontree

import (
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// ErrorCode says what kind of syntax error a SyntaxError is.
type ErrorCode uint8

const (
	// ErrUnexpected: a character, or the end of input, where Want was
	// expected.
	ErrUnexpected ErrorCode = iota + 1
	// ErrTrailing: more than white space after the JSON value.
	ErrTrailing
	// ErrNumber: a malformed number literal.
	ErrNumber
	// ErrString: a malformed string literal: an invalid escape, a raw
	// control character, no closing quote.
	ErrString
	// ErrInvalidUTF8: bytes in a string that are not UTF-8.
	ErrInvalidUTF8
	// ErrLoneSurrogate: a `\u` escape of a UTF-16 surrogate with no
	// partner, which is no Unicode character.
	ErrLoneSurrogate
	// ErrDepth: arrays and objects nested deeper than the limit.
	ErrDepth
)

// Want is what the reader expected where it met an ErrUnexpected.
type Want uint8

const (
	WantValue          Want = iota + 1 // any JSON value
	WantKey                            // an object's string key
	WantColon                          // `:` after a key
	WantCommaOrBrace                   // `,` or `}` after an object member
	WantCommaOrBracket                 // `,` or `]` after an array element
)

var wantNames = [...]string{"", "a JSON value", "a string key", "`:`", "`,` or `}`", "`,` or `]`"}

func (w Want) String() string { return wantNames[w] }

// SyntaxError is malformed JSON at a byte offset. Msg reads well after
// "invalid JSON: "; the other fields let a caller word it otherwise.
type SyntaxError struct {
	Offset int // the offending byte, or len(input) at the end of input
	Code   ErrorCode
	Want   Want // for ErrUnexpected
	AtEOF  bool // for ErrUnexpected: the input ended where Want was expected
	Found  rune // for ErrUnexpected without AtEOF, and ErrTrailing: the offending character
	Msg    string
}

func (e *SyntaxError) Error() string { return e.Msg }

// Parse reads src, which must be exactly one JSON value with optional white
// space around it. Arrays and objects may nest maxDepth levels deep; one
// more is an ErrDepth (which keeps hostile input from exhausting the stack).
func Parse(src []byte, maxDepth int) (*Value, *SyntaxError) {
	r := &reader{src: src, maxDepth: maxDepth}
	r.skipSpace()
	v, err := r.value()
	if err != nil {
		return nil, err
	}
	r.skipSpace()
	if r.pos < len(src) {
		found, _ := utf8.DecodeRune(src[r.pos:])
		return nil, &SyntaxError{Offset: r.pos, Code: ErrTrailing, Found: found, Msg: "trailing characters after the JSON value"}
	}
	return v, nil
}

type reader struct {
	src      []byte
	pos      int
	depth    int
	maxDepth int
}

func (r *reader) fail(off int, code ErrorCode, format string, args ...any) *SyntaxError {
	return &SyntaxError{Offset: off, Code: code, Msg: fmt.Sprintf(format, args...)}
}

// unexpected is an ErrUnexpected at r.pos.
func (r *reader) unexpected(want Want) *SyntaxError {
	e := &SyntaxError{Offset: r.pos, Code: ErrUnexpected, Want: want}
	if r.pos >= len(r.src) {
		e.AtEOF = true
		e.Msg = "unexpected end of input, expected " + want.String()
		return e
	}
	e.Found, _ = utf8.DecodeRune(r.src[r.pos:])
	e.Msg = "unexpected " + strconv.QuoteRune(e.Found) + ", expected " + want.String()
	return e
}

func (r *reader) skipSpace() {
	for r.pos < len(r.src) {
		switch r.src[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

// at reports whether the next byte is c.
func (r *reader) at(c byte) bool { return r.pos < len(r.src) && r.src[r.pos] == c }

func (r *reader) value() (*Value, *SyntaxError) {
	if r.pos >= len(r.src) {
		return nil, r.unexpected(WantValue)
	}
	start := r.pos
	switch c := r.src[r.pos]; {
	case c == '{':
		return r.object()
	case c == '[':
		return r.array()
	case c == '"':
		s, err := r.str()
		if err != nil {
			return nil, err
		}
		return &Value{Kind: String, Start: start, End: r.pos, Text: s}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return r.number()
	case r.word("true"):
		return &Value{Kind: Bool, Start: start, End: r.pos, Bool: true}, nil
	case r.word("false"):
		return &Value{Kind: Bool, Start: start, End: r.pos}, nil
	case r.word("null"):
		return &Value{Kind: Null, Start: start, End: r.pos}, nil
	}
	return nil, r.unexpected(WantValue)
}

// word consumes w if the input continues with it. What follows is checked
// by the caller, so `truex` fails on the `x`.
func (r *reader) word(w string) bool {
	if len(r.src)-r.pos >= len(w) && string(r.src[r.pos:r.pos+len(w)]) == w {
		r.pos += len(w)
		return true
	}
	return false
}

func (r *reader) enter() *SyntaxError {
	r.depth++
	if r.depth > r.maxDepth {
		return r.fail(r.pos, ErrDepth, "JSON nested too deeply: arrays and objects nested more than %d levels", r.maxDepth)
	}
	return nil
}

func (r *reader) object() (*Value, *SyntaxError) {
	if err := r.enter(); err != nil {
		return nil, err
	}
	defer func() { r.depth-- }()
	v := &Value{Kind: Object, Start: r.pos}
	r.pos++ // {
	r.skipSpace()
	if r.at('}') {
		r.pos++
		v.End = r.pos
		return v, nil
	}
	for {
		r.skipSpace()
		if !r.at('"') {
			return nil, r.unexpected(WantKey)
		}
		keyStart := r.pos
		key, err := r.str()
		if err != nil {
			return nil, err
		}
		keyEnd := r.pos
		r.skipSpace()
		if !r.at(':') {
			return nil, r.unexpected(WantColon)
		}
		r.pos++
		r.skipSpace()
		val, err := r.value()
		if err != nil {
			return nil, err
		}
		v.Members = append(v.Members, Member{Key: key, KeyStart: keyStart, KeyEnd: keyEnd, Value: val})
		r.skipSpace()
		switch {
		case r.at(','):
			r.pos++
		case r.at('}'):
			r.pos++
			v.End = r.pos
			return v, nil
		default:
			return nil, r.unexpected(WantCommaOrBrace)
		}
	}
}

func (r *reader) array() (*Value, *SyntaxError) {
	if err := r.enter(); err != nil {
		return nil, err
	}
	defer func() { r.depth-- }()
	v := &Value{Kind: Array, Start: r.pos}
	r.pos++ // [
	r.skipSpace()
	if r.at(']') {
		r.pos++
		v.End = r.pos
		return v, nil
	}
	for {
		r.skipSpace()
		el, err := r.value()
		if err != nil {
			return nil, err
		}
		v.Elems = append(v.Elems, el)
		r.skipSpace()
		switch {
		case r.at(','):
			r.pos++
		case r.at(']'):
			r.pos++
			v.End = r.pos
			return v, nil
		default:
			return nil, r.unexpected(WantCommaOrBracket)
		}
	}
}

// number reads -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? and keeps it
// as written; Int64 converts it where a format wants an integer.
func (r *reader) number() (*Value, *SyntaxError) {
	start := r.pos
	digits := func() bool {
		from := r.pos
		for r.pos < len(r.src) && r.src[r.pos] >= '0' && r.src[r.pos] <= '9' {
			r.pos++
		}
		return r.pos > from
	}
	if r.at('-') {
		r.pos++
	}
	intStart := r.pos
	if !digits() {
		return nil, r.fail(r.pos, ErrNumber, "invalid number")
	}
	if r.src[intStart] == '0' && r.pos-intStart > 1 {
		return nil, r.fail(intStart, ErrNumber, "invalid number: leading zero")
	}
	if r.at('.') {
		r.pos++
		if !digits() {
			return nil, r.fail(r.pos, ErrNumber, "invalid number")
		}
	}
	if r.at('e') || r.at('E') {
		r.pos++
		if r.at('+') || r.at('-') {
			r.pos++
		}
		if !digits() {
			return nil, r.fail(r.pos, ErrNumber, "invalid number")
		}
	}
	return &Value{Kind: Number, Start: start, End: r.pos, Text: string(r.src[start:r.pos])}, nil
}

// str reads the string literal at r.pos (a quote) and decodes it.
func (r *reader) str() (string, *SyntaxError) {
	open := r.pos
	r.pos++
	start := r.pos
	// Most strings have no escapes: slice them out whole.
	for r.pos < len(r.src) {
		c := r.src[r.pos]
		if c == '"' {
			s := r.src[start:r.pos]
			if !utf8.Valid(s) {
				return "", r.invalidUTF8(start)
			}
			r.pos++
			return string(s), nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
		r.pos++
	}
	out := append([]byte(nil), r.src[start:r.pos]...)
	if !utf8.Valid(out) {
		return "", r.invalidUTF8(start)
	}
	for r.pos < len(r.src) {
		c := r.src[r.pos]
		switch {
		case c == '"':
			r.pos++
			return string(out), nil
		case c == '\\':
			var err *SyntaxError
			if out, err = r.escape(out, open); err != nil {
				return "", err
			}
		case c < 0x20:
			return "", r.fail(r.pos, ErrString, "control character U+%04X in string; it must be escaped", c)
		case c < utf8.RuneSelf:
			out = append(out, c)
			r.pos++
		default:
			ru, size := utf8.DecodeRune(r.src[r.pos:])
			if ru == utf8.RuneError && size == 1 {
				return "", r.fail(r.pos, ErrInvalidUTF8, "invalid UTF-8 in string")
			}
			out = append(out, r.src[r.pos:r.pos+size]...)
			r.pos += size
		}
	}
	return "", r.fail(open, ErrString, "unterminated string")
}

// invalidUTF8 is the error at the first invalid byte of src[from:].
func (r *reader) invalidUTF8(from int) *SyntaxError {
	off := from
	for off < len(r.src) {
		ru, size := utf8.DecodeRune(r.src[off:])
		if ru == utf8.RuneError && size == 1 {
			break
		}
		off += size
	}
	return r.fail(off, ErrInvalidUTF8, "invalid UTF-8 in string")
}

// escape decodes the escape at r.pos (a backslash) onto out; open is
// where the string starts.
func (r *reader) escape(out []byte, open int) ([]byte, *SyntaxError) {
	at := r.pos
	if r.pos+1 >= len(r.src) {
		return out, r.fail(open, ErrString, "unterminated string")
	}
	c := r.src[r.pos+1]
	r.pos += 2
	switch c {
	case '"', '\\', '/':
		return append(out, c), nil
	case 'b':
		return append(out, '\b'), nil
	case 'f':
		return append(out, '\f'), nil
	case 'n':
		return append(out, '\n'), nil
	case 'r':
		return append(out, '\r'), nil
	case 't':
		return append(out, '\t'), nil
	case 'u':
	default:
		if c < utf8.RuneSelf && c >= 0x20 {
			return out, r.fail(at, ErrString, "invalid escape `\\%c` in string", c)
		}
		return out, r.fail(at, ErrString, "invalid escape in string")
	}
	ru, ok := r.hex4()
	if !ok {
		return out, r.fail(at, ErrString, "invalid \\u escape in string: expected four hex digits")
	}
	if utf16.IsSurrogate(ru) {
		// Only a high surrogate followed by an escaped low one is a
		// character; anything else is no Unicode scalar value.
		lo := rune(-1)
		if r.pos+1 < len(r.src) && r.src[r.pos] == '\\' && r.src[r.pos+1] == 'u' {
			r.pos += 2
			if l, ok := r.hex4(); ok {
				lo = l
			}
		}
		pair := utf16.DecodeRune(ru, lo)
		if pair == utf8.RuneError {
			return out, r.fail(at, ErrLoneSurrogate, "invalid unicode surrogate: lone surrogate `\\u%04x` in \\u escape", ru)
		}
		ru = pair
	}
	return utf8.AppendRune(out, ru), nil
}

func (r *reader) hex4() (rune, bool) {
	if len(r.src)-r.pos < 4 {
		return 0, false
	}
	var n rune
	for _, c := range r.src[r.pos : r.pos+4] {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		n = n<<4 | rune(d)
	}
	r.pos += 4
	return n, true
}
