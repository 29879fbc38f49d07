package lsp

import (
	"context"

	"go.lsp.dev/protocol"
)

func init() {
	onNotification("textDocument/didSave", didSave)
}

// didSave re-reads the disk copy (other files' associations may read it).
func didSave(ctx context.Context, s *Server, p *protocol.DidSaveTextDocumentParams) error {
	uri := string(p.TextDocument.URI)
	snap := s.ws.Saved(uri)
	s.diagnostics.changed(snap, uri)
	return nil
}
