package treesitter

import (
	"flag"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/conformance/drt"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/schema/syntax"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/grammar"
)

// The bounds of the differential test: generated cases (policy sets, their
// templates and, for every other case, a schema) and mutants of each text
// per mutation class.
const (
	diffSeed       = 13
	diffCases      = 1200
	mutantsPerText = 3
)

// casesFlag runs more (or fewer) generated cases than make test does:
// go test -run TestDifferential -v ./treesitter/ -args -cases 10000
var casesFlag = flag.Int("cases", diffCases, "generated cases of TestDifferential")

// side is one language: its tree-sitter grammar, its engine parser and
// the engine checks a CFG leaves out.
type side struct {
	name   string
	lang   grammar.Lang
	engine func(src []byte) []source.Diagnostic
	checks []semanticCheck
}

var sides = []side{
	{"policies", grammar.Cedar, func(src []byte) []source.Diagnostic {
		_, errs := parse.Policies(src)
		return errs
	}, policySemanticChecks},
	{"schemas", grammar.CedarSchema, func(src []byte) []source.Diagnostic {
		_, errs := syntax.ParseCedar(src)
		return errs
	}, schemaSemanticChecks},
}

// tally counts the verdicts of one class of inputs.
type tally struct {
	inputs, agree int
	// rejected counts the agreements on an error (both parsers reject).
	rejected int
	// semantic counts inputs only the engine rejects, all of whose errors
	// are checks a CFG leaves out, by check.
	semantic map[string]int
	// unexplained are the other disagreements, with a reason.
	unexplained []string
}

func (t *tally) add(s side, text string) error {
	t.inputs++
	tsErrs, err := s.lang.Check([]byte(text))
	if err != nil {
		return err
	}
	engErrs := s.engine([]byte(text))
	switch {
	case len(tsErrs) > 0 == (len(engErrs) > 0):
		t.agree++
		if len(tsErrs) > 0 {
			t.rejected++
		}
	case len(tsErrs) > 0:
		t.unexplained = append(t.unexplained, fmt.Sprintf("tree-sitter rejects (%v), the engine accepts:\n%s", tsErrs[0], text))
	default:
		msgs := make([]string, len(engErrs))
		for i, e := range engErrs {
			msgs[i] = e.Message
		}
		if c := classify(s.checks, msgs); c != "" {
			if t.semantic == nil {
				t.semantic = map[string]int{}
			}
			t.semantic[c]++
			return nil
		}
		t.unexplained = append(t.unexplained, fmt.Sprintf("the engine rejects (%s), tree-sitter accepts:\n%s", strings.Join(msgs, "; "), text))
	}
	return nil
}

// TestDifferential checks that tree-sitter finds a syntax error exactly
// when the engine's parser does, on generated policy sets and schemas and
// their mutants. Generated inputs must agree all the time; on mutants the
// only allowed disagreements are the engine's semantic checks (semantic.go),
// which are counted and reported. Run with -v for the table.
func TestDifferential(t *testing.T) {
	gen := drt.New(diffSeed, drt.Options{RequestsPerCase: 1})
	tallies := map[string]map[string]*tally{}
	for _, s := range sides {
		tallies[s.name] = map[string]*tally{}
		for _, c := range classNames() {
			tallies[s.name][c] = &tally{}
		}
	}
	for i := range uint64(*casesFlag) {
		c := gen.Case(i)
		texts := map[string][]string{"policies": {c.Policies}}
		for _, tpl := range c.Templates {
			texts["policies"] = append(texts["policies"], tpl.Text)
		}
		if c.Schema != "" {
			texts["schemas"] = []string{c.Schema}
		}
		for _, s := range sides {
			for k, text := range texts[s.name] {
				if err := tallies[s.name]["generated"].add(s, text); err != nil {
					t.Fatal(err)
				}
				for class, ms := range mutants(diffSeed, i*16+uint64(k), text, mutantsPerText) {
					for _, m := range ms {
						if err := tallies[s.name][class].add(s, m); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
		}
	}
	for _, s := range sides {
		var total, agree int
		for _, class := range classNames() {
			tl := tallies[s.name][class]
			total += tl.inputs
			agree += tl.agree
			t.Logf("%s, %-20s %6d inputs, %6d agree (%.2f%%; %d rejected by both)%s", s.name, class+":", tl.inputs, tl.agree,
				100*float64(tl.agree)/float64(max(tl.inputs, 1)), tl.rejected, semanticSummary(tl.semantic))
			if class == "generated" && tl.agree != tl.inputs {
				t.Errorf("%s: %d generated inputs disagree; every generated input must", s.name, tl.inputs-tl.agree)
			}
			for n, u := range tl.unexplained {
				if n == 10 {
					t.Errorf("%s, %s: … and %d more unexplained disagreements", s.name, class, len(tl.unexplained)-n)
					break
				}
				t.Errorf("%s, %s: %s", s.name, class, u)
			}
		}
		t.Logf("%s, all classes: %d inputs, %d agree (%.2f%%)", s.name, total, agree, 100*float64(agree)/float64(max(total, 1)))
		for _, c := range s.checks {
			t.Logf("%s: the engine's %s check is left out of the grammar: %s", s.name, c.name, c.why)
		}
	}
}

func semanticSummary(m map[string]int) string {
	if len(m) == 0 {
		return ""
	}
	var parts []string
	for k, v := range m {
		parts = append(parts, fmt.Sprintf("%s %d", k, v))
	}
	sort.Strings(parts)
	return "; engine-only semantic checks: " + strings.Join(parts, ", ")
}
