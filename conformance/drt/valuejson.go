package drt

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// contextJSON is mustJSON(fieldsJSON(fs)), byte for byte, written
// directly: request contexts are most of what the generator writes, and
// encoding/json's reflection over map[string]any was a tenth of the DRT's
// Go time.
func contextJSON(fs []field) json.RawMessage {
	return appendFieldsJSON(make([]byte, 0, 256), fs)
}

// appendFieldsJSON writes fields as encoding/json writes the map
// fieldsJSON makes of them: keys sorted, the last of repeated names kept.
func appendFieldsJSON(b []byte, fs []field) []byte {
	order := make([]int, 0, len(fs))
	for i, f := range fs {
		if k := slices.IndexFunc(order, func(j int) bool { return fs[j].name == f.name }); k >= 0 {
			order[k] = i
			continue
		}
		order = append(order, i)
	}
	slices.SortFunc(order, func(i, j int) int { return strings.Compare(fs[i].name, fs[j].name) })
	b = append(b, '{')
	for n, i := range order {
		if n > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, fs[i].name)
		b = append(b, ':')
		b = fs[i].val.appendJSON(b)
	}
	return append(b, '}')
}

// appendJSON writes v.jsonValue() as encoding/json does.
func (v value) appendJSON(b []byte) []byte {
	switch v.kind {
	case kBool:
		return strconv.AppendBool(b, v.b)
	case kLong:
		return strconv.AppendInt(b, v.n, 10)
	case kString:
		return appendJSONString(b, v.s)
	case kEntity:
		b = append(b, `{"__entity":{"type":`...)
		b = appendJSONString(b, v.uid.Type)
		b = append(b, `,"id":`...)
		b = appendJSONString(b, v.uid.ID)
		return append(b, "}}"...)
	case kSet:
		b = append(b, '[')
		for i, e := range v.elems {
			if i > 0 {
				b = append(b, ',')
			}
			b = e.appendJSON(b)
		}
		return append(b, ']')
	case kRecord:
		return appendFieldsJSON(b, v.fields)
	default:
		b = append(b, `{"__extn":{"arg":`...)
		b = appendJSONString(b, v.s)
		b = append(b, `,"fn":`...)
		b = appendJSONString(b, extFunc[v.kind])
		return append(b, "}}"...)
	}
}

// appendJSONString writes s as encoding/json does without HTML escaping:
// plain printable ASCII as it is, anything else through encoding/json.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(s) // a string always encodes
			return append(b, bytes.TrimSpace(buf.Bytes())...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
