package token

import (
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/source"
)

func kinds(src string, emit bool) (string, []source.Comment) {
	s := NewScanner([]byte(src))
	s.EmitComments = emit
	var out []string
	for t := s.Next(); t.Kind != EOF; t = s.Next() {
		out = append(out, t.Kind.String()+"="+t.Text([]byte(src)))
	}
	return strings.Join(out, " "), s.Comments
}

func TestScanner(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{`permit(principal,action)`, "identifier=permit `(`=( identifier=principal `,`=, identifier=action `)`=)"},
		{`a::"b" == != <= >= < > && || ! - + * / % = & |`, "identifier=a `::`=:: string literal=\"b\" `==`=== `!=`=!= `<=`=<= `>=`=>= `<`=< `>`=> `&&`=&& `||`=|| `!`=! `-`=- `+`=+ `*`=* `/`=/ `%`=% `=`== `&`=& `|`=|"},
		{`?principal ?resource ? x?:`, "template slot=?principal template slot=?resource `?`=? identifier=x `?`=? `:`=:"},
		{`007 1a _x9`, "integer=007 integer=1 identifier=a identifier=_x9"},
		{`"a\"b" "c\\"`, `string literal="a\"b" string literal="c\\"`},
		{"x\u00a0\u2028\u3000\v\fy", "identifier=x identifier=y"},
		{"é \u200b", "invalid token=é invalid token=\u200b"},
		{`"open`, `invalid token="open`},
		{`'x'`, "invalid token=' identifier=x invalid token='"},
		{"@id(\"a\") [1]{}.;", "`@`=@ identifier=id `(`=( string literal=\"a\" `)`=) `[`=[ integer=1 `]`=] `{`={ `}`=} `.`=. `;`=;"},
	} {
		if got, _ := kinds(tc.src, false); got != tc.want {
			t.Errorf("%q\n got %s\nwant %s", tc.src, got, tc.want)
		}
	}
}

func TestComments(t *testing.T) {
	src := "a // one\r\nb //two\n// three"
	got, comments := kinds(src, false)
	if got != "identifier=a identifier=b" {
		t.Errorf("tokens: %s", got)
	}
	var texts []string
	for _, c := range comments {
		if src[c.Span.Start:c.Span.End] != c.Text {
			t.Errorf("comment %q span %v", c.Text, c.Span)
		}
		texts = append(texts, c.Text)
	}
	if strings.Join(texts, "|") != "// one|//two|// three" {
		t.Errorf("comments: %q", texts)
	}
	if got, comments := kinds(src, true); got != "identifier=a comment=// one identifier=b comment=//two comment=// three" || len(comments) != 0 {
		t.Errorf("emitted: %s, collected %v", got, comments)
	}
}

func TestUnquote(t *testing.T) {
	for _, tc := range []struct{ raw, want, err string }{
		{`"plain"`, "plain", ""},
		{`"\n\r\t\\\0\'\""`, "\n\r\t\\\x00'\"", ""},
		{`"\x41\x7f"`, "A\x7f", ""},
		{`"\u{0}\u{1F600}\u{10FFFF}"`, "\x00😀\U0010FFFF", ""},
		{`"é"`, "é", ""},
		{`"\q"`, "", `\q`},
		{`"\*"`, "", `\*`},
		{`"\x80"`, "", `\x80`},
		{`"\x4"`, "", `\x4`},
		{`"\u{}"`, "", `\u{}`},
		{`"\u{D800}"`, "", `\u{D800}`},
		{`"\u{110000}"`, "", `\u{110000}`},
		{`"\u{0000041}"`, "", `\u{0000041}`},
		{`"\u0041"`, "", `\u0`},
		{`"\u{41"`, "", `\u{41`},
		{`"a\é"`, "", `\é`},
	} {
		got, err := Unquote([]byte(tc.raw))
		switch {
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("%s: got %q, %v", tc.raw, got, err)
		case tc.err != "" && (err == nil || err.Seq != tc.err || tc.raw[err.Start:err.End] != tc.err):
			t.Errorf("%s: want error on %s, got %+v", tc.raw, tc.err, err)
		}
	}
}
