package syntax

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestCorpusToJSON compares ToJSON with official schemaToJson over a local
// corpus. It runs when CEDAR_SCHEMA_CORPUS names a directory of
// .cedarschema files and CEDAR_SCHEMA_OFFICIAL a directory holding, for
// each X.cedarschema, official schemaToJson's output as X.cedarschema.json
// (see testdata/README.md for how to make them).
func TestCorpusToJSON(t *testing.T) {
	dir, official := os.Getenv("CEDAR_SCHEMA_CORPUS"), os.Getenv("CEDAR_SCHEMA_OFFICIAL")
	if dir == "" || official == "" {
		t.Skip("CEDAR_SCHEMA_CORPUS and CEDAR_SCHEMA_OFFICIAL not set")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.cedarschema"))
	if err != nil {
		t.Fatal(err)
	}
	failed := 0
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(official, filepath.Base(path)+".json"))
		if err != nil {
			t.Fatal(err)
		}
		f, errs := ParseCedar(src)
		if len(errs) > 0 {
			failed++
			t.Errorf("%s: %v", path, errs)
			continue
		}
		got, err := f.ToJSON()
		if err != nil {
			failed++
			t.Errorf("%s: %v", path, err)
			continue
		}
		if !sameJSON(t, got, want) {
			failed++
			t.Errorf("%s: ToJSON differs from official\n got: %s\nwant: %s", path, compact(got), want)
		}
		// Back to Cedar and to JSON again: the meaning must survive.
		jf, jerrs := ParseJSON(want)
		if len(jerrs) > 0 {
			failed++
			t.Errorf("%s: ParseJSON: %v", path, jerrs)
			continue
		}
		text, err := jf.ToCedar()
		if err != nil {
			failed++
			t.Errorf("%s: ToCedar: %v", path, err)
			continue
		}
		rf, rerrs := ParseCedar([]byte(text))
		if len(rerrs) > 0 {
			failed++
			t.Errorf("%s: ToCedar output does not parse: %v\n%s", path, rerrs, text)
			continue
		}
		again, err := rf.ToJSON()
		if err != nil || !sameJSON(t, again, want) {
			failed++
			t.Errorf("%s: JSON → Cedar → JSON differs\n got: %s\nwant: %s", path, compact(again), want)
		}
		if failed > 20 {
			t.Fatal("too many failures")
		}
	}
	t.Logf("%d schemas, %d failed", len(files), failed)
}

func sameJSON(t *testing.T, a, b []byte) bool {
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Errorf("invalid JSON %s: %v", a, err)
		return false
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Errorf("invalid JSON %s: %v", b, err)
		return false
	}
	return reflect.DeepEqual(x, y)
}

func compact(b []byte) string {
	var x any
	if json.Unmarshal(b, &x) != nil {
		return string(b)
	}
	out, _ := json.Marshal(x)
	return strings.TrimSpace(string(out))
}
