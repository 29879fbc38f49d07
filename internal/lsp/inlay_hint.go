package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

func init() { onRequest("textDocument/inlayHint", inlayHint) }

// inlayHintsServed advertises inlayHintProvider (LSP 3.17, which
// protocol.ServerCapabilities lacks; initialize.go adds the field).
const inlayHintsServed = true

// inlayHintParams is textDocument/inlayHint's params (LSP 3.17, newer
// than the protocol package).
type inlayHintParams struct {
	TextDocument protocol.TextDocumentIdentifier `json:"textDocument"`
	Range        protocol.Range                  `json:"range"`
}

type inlayHintResult struct {
	Position     protocol.Position `json:"position"`
	Label        string            `json:"label"`
	Tooltip      string            `json:"tooltip,omitempty"`
	PaddingLeft  bool              `json:"paddingLeft,omitempty"`
	PaddingRight bool              `json:"paddingRight,omitempty"`
}

// inlayHint shows scope types and action-group members when the settings
// cedar.inlayHints.* switch them on (off by default).
func inlayHint(ctx context.Context, s *Server, p *inlayHintParams) (any, error) {
	snap := s.snapshot(ctx)
	uri := string(p.TextDocument.URI)
	f := snap.File(uri)
	if f == nil {
		return nil, nil
	}
	out := []inlayHintResult{}
	for _, h := range analysis.InlayHints(snap, uri, s.fromRange(f, p.Range)) {
		out = append(out, inlayHintResult{Position: s.position(f, h.At), Label: h.Label, Tooltip: h.Tooltip})
	}
	return out, nil
}
