package syntax

import (
	"strings"
	"testing"
)

// Types nest up to MaxTypeNesting levels, and whatever is accepted reads
// back from the JSON schema syntax it translates to.
func TestTypeNesting(t *testing.T) {
	nested := func(open, close string, n int) string {
		return "type T = " + strings.Repeat(open, n) + "Long" + strings.Repeat(close, n) + ";"
	}
	for _, kind := range []struct{ open, close string }{{"Set<", ">"}, {"{a: ", "}"}} {
		ok := nested(kind.open, kind.close, MaxTypeNesting-1)
		f, errs := ParseCedar([]byte(ok))
		if len(errs) > 0 {
			t.Fatalf("%s ×%d: %v", kind.open, MaxTypeNesting-1, errs)
		}
		out, err := f.ToJSON()
		if err != nil {
			t.Fatal(err)
		}
		if _, jerrs := ParseJSON(out); len(jerrs) > 0 {
			t.Errorf("%s ×%d: the JSON form does not read back: %v", kind.open, MaxTypeNesting-1, jerrs[0])
		}
		for _, n := range []int{MaxTypeNesting + 1, 100000} {
			_, errs := ParseCedar([]byte(nested(kind.open, kind.close, n)))
			if len(errs) != 1 || !strings.Contains(errs[0].Message, "type nested too deeply") {
				t.Errorf("%s ×%d: got %v, want one nesting error", kind.open, n, errs)
			}
		}
	}
}
