package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

func init() {
	onRequest("textDocument/definition", definition)
	addCapability(func(s *Server, caps *protocol.ServerCapabilities) { caps.DefinitionProvider = true })
}

// definition jumps to the declarations in the schema (several for a
// variable of several types or an attribute of a union).
func definition(ctx context.Context, s *Server, p *protocol.DefinitionParams) (any, error) {
	snap := s.snapshot(ctx)
	uri := string(p.TextDocument.URI)
	f := snap.File(uri)
	if f == nil {
		return nil, nil
	}
	out := []protocol.Location{}
	for _, t := range analysis.Definition(snap, uri, s.offset(f, p.Position)) {
		if tf := snap.File(t.URI); tf != nil {
			out = append(out, protocol.Location{URI: docURI(t.URI), Range: s.toRange(tf, t.Name)})
		}
	}
	return out, nil
}
