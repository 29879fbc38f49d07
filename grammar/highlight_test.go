package grammar

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// assertionLine is a highlight assertion in a fixture, in tree-sitter's
// format: a comment whose carets stand under the characters of the last
// code line above that must have the capture, or `<-` for the column where
// the comment starts.
var assertionLine = regexp.MustCompile(`^(\s*)//(\s*)(\^+|<-)\s+([a-z][a-z.]*)\s*$`)

// TestHighlights checks, at the positions the fixtures in
// testdata/highlight mark, that highlights.scm captures what it promises:
// keywords, operators, entity types with namespaces, attributes, strings,
// annotations, slots, extension and method calls, comments.
func TestHighlights(t *testing.T) {
	fixtures, _ := filepath.Glob("testdata/highlight/*")
	if len(fixtures) == 0 {
		t.Fatal("no highlight fixtures")
	}
	for _, path := range fixtures {
		lang := Cedar
		if strings.HasSuffix(path, ".cedarschema") {
			lang = CedarSchema
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if errs, err := lang.Check(src); err != nil || len(errs) > 0 {
			t.Fatalf("%s does not parse: %v %v", path, errs, err)
		}
		hs, err := lang.Highlights(src)
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		lines := strings.SplitAfter(string(src), "\n")
		codeLine, lineStart := -1, 0
		for i, offset := 0, 0; i < len(lines); offset, i = offset+len(lines[i]), i+1 {
			line := strings.TrimRight(lines[i], "\r\n")
			m := assertionLine.FindStringSubmatchIndex(line)
			if m == nil || codeLine < 0 {
				codeLine, lineStart = i, offset
				continue
			}
			want := line[m[8]:m[9]]
			var cols []int
			if line[m[6]:m[7]] == "<-" {
				cols = []int{m[3]} // where the comment starts
			} else {
				for c := m[6]; c < m[7]; c++ {
					cols = append(cols, c)
				}
			}
			for _, col := range cols {
				checked++
				if got := HighlightAt(hs, uint32(lineStart+col)); got != want {
					t.Errorf("%s:%d:%d: %q is highlighted as %q, want %q", path, codeLine+1, col+1,
						strings.TrimRight(lines[codeLine], "\n")[col:col+1], got, want)
				}
			}
		}
		if checked == 0 {
			t.Errorf("%s has no assertions", path)
		}
		t.Logf("%s: %d positions checked", path, checked)
	}
}
