package engine

import (
	"fmt"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/source"
)

// Diagnostic is one problem found in an input: its span (byte offsets into
// the input's text), severity, a stable code, the message, and optionally
// suggested replacements ("did you mean") and related places.
type Diagnostic = source.Diagnostic

// Span is a range of byte offsets [Start, End) into a text.
type Span = source.Span

// Codes of the diagnostics the front door makes itself; the others come
// from the subpackages' readers (source.CodeParse, source.CodeJSONSyntax,
// …).
const (
	CodeTemplateLink   = "template-link"   // a template-link entry that is malformed or does not link
	CodeInvalidRequest = "invalid-request" // a request that does not conform to the schema
)

// Error is an input that could not be read: its name, its text, and every
// problem found, each pointing into the text.
type Error struct {
	// Name names the input (a file name, "<stdin>"); "" for a bare string
	// such as an entity UID given on its own.
	Name string
	// Src is the text the diagnostics' spans point into.
	Src []byte
	// Diags are the problems found, in the order found.
	Diags []Diagnostic
}

// Error renders each diagnostic as a compiler does,
// "name:line:col: error: message" followed by the line and a caret under
// the span, separated by blank lines (source.RenderAll). An input without a
// name renders as its messages alone.
func (e *Error) Error() string {
	if e.Name == "" {
		msgs := make([]string, len(e.Diags))
		for i, d := range e.Diags {
			msgs[i] = d.Message
		}
		return strings.Join(msgs, "\n")
	}
	return source.RenderAll(e.Name, e.Src, e.Diags)
}

// Diagnostics returns e.Diags, so source.AsDiagnostics finds them as it
// finds those of every engine error.
func (e *Error) Diagnostics() []Diagnostic { return e.Diags }

// InputError turns an error of a subpackage's reader (parse, schema,
// entities, policyjson, format) into an *Error of the named input when it
// points into the text (source.AsDiagnostics finds its diagnostics); other
// errors get the name as a prefix.
func InputError(name string, src []byte, err error) error {
	if err == nil {
		return nil
	}
	if fe, ok := err.(*Error); ok {
		return fe
	}
	if ds, ok := source.AsDiagnostics(err); ok {
		return &Error{Name: name, Src: src, Diags: ds}
	}
	if name == "" {
		return err
	}
	return fmt.Errorf("%s: %w", name, err)
}

// sourceErrors wraps a list of diagnostics of the named input; nil for
// none.
func sourceErrors(name string, src []byte, diags []Diagnostic) error {
	if len(diags) == 0 {
		return nil
	}
	return &Error{Name: name, Src: src, Diags: diags}
}
