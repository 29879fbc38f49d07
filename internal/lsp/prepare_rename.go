package lsp

import (
	"context"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

func init() { onRequest("textDocument/prepareRename", prepareRename) }

// prepareRename says what a rename at the position would rename, or
// refuses with a message.
func prepareRename(ctx context.Context, s *Server, p *protocol.PrepareRenameParams) (any, error) {
	snap := s.snapshot(ctx)
	uri := string(p.TextDocument.URI)
	f := snap.File(uri)
	if f == nil {
		return nil, nil
	}
	span, name, err := snap.FileIndex(uri).PrepareRename(uri, s.offset(f, p.Position))
	if err != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidRequest, "%v", err)
	}
	return map[string]any{"range": s.toRange(f, span), "placeholder": name}, nil
}
