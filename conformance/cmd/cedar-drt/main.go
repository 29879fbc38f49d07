// Command cedar-drt runs differential random tests of cedar-ls against
// official Cedar for a fixed time, on every core:
//
//	go run ./cmd/cedar-drt -duration 10m [-seed N] [-targets authz,validate,format,parse] [-workers N] [-oracle wasm|rust] [-cases N] [-requests N] [-large]
//
// The oracle is cedar-wasm via Node (default; `npm ci` in oracle/) or the
// same Cedar version natively (rust/, built with cargo on first use), which
// answers many times faster. Both must give identical results on a seed.
//
// Each worker owns an oracle process and works through case indexes
// worker, worker+W, worker+2W, … of the seed, running the targets in turn.
// Every mismatch is shrunk and written as a regression file under
// drt/testdata/regressions/ (run by TestRegressions). Progress lines and
// the "per target" line give each target's cases, checks (for authz: the
// requests whose decision, reasons and erroring policies were compared
// with official Cedar) and their rates over the target's share of the
// run. The last line is "N cases, M mismatches"; the exit status is 1 when
// M > 0.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cedar-ls/cedar-ls/conformance/drt"
	"github.com/cedar-ls/cedar-ls/conformance/oracle"
)

func main() {
	duration := flag.Duration("duration", time.Minute, "how long to run")
	seed := flag.Uint64("seed", uint64(time.Now().UnixNano()), "generator seed (default: from the clock)")
	targetList := flag.String("targets", strings.Join(drt.AllTargets, ","), "comma-separated targets: "+strings.Join(drt.AllTargets, ", "))
	workers := flag.Int("workers", runtime.NumCPU(), "parallel workers, one oracle process each")
	out := flag.String("out", defaultOut(), "directory for regression files")
	progress := flag.Duration("progress", 10*time.Second, "progress report interval")
	oracleKind := flag.String("oracle", "wasm", "official Cedar to compare with: wasm (cedar-wasm via Node) or rust (native, built with cargo)")
	record := flag.String("record", "", "write one line per case (target, case index, checks, mismatches) to this file, to compare runs")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the Go side to this file")
	maxCases := flag.Uint64("cases", 0, "stop after cases 0..N-1 of the seed (0: run until -duration)")
	large := flag.Bool("large", false, "make every case's policy set large (20-39 policies; one case in ten otherwise), to measure or stress the authorizer's scope and condition indexes")
	requests := flag.Int("requests", 200, "authorization requests per authz case (0: the generator's default, 50); more amortize each case's setup (entities, policies, schema, on both sides) over more checked requests")
	flag.Parse()
	if os.Getenv("GOGC") == "" {
		// The live heap is small and short-lived garbage plentiful (cases,
		// JSON, outcomes): collecting four times less often saves about
		// 7 % of the run's CPU.
		debug.SetGCPercent(400)
	}

	targets := strings.Split(*targetList, ",")
	for _, t := range targets {
		if !contains(drt.AllTargets, t) {
			fmt.Fprintf(os.Stderr, "cedar-drt: unknown target %q (have %s)\n", t, strings.Join(drt.AllTargets, ", "))
			os.Exit(2)
		}
	}
	if *oracleKind != "wasm" && *oracleKind != "rust" {
		fmt.Fprintf(os.Stderr, "cedar-drt: unknown oracle %q (have wasm, rust)\n", *oracleKind)
		os.Exit(2)
	}
	if *oracleKind == "rust" {
		// Build once before the workers start, so the timing excludes cargo.
		if _, err := oracle.BuildRust(); err != nil {
			fmt.Fprintln(os.Stderr, "cedar-drt:", err)
			os.Exit(1)
		}
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "cedar-drt:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	fmt.Printf("cedar-drt: seed %d, targets %s, %d workers, oracle %s, %v\n", *seed, strings.Join(targets, ","), *workers, *oracleKind, *duration)

	var st stats
	if *record != "" {
		f, err := os.Create(*record)
		if err != nil {
			fmt.Fprintln(os.Stderr, "cedar-drt:", err)
			os.Exit(1)
		}
		defer f.Close()
		st.record = f
	}
	st.cases, st.checks, st.mismatches, st.busy = map[string]*int64{}, map[string]*int64{}, map[string]*int64{}, map[string]*int64{}
	for _, t := range targets {
		st.cases[t], st.checks[t], st.mismatches[t], st.busy[t] = new(int64), new(int64), new(int64), new(int64)
	}
	deadline := time.Now().Add(*duration)
	start := time.Now()
	var wg sync.WaitGroup
	var fatal atomic.Value
	for w := range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := work(*oracleKind, uint64(w), uint64(*workers), *seed, *maxCases, *requests, *large, targets, deadline, *out, &st); err != nil {
				fatal.Store(err)
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	tick := time.NewTicker(*progress)
	defer tick.Stop()
loop:
	for {
		select {
		case <-done:
			break loop
		case <-tick.C:
			fmt.Printf("%6s %s\n", time.Since(start).Round(time.Second), st.line(time.Since(start), *workers))
		}
	}
	if err, _ := fatal.Load().(error); err != nil {
		fmt.Fprintln(os.Stderr, "cedar-drt:", err)
	}
	elapsed := time.Since(start)
	fmt.Printf("per target: %s\n", st.line(elapsed, *workers))
	cases, mism := st.totals()
	fmt.Printf("%d cases, %d mismatches\n", cases, mism)
	if mism > 0 || fatal.Load() != nil {
		pprof.StopCPUProfile() // os.Exit skips the deferred stop
		os.Exit(1)
	}
}

// defaultOut is drt/testdata/regressions next to this command's source
// when run from the conformance module.
func defaultOut() string {
	return filepath.Join("drt", "testdata", "regressions")
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

type stats struct {
	mu                        sync.Mutex
	cases, checks, mismatches map[string]*int64
	// busy is the workers' time spent in each target (ns), so each
	// target's rates are over its own share of the run.
	busy   map[string]*int64
	record io.Writer // per-case lines (-record), guarded by mu
}

// line reports each target's cases, checks and mismatches, with rates
// over the target's share of the run: the workers' time spent in it
// divided by the number of workers (the whole run when it is the only
// target).
func (s *stats) line(elapsed time.Duration, workers int) string {
	var parts []string
	names := make([]string, 0, len(s.cases))
	for t := range s.cases {
		names = append(names, t)
	}
	sort.Strings(names)
	for _, t := range names {
		c, k := atomic.LoadInt64(s.cases[t]), atomic.LoadInt64(s.checks[t])
		secs := elapsed.Seconds()
		if len(names) > 1 {
			secs = time.Duration(atomic.LoadInt64(s.busy[t])).Seconds() / float64(workers)
		}
		perCore := float64(c) / secs / float64(min(workers, runtime.NumCPU()))
		parts = append(parts, fmt.Sprintf("%s: %d cases (%.1f/s, %.1f/s/core) %d checks (%.0f/s) %d mismatches",
			t, c, float64(c)/secs, perCore, k, float64(k)/secs, atomic.LoadInt64(s.mismatches[t])))
	}
	return strings.Join(parts, "; ")
}

func (s *stats) totals() (cases, mismatches int64) {
	for t := range s.cases {
		cases += atomic.LoadInt64(s.cases[t])
		mismatches += atomic.LoadInt64(s.mismatches[t])
	}
	return cases, mismatches
}

// work runs cases w, w+n, … (below maxCases when it is not 0) until the
// deadline, each through every target.
func work(oracleKind string, w, n, seed, maxCases uint64, requests int, large bool, targets []string, deadline time.Time, out string, st *stats) error {
	o, err := oracle.StartKind(oracleKind)
	if err != nil {
		return err
	}
	defer o.Close()
	rn := &drt.Runner{O: o, Seed: seed, AuthzRequests: requests, Opts: drt.Options{LargeOnly: large}}
	for i := w; time.Now().Before(deadline) && (maxCases == 0 || i < maxCases); i += n {
		for _, t := range targets {
			if !time.Now().Before(deadline) {
				return nil
			}
			started := time.Now()
			checks, ms, err := rn.Run(t, i)
			if err != nil {
				return fmt.Errorf("%s case %d: %w", t, i, err)
			}
			atomic.AddInt64(st.busy[t], int64(time.Since(started)))
			atomic.AddInt64(st.cases[t], 1)
			atomic.AddInt64(st.checks[t], int64(checks))
			atomic.AddInt64(st.mismatches[t], int64(len(ms)))
			if st.record != nil {
				st.mu.Lock()
				fmt.Fprintf(st.record, "%s %d %d %d\n", t, i, checks, len(ms))
				st.mu.Unlock()
			}
			for _, m := range ms {
				where := "(no regression file: the generator produced invalid input)"
				if m.Regression != nil {
					if m.Regression.Note == "" {
						m.Regression.Note = m.Summary
					}
					m.Regression.Note = fmt.Sprintf("seed %d case %d: %s", seed, i, m.Regression.Note)
					path, err := m.Regression.Save(out)
					if err != nil {
						return err
					}
					where = path
				}
				st.mu.Lock()
				fmt.Printf("MISMATCH %s seed %d case %d → %s\n%s\n", t, seed, i, where, indent(m.Summary))
				st.mu.Unlock()
			}
		}
	}
	return nil
}

func indent(s string) string { return "    " + strings.ReplaceAll(s, "\n", "\n    ") }
