package format

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/conformance/drt"
	"github.com/cedar-ls/cedar-ls/conformance/oracle"
	"github.com/cedar-ls/cedar-ls/engine/format"
	"github.com/cedar-ls/cedar-ls/internal/token"
)

var (
	flagFormatN    = flag.Int("fmt.n", 0, "generated policy sets to format (default $FMT_DRT_N or 2000)")
	flagFormatSeed = flag.Uint64("fmt.seed", 0, "generator seed (default 1)")
	flagFormatCase = flag.Int("fmt.case", -1, "run only this case index (to reproduce a report)")
	flagComments   = flag.Bool("fmt.comments", true, "insert comments into every other case")
	flagAnywhere   = flag.Bool("fmt.comments-anywhere", false, "insert comments between any two tokens, not only at line boundaries (known differences, see withComments)")
)

// formatVariants are the layouts the cases cycle through: the defaults and
// narrow or odd widths, where the formatter makes far more decisions.
var formatVariants = []format.Options{
	{}, {LineWidth: 40, IndentWidth: 4}, {LineWidth: 20, IndentWidth: 2}, {LineWidth: 100, IndentWidth: 3}, {LineWidth: 1, IndentWidth: 1},
}

// TestDifferentialFormat formats random policy sets from conformance/drt
// with cedar-ls and with official Cedar (formatPolicies): the outputs must
// be byte-identical, or both must refuse the text. Every other case has
// `//` comments inserted between random tokens, since comment placement is
// where formatters differ most. A mismatch is shrunk to the fewest policies
// that still disagree and reported with its seed and index.
func TestDifferentialFormat(t *testing.T) {
	n, seed := 2000, uint64(1)
	if v := os.Getenv("FMT_DRT_N"); v != "" {
		x, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("FMT_DRT_N: %v", err)
		}
		n = x
	}
	if *flagFormatN > 0 {
		n = *flagFormatN
	}
	if *flagFormatSeed != 0 {
		seed = *flagFormatSeed
	}
	o, err := oracle.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	gen := drt.New(seed, drt.Options{RequestsPerCase: 1})
	mismatches, commentMismatches, refusedBoth, ran := 0, 0, 0, 0
	for i := 0; i < n; i++ {
		if *flagFormatCase >= 0 && i != *flagFormatCase {
			continue
		}
		ran++
		c := gen.Case(uint64(i))
		policies := c.PolicyList
		commented := *flagComments && i%2 == 1
		if commented {
			policies = withComments(policies, seed, uint64(i), *flagAnywhere)
		}
		opts := formatVariants[i%len(formatVariants)]
		ok, refused := agree(t, o, policies, opts)
		if refused {
			refusedBoth++
		}
		if ok {
			continue
		}
		mismatches++
		if commented {
			commentMismatches++
		}
		if mismatches > 3 {
			continue
		}
		small := shrinkPolicies(policies, func(ps []string) bool { ok, _ := agree(t, o, ps, opts); return !ok })
		small = shrinkComments(small, func(ps []string) bool { ok, _ := agree(t, o, ps, opts); return !ok })
		text := strings.Join(small, "\n") + "\n"
		ours, oerr := format.Policies([]byte(text), opts)
		want, werr := o.FormatPolicies(text, opts.LineWidth, opts.IndentWidth)
		t.Errorf("seed %d case %d (rerun: -fmt.seed %d -fmt.case %d), options %+v:\n--- input\n%s--- cedar-ls (err %v)\n%s--- official (err %v)\n%s",
			seed, i, seed, i, opts, text, oerr, ours, werr, want)
	}
	t.Logf("%d generated policy sets formatted (seed %d): %d mismatches with official Cedar (%d of them with inserted comments), %d refused by both",
		ran, seed, mismatches, commentMismatches, refusedBoth)
}

// agree formats the policies with both implementations; refused says both
// refused the text.
func agree(t *testing.T, o *oracle.Oracle, policies []string, opts format.Options) (ok, refused bool) {
	t.Helper()
	text := strings.Join(policies, "\n") + "\n"
	ours, oerr := format.Policies([]byte(text), opts)
	want, werr := o.FormatPolicies(text, opts.LineWidth, opts.IndentWidth)
	if werr != nil {
		if _, isFailure := werr.(*oracle.Failure); !isFailure {
			t.Fatalf("oracle: %v", werr)
		}
	}
	switch {
	case oerr != nil && werr != nil:
		return true, true
	case oerr == nil && werr == nil:
		return string(ours) == want, false
	}
	return false, false
}

// shrinkPolicies drops policies one at a time while fails still holds.
func shrinkPolicies(ps []string, fails func([]string) bool) []string {
	cur := append([]string(nil), ps...)
	for j := 0; j < len(cur) && len(cur) > 1; {
		next := append(append([]string(nil), cur[:j]...), cur[j+1:]...)
		if fails(next) {
			cur = next
		} else {
			j++
		}
	}
	return cur
}

// insertedComment matches a comment withComments inserted, with its line
// break.
var insertedComment = regexp.MustCompile(`(\n// c\d+-\d+\n| // t\d+-\d+\n)`)

// shrinkComments removes inserted comments one at a time while fails
// still holds.
func shrinkComments(ps []string, fails func([]string) bool) []string {
	cur := append([]string(nil), ps...)
	for i := range cur {
		for j := 0; ; {
			locs := insertedComment.FindAllStringIndex(cur[i], -1)
			if j >= len(locs) {
				break
			}
			next := append([]string(nil), cur...)
			next[i] = cur[i][:locs[j][0]] + " " + cur[i][locs[j][1]:]
			if fails(next) {
				cur = next
			} else {
				j++
			}
		}
	}
	return cur
}

// withComments inserts `//` comments into each policy: comments on lines
// of their own before tokens that start a line, and comments ending the
// line after tokens that end one (with anywhere, between any two tokens).
// Comments change no meaning, so both formatters must still agree.
//
// Known differences: official Cedar places a comment written between two
// tokens of one line (`principal // c` + `is User`, `has // c` + `name`)
// by rules of its own that cedar-ls does not follow yet, so anywhere
// finds mismatches; at line boundaries, where people write comments, the
// two agree.
func withComments(ps []string, seed, index uint64, anywhere bool) []string {
	r := rand.New(rand.NewPCG(seed^0x636f6d6d656e74, index))
	out := make([]string, len(ps))
	for i, p := range ps {
		src := []byte(p)
		sc := token.NewScanner(src)
		var toks []token.Token
		for tk := sc.Next(); tk.Kind != token.EOF; tk = sc.Next() {
			toks = append(toks, tk)
		}
		var b strings.Builder
		prev := 0
		k := 0
		for j, tk := range toks {
			b.Write(src[prev:tk.Span.Start])
			startsLine := j == 0 || strings.Contains(p[toks[j-1].Span.End:tk.Span.Start], "\n")
			endsLine := j == len(toks)-1 || strings.Contains(p[tk.Span.End:toks[j+1].Span.Start], "\n")
			if (anywhere || startsLine) && r.IntN(4) == 0 {
				k++
				fmt.Fprintf(&b, "\n// c%d-%d\n", i, k)
			}
			b.Write(src[tk.Span.Start:tk.Span.End])
			if (anywhere || endsLine) && r.IntN(4) == 0 {
				k++
				fmt.Fprintf(&b, " // t%d-%d\n", i, k)
			}
			prev = tk.Span.End
		}
		b.Write(src[prev:])
		out[i] = b.String()
	}
	return out
}
