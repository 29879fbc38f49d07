package drt

import (
	"flag"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cedar-ls/cedar-ls/conformance/oracle"
)

var (
	flagRequests = flag.Int("drt.n", 0, "requests to compare (default $DRT_N or 20000)")
	flagSeed     = flag.Uint64("drt.seed", 0, "generator seed (default $DRT_SEED or 1)")
	flagCase     = flag.Int("drt.case", -1, "compare only this case index (to reproduce a report)")
	// Above 16 policies the authorizer uses its scope and condition
	// indexes instead of a linear scan; the default of 8 never reaches them.
	flagMaxPolicies = flag.Int("drt.max-policies", 0, "policies per case at most (default 8)")
)

// flagStrictMessages makes evaluation errors worded differently from
// official Cedar a failure: the engine matches official wording exactly, so
// a difference is a regression. -drt.strict-messages=false only logs them.
var flagStrictMessages = flag.Bool("drt.strict-messages", true, "fail when an evaluation error is worded differently from official Cedar")

// drtSettings resolves the flags and environment: flags win, then DRT_N
// and DRT_SEED, then the defaults (deterministic, so CI is reproducible).
func drtSettings(t *testing.T) (n int, seed uint64) {
	n, seed = 20000, 1
	if v := os.Getenv("DRT_N"); v != "" {
		x, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("DRT_N: %v", err)
		}
		n = x
	}
	if v := os.Getenv("DRT_SEED"); v != "" {
		x, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("DRT_SEED: %v", err)
		}
		seed = x
	}
	if *flagRequests > 0 {
		n = *flagRequests
	}
	if *flagSeed != 0 {
		seed = *flagSeed
	}
	if testing.Short() && *flagRequests == 0 && os.Getenv("DRT_N") == "" {
		n = 2000
	}
	return n, seed
}

// maxReports bounds how many mismatches are printed in full.
const maxReports = 3

// TestDifferentialAuthorize compares cedar-ls with official Cedar on random
// cases: decision, reasons, and which policies errored. Each mismatch is
// shrunk to one request and the fewest policies that still disagree.
func TestDifferentialAuthorize(t *testing.T) {
	n, seed := drtSettings(t)
	o, err := oracle.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	g := New(seed, Options{MaxPolicies: *flagMaxPolicies})
	first, last := uint64(0), uint64((n+g.Opts.RequestsPerCase-1)/g.Opts.RequestsPerCase)
	if *flagCase >= 0 {
		first, last = uint64(*flagCase), uint64(*flagCase)+1
	}
	start := time.Now()

	// Keep the oracle a few cases ahead, so Node works while we evaluate.
	type inFlight struct {
		c *Case
		p *oracle.Pending
	}
	queue := make(chan inFlight, 8)
	go func() {
		defer close(queue)
		for i := first; i < last; i++ {
			c := g.Case(i)
			queue <- inFlight{c, GoOracle(o, c)}
		}
	}()

	mix := map[string]int{}
	total, mismatches, generatorBugs := 0, 0, 0
	// Differing error messages are collected apart from disagreements, and
	// fail the test unless -drt.strict-messages=false.
	msgErrors, msgDiffs := 0, 0
	msgSeen, msgExamples := map[string]bool{}, []string(nil)
	for f := range queue {
		ours := EngineOutcomes(f.c)
		theirs, err := OracleOutcomes(f.p)
		if err != nil {
			t.Fatal(err)
		}
		for i := range theirs {
			total++
			mix[theirs[i].Kind()]++
			if theirs[i].Failure != "" && generatorBugs < maxReports {
				generatorBugs++
				t.Errorf("generator bug: official Cedar rejects the input (-drt.seed %d -drt.case %d):\n%s",
					seed, f.c.Index, Reproducer(f.c, i, ours[i], theirs[i]))
			}
			if ours[i].Same(theirs[i]) {
				msgErrors += len(theirs[i].Errors)
				if d, key := messageDiff(ours[i], theirs[i]); d != "" {
					msgDiffs++
					if !msgSeen[key] && len(msgSeen) < 8 {
						msgSeen[key] = true
						msgExamples = append(msgExamples, d)
					}
				}
				continue
			}
			mismatches++
			if mismatches > maxReports {
				continue
			}
			t.Errorf("cedar-ls disagrees with official Cedar (rerun: -drt.seed %d -drt.case %d):\n%s",
				seed, f.c.Index, shrunkReport(t, o, f.c, i))
		}
	}
	t.Logf("seed %d: %d requests in %d cases, %v; official outcomes: %s",
		seed, total, last-first, time.Since(start).Round(time.Millisecond), formatMix(mix, total))
	if msgDiffs > 0 {
		report := t.Logf
		if *flagStrictMessages {
			report = t.Errorf
		}
		report("%d of %d evaluation errors are worded differently from official Cedar, e.g.\n%s", msgDiffs, msgErrors, strings.Join(msgExamples, "\n"))
	}
	if mismatches > 0 {
		t.Errorf("%d of %d requests disagree", mismatches, total)
	}
}

// shrunkReport shrinks a disagreeing request and renders it.
func shrunkReport(t *testing.T, o *oracle.Oracle, c *Case, i int) string {
	disagree := func(sc *Case) bool {
		theirs, err := OracleOutcomes(GoOracle(o, sc))
		if err != nil {
			t.Fatal(err)
		}
		return !EngineOutcomes(sc)[0].Same(theirs[0])
	}
	small := Shrink(c, i, disagree)
	theirs, err := OracleOutcomes(GoOracle(o, small))
	if err != nil {
		t.Fatal(err)
	}
	return Reproducer(small, 0, EngineOutcomes(small)[0], theirs[0])
}

// messageDiff describes the first evaluation error whose message differs
// between two outcomes that agree otherwise ("" when all match); key
// groups differences of the same kind (the official message's start).
func messageDiff(ours, theirs Outcome) (diff, key string) {
	for i := range min(len(ours.Errors), len(theirs.Errors)) {
		if ours.Errors[i] != theirs.Errors[i] {
			_, msg, _ := strings.Cut(theirs.Errors[i], ": ")
			key = msg[:min(len(msg), 24)]
			return "  cedar-ls: " + ours.Errors[i] + "\n  official: " + theirs.Errors[i], key
		}
	}
	return "", ""
}
