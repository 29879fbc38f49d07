package main

import (
	"context"
	"fmt"
	"io"

	"github.com/cedar-ls/cedar-ls/internal/lsp"
)

// runLSP serves the language server protocol on stdin/stdout. `--stdio`,
// which clients pass, is accepted and ignored: stdio is the only transport.
func runLSP(e *env, args []string) int {
	for _, a := range args {
		switch a {
		case "--stdio", "-stdio":
		case "-h", "--help":
			fmt.Fprintln(e.stdout, "usage: cedar-ls lsp [--stdio]\n\nServes the Language Server Protocol on stdin and stdout; logs go to stderr.")
			return exitOK
		default:
			fmt.Fprintf(e.stderr, "cedar-ls lsp: unknown flag %q\n", a)
			return exitFailure
		}
	}
	return lsp.Serve(context.Background(), stdio{e.stdin, e.stdout}, lsp.Options{Log: e.stderr})
}

// stdio joins stdin and stdout into the connection the server reads and
// writes.
type stdio struct {
	io.Reader
	io.Writer
}

func (stdio) Close() error { return nil }
