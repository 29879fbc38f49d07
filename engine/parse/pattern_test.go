package parse

import (
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/ast"
)

func TestUnquotePattern(t *testing.T) {
	render := func(ps []ast.PatternPart) string {
		var b strings.Builder
		for _, p := range ps {
			if p.Wildcard {
				b.WriteString("*")
			} else {
				b.WriteString("<" + p.Literal + ">")
			}
		}
		return b.String()
	}
	for _, tc := range []struct{ raw, want string }{
		{`""`, ""},
		{`"abc"`, "<abc>"},
		{`"a*b**"`, "<a>*<b>**"},
		{`"a\*b"`, "<a*b>"},
		{`"\u{2a}\x2a"`, "**"}, // an escaped star is still a wildcard, as officially
		{`"\\*"`, `<\>*`},
		{`"\n*"`, "<\n>*"},
	} {
		got, err := unquotePattern([]byte(tc.raw))
		if err != nil || render(got) != tc.want {
			t.Errorf("%s: got %s, %v", tc.raw, render(got), err)
		}
	}
	if _, err := unquotePattern([]byte(`"\q*"`)); err == nil || err.Seq != `\q` {
		t.Errorf(`\q in a pattern: %v`, err)
	}
}
