package lsp

import (
	"context"

	"go.lsp.dev/protocol"
)

func init() {
	onRequest("textDocument/documentHighlight", documentHighlight)
	addCapability(func(s *Server, caps *protocol.ServerCapabilities) { caps.DocumentHighlightProvider = true })
}

// documentHighlight marks the occurrences of the symbol in the document,
// its declaration as a write.
func documentHighlight(ctx context.Context, s *Server, p *protocol.DocumentHighlightParams) (any, error) {
	snap := s.snapshot(ctx)
	uri := string(p.TextDocument.URI)
	f := snap.File(uri)
	if f == nil {
		return nil, nil
	}
	out := []protocol.DocumentHighlight{}
	for _, h := range snap.FileIndex(uri).DocumentHighlights(uri, s.offset(f, p.Position)) {
		kind := protocol.DocumentHighlightKindRead
		if h.Decl {
			kind = protocol.DocumentHighlightKindWrite
		}
		out = append(out, protocol.DocumentHighlight{Range: s.toRange(f, h.Span), Kind: kind})
	}
	return out, nil
}
