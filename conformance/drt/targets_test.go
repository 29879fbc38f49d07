package drt

import (
	"flag"
	"strings"
	"testing"
	"time"

	"github.com/cedar-ls/cedar-ls/conformance/oracle"
)

var flagTargetCases = flag.Int("drt.cases", 0, "cases per target in TestTargets (default 120, 30 with -short)")

// TestTargets runs every differential target (authz three-way, parse and
// policy JSON, format, validate with soundness) on a bounded number of
// generated cases; cedar-drt runs the same targets for as long as asked.
func TestTargets(t *testing.T) {
	n := 120
	if testing.Short() {
		n = 30
	}
	if *flagTargetCases > 0 {
		n = *flagTargetCases
	}
	_, seed := drtSettings(t)
	o, err := oracle.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	for _, target := range AllTargets {
		t.Run(target, func(t *testing.T) {
			rn := &Runner{O: o, Seed: seed}
			start := time.Now()
			checks, reported := 0, 0
			for i := range uint64(n) {
				k, ms, err := rn.Run(target, i)
				if err != nil {
					t.Fatal(err)
				}
				checks += k
				for _, m := range ms {
					if reported++; reported <= maxReports {
						t.Errorf("seed %d case %d: %s", seed, i, m.Summary)
					}
				}
			}
			t.Logf("%s: %d cases, %d checks, %d mismatches, %v", target, n, checks, reported, time.Since(start).Round(time.Millisecond))
		})
	}
}

// TestRegressions runs every shrunk mismatch cedar-drt has written (and
// the hand-picked cases) against production and the spec.
func TestRegressions(t *testing.T) {
	regs, err := LoadRegressions("testdata/regressions")
	if err != nil {
		t.Fatal(err)
	}
	if len(regs) == 0 {
		t.Fatal("no regression files in testdata/regressions")
	}
	for name, r := range regs {
		t.Run(name, func(t *testing.T) {
			probs := r.Check()
			switch {
			case r.Status == "open" && len(probs) > 0:
				t.Skipf("known open bug (%s):\n%s", r.Target, strings.Join(probs, "\n"))
			case r.Status == "open":
				t.Logf("marked open but passes now: remove its \"status\"")
			}
			for _, p := range probs {
				t.Error(p)
			}
		})
	}
}
