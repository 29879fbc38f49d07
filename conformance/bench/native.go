package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

// requestJSON is a request in the JSON shape official Cedar reads.
type requestJSON struct {
	Principal map[string]string `json:"principal"`
	Action    map[string]string `json:"action"`
	Resource  map[string]string `json:"resource"`
	Context   map[string]any    `json:"context"`
}

// WriteInputs writes every benchmark input under dir, one directory per
// input (policies.cedar, entities.json, requests.json, and
// schema.cedarschema where the input has one), for the native Rust bench
// to read.
func WriteInputs(dir string) error {
	for _, in := range inputs() {
		d := filepath.Join(dir, in.Name)
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
		reqs := make([]requestJSON, len(in.Requests))
		for i, r := range in.Requests {
			reqs[i] = requestJSON{ref(r.Principal.Type, r.Principal.ID), ref(r.Action.Type, r.Action.ID), ref(r.Resource.Type, r.Resource.ID), r.contextJSONValue()}
		}
		files := map[string][]byte{"policies.cedar": in.Policies, "entities.json": in.Entities, "requests.json": mustJSON(reqs)}
		if in.Schema != nil {
			files["schema.cedarschema"] = in.Schema
		}
		for name, data := range files {
			if err := os.WriteFile(filepath.Join(d, name), data, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// nativeResult is one line of the Rust bench's output.
type nativeResult struct {
	Name          string  `json:"name"`
	Decisions     []bool  `json:"decisions"`
	AuthzNsMean   float64 `json:"authz_ns_mean"`
	AuthzNsMedian float64 `json:"authz_ns_median"`
	AuthzNsP95    float64 `json:"authz_ns_p95"`
	ParseMBPerS   float64 `json:"parse_mb_per_s"`
}

// goResult is one Go engine's figures on one input.
type goResult struct {
	authzNs, allocs, parseMBs float64
}

// timePerCall is the Rust bench's time_per_call: ns per call of f as the
// median of ~20 µs samples over 1.5 s after a 0.3 s warm-up, so Go and
// Rust are measured the same way (the median resists the preemption of a
// shared machine, which inflates means).
func timePerCall(f func(i int)) float64 {
	start := time.Now()
	i := 0
	for time.Since(start) < 300*time.Millisecond || i < 3 {
		f(i)
		i++
	}
	perCall := max(int(time.Since(start).Nanoseconds())/i, 1)
	callsPerSample := max(20000/perCall, 1)
	var samples []float64
	start = time.Now()
	for time.Since(start) < 1500*time.Millisecond || len(samples) < 5 {
		t := time.Now()
		for range callsPerSample {
			f(i)
			i++
		}
		samples = append(samples, float64(time.Since(t).Nanoseconds())/float64(callsPerSample))
	}
	sort.Float64s(samples)
	return samples[(len(samples)-1)/2]
}

func measureGo(im impl, in input) (goResult, error) {
	authorize, err := im.prepare(in)
	if err != nil {
		return goResult{}, err
	}
	n := len(in.Requests)
	authzNs := timePerCall(func(i int) { authorize(i % n) })
	allocs := testing.AllocsPerRun(100, func() { authorize(0) })
	var parseErr error
	parseNs := timePerCall(func(int) {
		if err := im.parse(in.Policies); err != nil {
			parseErr = err
		}
	})
	if parseErr != nil {
		return goResult{}, parseErr
	}
	return goResult{authzNs, allocs, float64(len(in.Policies)) / parseNs * 1e3}, nil
}

// CompareNative runs cedar-ls, cedar-go and the native Rust bench binary
// rustBench on every input, checks that all three decide every request as
// expected before trusting any time, and prints one table to w; its last
// line is "geomean cedar-ls/rust = X" (below 1: cedar-ls is faster).
func CompareNative(rustBench string, w io.Writer) error {
	dir, err := os.MkdirTemp("", "cedar-bench-native")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := WriteInputs(dir); err != nil {
		return err
	}
	cmd := exec.Command(rustBench, dir)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("%s: %w", rustBench, err)
	}
	rust := map[string]nativeResult{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r nativeResult
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return fmt.Errorf("rust bench output %q: %w", sc.Text(), err)
		}
		rust[r.Name] = r
	}

	fmt.Fprintln(w, "ns per authorization: medians of ~20 µs samples (rust also p95); allocs per authorization; ratios of medians")
	fmt.Fprintf(w, "%-16s %12s %7s %12s %7s %22s %9s %9s   %s\n", "workload", "cedar-ls ns", "allocs", "cedar-go ns", "allocs", "rust ns median / p95", "ls/rust", "ls/go", "parse MB/s ls / go / rust")
	logSum, count := 0.0, 0
	for _, in := range inputs() {
		r, ok := rust[in.Name]
		if !ok {
			return fmt.Errorf("rust bench gave no result for %s", in.Name)
		}
		if len(r.Decisions) != len(in.Requests) {
			return fmt.Errorf("%s: rust answered %d requests of %d", in.Name, len(r.Decisions), len(in.Requests))
		}
		// Every engine must decide every request as expected before
		// its time means anything.
		decide := map[string]func(int) bool{"rust": func(i int) bool { return r.Decisions[i] }}
		for _, im := range impls {
			authorize, err := im.prepare(in)
			if err != nil {
				return fmt.Errorf("%s %s: %w", im.name, in.Name, err)
			}
			decide[im.name] = authorize
		}
		for i, req := range in.Requests {
			for _, name := range []string{"cedar-ls", "cedar-go", "rust"} {
				if decide[name](i) != req.Allow {
					return fmt.Errorf("%s request %d (%v, %v, %v): expected allow = %v, but cedar-ls says %v, cedar-go %v, rust %v",
						in.Name, i, req.Principal, req.Action, req.Resource, req.Allow, decide["cedar-ls"](i), decide["cedar-go"](i), decide["rust"](i))
				}
			}
		}
		ls, err := measureGo(cedarLS, in)
		if err != nil {
			return err
		}
		cg, err := measureGo(cedarGo, in)
		if err != nil {
			return err
		}
		ratio := ls.authzNs / r.AuthzNsMedian
		logSum += math.Log(ratio)
		count++
		fmt.Fprintf(w, "%-16s %12.0f %7.0f %12.0f %7.0f %11.0f / %8.0f %9.3f %9.3f   %.1f / %.1f / %.1f\n",
			in.Name, ls.authzNs, ls.allocs, cg.authzNs, cg.allocs, r.AuthzNsMedian, r.AuthzNsP95,
			ratio, ls.authzNs/cg.authzNs, ls.parseMBs, cg.parseMBs, r.ParseMBPerS)
	}
	fmt.Fprintf(w, "geomean cedar-ls/rust = %.3f\n", math.Exp(logSum/float64(count)))
	return nil
}
