package jsontree

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks Parse never panics and agrees with encoding/json: what
// Parse accepts is valid JSON that decodes to the same values, and what it
// rejects is invalid JSON except for its documented differences (strings
// that are not valid Unicode, nesting past the limit).
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`null`, `[1, -2.5e3, "a", true, false, null]`, `{"a": {"b": [{}]}, "a": 0}`,
		`"\u00e9\ud83d\ude00\n"`, `["\ud800"]`, "\"\xff\"", `[01]`, `{"a" 1}`, `[[[[[[]]]]]]`,
		`{} x`, `"\u12"`, `1e`, `-`, "\"\t\"", ` {"k\"ey": "v\\al"} `,
	} {
		f.Add([]byte(s))
	}
	const maxDepth = 5
	f.Fuzz(func(t *testing.T, src []byte) {
		v, err := Parse(src, maxDepth)
		valid := json.Valid(src)
		if err != nil {
			if err.Offset < 0 || err.Offset > len(src) || err.Msg == "" {
				t.Fatalf("%q: bad error %+v", src, err)
			}
			if valid {
				switch err.Code {
				case ErrInvalidUTF8, ErrLoneSurrogate, ErrDepth:
				default:
					t.Fatalf("%q: rejected valid JSON: %v", src, err)
				}
			}
			return
		}
		if !valid {
			t.Fatalf("%q: accepted invalid JSON as %s", src, show(v))
		}
		if v.Start < 0 || v.End > len(src) || v.Start >= v.End {
			t.Fatalf("%q: root span %d-%d", src, v.Start, v.End)
		}
		dec := json.NewDecoder(bytes.NewReader(src))
		dec.UseNumber()
		var want any
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("%q: encoding/json: %v", src, err)
		}
		if got := plain(t, src, v); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %#v\nwant %#v", src, got, want)
		}
	})
}

// plain converts a tree to what encoding/json decodes (UseNumber), checking
// on the way that every span holds what it should.
func plain(t *testing.T, src []byte, v *Value) any {
	text := src[v.Start:v.End]
	switch v.Kind {
	case Null:
		return nil
	case Bool:
		return v.Bool
	case Number:
		if string(text) != v.Text {
			t.Fatalf("%q: number span %q, text %q", src, text, v.Text)
		}
		return json.Number(v.Text)
	case String:
		if !utf8.ValidString(v.Text) || text[0] != '"' || text[len(text)-1] != '"' {
			t.Fatalf("%q: string span %q, text %q", src, text, v.Text)
		}
		return v.Text
	case Array:
		if text[0] != '[' || text[len(text)-1] != ']' {
			t.Fatalf("%q: array span %q", src, text)
		}
		out := []any{}
		for _, e := range v.Elems {
			out = append(out, plain(t, src, e))
		}
		return out
	}
	if text[0] != '{' || text[len(text)-1] != '}' {
		t.Fatalf("%q: object span %q", src, text)
	}
	out := map[string]any{}
	for _, m := range v.Members {
		if src[m.KeyStart] != '"' || src[m.KeyEnd-1] != '"' {
			t.Fatalf("%q: key span %q", src, src[m.KeyStart:m.KeyEnd])
		}
		out[m.Key] = plain(t, src, m.Value) // the last duplicate wins, as in encoding/json
	}
	return out
}
