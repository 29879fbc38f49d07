package entities

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonKind is the syntactic kind of a JSON value.
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

// jsonNode is a parsed JSON value that remembers where it starts, so
// decoding errors can point at the offending value. encoding/json loses
// positions and silently merges duplicate keys; both matter here.
type jsonNode struct {
	kind    jsonKind
	off     int
	boolean bool
	text    string // string contents, or a number's literal text
	elems   []*jsonNode
	members []jsonMember
}

type jsonMember struct {
	key    string
	keyOff int
	value  *jsonNode
}

// member returns the object member named key, or nil.
func (n *jsonNode) member(key string) *jsonMember {
	for i := range n.members {
		if n.members[i].key == key {
			return &n.members[i]
		}
	}
	return nil
}

// syntaxError is a malformed-JSON error at a byte offset.
type syntaxError struct {
	off int
	msg string
}

type jsonParser struct {
	src   []byte
	pos   int
	depth int
}

// maxJSONDepth bounds nesting so hostile input cannot exhaust the stack.
const maxJSONDepth = 1000

func parseJSONTree(src []byte) (*jsonNode, *syntaxError) {
	p := &jsonParser{src: src}
	p.skipSpace()
	n, err := p.value()
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < len(p.src) {
		return nil, &syntaxError{p.pos, "unexpected " + p.describe() + " after the JSON value"}
	}
	return n, nil
}

func (p *jsonParser) skipSpace() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jsonParser) describe() string {
	if p.pos >= len(p.src) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(p.src[p.pos:])
	return strconv.QuoteRune(r)
}

func (p *jsonParser) fail(msg string) *syntaxError {
	return &syntaxError{p.pos, msg}
}

func (p *jsonParser) value() (*jsonNode, *syntaxError) {
	if p.pos >= len(p.src) {
		return nil, p.fail("unexpected end of input, expected a JSON value")
	}
	start := p.pos
	switch c := p.src[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return &jsonNode{kind: jsonString, off: start, text: s}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case p.literal("true"):
		return &jsonNode{kind: jsonBool, off: start, boolean: true}, nil
	case p.literal("false"):
		return &jsonNode{kind: jsonBool, off: start}, nil
	case p.literal("null"):
		return &jsonNode{kind: jsonNull, off: start}, nil
	}
	return nil, p.fail("unexpected " + p.describe() + ", expected a JSON value")
}

func (p *jsonParser) literal(word string) bool {
	if len(p.src)-p.pos >= len(word) && string(p.src[p.pos:p.pos+len(word)]) == word {
		p.pos += len(word)
		return true
	}
	return false
}

func (p *jsonParser) enter() *syntaxError {
	p.depth++
	if p.depth > maxJSONDepth {
		return p.fail("JSON nested too deeply")
	}
	return nil
}

func (p *jsonParser) object() (*jsonNode, *syntaxError) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	n := &jsonNode{kind: jsonObject, off: p.pos}
	p.pos++ // {
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
		return n, nil
	}
	for {
		p.skipSpace()
		if p.pos >= len(p.src) || p.src[p.pos] != '"' {
			return nil, p.fail("unexpected " + p.describe() + ", expected a string key")
		}
		keyOff := p.pos
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.pos >= len(p.src) || p.src[p.pos] != ':' {
			return nil, p.fail("unexpected " + p.describe() + ", expected `:`")
		}
		p.pos++
		p.skipSpace()
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		n.members = append(n.members, jsonMember{key: key, keyOff: keyOff, value: v})
		p.skipSpace()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == '}' {
			p.pos++
			return n, nil
		}
		return nil, p.fail("unexpected " + p.describe() + ", expected `,` or `}`")
	}
}

func (p *jsonParser) array() (*jsonNode, *syntaxError) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	n := &jsonNode{kind: jsonArray, off: p.pos}
	p.pos++ // [
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
		return n, nil
	}
	for {
		p.skipSpace()
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		n.elems = append(n.elems, v)
		p.skipSpace()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == ']' {
			p.pos++
			return n, nil
		}
		return nil, p.fail("unexpected " + p.describe() + ", expected `,` or `]`")
	}
}

func (p *jsonParser) number() (*jsonNode, *syntaxError) {
	start := p.pos
	digits := func() int {
		n := 0
		for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	if p.src[p.pos] == '-' {
		p.pos++
	}
	intStart := p.pos
	if digits() == 0 {
		return nil, p.fail("invalid number")
	}
	if p.src[intStart] == '0' && p.pos-intStart > 1 {
		return nil, &syntaxError{intStart, "invalid number: leading zero"}
	}
	if p.pos < len(p.src) && p.src[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return nil, p.fail("invalid number")
		}
	}
	if p.pos < len(p.src) && (p.src[p.pos] == 'e' || p.src[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.src) && (p.src[p.pos] == '+' || p.src[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return nil, p.fail("invalid number")
		}
	}
	return &jsonNode{kind: jsonNumber, off: start, text: string(p.src[start:p.pos])}, nil
}

func (p *jsonParser) str() (string, *syntaxError) {
	p.pos++ // opening quote
	start := p.pos
	// Fast path: no escapes.
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c == '"' {
			s := p.src[start:p.pos]
			if !utf8.Valid(s) {
				return "", &syntaxError{start, "invalid UTF-8 in string"}
			}
			p.pos++
			return string(s), nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
		p.pos++
	}
	buf := append([]byte(nil), p.src[start:p.pos]...)
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '"':
			p.pos++
			if !utf8.Valid(buf) {
				return "", &syntaxError{start, "invalid UTF-8 in string"}
			}
			return string(buf), nil
		case c < 0x20:
			return "", p.fail("control character in string")
		case c == '\\':
			p.pos++
			if p.pos >= len(p.src) {
				return "", p.fail("unterminated string")
			}
			e := p.src[p.pos]
			p.pos++
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, ok := p.hex4()
				if !ok {
					return "", p.fail("invalid \\u escape")
				}
				if utf16.IsSurrogate(r) {
					// A high surrogate must be followed by \u and a low one.
					if p.pos+1 < len(p.src) && p.src[p.pos] == '\\' && p.src[p.pos+1] == 'u' {
						save := p.pos
						p.pos += 2
						r2, ok := p.hex4()
						if ok {
							if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
								buf = utf8.AppendRune(buf, d)
								continue
							}
						}
						p.pos = save
					}
					return "", p.fail("invalid unicode surrogate in \\u escape")
				}
				buf = utf8.AppendRune(buf, r)
			default:
				return "", &syntaxError{p.pos - 2, "invalid escape in string"}
			}
		default:
			buf = append(buf, c)
			p.pos++
		}
	}
	return "", p.fail("unterminated string")
}

func (p *jsonParser) hex4() (rune, bool) {
	if len(p.src)-p.pos < 4 {
		return 0, false
	}
	var r rune
	for i := 0; i < 4; i++ {
		c := p.src[p.pos+i]
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
		r = r<<4 | rune(d)
	}
	p.pos += 4
	return r, true
}
