package main

import (
	"fmt"

	"github.com/cedar-ls/cedar-ls/engine/source"
)

// sourceErrors is a set of errors found in one input, rendered the way
// compilers print them: file:line:col, the message, and the line with a
// caret under the offending text.
type sourceErrors struct {
	file string
	src  []byte
	errs []source.Diagnostic
}

func (s *sourceErrors) Error() string { return source.RenderAll(s.file, s.src, s.errs) }

// withFile renders an error from a reader of the named file: errors that
// point into the text (every engine error that carries diagnostics) get
// file:line:col and an excerpt each.
func withFile(file string, src []byte, err error) error {
	if ds, ok := source.AsDiagnostics(err); ok {
		return &sourceErrors{file: file, src: src, errs: ds}
	}
	return fmt.Errorf("%s: %w", file, err)
}
