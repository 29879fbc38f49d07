package analysis

import (
	"github.com/cedar-ls/cedar-ls/engine/source"
	"strconv"
	"unicode/utf8"
)

// jnode is a JSON value with the byte spans the editor features need
// (entities, links, requests and tests files): every key and value keeps
// where it was written. Reading stops at the first syntax error, keeping
// what was read; diagnostics for such files come from the engine's readers.
type jnode struct {
	Kind  byte // 'o' object, 'a' array, 's' string, 'n' number, 'b' bool, 'z' null
	Span  source.Span
	Str   string // decoded string value
	Keys  []jkey // object members in order
	Elems []*jnode
}

type jkey struct {
	Name string
	Span source.Span // the key string, quotes included
	Val  *jnode
}

// get returns the value of key k of an object, nil if absent.
func (n *jnode) get(k string) *jnode {
	if n == nil || n.Kind != 'o' {
		return nil
	}
	for _, m := range n.Keys {
		if m.Name == k {
			return m.Val
		}
	}
	return nil
}

// str returns the string value of key k, "" if absent or not a string.
func (n *jnode) str(k string) (string, *jnode) {
	v := n.get(k)
	if v == nil || v.Kind != 's' {
		return "", nil
	}
	return v.Str, v
}

type jparser struct {
	src []byte
	i   int
	bad bool
	// depth bounds nesting so hostile input cannot exhaust the stack.
	depth int
}

// parseJSONSpans reads src; the result is nil when src does not start with
// a JSON value.
func parseJSONSpans(src []byte) *jnode {
	p := &jparser{src: src}
	return p.value()
}

func (p *jparser) ws() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jparser) value() *jnode {
	p.ws()
	if p.bad || p.i >= len(p.src) || p.depth > 512 {
		p.bad = true
		return nil
	}
	start := p.i
	switch c := p.src[p.i]; {
	case c == '{':
		p.depth++
		defer func() { p.depth-- }()
		n := &jnode{Kind: 'o'}
		p.i++
		for {
			p.ws()
			if p.i < len(p.src) && p.src[p.i] == '}' {
				p.i++
				break
			}
			if p.i >= len(p.src) || p.src[p.i] != '"' {
				p.bad = true
				break
			}
			ks := p.i
			name, ok := p.string()
			if !ok {
				break
			}
			key := jkey{Name: name, Span: source.Span{Start: ks, End: p.i}}
			p.ws()
			if p.i >= len(p.src) || p.src[p.i] != ':' {
				p.bad = true
				n.Keys = append(n.Keys, key)
				break
			}
			p.i++
			key.Val = p.value()
			n.Keys = append(n.Keys, key)
			if p.bad {
				break
			}
			p.ws()
			if p.i < len(p.src) && p.src[p.i] == ',' {
				p.i++
			}
		}
		n.Span = source.Span{Start: start, End: p.i}
		return n
	case c == '[':
		p.depth++
		defer func() { p.depth-- }()
		n := &jnode{Kind: 'a'}
		p.i++
		for {
			p.ws()
			if p.i < len(p.src) && p.src[p.i] == ']' {
				p.i++
				break
			}
			v := p.value()
			if v != nil {
				n.Elems = append(n.Elems, v)
			}
			if p.bad {
				break
			}
			p.ws()
			if p.i < len(p.src) && p.src[p.i] == ',' {
				p.i++
			}
		}
		n.Span = source.Span{Start: start, End: p.i}
		return n
	case c == '"':
		s, _ := p.string()
		return &jnode{Kind: 's', Str: s, Span: source.Span{Start: start, End: p.i}}
	default:
		for p.i < len(p.src) {
			switch p.src[p.i] {
			case ',', '}', ']', ' ', '\t', '\n', '\r', ':':
				goto done
			}
			p.i++
		}
	done:
		if p.i == start {
			p.bad = true
			return nil
		}
		k := byte('n')
		switch string(p.src[start:p.i]) {
		case "true", "false":
			k = 'b'
		case "null":
			k = 'z'
		}
		return &jnode{Kind: k, Span: source.Span{Start: start, End: p.i}}
	}
}

// string reads a string literal at p.i (which is '"').
func (p *jparser) string() (string, bool) {
	start := p.i
	p.i++
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case '\\':
			p.i += 2
			continue
		case '"':
			p.i++
			s, err := strconv.Unquote(string(p.src[start:p.i]))
			if err != nil {
				// JSON escapes Go does not read (e.g. \/): decode loosely.
				s = string(p.src[start+1 : p.i-1])
			}
			return s, true
		case '\n':
			p.bad = true
			return string(p.src[start+1 : p.i]), false
		}
		p.i++
	}
	p.bad = true
	return string(p.src[start+1:]), false
}

// jsonQuote renders s as a JSON string literal.
func jsonQuote(s string) string {
	b := []byte{'"'}
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r < 0x20:
			b = append(b, []byte(`\u00`)...)
			b = append(b, "0123456789abcdef"[r>>4], "0123456789abcdef"[r&15])
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return string(append(b, '"'))
}
