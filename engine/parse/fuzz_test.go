package parse

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/source"
)

func addSeeds(f *testing.F) {
	files, _ := filepath.Glob("testdata/corpus/*.cedar")
	for _, name := range files {
		if src, err := os.ReadFile(name); err == nil {
			f.Add(src)
		}
	}
	for _, tc := range officialVerdicts {
		if tc.src != "" {
			f.Add([]byte(tc.src))
		} else {
			f.Add([]byte(condPrefix + tc.cond + " };"))
		}
	}
}

// FuzzPolicies: the parser never panics, every error lies within the
// source, and accepted policies have nested, in-bounds spans.
func FuzzPolicies(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		file, errs := Policies(src)
		checkSpans(t, string(src), file, errs)
	})
}

// FuzzExpr: the same invariants for single expressions.
func FuzzExpr(f *testing.F) {
	for _, tc := range officialVerdicts {
		if tc.cond != "" {
			f.Add([]byte(tc.cond))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		e, errs := Expr(src)
		checkSpans(t, string(src), nil, errs)
		if len(errs) == 0 {
			if e == nil {
				t.Fatalf("%q: no error and no expression", src)
			}
			checkExprSpans(t, string(src), e, source.Span{Start: 0, End: len(src)})
		}
	})
}
