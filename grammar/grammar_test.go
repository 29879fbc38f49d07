package grammar

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestQueriesCompile compiles every query file of both grammars against
// its language: a capture of a node type or field the grammar lacks is an
// error here, not a silent no-op in an editor.
func TestQueriesCompile(t *testing.T) {
	for _, l := range Langs {
		for _, kind := range QueryKinds {
			q, err := l.Query(kind)
			if err != nil {
				t.Error(err)
				continue
			}
			if q.PatternCount() == 0 {
				t.Errorf("%s/%s.scm has no patterns", l, kind)
			}
			q.Close()
		}
	}
}

// TestParse parses the files of testdata/parse: NAME.ok.EXT must parse
// without a syntax error, NAME.err.EXT must have one, at the line:column
// its first line names in a comment (`// error at L:C`).
func TestParse(t *testing.T) {
	files, _ := filepath.Glob("testdata/parse/*")
	if len(files) == 0 {
		t.Fatal("no parse fixtures")
	}
	for _, path := range files {
		lang := Cedar
		if strings.HasSuffix(path, ".cedarschema") {
			lang = CedarSchema
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		errs, err := lang.Check(src)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.Contains(path, ".ok."):
			if len(errs) > 0 {
				t.Errorf("%s: unexpected syntax errors %v", path, errs)
			}
		case strings.Contains(path, ".err."):
			first, _, _ := strings.Cut(string(src), "\n")
			want := strings.TrimSpace(strings.TrimPrefix(first, "// error at "))
			if len(errs) == 0 {
				t.Errorf("%s: no syntax error, want one at %s", path, want)
			} else if got := errs[0].Error(); !strings.HasPrefix(got, want+":") {
				t.Errorf("%s: first error %q, want one at %s", path, got, want)
			}
		default:
			t.Errorf("%s: name it NAME.ok.EXT or NAME.err.EXT", path)
		}
	}
}

// TestUnknownLanguage: a bad name or query kind is an error, not a panic.
func TestUnknownLanguage(t *testing.T) {
	if _, err := Lang("json").QuerySource("highlights"); err == nil {
		t.Error("unknown language: no error")
	}
	if _, err := Cedar.QuerySource("textobjects"); err == nil {
		t.Error("unknown query kind: no error")
	}
}
