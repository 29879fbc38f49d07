package analysis

import (
	"math/rand"
	"strings"
	"testing"
)

// applyEdits applies non-overlapping, ordered edits.
func applyEdits(text string, edits []TextEdit) string {
	var b strings.Builder
	last := 0
	for _, e := range edits {
		b.WriteString(text[last:e.Span.Start])
		b.WriteString(e.NewText)
		last = e.Span.End
	}
	b.WriteString(text[last:])
	return b.String()
}

func TestDiff(t *testing.T) {
	cases := []struct{ a, b string }{
		{"", ""},
		{"", "x\n"},
		{"x\n", ""},
		{"a\nb\nc\n", "a\nB\nc\n"},
		{"a\nb\nc\n", "a\nc\n"},
		{"a\nc", "a\nb\nc"},
		{"permit(principal,action,resource);\n", "permit (principal, action, resource);\n"},
	}
	for _, c := range cases {
		edits := Diff([]byte(c.a), []byte(c.b))
		if got := applyEdits(c.a, edits); got != c.b {
			t.Errorf("Diff(%q, %q) applied gives %q", c.a, c.b, got)
		}
	}
	// One changed line in a long text is one small edit.
	long := strings.Repeat("line\n", 1000)
	changed := strings.Replace(long, "line\n", "lime\n", 1)
	changed = changed[:2500] + "new\n" + changed[2500:]
	edits := Diff([]byte(long), []byte(changed))
	if len(edits) != 2 || applyEdits(long, edits) != changed {
		t.Errorf("edits %+v", edits)
	}
}

func TestDiffRandom(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	words := []string{"a\n", "b\n", "c\n", "permit\n", "", "x"}
	gen := func() string {
		var b strings.Builder
		for i := r.Intn(30); i > 0; i-- {
			b.WriteString(words[r.Intn(len(words))])
		}
		return b.String()
	}
	for i := 0; i < 2000; i++ {
		a, b := gen(), gen()
		edits := Diff([]byte(a), []byte(b))
		if got := applyEdits(a, edits); got != b {
			t.Fatalf("Diff(%q, %q) applied gives %q", a, b, got)
		}
		for j := 1; j < len(edits); j++ {
			if edits[j].Span.Start < edits[j-1].Span.End {
				t.Fatalf("overlapping edits %+v", edits)
			}
		}
	}
}
