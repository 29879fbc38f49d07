package oracle

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// The DRT sends thousands of requests a second; encoding them by hand
// instead of through encoding/json's reflection (which also re-validates
// and compacts every json.RawMessage) halves the Go side's cost of talking
// to the oracle. The output is the JSON encoding/json would write, up to
// whitespace and escaping choices.

// appendBatchCall appends the isAuthorizedBatch argument.
func appendBatchCall(b []byte, policies PolicySet, entities json.RawMessage, reqs []AuthRequest) ([]byte, error) {
	ps, err := json.Marshal(policies)
	if err != nil {
		return nil, err
	}
	b = append(b, `{"policies":`...)
	b = append(b, ps...)
	b = append(b, `,"entities":`...)
	b = appendRaw(b, orEmpty(entities, "[]"))
	b = append(b, `,"requests":[`...)
	for i, r := range reqs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"principal":`...)
		b = appendUID(b, r.Principal)
		b = append(b, `,"action":`...)
		b = appendUID(b, r.Action)
		b = append(b, `,"resource":`...)
		b = appendUID(b, r.Resource)
		b = append(b, `,"context":`...)
		b = appendRaw(b, orEmpty(r.Context, "{}"))
		b = append(b, '}')
	}
	return append(b, "]}"...), nil
}

func appendUID(b []byte, u EntityUIDJSON) []byte {
	b = append(b, `{"type":`...)
	b = appendString(b, u.Type)
	b = append(b, `,"id":`...)
	b = appendString(b, u.ID)
	return append(b, '}')
}

// appendRaw appends JSON text on one line: as it is when it has no line
// breaks (a line break in JSON can only be whitespace), else compacted.
// Text that is not JSON is appended as it is; the oracle then rejects the
// request line, and the call fails.
func appendRaw(b []byte, raw []byte) []byte {
	if bytes.IndexAny(raw, "\r\n") < 0 {
		return append(b, raw...)
	}
	var buf bytes.Buffer
	if json.Compact(&buf, raw) != nil {
		return append(b, bytes.ReplaceAll(bytes.ReplaceAll(raw, []byte("\r"), []byte(" ")), []byte("\n"), []byte(" "))...)
	}
	return append(b, buf.Bytes()...)
}

// appendString appends s as a JSON string.
func appendString(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		// encoding/json's replacement of invalid bytes.
		q, _ := json.Marshal(s)
		return append(b, q...)
	}
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// requestLine is the request line {"id", "op", "arg"} with arg already
// encoded.
func requestLine(id int64, op string, arg []byte) []byte {
	b := make([]byte, 0, len(arg)+len(op)+40)
	b = append(b, `{"id":`...)
	b = strconv.AppendInt(b, id, 10)
	b = append(b, `,"op":`...)
	b = appendString(b, op)
	b = append(b, `,"arg":`...)
	b = append(b, arg...)
	return append(b, "}\n"...)
}
