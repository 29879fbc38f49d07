// Package format checks engine/format against official Cedar's formatter
// (cedar-wasm formatPolicies through the oracle) on every policy file of
// the official corpus.
package format

import (
	"sort"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/conformance/corpusdata"
	"github.com/cedar-ls/cedar-ls/conformance/oracle"
	"github.com/cedar-ls/cedar-ls/engine/format"
)

func TestCorpusMatchesOfficial(t *testing.T) {
	files, err := corpusdata.Archive("corpus-tests.tar.gz")
	if err != nil {
		t.Fatal(err)
	}
	o, err := oracle.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	var names []string
	for name := range files {
		if strings.HasSuffix(name, ".cedar") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		t.Fatal("no policy files in the corpus")
	}
	// Every file at the defaults, and every tenth file at a narrow width
	// and a wide indent, where far more layout decisions are made.
	variants := []format.Options{{}, {LineWidth: 40, IndentWidth: 4}}
	agree, total, shown := 0, 0, 0
	for i, name := range names {
		for v, opts := range variants {
			if v > 0 && i%10 != 0 {
				continue
			}
			total++
			want, werr := o.FormatPolicies(string(files[name]), opts.LineWidth, opts.IndentWidth)
			got, gerr := format.Policies(files[name], opts)
			switch {
			case werr != nil && gerr != nil:
				agree++ // both refuse the file
				continue
			case werr == nil && gerr == nil && string(got) == want:
				agree++
				continue
			}
			if shown < 10 {
				shown++
				t.Errorf("%s %+v: ours (err %v):\n%s\nofficial (err %v):\n%s", name, opts, gerr, got, werr, want)
			}
		}
	}
	t.Logf("agreement with official Cedar: %d of %d formattings", agree, total)
}
