package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

func init() {
	onRequest("textDocument/signatureHelp", signatureHelp)
	addCapability(func(s *Server, caps *protocol.ServerCapabilities) {
		caps.SignatureHelpProvider = &protocol.SignatureHelpOptions{TriggerCharacters: []string{"(", ","}}
	})
}

func signatureHelp(ctx context.Context, s *Server, p *protocol.SignatureHelpParams) (any, error) {
	snap := s.snapshot(ctx)
	uri := string(p.TextDocument.URI)
	f := snap.File(uri)
	if f == nil {
		return nil, nil
	}
	sig := analysis.SignatureHelpAt(snap, uri, s.offset(f, p.Position))
	if sig == nil {
		return nil, nil
	}
	info := protocol.SignatureInformation{Label: sig.Label, Documentation: protocol.MarkupContent{Kind: protocol.Markdown, Value: sig.Doc}}
	for _, p := range sig.Params {
		info.Parameters = append(info.Parameters, protocol.ParameterInformation{Label: p})
	}
	return &protocol.SignatureHelp{Signatures: []protocol.SignatureInformation{info}, ActiveParameter: uint32(sig.Active)}, nil
}
