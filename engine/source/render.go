package source

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Render writes d the way compilers print diagnostics:
//
//	file:line:col: error: message
//	 12 | the line the span starts on
//	    |     ^^^^^
//
// with carets under the span's part on its first line (at least one; to
// the line's end for a span that goes on). Tabs in the excerpt print as
// spaces so the carets line up; a blank line gets no excerpt. With nil
// lines, for a diagnostic that points into no text, it writes
// "file: error: message" alone. Either way the output ends in a line break.
func Render(w io.Writer, file string, lines *Lines, d Diagnostic) {
	if lines == nil {
		fmt.Fprintf(w, "%s: %s: %s\n", file, d.Severity, d.Message)
		return
	}
	start := lines.Pos(d.Span.Start)
	fmt.Fprintf(w, "%s:%d:%d: %s: %s\n", file, start.Line, start.Col, d.Severity, d.Message)
	text := lines.LineText(start.Line)
	if strings.TrimSpace(text) == "" {
		return
	}
	width := 1
	if end := lines.Pos(d.Span.End); end.Line == start.Line && end.Col > start.Col {
		width = end.Col - start.Col
	} else if end.Line > start.Line {
		width = max(utf8.RuneCountInString(text)-start.Col+1, 1)
	}
	gutter := fmt.Sprintf("%d", start.Line)
	fmt.Fprintf(w, " %s | %s\n", gutter, strings.ReplaceAll(text, "\t", " "))
	fmt.Fprintf(w, " %s | %s%s\n", strings.Repeat(" ", len(gutter)), strings.Repeat(" ", start.Col-1), strings.Repeat("^", width))
}

// RenderAll renders every diagnostic of one text, separated by blank
// lines.
func RenderAll(file string, src []byte, ds []Diagnostic) string {
	var b strings.Builder
	lines := NewLines(src)
	for i, d := range ds {
		if i > 0 {
			b.WriteByte('\n')
		}
		Render(&b, file, lines, d)
	}
	return b.String()
}
