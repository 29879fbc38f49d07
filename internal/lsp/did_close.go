package lsp

import (
	"context"

	"go.lsp.dev/protocol"
)

func init() { onNotification("textDocument/didClose", didClose) }

// didClose drops the overlay and clears the document's diagnostics; files
// that depend on it (a schema, say) are checked again against the disk.
func didClose(ctx context.Context, s *Server, p *protocol.DidCloseTextDocumentParams) error {
	uri := string(p.TextDocument.URI)
	snap := s.ws.Close(uri)
	s.diagnostics.closed(snap, uri)
	return nil
}
