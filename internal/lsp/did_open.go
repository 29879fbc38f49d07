package lsp

import (
	"context"

	"go.lsp.dev/protocol"
)

func init() { onNotification("textDocument/didOpen", didOpen) }

// didOpen makes the document's text the file's content (over the disk's).
// The kind comes from the path, whatever the language id says.
func didOpen(ctx context.Context, s *Server, p *protocol.DidOpenTextDocumentParams) error {
	snap := s.ws.Open(string(p.TextDocument.URI), p.TextDocument.Version, []byte(p.TextDocument.Text))
	s.diagnostics.changed(snap, string(p.TextDocument.URI))
	return nil
}
