package schema

import (
	"os"
	"path/filepath"
	"testing"
)

func FuzzParseCedar(f *testing.F) {
	for _, s := range []string{
		`entity A in [B] = { "x"?: Set<Long> } tags String; entity B;`,
		`namespace N { @doc("d") action "a", b in [c] appliesTo { principal: A, resource: [A], context: { x: ipaddr } }; action c; entity A enum ["x"]; type T = { y: __cedar::Long }; }`,
		`entity A = { x: Long `, `action a in [N::b];`, `namespace M { namespace N {} }`, "@\"", "}}};;{{",
	} {
		f.Add([]byte(s))
	}
	if files, _ := filepath.Glob("syntax/testdata/*.cedarschema"); len(files) > 0 {
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, errs := ParseCedar(src)
		if file == nil {
			t.Fatal("nil tree")
		}
		for _, e := range errs {
			if e.Span.Start < 0 || e.Span.End > len(src) || e.Span.Start > e.Span.End {
				t.Fatalf("error span %v out of the source (%d bytes): %s", e.Span, len(src), e.Message)
			}
		}
		// With errors or not, what resolves is consistent.
		rs, _ := Resolve(file)
		checkConsistent(t, string(src), rs)
		if len(errs) > 0 {
			return
		}
		if out, err := ToJSON(file); err == nil {
			if _, jerrs := ParseJSON(out); len(jerrs) > 0 {
				t.Fatalf("ToJSON output does not read back: %v\n%s", jerrs, out)
			}
		}
	})
}

func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{
		`{"": {"entityTypes": {"A": {"shape": {"type": "Record", "attributes": {"x": {"type": "Set", "element": {"type": "Long"}, "required": false}}}}}, "actions": {"a": {"appliesTo": {"principalTypes": ["A"], "resourceTypes": ["A"]}, "memberOf": [{"id": "b"}]}, "b": {}}}}`,
		`{"N": {"commonTypes": {"T": {"type": "Extension", "name": "ipaddr"}}, "entityTypes": {"E": {"enum": ["a"]}}, "actions": {}, "annotations": {"doc": "x"}}}`,
		`{"": {`, `[1, 2`, `{"a": 1e999}`, `"\ud800"`,
	} {
		f.Add([]byte(s))
	}
	if files, _ := filepath.Glob("syntax/testdata/*.json"); len(files) > 0 {
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, errs := ParseJSON(src)
		if file == nil {
			t.Fatal("nil tree")
		}
		for _, e := range errs {
			if e.Span.Start < 0 || e.Span.End > len(src) || e.Span.Start > e.Span.End {
				t.Fatalf("error span %v out of the source (%d bytes): %s", e.Span, len(src), e.Message)
			}
		}
		// With errors or not, what resolves is consistent.
		rs, _ := Resolve(file)
		checkConsistent(t, string(src), rs)
		if len(errs) > 0 {
			return
		}
		if text, err := ToCedar(file); err == nil {
			if _, cerrs := ParseCedar([]byte(text)); len(cerrs) > 0 {
				t.Fatalf("ToCedar output does not parse: %v\n%s", cerrs, text)
			}
		}
	})
}
