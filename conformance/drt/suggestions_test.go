package drt

import (
	"slices"
	"testing"

	"github.com/cedar-ls/cedar-ls/conformance/oracle"
	"github.com/cedar-ls/cedar-ls/engine/schema"
)

// TestSuggestionsAgainstOfficial validates schema-directed cases, with
// names misspelled on purpose, and compares production's "did you mean"
// suggestions with official Cedar's wherever official gives one.
func TestSuggestionsAgainstOfficial(t *testing.T) {
	n, seed := drtSettings(t)
	o, err := oracle.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	rn := &Runner{O: o, Seed: seed, Opts: Options{Kind: SchemaDirected}}
	g := rn.gen(SchemaDirected)
	cases := max(n/100, 10)
	var st suggestionStats
	mismatches := 0
	for i := range uint64(cases) {
		c := misspell(g.Case(i))
		s, errs := schema.Load("schema.cedarschema", []byte(c.Schema))
		if len(errs) > 0 {
			t.Fatalf("case %d: schema: %v", i, errs)
		}
		statics, templates, failure := parseCase(c)
		if failure != "" {
			t.Fatalf("case %d: %s", i, failure)
		}
		diffs, err := rn.suggestionCheck(c, append(slices.Clone(statics), templates...), s, &st)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range diffs {
			mismatches++
			if mismatches <= maxReports {
				t.Errorf("case %d: %s\nschema:\n%s\npolicies:\n%s", i, d, c.Schema, c.Policies)
			}
		}
	}
	t.Logf("seed %d: %d cases; suggestions compared with official's: %d (%d the same, %d equally near ties), %d mismatches",
		seed, cases, st.Compared, st.Same, st.Ties, mismatches)
	if st.Compared == 0 {
		t.Error("no suggestion was compared")
	}
}
