package policyjson

import (
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// The policy JSON format needs things encoding/json does not give: the byte
// offset of every value (errors point at line:col), member order and
// duplicate keys (struct fields reject duplicates, maps keep the last, as
// serde_json does), and exact 64-bit integers. So the document is first read
// into this small tree, then interpreted.

type jsonKind uint8

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonArray
	jsonObject
)

var jsonKindNames = [...]string{"null", "boolean", "number", "string", "array", "object"}

func (k jsonKind) String() string { return jsonKindNames[k] }

type jsonValue struct {
	kind    jsonKind
	off     int    // byte offset of the value's first character
	boolean bool   // jsonBool
	text    string // jsonString: the decoded string; jsonNumber: the literal
	elems   []*jsonValue
	members []jsonMember
}

type jsonMember struct {
	key    string
	keyOff int
	value  *jsonValue
}

// maxJSONDepth bounds nesting so hostile input cannot exhaust the stack.
const maxJSONDepth = 10000

type jsonError struct {
	off int
	msg string
}

type jsonReader struct {
	src   []byte
	pos   int
	depth int
}

func parseJSON(src []byte) (*jsonValue, *jsonError) {
	r := &jsonReader{src: src}
	r.skipSpace()
	v, err := r.value()
	if err != nil {
		return nil, err
	}
	r.skipSpace()
	if r.pos < len(src) {
		return nil, r.errAt(r.pos, "trailing characters after the JSON value")
	}
	return v, nil
}

func (r *jsonReader) errAt(off int, format string, args ...any) *jsonError {
	return &jsonError{off: off, msg: fmt.Sprintf(format, args...)}
}

func (r *jsonReader) skipSpace() {
	for r.pos < len(r.src) {
		switch r.src[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

func (r *jsonReader) value() (*jsonValue, *jsonError) {
	if r.pos >= len(r.src) {
		return nil, r.errAt(r.pos, "unexpected end of JSON input")
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
		return &jsonValue{kind: jsonString, off: start, text: s}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return r.number()
	default:
		for _, lit := range [...]struct {
			word string
			v    jsonValue
		}{{"true", jsonValue{kind: jsonBool, boolean: true}}, {"false", jsonValue{kind: jsonBool}}, {"null", jsonValue{kind: jsonNull}}} {
			if hasWord(r.src[r.pos:], lit.word) {
				r.pos += len(lit.word)
				v := lit.v
				v.off = start
				return &v, nil
			}
		}
		return nil, r.errAt(start, "expected a JSON value")
	}
}

func hasWord(b []byte, w string) bool {
	return len(b) >= len(w) && string(b[:len(w)]) == w
}

func (r *jsonReader) enter() *jsonError {
	r.depth++
	if r.depth > maxJSONDepth {
		return r.errAt(r.pos, "JSON nested more than %d levels deep", maxJSONDepth)
	}
	return nil
}

func (r *jsonReader) object() (*jsonValue, *jsonError) {
	if err := r.enter(); err != nil {
		return nil, err
	}
	defer func() { r.depth-- }()
	v := &jsonValue{kind: jsonObject, off: r.pos}
	r.pos++ // {
	r.skipSpace()
	if r.pos < len(r.src) && r.src[r.pos] == '}' {
		r.pos++
		return v, nil
	}
	for {
		r.skipSpace()
		if r.pos >= len(r.src) || r.src[r.pos] != '"' {
			return nil, r.errAt(r.pos, "expected a string key in JSON object")
		}
		keyOff := r.pos
		key, err := r.str()
		if err != nil {
			return nil, err
		}
		r.skipSpace()
		if r.pos >= len(r.src) || r.src[r.pos] != ':' {
			return nil, r.errAt(r.pos, "expected `:` after object key")
		}
		r.pos++
		r.skipSpace()
		val, err := r.value()
		if err != nil {
			return nil, err
		}
		v.members = append(v.members, jsonMember{key: key, keyOff: keyOff, value: val})
		r.skipSpace()
		if r.pos >= len(r.src) {
			return nil, r.errAt(r.pos, "unexpected end of JSON input in object")
		}
		switch r.src[r.pos] {
		case ',':
			r.pos++
		case '}':
			r.pos++
			return v, nil
		default:
			return nil, r.errAt(r.pos, "expected `,` or `}` in JSON object")
		}
	}
}

func (r *jsonReader) array() (*jsonValue, *jsonError) {
	if err := r.enter(); err != nil {
		return nil, err
	}
	defer func() { r.depth-- }()
	v := &jsonValue{kind: jsonArray, off: r.pos}
	r.pos++ // [
	r.skipSpace()
	if r.pos < len(r.src) && r.src[r.pos] == ']' {
		r.pos++
		return v, nil
	}
	for {
		r.skipSpace()
		el, err := r.value()
		if err != nil {
			return nil, err
		}
		v.elems = append(v.elems, el)
		r.skipSpace()
		if r.pos >= len(r.src) {
			return nil, r.errAt(r.pos, "unexpected end of JSON input in array")
		}
		switch r.src[r.pos] {
		case ',':
			r.pos++
		case ']':
			r.pos++
			return v, nil
		default:
			return nil, r.errAt(r.pos, "expected `,` or `]` in JSON array")
		}
	}
}

func (r *jsonReader) number() (*jsonValue, *jsonError) {
	start := r.pos
	if r.src[r.pos] == '-' {
		r.pos++
	}
	digits := func() int {
		n := 0
		for r.pos < len(r.src) && r.src[r.pos] >= '0' && r.src[r.pos] <= '9' {
			r.pos++
			n++
		}
		return n
	}
	intStart := r.pos
	if digits() == 0 {
		return nil, r.errAt(start, "invalid JSON number")
	}
	if r.src[intStart] == '0' && r.pos-intStart > 1 {
		return nil, r.errAt(start, "invalid JSON number: leading zero")
	}
	if r.pos < len(r.src) && r.src[r.pos] == '.' {
		r.pos++
		if digits() == 0 {
			return nil, r.errAt(start, "invalid JSON number")
		}
	}
	if r.pos < len(r.src) && (r.src[r.pos] == 'e' || r.src[r.pos] == 'E') {
		r.pos++
		if r.pos < len(r.src) && (r.src[r.pos] == '+' || r.src[r.pos] == '-') {
			r.pos++
		}
		if digits() == 0 {
			return nil, r.errAt(start, "invalid JSON number")
		}
	}
	return &jsonValue{kind: jsonNumber, off: start, text: string(r.src[start:r.pos])}, nil
}

// str reads a string literal at r.pos (which is a quote) and decodes it.
func (r *jsonReader) str() (string, *jsonError) {
	start := r.pos
	r.pos++
	var out []byte
	for {
		if r.pos >= len(r.src) {
			return "", r.errAt(start, "unterminated JSON string")
		}
		c := r.src[r.pos]
		switch {
		case c == '"':
			r.pos++
			return string(out), nil
		case c == '\\':
			if err := r.escape(&out); err != nil {
				return "", err
			}
		case c < 0x20:
			return "", r.errAt(r.pos, "control character in JSON string must be escaped")
		case c < utf8.RuneSelf:
			out = append(out, c)
			r.pos++
		default:
			ru, size := utf8.DecodeRune(r.src[r.pos:])
			if ru == utf8.RuneError && size == 1 {
				return "", r.errAt(r.pos, "invalid UTF-8 in JSON string")
			}
			out = append(out, r.src[r.pos:r.pos+size]...)
			r.pos += size
		}
	}
}

var simpleEscapes = map[byte]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

func (r *jsonReader) escape(out *[]byte) *jsonError {
	at := r.pos
	if r.pos+1 >= len(r.src) {
		return r.errAt(at, "unterminated JSON string")
	}
	c := r.src[r.pos+1]
	r.pos += 2
	if b, ok := simpleEscapes[c]; ok {
		*out = append(*out, b)
		return nil
	}
	if c != 'u' {
		return r.errAt(at, "invalid escape `\\%c` in JSON string", c)
	}
	hi, ok := r.hex4()
	if !ok {
		return r.errAt(at, "invalid `\\u` escape in JSON string")
	}
	ru := rune(hi)
	if utf16.IsSurrogate(ru) {
		// A surrogate must pair with a following \uDC00-\uDFFF escape;
		// a lone one is no Unicode scalar value, so Cedar rejects it.
		if hi >= 0xDC00 || r.pos+1 >= len(r.src) || r.src[r.pos] != '\\' || r.src[r.pos+1] != 'u' {
			return r.errAt(at, "lone surrogate `\\u%04x` in JSON string", hi)
		}
		r.pos += 2
		lo, ok := r.hex4()
		if !ok || lo < 0xDC00 || lo > 0xDFFF {
			return r.errAt(at, "lone surrogate `\\u%04x` in JSON string", hi)
		}
		ru = utf16.DecodeRune(rune(hi), rune(lo))
	}
	*out = utf8.AppendRune(*out, ru)
	return nil
}

func (r *jsonReader) hex4() (uint16, bool) {
	if r.pos+4 > len(r.src) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(r.src[r.pos:r.pos+4]), 16, 16)
	if err != nil {
		return 0, false
	}
	for _, b := range r.src[r.pos : r.pos+4] {
		if b == '+' || b == '-' || b == '_' {
			return 0, false
		}
	}
	r.pos += 4
	return uint16(n), true
}
