package main

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/policyjson"
	"github.com/cedar-ls/cedar-ls/engine/source"
)

// sourceErrors is a set of errors found in one input, rendered the way
// compilers print them: file:line:col, the message, and the line with a
// caret under the offending text.
type sourceErrors struct {
	file string
	src  []byte
	errs []source.Error
}

func (s *sourceErrors) Error() string {
	var b strings.Builder
	lines := source.NewLines(s.src)
	for i, e := range s.errs {
		if i > 0 {
			b.WriteByte('\n')
		}
		writeDiagnostic(&b, s.file, lines, e)
	}
	return b.String()
}

func writeDiagnostic(b *strings.Builder, file string, lines *source.Lines, e source.Error) {
	start := lines.Pos(e.Span.Start)
	fmt.Fprintf(b, "%s:%d:%d: error: %s\n", file, start.Line, start.Col, e.Msg)
	text := lines.LineText(start.Line)
	if strings.TrimSpace(text) == "" {
		return
	}
	// Underline the span's part on its first line (at least one caret).
	width := 1
	if end := lines.Pos(e.Span.End); end.Line == start.Line && end.Col > start.Col {
		width = end.Col - start.Col
	} else if end.Line > start.Line {
		width = utf8.RuneCountInString(text) - start.Col + 1
		if width < 1 {
			width = 1
		}
	}
	gutter := fmt.Sprintf("%d", start.Line)
	fmt.Fprintf(b, " %s | %s\n", gutter, strings.ReplaceAll(text, "\t", " "))
	fmt.Fprintf(b, " %s | %s%s\n", strings.Repeat(" ", len(gutter)), strings.Repeat(" ", start.Col-1), strings.Repeat("^", width))
}

// withFile renders an error from a decoder for the named file. Errors that
// point into the text (source.Error) get file:line:col and an excerpt.
func withFile(file string, src []byte, err error) error {
	var se source.Error
	if errors.As(err, &se) {
		return &sourceErrors{file: file, src: src, errs: []source.Error{se}}
	}
	var pse *source.Error
	if errors.As(err, &pse) {
		return &sourceErrors{file: file, src: src, errs: []source.Error{*pse}}
	}
	var pje *policyjson.Error
	if errors.As(err, &pje) {
		return &sourceErrors{file: file, src: src, errs: []source.Error{pje.SourceError()}}
	}
	var je *entitiesjson.Error
	if errors.As(err, &je) {
		span := source.Span{Start: je.Offset, End: je.Offset + 1}
		return &sourceErrors{file: file, src: src, errs: []source.Error{{Span: span, Msg: je.Msg}}}
	}
	return fmt.Errorf("%s: %w", file, err)
}
