package lsp

import (
	"context"
	"errors"

	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

func init() {
	onRequest("textDocument/formatting", formatting)
	addCapability(func(s *Server, caps *protocol.ServerCapabilities) { caps.DocumentFormattingProvider = true })
}

// formatting formats the whole document; a file with errors gets no edits
// (and a log line saying why), never a broken layout.
func formatting(ctx context.Context, s *Server, p *protocol.DocumentFormattingParams) (any, error) {
	snap := s.snapshot(ctx)
	uri := string(p.TextDocument.URI)
	edits, err := analysis.Format(snap, uri, analysis.FormatOptions{TabSize: int(p.Options.TabSize)})
	return s.formatResult(snap, uri, edits, err)
}

// formatResult converts edits; ErrNotFormatted becomes an empty result.
func (s *Server) formatResult(snap *analysis.Snapshot, uri string, edits []analysis.TextEdit, err error) (any, error) {
	if err != nil {
		if errors.Is(err, analysis.ErrNotFormatted) {
			s.logf("formatting %s: %v", uri, err)
			return []protocol.TextEdit{}, nil
		}
		return nil, err
	}
	f := snap.File(uri)
	out := make([]protocol.TextEdit, len(edits))
	for i, e := range edits {
		out[i] = protocol.TextEdit{Range: s.toRange(f, e.Span), NewText: e.NewText}
	}
	return out, nil
}
