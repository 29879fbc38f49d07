package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

func init() {
	onRequest("textDocument/selectionRange", selectionRange)
	addCapability(func(s *Server, caps *protocol.ServerCapabilities) { caps.SelectionRangeProvider = true })
}

// selectionRange answers, per position, the chain of growing ranges.
func selectionRange(ctx context.Context, s *Server, p *protocol.SelectionRangeParams) (any, error) {
	snap := s.snapshot(ctx)
	uri := string(p.TextDocument.URI)
	f := snap.File(uri)
	out := []protocol.SelectionRange{}
	if f == nil {
		return out, nil
	}
	offsets := make([]int, len(p.Positions))
	for i, pos := range p.Positions {
		offsets[i] = s.offset(f, pos)
	}
	for _, chain := range analysis.SelectionRanges(snap, uri, offsets) {
		var sr *protocol.SelectionRange
		for i := len(chain) - 1; i >= 0; i-- {
			sr = &protocol.SelectionRange{Range: s.toRange(f, chain[i]), Parent: sr}
		}
		if sr == nil {
			sr = &protocol.SelectionRange{}
		}
		out = append(out, *sr)
	}
	return out, nil
}
