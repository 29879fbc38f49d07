package treesitter

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/grammar"
)

// officialVerdictsFile is the engine's table of inputs with official
// Cedar's (cedar-wasm 4.13.0) parse verdicts, generated from the oracle:
// edge cases of the syntax chosen by hand.
const officialVerdictsFile = "../../engine/parse/official_verdicts_test.go"

var verdictEntry = regexp.MustCompile("\\{(src|cond): `([^`]*)`, ok: (true|false)\\}")

// TestOfficialVerdicts parses each input of the engine's table of official
// verdicts with the tree-sitter grammar: official Cedar accepts exactly
// what tree-sitter accepts, except inputs official Cedar rejects only for
// a check a context-free grammar leaves out (semantic.go), which the
// engine then reports.
func TestOfficialVerdicts(t *testing.T) {
	data, err := os.ReadFile(officialVerdictsFile)
	if err != nil {
		t.Fatal(err)
	}
	entries := verdictEntry.FindAllStringSubmatch(string(data), -1)
	if len(entries) < 100 {
		t.Fatalf("%s: only %d entries read; has its format changed?", officialVerdictsFile, len(entries))
	}
	agree, semantic := 0, map[string]int{}
	for _, e := range entries {
		src := e[2]
		if e[1] == "cond" {
			src = "permit(principal, action, resource) when { " + src + " };"
		}
		officialOK := e[3] == "true"
		errs, err := grammar.Cedar.Check([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		switch tsOK := len(errs) == 0; {
		case tsOK == officialOK:
			agree++
		case officialOK:
			t.Errorf("official Cedar accepts, tree-sitter rejects (%v): %s", errs[0], src)
		default:
			_, engErrs := parse.Policies([]byte(src))
			var msgs []string
			for _, e := range engErrs {
				msgs = append(msgs, e.Message)
			}
			c := classify(policySemanticChecks, msgs)
			if len(msgs) == 0 || c == "" {
				t.Errorf("official Cedar rejects, tree-sitter accepts (engine: %s): %s", strings.Join(msgs, "; "), src)
				continue
			}
			semantic[c]++
		}
	}
	t.Logf("%d official verdicts: %d agree (%.1f%%)%s", len(entries), agree, 100*float64(agree)/float64(len(entries)), semanticSummary(semantic))
}
