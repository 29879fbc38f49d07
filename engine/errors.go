package engine

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/policyjson"
	"github.com/cedar-ls/cedar-ls/engine/schema/syntax"
	"github.com/cedar-ls/cedar-ls/engine/source"
)

// Diagnostic is one problem found in an input: a span (byte offsets into
// the input's text) and a message.
type Diagnostic = source.Error

// Span is a range of byte offsets [Start, End) into a text.
type Span = source.Span

// Error is an input that could not be read: its name, its text, and every
// problem found, each pointing into the text.
type Error struct {
	// Name names the input (a file name, "<stdin>"); "" for a bare string
	// such as an entity UID given on its own.
	Name string
	// Src is the text the diagnostics' spans point into.
	Src         []byte
	Diagnostics []Diagnostic
}

// Error renders each diagnostic as a compiler does,
// "name:line:col: error: message" followed by the line and a caret under
// the span, separated by blank lines. An input without a name renders as
// its messages alone.
func (e *Error) Error() string {
	if e.Name == "" {
		msgs := make([]string, len(e.Diagnostics))
		for i, d := range e.Diagnostics {
			msgs[i] = d.Msg
		}
		return strings.Join(msgs, "\n")
	}
	var b strings.Builder
	lines := source.NewLines(e.Src)
	for i, d := range e.Diagnostics {
		if i > 0 {
			b.WriteByte('\n')
		}
		writeCaret(&b, e.Name, lines, "error", d.Span, d.Msg)
	}
	return b.String()
}

// writeCaret writes "name:line:col: severity: msg", then the line of the
// span's start and carets under the span's part on that line (at least
// one).
func writeCaret(b *strings.Builder, name string, lines *source.Lines, severity string, span Span, msg string) {
	start := lines.Pos(span.Start)
	fmt.Fprintf(b, "%s:%d:%d: %s: %s\n", name, start.Line, start.Col, severity, msg)
	text := lines.LineText(start.Line)
	if strings.TrimSpace(text) == "" {
		return
	}
	width := 1
	if end := lines.Pos(span.End); end.Line == start.Line && end.Col > start.Col {
		width = end.Col - start.Col
	} else if end.Line > start.Line {
		width = max(utf8.RuneCountInString(text)-start.Col+1, 1)
	}
	gutter := fmt.Sprintf("%d", start.Line)
	fmt.Fprintf(b, " %s | %s\n", gutter, strings.ReplaceAll(text, "\t", " "))
	fmt.Fprintf(b, " %s | %s%s\n", strings.Repeat(" ", len(gutter)), strings.Repeat(" ", start.Col-1), strings.Repeat("^", width))
}

// InputError turns an error of a subpackage's reader (parse, schema,
// entities, policyjson, format) into an *Error of the named input when it
// points into the text; other errors get the name as a prefix.
func InputError(name string, src []byte, err error) error {
	if err == nil {
		return nil
	}
	var fe *Error
	if errors.As(err, &fe) {
		return fe
	}
	e := &Error{Name: name, Src: src}
	var list entitiesjson.Errors
	var se source.Error
	var pse *source.Error
	var pje *policyjson.Error
	var je *entitiesjson.Error
	var serrs syntax.Errors
	switch {
	case errors.As(err, &serrs):
		e.Diagnostics = serrs
	case errors.As(err, &list):
		for _, x := range list {
			e.Diagnostics = append(e.Diagnostics, Diagnostic{Span: Span{Start: x.Offset, End: x.Offset + 1}, Msg: x.Msg})
		}
	case errors.As(err, &se):
		e.Diagnostics = []Diagnostic{se}
	case errors.As(err, &pse):
		e.Diagnostics = []Diagnostic{*pse}
	case errors.As(err, &pje):
		e.Diagnostics = []Diagnostic{pje.SourceError()}
	case errors.As(err, &je):
		e.Diagnostics = []Diagnostic{{Span: Span{Start: je.Offset, End: je.Offset + 1}, Msg: je.Msg}}
	default:
		if name == "" {
			return err
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	return e
}

// sourceErrors wraps a list of diagnostics of the named input; nil for
// none.
func sourceErrors(name string, src []byte, diags []Diagnostic) error {
	if len(diags) == 0 {
		return nil
	}
	return &Error{Name: name, Src: src, Diagnostics: diags}
}
