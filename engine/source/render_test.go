package source

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	src := "permit(\n\tprincipal == é::\"a\",\n\n  action\n);"
	tests := []struct {
		name string
		d    Diagnostic
		want string
	}{
		{"span on one line", Diagnostic{Span: Span{Start: 9, End: 18}, Message: "bad"},
			"f:2:2: error: bad\n 2 |  principal == é::\"a\",\n   |  ^^^^^^^^^\n"},
		{"columns count characters", Diagnostic{Span: Span{Start: 22, End: 24}, Severity: SeverityWarning, Message: "w"},
			"f:2:15: warning: w\n 2 |  principal == é::\"a\",\n   |               ^\n"},
		{"empty span gets one caret", Diagnostic{Span: Span{Start: 1, End: 1}, Severity: SeverityHint, Message: "h"},
			"f:1:2: hint: h\n 1 | permit(\n   |  ^\n"},
		{"a span that goes on is underlined to the line's end", Diagnostic{Span: Span{Start: 3, End: 20}, Severity: SeverityInfo, Message: "i"},
			"f:1:4: info: i\n 1 | permit(\n   |    ^^^^\n"},
		{"blank line has no excerpt", Diagnostic{Span: Span{Start: 31, End: 31}, Message: "blank"},
			"f:3:1: error: blank\n"},
		{"end of input", Diagnostic{Span: Span{Start: len(src), End: len(src)}, Message: "eof"},
			"f:5:3: error: eof\n 5 | );\n   |   ^\n"},
	}
	lines := NewLines([]byte(src))
	for _, tc := range tests {
		var b strings.Builder
		Render(&b, "f", lines, tc.d)
		if b.String() != tc.want {
			t.Errorf("%s:\ngot\n%s\nwant\n%s", tc.name, b.String(), tc.want)
		}
	}
	var b strings.Builder
	Render(&b, "f", nil, Diagnostic{Severity: SeverityWarning, Message: "[policy0] no text"})
	if got, want := b.String(), "f: warning: [policy0] no text\n"; got != want {
		t.Errorf("without lines: got %q, want %q", got, want)
	}
	two := RenderAll("f", []byte("ab\ncd"), []Diagnostic{{Span: Span{Start: 0, End: 1}, Message: "x"}, {Span: Span{Start: 3, End: 5}, Message: "y"}})
	if want := "f:1:1: error: x\n 1 | ab\n   | ^\n\nf:2:1: error: y\n 2 | cd\n   | ^^\n"; two != want {
		t.Errorf("RenderAll: got %q, want %q", two, want)
	}
}

// wrapped is an engine-style error type that adds context to a diagnostic.
type wrapped struct {
	ID string
	Diagnostic
}

func (w wrapped) Error() string { return w.ID + ": " + w.Message }

func TestAsDiagnostics(t *testing.T) {
	one := Diagnostic{Span: Span{Start: 1, End: 2}, Code: CodeParse, Message: "m"}
	list := Diagnostics{one, {Message: "n"}}
	for _, tc := range []struct {
		name string
		err  error
		want int
	}{
		{"a diagnostic", one, 1},
		{"a pointer to one", &one, 1},
		{"a list", list, 2},
		{"wrapped with %w", fmt.Errorf("reading: %w", list), 2},
		{"a type embedding one", wrapped{"p", one}, 1},
		{"no position", errors.New("plain"), 0},
	} {
		ds, ok := AsDiagnostics(tc.err)
		if len(ds) != tc.want || ok != (tc.want > 0) {
			t.Errorf("%s: got %d diagnostics (%v), want %d", tc.name, len(ds), ok, tc.want)
		}
	}
	if got := list.Error(); got != "m (and 1 more error)" {
		t.Errorf("Diagnostics.Error() = %q", got)
	}
	if SeverityHint.String() != "hint" || Severity(9).String() != "severity(9)" {
		t.Error("Severity.String")
	}
}
