package policyjson

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/parse"
)

// officialFile is one line of a corpus JSONL made with cedar-wasm 4.13:
// policyToJson/templateToJson of each policy of a .cedar file, static
// policies and templates each in file order.
type officialFile struct {
	File      string            `json:"file"`
	Static    []json.RawMessage `json:"static"`
	Templates []json.RawMessage `json:"templates"`
}

// TestCorpusRoundTrip checks, for each policy of each corpus file: our JSON
// equals official's; JSON → AST gives back the parsed AST; and the text
// printer's output parses back to the same AST. The committed sample is in
// testdata/corpus; CEDAR_CORPUS_DIR and CEDAR_CORPUS_OFFICIAL point it at
// the full corpus and its official JSONL.
func TestCorpusRoundTrip(t *testing.T) {
	dir, official := filepath.Join("testdata", "corpus"), filepath.Join("testdata", "corpus", "official.jsonl")
	if d := os.Getenv("CEDAR_CORPUS_DIR"); d != "" {
		dir, official = d, os.Getenv("CEDAR_CORPUS_OFFICIAL")
	}
	f, err := os.Open(official)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	files, policies := 0, 0
	for sc.Scan() {
		var of officialFile
		if err := json.Unmarshal(sc.Bytes(), &of); err != nil {
			t.Fatal(err)
		}
		src, err := os.ReadFile(filepath.Join(dir, of.File))
		if err != nil {
			t.Fatal(err)
		}
		file, errs := parse.Policies(src)
		if len(errs) > 0 {
			t.Errorf("%s: parse: %v", of.File, errs[0])
			continue
		}
		var static, templates []*ast.Policy
		for _, p := range file.Policies {
			if p.IsTemplate() {
				templates = append(templates, p)
			} else {
				static = append(static, p)
			}
		}
		if len(static) != len(of.Static) || len(templates) != len(of.Templates) {
			t.Errorf("%s: %d+%d policies, official %d+%d", of.File, len(static), len(templates), len(of.Static), len(of.Templates))
			continue
		}
		files++
		for i, p := range static {
			checkRoundTrip(t, of.File, p, of.Static[i])
			policies++
		}
		for i, p := range templates {
			checkRoundTrip(t, of.File, p, of.Templates[i])
			policies++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Fatal("no corpus files checked")
	}
	t.Logf("%d files, %d policies", files, policies)
}

func checkRoundTrip(t *testing.T, file string, p *ast.Policy, official json.RawMessage) {
	t.Helper()
	got, err := Marshal(p)
	if err != nil {
		t.Errorf("%s %s: Marshal: %v", file, p.ID, err)
		return
	}
	if !sameJSON(t, got, official) {
		t.Errorf("%s %s: JSON differs from official\n got: %s\nwant: %s", file, p.ID, got, official)
	}
	back, err := Unmarshal(got)
	if err != nil {
		t.Errorf("%s %s: Unmarshal of our JSON: %v", file, p.ID, err)
		return
	}
	want := normalizePolicy(p)
	if !reflect.DeepEqual(normalizePolicy(back), want) {
		t.Errorf("%s %s: JSON round trip changed the AST\njson: %s", file, p.ID, got)
	}
	text := ast.PolicyText(p)
	reparsed, errs := parse.Policies([]byte(text))
	if len(errs) > 0 || len(reparsed.Policies) != 1 {
		t.Errorf("%s %s: printed text does not parse (%v):\n%s", file, p.ID, errs, text)
		return
	}
	if !reflect.DeepEqual(normalizePolicy(reparsed.Policies[0]), want) {
		t.Errorf("%s %s: printed text means something else:\n%s", file, p.ID, text)
	}
}

// sameJSON compares two JSON texts as values. Numbers are compared as
// float64 because the official side went through JavaScript.
func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatalf("our JSON is invalid: %v\n%s", err, a)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatalf("official JSON is invalid: %v", err)
	}
	return reflect.DeepEqual(x, y)
}
