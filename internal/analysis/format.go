package analysis

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/format"
	"github.com/cedar-ls/cedar-ls/engine/parse"
)

// FormatOptions are the editor's layout options.
type FormatOptions struct {
	// TabSize is the indentation width (the editor's tabSize; 0 means 2).
	// Cedar's formatter indents with spaces only.
	TabSize int
}

// ErrNotFormatted explains why a file is left as it is (it has errors, or
// its kind has no formatter); the caller returns no edits.
var ErrNotFormatted = errors.New("not formatted")

// formatterOff and formatterOn are the comments that switch formatting off
// and on again (see docs/LANGUAGE-SERVER.md): in a policy file, every
// policy that starts between `// @formatter:off` and the next
// `// @formatter:on` (or the end of the file) keeps its text exactly; in a
// schema file, the comment anywhere leaves the whole file as it is.
var (
	formatterOff = regexp.MustCompile(`^//\s*@formatter:off\b`)
	formatterOn  = regexp.MustCompile(`^//\s*@formatter:on\b`)
)

// Format returns the edits that format the file at uri: policies exactly as
// official Cedar formats them (line width from cedar.format.lineWidth,
// indentation from opts), schemas in the Cedar syntax by the engine's
// schema formatter, JSON files by its JSON formatter. The edits are a diff
// (unchanged text is not rewritten). A file with errors is never
// formatted: the error wraps ErrNotFormatted.
func Format(snap *Snapshot, uri string, opts FormatOptions) ([]TextEdit, error) {
	return formatSpan(snap, uri, nil, opts)
}

// FormatRange formats the policies that overlap the span, whole; outside
// policy files it formats the whole file.
func FormatRange(snap *Snapshot, uri string, span Span, opts FormatOptions) ([]TextEdit, error) {
	return formatSpan(snap, uri, &span, opts)
}

func formatSpan(snap *Snapshot, uri string, span *Span, opts FormatOptions) ([]TextEdit, error) {
	f := snap.File(uri)
	if f == nil {
		return nil, fmt.Errorf("%w: %s cannot be read", ErrNotFormatted, uri)
	}
	fo := format.Options{LineWidth: snap.settings.LineWidth, IndentWidth: opts.TabSize}
	if fo.IndentWidth <= 0 {
		fo.IndentWidth = 2
	}
	var out []byte
	var err error
	switch {
	case f.Kind == KindPolicy:
		return formatPolicies(f, span, fo)
	case f.Kind == KindSchema:
		tree, errs := f.SchemaSyntax()
		if len(errs) > 0 {
			return nil, fmt.Errorf("%w: the schema has errors", ErrNotFormatted)
		}
		for _, c := range tree.Comments {
			if formatterOff.MatchString(c.Text) {
				return nil, nil
			}
		}
		out, err = format.Schema(f.Text, fo)
	case f.Kind.IsJSON():
		if _, serr := f.JSON(); serr != nil {
			return nil, fmt.Errorf("%w: the JSON has errors", ErrNotFormatted)
		}
		out, err = format.JSON(f.Text, fo)
	default:
		return nil, fmt.Errorf("%w: %s is not a Cedar file", ErrNotFormatted, f.Path)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotFormatted, err)
	}
	return Diff(f.Text, out), nil
}

// formatPolicies formats a policy file; policies under @formatter:off and,
// for a range, policies outside it keep their text.
func formatPolicies(f *File, span *Span, fo format.Options) ([]TextEdit, error) {
	pf := f.Policies()
	if len(pf.Errors) > 0 {
		return nil, fmt.Errorf("%w: the file has errors", ErrNotFormatted)
	}
	out, err := format.Policies(f.Text, fo)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotFormatted, err)
	}
	formatted, errs := parse.Policies(out)
	if len(errs) > 0 || len(formatted.Policies) != len(pf.AST.Policies) {
		// The formatter's output always parses to the same policies;
		// if not, leave the file alone rather than guess.
		return nil, fmt.Errorf("%w: internal error: the formatted text does not match the policies", ErrNotFormatted)
	}
	keep := keptPolicies(pf.AST)
	orig := pf.AST.Policies
	// The new text: the formatter's, with kept policies spliced back
	// verbatim; at[i] is where policy i stands in it.
	text := make([]byte, 0, len(out))
	at := make([]Span, len(orig))
	pos := 0
	for i, fp := range formatted.Policies {
		text = append(text, out[pos:fp.Span.Start]...)
		at[i].Start = len(text)
		if keep[i] {
			text = append(text, f.Text[orig[i].Span.Start:orig[i].Span.End]...)
		} else {
			text = append(text, out[fp.Span.Start:fp.Span.End]...)
		}
		at[i].End = len(text)
		pos = fp.Span.End
	}
	text = append(text, out[pos:]...)
	if span == nil {
		return Diff(f.Text, text), nil
	}
	first, last := -1, -1
	for i, p := range orig {
		if p.Span.End >= span.Start && p.Span.Start <= span.End {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return nil, nil
	}
	start, end := orig[first].Span.Start, orig[last].Span.End
	edits := Diff(f.Text[start:end], text[at[first].Start:at[last].End])
	for i := range edits {
		edits[i].Span.Start += start
		edits[i].Span.End += start
	}
	return edits, nil
}

// keptPolicies marks the policies under `// @formatter:off`.
func keptPolicies(file *ast.File) map[int]bool {
	keep := map[int]bool{}
	ci := 0
	off := false
	for i, p := range file.Policies {
		for ci < len(file.Comments) && file.Comments[ci].Span.Start < p.Span.Start {
			switch text := file.Comments[ci].Text; {
			case formatterOff.MatchString(text):
				off = true
			case formatterOn.MatchString(text):
				off = false
			}
			ci++
		}
		if off {
			keep[i] = true
		}
	}
	return keep
}
