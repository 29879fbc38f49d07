package jsontree

import (
	"errors"
	"strings"
	"testing"
)

// show prints a tree as kind@start-end, strings and numbers as written,
// so a table can state what was read and where.
func show(v *Value) string {
	var b strings.Builder
	var walk func(v *Value)
	walk = func(v *Value) {
		b.WriteString(v.Kind.String())
		switch v.Kind {
		case Bool:
			if v.Bool {
				b.WriteString(" true")
			} else {
				b.WriteString(" false")
			}
		case Number, String:
			b.WriteString(" " + strings.ReplaceAll(v.Text, "\n", `\n`))
		}
		b.WriteString("@" + itoa(v.Start) + "-" + itoa(v.End))
		switch v.Kind {
		case Array:
			b.WriteString("[")
			for i, e := range v.Elems {
				if i > 0 {
					b.WriteString(" ")
				}
				walk(e)
			}
			b.WriteString("]")
		case Object:
			b.WriteString("{")
			for i, m := range v.Members {
				if i > 0 {
					b.WriteString(" ")
				}
				b.WriteString(strings.ReplaceAll(m.Key, "\n", `\n`) + "@" + itoa(m.KeyStart) + "-" + itoa(m.KeyEnd) + ":")
				walk(m.Value)
			}
			b.WriteString("}")
		}
	}
	walk(v)
	return b.String()
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

func TestParseAccepts(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{`null`, "null@0-4"},
		{` true `, "boolean true@1-5"},
		{"\n\tfalse\r\n", "boolean false@2-7"},
		{`0`, "number 0@0-1"},
		{`-12.5e+3`, "number -12.5e+3@0-8"},
		{`1E-0`, "number 1E-0@0-4"},
		{`""`, "string @0-2"},
		{`"a\"\\\/\b\f\n\r\t"`, "string a\"\\/\b\f\\n\r\t@0-19"},
		{`"\u00e9\u20AC\ud83d\ude00"`, "string é€😀@0-26"},
		{`"é😀"`, "string é😀@0-8"},
		{`"\u0000"`, "string \x00@0-8"},
		{`[]`, "array@0-2[]"},
		{`[1, [true], {}]`, "array@0-15[number 1@1-2 array@4-10[boolean true@5-9] object@12-14{}]"},
		{`{"a": 1, "a": "x", "b\n": null}`, `object@0-31{a@1-4:number 1@6-7 a@9-12:string x@14-17 b\n@19-24:null@26-30}`},
	} {
		v, err := Parse([]byte(tc.src), 10)
		if err != nil {
			t.Errorf("%q: %v", tc.src, err)
			continue
		}
		if got := show(v); got != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.src, got, tc.want)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for _, tc := range []struct {
		src  string
		off  int
		code ErrorCode
		msg  string
	}{
		{``, 0, ErrUnexpected, "unexpected end of input, expected a JSON value"},
		{`   `, 3, ErrUnexpected, "unexpected end of input, expected a JSON value"},
		{`[`, 1, ErrUnexpected, "unexpected end of input, expected a JSON value"},
		{`[1`, 2, ErrUnexpected, "unexpected end of input, expected `,` or `]`"},
		{`[1 2]`, 3, ErrUnexpected, "unexpected '2', expected `,` or `]`"},
		{`[1,]`, 3, ErrUnexpected, "unexpected ']', expected a JSON value"},
		{`{`, 1, ErrUnexpected, "unexpected end of input, expected a string key"},
		{`{"a": 1,}`, 8, ErrUnexpected, "unexpected '}', expected a string key"},
		{`{a: 1}`, 1, ErrUnexpected, "unexpected 'a', expected a string key"},
		{`{"a" 1}`, 5, ErrUnexpected, "unexpected '1', expected `:`"},
		{`{"a": 1 "b": 2}`, 8, ErrUnexpected, "unexpected '\"', expected `,` or `}`"},
		{`{"a": 1`, 7, ErrUnexpected, "unexpected end of input, expected `,` or `}`"},
		{`[nul]`, 1, ErrUnexpected, "unexpected 'n', expected a JSON value"},
		{`[truex]`, 5, ErrUnexpected, "unexpected 'x', expected `,` or `]`"},
		{`é`, 0, ErrUnexpected, "unexpected 'é', expected a JSON value"},
		{`{} x`, 3, ErrTrailing, "trailing characters after the JSON value"},
		{`1 2`, 2, ErrTrailing, "trailing characters after the JSON value"},
		{`-`, 1, ErrNumber, "invalid number"},
		{`-a`, 1, ErrNumber, "invalid number"},
		{`[01]`, 1, ErrNumber, "invalid number: leading zero"},
		{`-00`, 1, ErrNumber, "invalid number: leading zero"},
		{`1.`, 2, ErrNumber, "invalid number"},
		{`1.e5`, 2, ErrNumber, "invalid number"},
		{`1e`, 2, ErrNumber, "invalid number"},
		{`1e+`, 3, ErrNumber, "invalid number"},
		{`+1`, 0, ErrUnexpected, "unexpected '+', expected a JSON value"},
		{`.5`, 0, ErrUnexpected, "unexpected '.', expected a JSON value"},
		{`["abc`, 1, ErrString, "unterminated string"},
		{`["a\`, 1, ErrString, "unterminated string"},
		{`["a\"]`, 1, ErrString, "unterminated string"},
		{"[\"a\tb\"]", 3, ErrString, "control character U+0009 in string; it must be escaped"},
		{"[\"a\\\tb\"]", 3, ErrString, "invalid escape in string"},
		{`["a\x"]`, 3, ErrString, "invalid escape `\\x` in string"},
		{`["\u12"]`, 2, ErrString, "invalid \\u escape in string: expected four hex digits"},
		{`["\u+123"]`, 2, ErrString, "invalid \\u escape in string: expected four hex digits"},
		{"[\"\xff\"]", 2, ErrInvalidUTF8, "invalid UTF-8 in string"},
		{"[\"ab\xc3\"]", 4, ErrInvalidUTF8, "invalid UTF-8 in string"},
		{"[\"\\n\xed\xa0\x80\"]", 4, ErrInvalidUTF8, "invalid UTF-8 in string"}, // an encoded surrogate
		{`["\ud800"]`, 2, ErrLoneSurrogate, "invalid unicode surrogate: lone surrogate `\\ud800` in \\u escape"},
		{`["x\udc00\ud800"]`, 3, ErrLoneSurrogate, "invalid unicode surrogate: lone surrogate `\\udc00` in \\u escape"},
		{`["\ud800\u0041"]`, 2, ErrLoneSurrogate, "invalid unicode surrogate: lone surrogate `\\ud800` in \\u escape"},
		{`["\ud800\ud800"]`, 2, ErrLoneSurrogate, "invalid unicode surrogate: lone surrogate `\\ud800` in \\u escape"},
		{`["\ud800\u00"]`, 2, ErrLoneSurrogate, "invalid unicode surrogate: lone surrogate `\\ud800` in \\u escape"},
		{`{"\ud800": 1}`, 2, ErrLoneSurrogate, "invalid unicode surrogate: lone surrogate `\\ud800` in \\u escape"},
		{`[[[1]]]`, 2, ErrDepth, "JSON nested too deeply: arrays and objects nested more than 2 levels"},
		{`{"a": {"b": {}}}`, 12, ErrDepth, "JSON nested too deeply: arrays and objects nested more than 2 levels"},
	} {
		v, err := Parse([]byte(tc.src), 2)
		if err == nil {
			t.Errorf("%q: accepted as %s", tc.src, show(v))
			continue
		}
		if err.Offset != tc.off || err.Code != tc.code || err.Msg != tc.msg || err.Error() != tc.msg {
			t.Errorf("%q:\n got %d, %d, %q\nwant %d, %d, %q", tc.src, err.Offset, err.Code, err.Msg, tc.off, tc.code, tc.msg)
		}
	}
}

// TestUnexpectedDetails checks the fields a caller words its own message from.
func TestUnexpectedDetails(t *testing.T) {
	for _, tc := range []struct {
		src   string
		want  Want
		atEOF bool
		found rune
	}{
		{`{"a" 1}`, WantColon, false, '1'},
		{`{"a": 1`, WantCommaOrBrace, true, 0},
		{`[1 é]`, WantCommaOrBracket, false, 'é'},
		{`{,}`, WantKey, false, ','},
		{`[`, WantValue, true, 0},
	} {
		_, err := Parse([]byte(tc.src), 10)
		if err == nil || err.Code != ErrUnexpected || err.Want != tc.want || err.AtEOF != tc.atEOF || err.Found != tc.found {
			t.Errorf("%q: got %+v, want Want %v, AtEOF %v, Found %q", tc.src, err, tc.want, tc.atEOF, tc.found)
		}
	}
	if _, err := Parse([]byte(`1 é`), 10); err == nil || err.Code != ErrTrailing || err.Found != 'é' {
		t.Errorf("trailing: got %+v, want Found 'é'", err)
	}
}

// TestDepthLimit checks the limit is exact, and that input far deeper than
// the stack would bear is an error, not a crash.
func TestDepthLimit(t *testing.T) {
	for _, limit := range []int{1, 2, 512, 1000, 10000} {
		arrays := strings.Repeat("[", limit) + strings.Repeat("]", limit)
		mixed := strings.Repeat(`[{"a":`, limit/2) + strings.Repeat("[", limit%2) + "1" + strings.Repeat("]", limit%2) + strings.Repeat("}]", limit/2)
		for _, ok := range []string{arrays, mixed} {
			if _, err := Parse([]byte(ok), limit); err != nil {
				t.Errorf("limit %d: %d levels: %v", limit, limit, err)
			}
		}
		if _, err := Parse([]byte("["+arrays+"]"), limit); err == nil || err.Code != ErrDepth || err.Offset != limit {
			t.Errorf("limit %d: %d levels: got %v, want a depth error at %d", limit, limit+1, err, limit)
		}
		if _, err := Parse([]byte(`{"a":`+mixed+"}"), limit); err == nil || err.Code != ErrDepth {
			t.Errorf("limit %d: %d levels of objects and arrays: got %v, want a depth error", limit, limit+1, err)
		}
	}
	if _, err := Parse([]byte(strings.Repeat("[", 1_000_000)), 10000); err == nil || err.Code != ErrDepth {
		t.Errorf("a million levels: got %v, want a depth error", err)
	}
}

func TestKindNames(t *testing.T) {
	want := map[Kind][2]string{
		Null: {"null", "null"}, Bool: {"boolean", "a boolean"}, Number: {"number", "a number"},
		String: {"string", "a string"}, Array: {"array", "an array"}, Object: {"object", "an object"},
	}
	for k, w := range want {
		if k.String() != w[0] || k.WithArticle() != w[1] {
			t.Errorf("%d: got %q, %q; want %q, %q", k, k.String(), k.WithArticle(), w[0], w[1])
		}
	}
}

func TestMemberAndFirstDuplicate(t *testing.T) {
	v, err := Parse([]byte(`{"a": 1, "b": 2, "a": 3, "b": 4}`), 10)
	if err != nil {
		t.Fatal(err)
	}
	if m := v.Member("a"); m == nil || m.Value.Text != "1" {
		t.Errorf(`Member("a") = %+v, want the first "a"`, m)
	}
	if m := v.Member("c"); m != nil {
		t.Errorf(`Member("c") = %+v, want nil`, m)
	}
	if d := v.FirstDuplicate(); d == nil || d.Key != "a" || d.KeyStart != 17 {
		t.Errorf("FirstDuplicate = %+v, want the second \"a\" at 17", d)
	}
	for _, src := range []string{`{}`, `{"a": 1}`, `{"a": 1, "A": 1, "a ": 1}`} {
		v, _ := Parse([]byte(src), 10)
		if d := v.FirstDuplicate(); d != nil {
			t.Errorf("%s: FirstDuplicate = %+v, want nil", src, d)
		}
	}
}

func TestInt64(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int64
		err  error
	}{
		{"0", 0, nil},
		{"-0", 0, nil},
		{"42", 42, nil},
		{"9223372036854775807", 9223372036854775807, nil},
		{"-9223372036854775808", -9223372036854775808, nil},
		{"9223372036854775808", 0, ErrOutOfRange},
		{"-9223372036854775809", 0, ErrOutOfRange},
		{"100000000000000000000000", 0, ErrOutOfRange},
		{"1.0", 0, ErrNotInteger},
		{"1e2", 0, ErrNotInteger},
		{"1E2", 0, ErrNotInteger},
	} {
		v, perr := Parse([]byte(tc.text), 1)
		if perr != nil {
			t.Fatal(perr)
		}
		got, err := v.Int64()
		if got != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("%s: got %d, %v; want %d, %v", tc.text, got, err, tc.want, tc.err)
		}
	}
}
