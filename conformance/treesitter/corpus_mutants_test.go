package treesitter

import (
	"sort"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/conformance/corpusdata"
)

// corpusMutantStride picks every n-th corpus policy file and schema for
// TestCorpusMutants (the corpus's variety, at a cost fit for make test).
const corpusMutantStride = 8

// TestCorpusMutants runs the differential check of TestDifferential on
// mutants of official corpus files, which use more of the language than
// the generators do.
func TestCorpusMutants(t *testing.T) {
	files, err := corpusdata.Archive("corpus-tests.tar.gz")
	if err != nil {
		t.Fatal(err)
	}
	// Distinct contents, the first name of each in name order, so that the
	// selection is the same every run.
	var all []string
	for name := range files {
		all = append(all, name)
	}
	sort.Strings(all)
	byExt := map[string][]string{}
	seen := map[string]bool{}
	for _, name := range all {
		for _, ext := range []string{".cedar", ".cedarschema"} {
			if src := files[name]; strings.HasSuffix(name, ext) && !seen[string(src)] {
				seen[string(src)] = true
				byExt[ext] = append(byExt[ext], name)
			}
		}
	}
	for i, s := range sides {
		ext := map[string]string{"policies": ".cedar", "schemas": ".cedarschema"}[s.name]
		names := byExt[ext]
		tallies := map[string]*tally{}
		for k, name := range names {
			if k%corpusMutantStride != 0 {
				continue
			}
			for class, ms := range mutants(diffSeed+uint64(i), uint64(k), string(files[name]), 1) {
				if tallies[class] == nil {
					tallies[class] = &tally{}
				}
				for _, m := range ms {
					if err := tallies[class].add(s, m); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		for _, class := range classNames()[1:] {
			tl := tallies[class]
			if tl == nil {
				t.Fatalf("%s: no corpus files", s.name)
			}
			t.Logf("corpus %s, %-20s %6d inputs, %6d agree (%.2f%%; %d rejected by both)%s", s.name, class+":", tl.inputs, tl.agree,
				100*float64(tl.agree)/float64(max(tl.inputs, 1)), tl.rejected, semanticSummary(tl.semantic))
			for n, u := range tl.unexplained {
				if n == 10 {
					t.Errorf("corpus %s, %s: … and %d more unexplained disagreements", s.name, class, len(tl.unexplained)-n)
					break
				}
				t.Errorf("corpus %s, %s: %s", s.name, class, u)
			}
		}
	}
}
