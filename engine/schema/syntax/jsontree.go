package syntax

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/source"
)

// jsonValue is a parsed JSON value with its span, so the schema reader can
// point at what it rejects (encoding/json's values forget where they were).
type jsonValue struct {
	kind    jsonKind
	str     string // a string's value, a number's text
	boolean bool
	elems   []*jsonValue
	members []jsonField
	span    ast.Span
}

type jsonField struct {
	key     string
	keySpan ast.Span
	value   *jsonValue
}

type jsonKind uint8

const (
	jNull jsonKind = iota
	jBool
	jNumber
	jString
	jArray
	jObject
)

func (k jsonKind) String() string {
	return [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}[k]
}

// maxJSONDepth bounds nesting so hostile input cannot exhaust the stack.
const maxJSONDepth = 512

// parseJSONTree reads one JSON value with spans. Malformed JSON gives one
// error at the offending byte.
func parseJSONTree(src []byte) (*jsonValue, *source.Error) {
	r := &jsonTreeReader{src: src, dec: json.NewDecoder(bytes.NewReader(src))}
	r.dec.UseNumber()
	v, err := r.value(0)
	if err != nil {
		return nil, err
	}
	off := r.tokenStart()
	if _, e := r.dec.Token(); e != io.EOF {
		return nil, &source.Error{Span: ast.Span{Start: off, End: off + 1}, Msg: "unexpected data after the top-level JSON value"}
	}
	return v, nil
}

type jsonTreeReader struct {
	src []byte
	dec *json.Decoder
}

// tokenStart is where the decoder's next token starts: past whitespace and
// the separators it consumes silently.
func (r *jsonTreeReader) tokenStart() int {
	off := int(r.dec.InputOffset())
	for off < len(r.src) {
		switch r.src[off] {
		case ' ', '\t', '\n', '\r', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

func (r *jsonTreeReader) token() (json.Token, ast.Span, *source.Error) {
	start := r.tokenStart()
	t, err := r.dec.Token()
	if err != nil {
		return nil, ast.Span{}, r.syntaxError(err, start)
	}
	return t, ast.Span{Start: start, End: int(r.dec.InputOffset())}, nil
}

func (r *jsonTreeReader) syntaxError(err error, start int) *source.Error {
	var syn *json.SyntaxError
	off := start
	msg := err.Error()
	switch {
	case errors.As(err, &syn):
		off = int(syn.Offset) - 1
		if off < start {
			off = start
		}
		msg = "malformed JSON: " + syn.Error()
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		off = len(r.src)
		msg = "malformed JSON: unexpected end of input"
	}
	if off > len(r.src) {
		off = len(r.src)
	}
	end := off + 1
	if end > len(r.src) {
		end = len(r.src)
	}
	return &source.Error{Span: ast.Span{Start: off, End: end}, Msg: msg}
}

func (r *jsonTreeReader) value(depth int) (*jsonValue, *source.Error) {
	if depth > maxJSONDepth {
		off := r.tokenStart()
		return nil, &source.Error{Span: ast.Span{Start: off, End: off + 1}, Msg: "JSON nested too deeply"}
	}
	t, span, err := r.token()
	if err != nil {
		return nil, err
	}
	switch t := t.(type) {
	case nil:
		return &jsonValue{kind: jNull, span: span}, nil
	case bool:
		return &jsonValue{kind: jBool, boolean: t, span: span}, nil
	case json.Number:
		return &jsonValue{kind: jNumber, str: string(t), span: span}, nil
	case string:
		return &jsonValue{kind: jString, str: t, span: span}, nil
	case json.Delim:
		v := &jsonValue{span: span}
		if t == '[' {
			v.kind = jArray
			for r.dec.More() {
				e, err := r.value(depth + 1)
				if err != nil {
					return nil, err
				}
				v.elems = append(v.elems, e)
			}
		} else {
			v.kind = jObject
			for r.dec.More() {
				kt, kspan, err := r.token()
				if err != nil {
					return nil, err
				}
				key, _ := kt.(string) // the decoder only yields string keys
				e, err := r.value(depth + 1)
				if err != nil {
					return nil, err
				}
				v.members = append(v.members, jsonField{key: key, keySpan: kspan, value: e})
			}
		}
		_, end, err := r.token() // the closing delimiter
		if err != nil {
			return nil, err
		}
		v.span = v.span.Cover(end)
		return v, nil
	}
	return nil, &source.Error{Span: span, Msg: fmt.Sprintf("unexpected JSON token %v", t)}
}
