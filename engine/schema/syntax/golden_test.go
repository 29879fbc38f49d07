package syntax

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the ToCedar golden files")

// TestGoldenToJSON checks ToJSON against official schemaToJson's output
// (testdata/X.cedarschema.json, made by cedar-wasm 4.13 for
// testdata/X.cedarschema), and that the official JSON survives the trip
// back to the Cedar syntax and again to JSON.
func TestGoldenToJSON(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.cedarschema")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(path + ".json")
			if err != nil {
				t.Fatal(err)
			}
			f, errs := ParseCedar(src)
			if len(errs) > 0 {
				t.Fatalf("parse: %v", errs)
			}
			got, err := f.ToJSON()
			if err != nil {
				t.Fatal(err)
			}
			if !sameJSON(t, got, want) {
				t.Errorf("ToJSON differs from official\n got: %s\nwant: %s", compact(got), compact(want))
			}
			jf, errs := ParseJSON(want)
			if len(errs) > 0 {
				t.Fatalf("ParseJSON: %v", errs)
			}
			text, err := jf.ToCedar()
			if err != nil {
				t.Fatal(err)
			}
			back, errs := ParseCedar([]byte(text))
			if len(errs) > 0 {
				t.Fatalf("ToCedar output does not parse: %v\n%s", errs, text)
			}
			again, err := back.ToJSON()
			if err != nil {
				t.Fatal(err)
			}
			if !sameJSON(t, again, want) {
				t.Errorf("JSON → Cedar → JSON differs\n got: %s\nwant: %s", compact(again), compact(want))
			}
		})
	}
}

// TestGoldenToCedar renders testdata/fromjson/X.json in the Cedar syntax
// and compares with X.cedarschema. The golden text was checked against
// official Cedar: schemaToJsonWithResolvedTypes gives the same for it as
// for official schemaToText's rendering of the same JSON.
func TestGoldenToCedar(t *testing.T) {
	files, _ := filepath.Glob("testdata/fromjson/*.json")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, errs := ParseJSON(src)
			if len(errs) > 0 {
				t.Fatalf("ParseJSON: %v", errs)
			}
			got, err := f.ToCedar()
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(path, ".json") + ".cedarschema"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("ToCedar:\n%s\nwant:\n%s", got, want)
			}
			if _, errs := ParseCedar([]byte(got)); len(errs) > 0 {
				t.Errorf("ToCedar output does not parse: %v", errs)
			}
		})
	}
}
