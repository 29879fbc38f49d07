package treesitter

import (
	"sort"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/conformance/corpusdata"
	"github.com/cedar-ls/cedar-ls/grammar"
)

// TestCorpusPolicies parses the policies of every official corpus test
// with the tree-sitter grammar: none may have an ERROR or MISSING node.
func TestCorpusPolicies(t *testing.T) {
	c, err := corpusdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	parsed := 0
	for _, ct := range c.Tests {
		src, ok := c.Files[ct.Policies]
		if !ok {
			t.Fatalf("%s: policies file %s missing from the corpus", ct.Name, ct.Policies)
		}
		errs, err := grammar.Cedar.Check(src)
		if err != nil {
			t.Fatal(err)
		}
		if len(errs) > 0 {
			t.Errorf("%s: %v\n%s", ct.Policies, errs, src)
			continue
		}
		parsed++
	}
	t.Logf("%d of %d corpus policy files parse without a syntax error", parsed, len(c.Tests))
}

// TestCorpusSchemas parses every distinct Cedar-syntax schema of the
// official corpus with the tree-sitter grammar.
func TestCorpusSchemas(t *testing.T) {
	files, err := corpusdata.Archive("corpus-tests.tar.gz")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var names []string
	for name, src := range files {
		if strings.HasSuffix(name, ".cedarschema") && !seen[string(src)] {
			seen[string(src)] = true
			names = append(names, name)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		t.Fatal("no schemas in the corpus")
	}
	parsed := 0
	for _, name := range names {
		errs, err := grammar.CedarSchema.Check(files[name])
		if err != nil {
			t.Fatal(err)
		}
		if len(errs) > 0 {
			t.Errorf("%s: %v\n%s", name, errs, files[name])
			continue
		}
		parsed++
	}
	t.Logf("%d of %d distinct corpus schemas parse without a syntax error", parsed, len(names))
}
