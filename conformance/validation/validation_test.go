// Package validation checks the validator against official Cedar on the
// whole integration corpus (7,750 tests, one schema and policy file each):
//
//   - against cedar-wasm 4.13 (through the oracle): every policy's strict
//     verdict must agree, and the error spans are compared too;
//   - against the corpus's recorded verdicts (corpus-tests-validation and
//     shouldValidate), strict and permissive. Those were recorded by an older
//     Cedar, in which a scope that admits no request environment was an
//     error; Cedar 4.13 (and so this validator) makes it a warning, so such
//     policies are counted apart.
package validation

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/conformance/corpusdata"
	"github.com/cedar-ls/cedar-ls/conformance/oracle"
	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/validate"
)

// recorded is one <hash>.validation.json.
type recorded struct {
	PolicyValidation struct {
		PerPolicy map[string]struct {
			Strict     bool `json:"strict"`
			Permissive bool `json:"permissive"`
		} `json:"perPolicy"`
	} `json:"policyValidation"`
}

type tally struct{ agree, olderCedar, disagree int }

func (t tally) String() string {
	return fmt.Sprintf("%d agree, %d differ as Cedar 4.13 does from the recording Cedar, %d disagree", t.agree, t.olderCedar, t.disagree)
}

type loaded struct {
	hash    string
	test    *corpusdata.Test
	rec     recorded
	schema  *schema.Schema
	file    *ast.File
	src     []byte
	pending *oracle.Pending
}

func TestCorpusValidation(t *testing.T) {
	c, err := corpusdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	files := c.Files
	recordings, err := corpusdata.Archive("corpus-tests-validation.tar.gz")
	if err != nil {
		t.Fatal(err)
	}
	o, err := oracle.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()

	var tests []*loaded
	for _, ct := range c.Tests {
		l := &loaded{hash: ct.Name, test: ct}
		if err := json.Unmarshal(recordings["corpus-tests-validation/"+l.hash+".validation.json"], &l.rec); err != nil {
			t.Fatalf("%s: recorded result: %v", l.hash, err)
		}
		var serrs, perrs []source.Diagnostic
		l.schema, serrs = schema.Load(l.test.Schema, files[l.test.Schema])
		l.src = files[l.test.Policies]
		l.file, perrs = parse.Policies(l.src)
		if len(serrs) > 0 || len(perrs) > 0 {
			t.Errorf("%s: does not load: %v %v", l.hash, serrs, perrs)
			continue
		}
		l.pending = o.Go("validate", map[string]any{
			"schema":   string(files[l.test.Schema]),
			"policies": oracle.PolicySet{StaticPolicies: string(l.src)},
		})
		tests = append(tests, l)
	}

	var official, spans int
	var officialDisagree, spanReport, impossibleReport []string
	var impossibleAgree, warningsAgree int
	var warningsReport []string
	var vsRecorded [2]tally // strict, permissive
	var shouldValidate tally
	var report []string
	for _, l := range tests {
		var ans oracle.ValidationAnswer
		if err := l.pending.Wait(&ans); err != nil {
			t.Errorf("%s: oracle: %v", l.hash, err)
			continue
		}
		strict := validate.Validate(l.schema, l.file.Policies, validate.Strict)
		permissive := validate.Validate(l.schema, l.file.Policies, validate.Permissive)

		// Against Cedar 4.13.
		wantErrs := map[string][]string{}
		for _, e := range ans.ValidationErrors {
			wantErrs[e.PolicyID] = append(wantErrs[e.PolicyID], spanText(l.src, e.Error.SourceLocations))
		}
		gotErrs := map[string][]string{}
		for _, d := range strict.Errors {
			if d.Code == validate.KindEmptySetForbidden && d.Span == scopeSpan(l.file, d.PolicyID) {
				// Official reports `action in []` without a span.
				gotErrs[d.PolicyID] = append(gotErrs[d.PolicyID], "[no span]")
				continue
			}
			gotErrs[d.PolicyID] = append(gotErrs[d.PolicyID], fmt.Sprintf("[%d,%d)", d.Span.Start, d.Span.End))
		}
		for _, p := range l.file.Policies {
			if (len(wantErrs[p.ID]) == 0) != (len(gotErrs[p.ID]) == 0) {
				officialDisagree = append(officialDisagree, fmt.Sprintf("%s %s: cedar-wasm errors %q, ours %v\n%s",
					l.hash, p.ID, wantErrs[p.ID], strict.Errors, l.src[p.Span.Start:p.Span.End]))
				continue
			}
			official++
			if sameSet(wantErrs[p.ID], gotErrs[p.ID]) {
				spans++
			} else {
				spanReport = append(spanReport, fmt.Sprintf("%s %s: cedar-wasm %v, ours %v", l.hash, p.ID, wantErrs[p.ID], strict.Errors))
			}
		}

		// All warnings against Cedar 4.13, by number per policy (the
		// identifier check approximates Unicode's identifier profile).
		for _, p := range l.file.Policies {
			want := 0
			for _, w := range ans.ValidationWarnings {
				if w.PolicyID == p.ID {
					want++
				}
			}
			got := 0
			for _, d := range strict.Warnings {
				if d.PolicyID == p.ID {
					got++
				}
			}
			if got == want {
				warningsAgree++
			} else {
				warningsReport = append(warningsReport, fmt.Sprintf("%s %s: cedar-wasm %d warnings, ours %v", l.hash, p.ID, want, strict.Warnings))
			}
		}

		// Impossible-policy warnings against Cedar 4.13.
		for _, p := range l.file.Policies {
			want := false
			for _, w := range ans.ValidationWarnings {
				if w.PolicyID == p.ID && strings.Contains(w.Error.Message, "policy is impossible") {
					want = true
				}
			}
			if hasKind(strict.Warnings, p.ID, validate.KindImpossiblePolicy) == want {
				impossibleAgree++
			} else {
				impossibleReport = append(impossibleReport, fmt.Sprintf("%s %s: cedar-wasm impossible=%v\n%s", l.hash, p.ID, want, l.src[p.Span.Start:p.Span.End]))
			}
		}

		// Against the recorded verdicts.
		for mi, res := range []validate.Result{strict, permissive} {
			for _, p := range l.file.Policies {
				pv := l.rec.PolicyValidation.PerPolicy[p.ID]
				want := pv.Strict
				if mi == 1 {
					want = pv.Permissive
				}
				got := !hasPolicy(res.Errors, p.ID)
				switch {
				case got == want:
					vsRecorded[mi].agree++
				case got && !want && hasKind(res.Warnings, p.ID, validate.KindInvalidActionApplication):
					vsRecorded[mi].olderCedar++
				default:
					vsRecorded[mi].disagree++
					report = append(report, fmt.Sprintf("%s %s %s: recorded valid=%v, ours %v\n%s",
						[]string{"strict", "permissive"}[mi], l.hash, p.ID, want, res.Errors, l.src[p.Span.Start:p.Span.End]))
				}
			}
		}
		switch {
		case strict.Valid() == l.test.ShouldValidate:
			shouldValidate.agree++
		case strict.Valid() && hasKind(strict.Warnings, "", validate.KindInvalidActionApplication):
			shouldValidate.olderCedar++
		default:
			shouldValidate.disagree++
		}
	}
	t.Logf("strict verdicts vs cedar-wasm 4.13: %d policies agree, %d disagree; error spans identical for %d", official, len(officialDisagree), spans)
	t.Logf("impossible-policy warnings vs cedar-wasm 4.13: %d policies agree, %d disagree", impossibleAgree, len(impossibleReport))
	for i, r := range impossibleReport {
		if i == 10 {
			break
		}
		t.Log("impossible-policy warning differs:", r)
	}
	t.Logf("number of warnings vs cedar-wasm 4.13: %d policies agree, %d differ", warningsAgree, len(warningsReport))
	for i, r := range warningsReport {
		if i == 10 {
			break
		}
		t.Log("warnings differ:", r)
	}
	if len(impossibleReport) > 0 {
		t.Errorf("impossible-policy warnings differ from cedar-wasm 4.13 on %d policies", len(impossibleReport))
	}
	t.Logf("strict vs recorded:      %v", vsRecorded[0])
	t.Logf("permissive vs recorded:  %v", vsRecorded[1])
	t.Logf("shouldValidate:          %v", shouldValidate)
	if out := os.Getenv("VALIDATION_REPORT"); out != "" {
		all := append(append(officialDisagree, report...), spanReport...)
		if err := os.WriteFile(out, []byte(strings.Join(all, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i, r := range officialDisagree {
		if i == 20 {
			t.Logf("… %d more", len(officialDisagree)-20)
			break
		}
		t.Log(r)
	}
	for i, r := range spanReport {
		if i == 20 {
			break
		}
		t.Log("error spans differ:", r)
	}
	if len(spanReport) > 0 {
		t.Errorf("error spans differ from cedar-wasm 4.13 on %d policies", len(spanReport))
	}
	if len(officialDisagree) > 0 {
		t.Errorf("strict verdicts disagree with cedar-wasm 4.13 on %d policies", len(officialDisagree))
	}
	for i, r := range report {
		if i == 20 {
			t.Logf("… %d more", len(report)-20)
			break
		}
		t.Log(r)
	}
	for mi, mode := range []string{"strict", "permissive"} {
		if vsRecorded[mi].disagree > 0 {
			t.Errorf("%s verdicts disagree with the recorded ones on %d policies beyond the known version difference", mode, vsRecorded[mi].disagree)
		}
	}
	if shouldValidate.disagree > 0 {
		t.Errorf("shouldValidate disagrees on %d tests beyond the known version difference", shouldValidate.disagree)
	}
}

func spanText(src []byte, locs []oracle.SourceLabel) string {
	if len(locs) == 0 {
		return "[no span]"
	}
	return fmt.Sprintf("[%d,%d)", locs[0].Start, locs[0].End)
}

func scopeSpan(f *ast.File, id string) source.Span {
	for _, p := range f.Policies {
		if p.ID == id {
			return p.Action.Span
		}
	}
	return source.Span{}
}

func sameSet(a, b []string) bool {
	x := append([]string(nil), a...)
	y := append([]string(nil), b...)
	sort.Strings(x)
	sort.Strings(y)
	x, y = dedup(x), dedup(y)
	return strings.Join(x, " ") == strings.Join(y, " ")
}

func dedup(s []string) []string {
	var out []string
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

func hasPolicy(ds []validate.Diagnostic, id string) bool {
	for _, d := range ds {
		if d.PolicyID == id {
			return true
		}
	}
	return false
}

// hasKind reports whether policy id (any policy when id is "") has a
// diagnostic of the kind.
func hasKind(ds []validate.Diagnostic, id, kind string) bool {
	for _, d := range ds {
		if (id == "" || d.PolicyID == id) && d.Code == kind {
			return true
		}
	}
	return false
}
