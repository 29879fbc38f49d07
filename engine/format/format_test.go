package format

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/source"
)

// goldenVariants are the option sets each testdata/golden/NAME.cedar was
// formatted with by official Cedar (cedar-wasm 4.13 formatPolicies) into
// NAME<suffix>.out.
var goldenVariants = []struct {
	suffix string
	opts   Options
}{
	{"", Options{}},
	{".w40", Options{LineWidth: 40}},
	{".w1", Options{LineWidth: 1}},
	{".w60i4", Options{LineWidth: 60, IndentWidth: 4}},
}

func TestGolden(t *testing.T) {
	inputs, _ := filepath.Glob("testdata/golden/*.cedar")
	if len(inputs) == 0 {
		t.Fatal("no golden inputs")
	}
	for _, in := range inputs {
		src, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		base := strings.TrimSuffix(in, ".cedar")
		for _, v := range goldenVariants {
			want, err := os.ReadFile(base + v.suffix + ".out")
			if err != nil {
				t.Errorf("%s%s: no official output: %v", base, v.suffix, err)
				continue
			}
			got, err := Policies(src, v.opts)
			if err != nil {
				t.Errorf("%s%s: %v", base, v.suffix, err)
				continue
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s%s:\n--- got\n%s--- want (official)\n%s", base, v.suffix, got, want)
			}
			checkProperties(t, base+v.suffix, src, got, v.opts)
		}
	}
}

// checkProperties asserts what must hold for every formatted text: it
// formats to itself, means what the input meant, and keeps every comment.
func checkProperties(t *testing.T, name string, src, out []byte, opts Options) {
	t.Helper()
	again, err := Policies(out, opts)
	if err != nil {
		t.Errorf("%s: output does not parse: %v\n%s", name, err, out)
		return
	}
	if !bytes.Equal(again, out) {
		t.Errorf("%s: not idempotent:\n--- once\n%s--- twice\n%s", name, out, again)
	}
	f1, _ := parse.Policies(src)
	f2, _ := parse.Policies(out)
	if d := diffFiles(f1, f2); d != "" {
		t.Errorf("%s: meaning changed: %s\n%s", name, d, out)
	}
	if len(f1.Comments) != len(f2.Comments) {
		t.Errorf("%s: %d comments in, %d out", name, len(f1.Comments), len(f2.Comments))
	}
	for _, c := range f1.Comments {
		if !bytes.Contains(out, []byte(strings.TrimRight(c.Text, " \t\r"))) {
			t.Errorf("%s: comment %q lost", name, c.Text)
		}
	}
}

// diffFiles compares the policies of two files ignoring spans and
// comments; it returns "" when they are the same and else the path of the
// first difference.
func diffFiles(a, b *ast.File) string {
	return diffValues(reflect.ValueOf(a.Policies), reflect.ValueOf(b.Policies), "policies")
}

var spanType = reflect.TypeOf(source.Span{})

func diffValues(a, b reflect.Value, path string) string {
	if a.Kind() != b.Kind() {
		return path + ": kind differs"
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return path + ": nil differs"
			}
			return ""
		}
		if a.Kind() == reflect.Interface && a.Elem().Type() != b.Elem().Type() {
			return path + ": " + a.Elem().Type().String() + " vs " + b.Elem().Type().String()
		}
		return diffValues(a.Elem(), b.Elem(), path)
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if a.Type().Field(i).Type == spanType {
				continue
			}
			if d := diffValues(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); d != "" {
				return d
			}
		}
		return ""
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return path + ": length differs"
		}
		for i := 0; i < a.Len(); i++ {
			if d := diffValues(a.Index(i), b.Index(i), path+"[]"); d != "" {
				return d
			}
		}
		return ""
	case reflect.Map:
		if a.Len() != b.Len() {
			return path + ": size differs"
		}
		for _, k := range a.MapKeys() {
			if d := diffValues(a.MapIndex(k), b.MapIndex(k), path+"{}"); d != "" {
				return d
			}
		}
		return ""
	case reflect.String:
		if a.String() != b.String() {
			return path + ": " + a.String() + " vs " + b.String()
		}
	case reflect.Bool:
		if a.Bool() != b.Bool() {
			return path + ": bool differs"
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if a.Int() != b.Int() {
			return path + ": int differs"
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if a.Uint() != b.Uint() {
			return path + ": uint differs"
		}
	case reflect.Float32, reflect.Float64:
		if a.Float() != b.Float() {
			return path + ": float differs"
		}
	}
	return ""
}

func TestParseErrorsAreReturned(t *testing.T) {
	for _, src := range []string{
		"permit(principal, action, resource) when { principal. };",
		"permit(principal, action)",
		"forbid(principal, action, resource) when { 1 + };\npermit(principal, action, resource);",
	} {
		out, err := Policies([]byte(src), Options{})
		var pe source.Diagnostics
		if !errors.As(err, &pe) || len(pe) == 0 {
			t.Errorf("%q: want parse errors, got %v", src, err)
		}
		if out != nil {
			t.Errorf("%q: formatted a broken file: %q", src, out)
		}
		for _, e := range pe {
			if e.Span.Start < 0 || e.Span.End > len(src) {
				t.Errorf("%q: error span %v outside the text", src, e.Span)
			}
		}
	}
}

func TestDisplayWidth(t *testing.T) {
	for _, c := range []struct {
		s    string
		want int
	}{
		{"abc", 3}, {"é", 1}, {"中中", 4}, {"\U00030C30", 2}, {"a\u05B2", 1}, {"", 0},
	} {
		if got := displayWidth(c.s); got != c.want {
			t.Errorf("displayWidth(%q) = %d, want %d", c.s, got, c.want)
		}
	}
}

func FuzzFormat(f *testing.F) {
	inputs, _ := filepath.Glob("testdata/golden/*.cedar")
	for _, in := range inputs {
		src, _ := os.ReadFile(in)
		f.Add(src, 80, 2)
	}
	f.Fuzz(func(t *testing.T, src []byte, width, indent int) {
		opts := Options{LineWidth: width%200 + 1, IndentWidth: indent%8 + 1}
		if opts.LineWidth < 1 {
			opts.LineWidth = -opts.LineWidth + 1
		}
		if opts.IndentWidth < 1 {
			opts.IndentWidth = -opts.IndentWidth + 1
		}
		out, err := Policies(src, opts)
		if err != nil {
			return
		}
		checkProperties(t, "fuzz", src, out, opts)
	})
}

func BenchmarkFormat(b *testing.B) {
	src := generatedPolicies(1 << 20)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Policies(src, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// generatedPolicies builds a policy file of about size bytes mixing the
// constructs the formatter lays out.
func generatedPolicies(size int) []byte {
	var b bytes.Buffer
	shapes := []string{
		"@id(\"p%d\")\npermit(principal == User::\"u%d\", action in [Action::\"read\", Action::\"write\"], resource is Doc in Folder::\"f\")\nwhen { principal.dept == resource.dept && context.level >= %d && resource.tags.containsAny([\"a\", \"b\"]) }\nunless { principal has suspended && principal.suspended };\n",
		"// policy %d\nforbid(principal, action, resource) when { if context.x%d then {a: 1, b: [1, 2, 3]}.a == 1 else ip(\"10.0.0.1\").isInRange(ip(\"10.0.0.0/%d\")) };\n",
	}
	for i := 0; b.Len() < size; i++ {
		s := shapes[i%len(shapes)]
		b.WriteString(strings.ReplaceAll(s, "%d", itoa(i)))
	}
	return b.Bytes()
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var d []byte
	for ; i > 0; i /= 10 {
		d = append([]byte{byte('0' + i%10)}, d...)
	}
	return string(d)
}

// TestCommentsOfParenAfterTrailingComma pins where the comments of a
// policy head's `)` go after a trailing comma. Official Cedar drops them
// (it prints the comma's comments in their place); they are kept, after
// the comma's.
func TestCommentsOfParenAfterTrailingComma(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"permit(principal, action, resource,\n// d\n);",
			"permit (principal, action, resource\n// d\n);\n"},
		{"permit(principal, action, resource, ) // e\n;",
			"permit (principal, action, resource) // e\n;\n"},
		{"permit(principal, action, resource, // c\n// d\n) // e\n;",
			"permit (principal, action, resource\n// d\n) // c\n// e\n;\n"},
		{"permit(principal, action, resource in G::\"x\",\n// d\n);",
			"permit (\n  principal,\n  action,\n  resource in G::\"x\"\n// d\n);\n"},
	} {
		got, err := Policies([]byte(c.src), Options{})
		if err != nil {
			t.Fatalf("%q: %v", c.src, err)
		}
		if string(got) != c.want {
			t.Errorf("%q:\n--- got\n%s--- want\n%s", c.src, got, c.want)
		}
		checkProperties(t, c.src, []byte(c.src), got, Options{})
	}
}
