package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

func init() {
	onRequest("textDocument/rangeFormatting", rangeFormatting)
	addCapability(func(s *Server, caps *protocol.ServerCapabilities) { caps.DocumentRangeFormattingProvider = true })
}

// rangeFormatting formats the policies the range touches, whole.
func rangeFormatting(ctx context.Context, s *Server, p *protocol.DocumentRangeFormattingParams) (any, error) {
	snap := s.snapshot(ctx)
	uri := string(p.TextDocument.URI)
	f := snap.File(uri)
	if f == nil {
		return []protocol.TextEdit{}, nil
	}
	edits, err := analysis.FormatRange(snap, uri, s.fromRange(f, p.Range), analysis.FormatOptions{TabSize: int(p.Options.TabSize)})
	return s.formatResult(snap, uri, edits, err)
}
