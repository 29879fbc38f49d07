package drt

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/conformance/oracle"
)

func TestCasesAreDeterministic(t *testing.T) {
	g := New(42, Options{})
	for i := range uint64(20) {
		a, b := g.Case(i), New(42, Options{}).Case(i)
		if a.Policies != b.Policies || !bytes.Equal(a.Entities, b.Entities) || len(a.Requests) != len(b.Requests) {
			t.Fatalf("case %d differs between two generators with the same seed", i)
		}
		for j := range a.Requests {
			if fmt.Sprint(a.Requests[j]) != fmt.Sprint(b.Requests[j]) {
				t.Fatalf("case %d request %d differs", i, j)
			}
		}
	}
	if New(1, Options{}).Case(0).Policies == New(2, Options{}).Case(0).Policies {
		t.Error("seeds 1 and 2 produced the same policies")
	}
}

// TestOracleAcceptsGeneratedInputs checks the generator against official
// Cedar alone: every case must parse (no "failure" answers), and the
// outcomes must be a healthy mix of allow, deny and errors.
func TestOracleAcceptsGeneratedInputs(t *testing.T) {
	o, err := oracle.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	g := New(7, Options{})
	mix := map[string]int{}
	total := 0
	for i := range uint64(60) {
		c := g.Case(i)
		outs, err := OracleOutcomes(GoOracle(o, c))
		if err != nil {
			t.Fatal(err)
		}
		for j, out := range outs {
			mix[out.Kind()]++
			total++
			if out.Failure != "" {
				t.Fatalf("official Cedar rejects generated input:\n%s", Reproducer(c, j, Outcome{Failure: "(not run)"}, out))
			}
		}
	}
	t.Logf("outcome mix over %d requests: %s", total, formatMix(mix, total))
	for _, kind := range []string{"allow", "deny"} {
		if mix[kind]+mix[kind+"+errors"] < total/10 {
			t.Errorf("%s is under 10%% of outcomes: %s", kind, formatMix(mix, total))
		}
	}
	if errs := mix["allow+errors"] + mix["deny+errors"]; errs < total/10 || errs > total*6/10 {
		t.Errorf("outcomes with errors are not between 10%% and 60%%: %s", formatMix(mix, total))
	}
}

func formatMix(mix map[string]int, total int) string {
	kinds := make([]string, 0, len(mix))
	for k := range mix {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%s %.1f%%", k, 100*float64(mix[k])/float64(total))
	}
	return strings.Join(parts, ", ")
}

// TestGeneratorCoversFeatures checks that a modest number of cases uses
// every construct the differential test is meant to exercise.
func TestGeneratorCoversFeatures(t *testing.T) {
	g := New(3, Options{})
	var policies, ents, contexts strings.Builder
	for i := range uint64(200) {
		c := g.Case(i)
		policies.WriteString(c.Policies)
		ents.Write(c.Entities)
		for _, r := range c.Requests {
			contexts.Write(r.Context)
		}
	}
	features := map[string][]string{
		"policy": {
			"permit (", "forbid (", "when {", "unless {", "@id(",
			"principal == ", "principal in ", "principal is ", "resource is Doc in ", "action == ", "action in [", "action in Action::",
			" == ", " != ", " < ", " <= ", " > ", " >= ", " in [", " has ", " has info.inner.ok", " has \"weird key\"", " like ", "\\*", " is ",
			"if ", " && ", " || ", "!", " + ", " - ", " * ", "9223372036854775807", "(-9223372036854775808)",
			".contains(", ".containsAll(", ".containsAny(", ".isEmpty()", ".hasTag(", ".getTag(",
			"decimal(", ".lessThan(", ".greaterThanOrEqual(", "ip(", ".isInRange(", ".isIpv4()", ".isLoopback()",
			"datetime(", "duration(", ".offset(", ".durationSince(", ".toDate()", ".toTime()", ".toDays()",
			"[\"weird key\"]", "\\u{", ".info.level", "context", "{level: ",
		},
		"entities": {`"parents":[{`, `"__extn":{"arg"`, `"fn":"decimal"`, `"fn":"ip"`, `"fn":"datetime"`, `"fn":"duration"`, `"__entity"`, `"tags":{`, `"inner":{`, `"id":"ghost"`},
		"context":  {`"__extn"`, `"__entity"`, `"info":{`, `"labels":[`},
	}
	texts := map[string]string{"policy": policies.String(), "entities": ents.String(), "context": contexts.String()}
	for where, fs := range features {
		for _, f := range fs {
			if !strings.Contains(texts[where], f) {
				t.Errorf("no generated %s contains %q", where, f)
			}
		}
	}
}
