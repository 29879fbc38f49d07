package format

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestJSONGolden(t *testing.T) {
	inputs, _ := filepath.Glob("testdata/json/*.json")
	if len(inputs) == 0 {
		t.Fatal("no golden inputs")
	}
	for _, in := range inputs {
		src, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		got, err := JSON(src, Options{})
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		checkJSONProperties(t, in, src, got, Options{})
		golden := strings.TrimSuffix(in, ".json") + ".out"
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Errorf("%v (run go test -update to create it)", err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s:\n--- got\n%s--- want\n%s", golden, got, want)
		}
	}
}

// checkJSONProperties: the output formats to itself and holds the same
// token sequence as the input (keys in order, duplicates included, numbers
// and strings with the same value).
func checkJSONProperties(t *testing.T, name string, src, out []byte, opts Options) {
	t.Helper()
	again, err := JSON(out, opts)
	if err != nil {
		t.Errorf("%s: output does not format: %v\n%s", name, err, out)
		return
	}
	if !bytes.Equal(again, out) {
		t.Errorf("%s: not idempotent:\n--- once\n%s--- twice\n%s", name, out, again)
	}
	if a, b := jsonTokens(t, src), jsonTokens(t, out); !reflect.DeepEqual(a, b) {
		t.Errorf("%s: content changed:\n%v\nvs\n%v", name, a, b)
	}
}

func jsonTokens(t *testing.T, src []byte) []any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var toks []any
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return toks
		}
		if err != nil {
			t.Fatalf("encoding/json rejects %q: %v", src, err)
		}
		toks = append(toks, tok)
	}
}

func TestJSONLayout(t *testing.T) {
	for _, c := range []struct {
		in, want string
		opts     Options
	}{
		{`{"a":1,"b":[true,null]}`, "{\n  \"a\": 1,\n  \"b\": [\n    true,\n    null\n  ]\n}\n", Options{}},
		{`{"a":{}}`, "{\n    \"a\": {}\n}\n", Options{IndentWidth: 4}},
		{" [ ] ", "[]\n", Options{}},
		{`1.0e-5`, "1.0e-5\n", Options{}},
		{`{"z":1,"a":2,"z":3}`, "{\n  \"z\": 1,\n  \"a\": 2,\n  \"z\": 3\n}\n", Options{}},
		{`"\u00e9\ud83c\udf89"`, "\"\\u00e9\\ud83c\\udf89\"\n", Options{}},
		{`12345678901234567890123`, "12345678901234567890123\n", Options{}},
	} {
		got, err := JSON([]byte(c.in), c.opts)
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if string(got) != c.want {
			t.Errorf("%s:\n--- got\n%s--- want\n%s", c.in, got, c.want)
		}
	}
}

func TestJSONErrors(t *testing.T) {
	for _, c := range []struct {
		in        string
		line, col int
		msg       string
	}{
		{"", 1, 1, "expected a JSON value, found end of input"},
		{"{\n  \"a\": 1,\n}", 3, 1, "expected an object key"},
		{"[1 2]", 1, 4, "expected `,` or `]`"},
		{"{\"a\" 1}", 1, 6, "expected `:`"},
		{"[01]", 1, 2, "cannot start with 0"},
		{"[1.]", 1, 4, "after the decimal point"},
		{"[-]", 1, 3, "expected a digit"},
		{"[1e]", 1, 4, "in the exponent"},
		{`["a\x"]`, 1, 4, "invalid escape"},
		{`["\u12"]`, 1, 3, "invalid \\u escape"},
		{"[\"a\tb\"]", 1, 4, "control character"},
		{"[\"\xff\"]", 1, 3, "invalid UTF-8"},
		{`["abc`, 1, 2, "unterminated string"},
		{"{} {}", 1, 4, "after the JSON value"},
		{"[nul]", 1, 2, "expected a JSON value"},
		{"[nullx]", 1, 2, "expected a JSON value"},
		{"é", 1, 1, "found 'é'"},
		{"[" + strings.Repeat("[", maxJSONNesting) + "]", 1, maxJSONNesting + 1, "nested too deeply"},
	} {
		out, err := JSON([]byte(c.in), Options{})
		var je *JSONError
		if !errors.As(err, &je) {
			t.Errorf("%q: want a JSONError, got %v", c.in, err)
			continue
		}
		if out != nil {
			t.Errorf("%q: output for invalid JSON", c.in)
		}
		if je.Line != c.line || je.Col != c.col || !strings.Contains(je.Message, c.msg) {
			t.Errorf("%q: got %d:%d %q, want %d:%d …%s…", c.in, je.Line, je.Col, je.Message, c.line, c.col, c.msg)
		}
		if !strings.HasPrefix(err.Error(), strings.Join([]string{itoa(je.Line), itoa(je.Col)}, ":")) {
			t.Errorf("%q: message %q lacks line:col", c.in, err.Error())
		}
	}
}

func FuzzFormatJSON(f *testing.F) {
	inputs, _ := filepath.Glob("testdata/json/*.json")
	for _, in := range inputs {
		src, _ := os.ReadFile(in)
		f.Add(src, 2)
	}
	f.Add([]byte(`{"a": [1, -2.5e+3, "x\n", {"b": null}]}`), 4)
	f.Fuzz(func(t *testing.T, src []byte, indent int) {
		opts := Options{IndentWidth: absMod(indent, 8) + 1}
		out, err := JSON(src, opts)
		valid := json.Valid(src) && utf8.Valid(src)
		if err != nil {
			var je *JSONError
			if !errors.As(err, &je) {
				t.Fatalf("not a JSONError: %v", err)
			}
			if valid && je.Message != "JSON nested too deeply" {
				t.Fatalf("rejects valid JSON %q: %v", src, err)
			}
			return
		}
		if !json.Valid(src) {
			t.Fatalf("accepts invalid JSON %q", src)
		}
		checkJSONProperties(t, "fuzz", src, out, opts)
	})
}
