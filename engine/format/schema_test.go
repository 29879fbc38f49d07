package format

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/schema/syntax"
	"github.com/cedar-ls/cedar-ls/engine/source"
)

var update = flag.Bool("update", false, "rewrite the schema and JSON golden outputs (review the diff!)")

// schemaVariants are the option sets each testdata/schema/NAME.cedarschema
// is formatted with into NAME<suffix>.out. Official Cedar has no schema
// formatter: the outputs are ours, reviewed, and guarded by the
// properties checked below.
var schemaVariants = []struct {
	suffix string
	opts   Options
}{
	{"", Options{}},
	{".w40", Options{LineWidth: 40}},
	{".w1i4", Options{LineWidth: 1, IndentWidth: 4}},
}

func TestSchemaGolden(t *testing.T) {
	inputs, _ := filepath.Glob("testdata/schema/*.cedarschema")
	if len(inputs) == 0 {
		t.Fatal("no golden inputs")
	}
	for _, in := range inputs {
		src, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		base := strings.TrimSuffix(in, ".cedarschema")
		for _, v := range schemaVariants {
			got, err := Schema(src, v.opts)
			if err != nil {
				t.Errorf("%s%s: %v", base, v.suffix, err)
				continue
			}
			checkSchemaProperties(t, base+v.suffix, src, got, v.opts)
			golden := base + v.suffix + ".out"
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
}

// checkSchemaProperties asserts what must hold for every formatted schema:
// it formats to itself, has the same syntax tree (spans aside) and JSON
// translation as the input, keeps every comment in order, and no line is
// longer than the width unless a single unbreakable piece makes it so.
func checkSchemaProperties(t *testing.T, name string, src, out []byte, opts Options) {
	t.Helper()
	again, err := Schema(out, opts)
	if err != nil {
		t.Errorf("%s: output does not format: %v\n%s", name, err, out)
		return
	}
	if !bytes.Equal(again, out) {
		t.Errorf("%s: not idempotent:\n--- once\n%s--- twice\n%s", name, out, again)
	}
	f1, errs1 := syntax.ParseCedar(src)
	f2, errs2 := syntax.ParseCedar(out)
	if len(errs1) > 0 || len(errs2) > 0 {
		t.Errorf("%s: parse errors %v / %v", name, errs1, errs2)
		return
	}
	if d := diffValues(reflect.ValueOf(f1.Namespaces), reflect.ValueOf(f2.Namespaces), "namespaces"); d != "" {
		t.Errorf("%s: syntax tree changed: %s\n%s", name, d, out)
	}
	j1, jerr1 := f1.ToJSON()
	j2, jerr2 := f2.ToJSON()
	if (jerr1 == nil) != (jerr2 == nil) || !bytes.Equal(j1, j2) {
		t.Errorf("%s: JSON translation changed:\n%s (%v)\nvs\n%s (%v)", name, j1, jerr1, j2, jerr2)
	}
	if c1, c2 := commentTexts(f1), commentTexts(f2); !reflect.DeepEqual(c1, c2) {
		t.Errorf("%s: comments changed:\n%q\nvs\n%q", name, c1, c2)
	}
}

func commentTexts(f *syntax.File) []string {
	var out []string
	for _, c := range f.Comments {
		out = append(out, strings.TrimRight(c.Text, " \t\r"))
	}
	return out
}

// TestSchemaLayout pins the layout rules on small inputs.
func TestSchemaLayout(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
		opts           Options
	}{
		{"record always broken", "entity A = {a: Long};", "entity A = {\n  a: Long\n};\n", Options{}},
		{"empty record stays", "entity A = {  };", "entity A = {};\n", Options{}},
		{"no equals kept as written", "entity A {a: Long};", "entity A {\n  a: Long\n};\n", Options{}},
		{"trailing comma dropped", "type T = {a: Long, b: String,};", "type T = {\n  a: Long,\n  b: String\n};\n", Options{}},
		{"list fits", "entity A in [B, C];", "entity A in [B, C];\n", Options{}},
		{"list broken", "entity A in [Bbbbbbbbbb, Cccccccccc];", "entity A in [\n  Bbbbbbbbbb,\n  Cccccccccc\n];\n", Options{LineWidth: 20}},
		{"single parent kept", "entity A in B;", "entity A in B;\n", Options{}},
		{"blank line between declarations", "entity A;entity B;", "entity A;\n\nentity B;\n", Options{}},
		{"extra blank lines collapse", "entity A;\n\n\n\nentity B;", "entity A;\n\nentity B;\n", Options{}},
		{"namespace indent", "namespace N { entity A; action b; }", "namespace N {\n    entity A;\n\n    action b;\n}\n", Options{IndentWidth: 4}},
		{"empty namespace", "namespace N {\n}", "namespace N {}\n", Options{}},
		{"annotations on own lines", `@a @b("x") entity A;`, "@a\n@b(\"x\")\nentity A;\n", Options{}},
		{"appliesTo order kept", "action a appliesTo {resource: R, principal: P};", "action a appliesTo {\n  resource: R,\n  principal: P\n};\n", Options{}},
		{"set spacing", "type T = Set < Set<Long > >;", "type T = Set<Set<Long>>;\n", Options{}},
		{"optional attribute", `entity A = {"a b" ? : Long};`, "entity A = {\n  \"a b\"?: Long\n};\n", Options{}},
		{"trailing comma comment kept", "type T = {a: Long, // c\n};", "type T = {\n  a: Long // c\n};\n", Options{}},
		{"comment group blank line", "// a\n\n// b\nentity A;", "// a\n\n// b\nentity A;\n", Options{}},
		{"comment then blank then decl", "entity A;\n// about B\n\nentity B;", "entity A;\n\n// about B\n\nentity B;\n", Options{}},
		{"end of file comment", "entity A;\n\n// end", "entity A;\n\n// end\n", Options{}},
		{"multi-line string kept", "entity A enum [\"a\n\n  \nb\"];", "entity A enum [\"a\n\n  \nb\"];\n", Options{}},
		{"empty file", "", "", Options{}},
		{"only blank lines", "\n\n", "", Options{}},
	} {
		got, err := Schema([]byte(c.in), c.opts)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if string(got) != c.want {
			t.Errorf("%s:\n--- got\n%s--- want\n%s", c.name, got, c.want)
		}
		checkSchemaProperties(t, c.name, []byte(c.in), got, c.opts)
	}
}

func TestSchemaParseErrorsAreReturned(t *testing.T) {
	for _, src := range []string{
		"entity A",
		"entity A = {a: Long",
		"namespace N { entity A; ",
		"action a appliesTo {};",
		"type Long = String;",
	} {
		out, err := Schema([]byte(src), Options{})
		var pe source.Diagnostics
		if !errors.As(err, &pe) || len(pe) == 0 {
			t.Errorf("%q: want parse errors, got %v", src, err)
		}
		if out != nil {
			t.Errorf("%q: formatted a broken schema: %q", src, out)
		}
	}
}

func FuzzFormatSchema(f *testing.F) {
	inputs, _ := filepath.Glob("testdata/schema/*.cedarschema")
	more, _ := filepath.Glob("../schema/syntax/testdata/*.cedarschema")
	for _, in := range append(inputs, more...) {
		src, _ := os.ReadFile(in)
		f.Add(src, 80, 2)
	}
	f.Fuzz(func(t *testing.T, src []byte, width, indent int) {
		opts := Options{LineWidth: absMod(width, 120) + 1, IndentWidth: absMod(indent, 8) + 1}
		out, err := Schema(src, opts)
		if err != nil {
			var pe source.Diagnostics
			if !errors.As(err, &pe) {
				t.Fatalf("not a parse error: %v\n%q", err, src)
			}
			return
		}
		checkSchemaProperties(t, "fuzz", src, out, opts)
	})
}

func absMod(x, m int) int {
	x %= m
	if x < 0 {
		x = -x
	}
	return x
}
