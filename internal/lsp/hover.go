package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

func init() {
	onRequest("textDocument/hover", hover)
	addCapability(func(s *Server, caps *protocol.ServerCapabilities) { caps.HoverProvider = true })
}

func hover(ctx context.Context, s *Server, p *protocol.HoverParams) (any, error) {
	snap := s.snapshot(ctx)
	uri := string(p.TextDocument.URI)
	f := snap.File(uri)
	if f == nil {
		return nil, nil
	}
	h := analysis.HoverAt(snap, uri, s.offset(f, p.Position))
	if h == nil {
		return nil, nil
	}
	r := s.toRange(f, h.Span)
	return &protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.Markdown, Value: h.Markdown}, Range: &r}, nil
}
