package eval

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/parse"
)

// TestOfficialErrorMessages checks that every evaluation error is worded
// exactly as official Cedar 4.13 words it. testdata/official_errors.txt
// holds pairs of an expression and official's message, recorded with
// cedar-wasm by testdata/official_errors.cjs against testEnv.
func TestOfficialErrorMessages(t *testing.T) {
	data, err := os.ReadFile("testdata/official_errors.txt")
	if err != nil {
		t.Fatal(err)
	}
	req, store := testEnv(t)
	cases := 0
	var expr string
	for i, line := range strings.Split(string(data), "\n") {
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "=> "):
			want, err := strconv.Unquote(strings.TrimPrefix(line, "=> "))
			if err != nil {
				t.Fatalf("line %d: %v", i+1, err)
			}
			cases++
			e, errs := parse.Expr([]byte(expr))
			if len(errs) > 0 {
				t.Errorf("%s: does not parse: %v", expr, errs)
				continue
			}
			v, err := Eval(e, req, store)
			if err == nil {
				t.Errorf("%s = %v, want error %q", expr, v, want)
				continue
			}
			se, ok := err.(Error)
			if !ok {
				t.Errorf("%s: error %v has no span", expr, err)
				continue
			}
			if got := se.Message; got != want {
				t.Errorf("%s:\n got  %q\n want %q", expr, got, want)
			}
		default:
			expr = line
		}
	}
	if cases < 50 {
		t.Fatalf("only %d cases read from the golden file", cases)
	}
}
