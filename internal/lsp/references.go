package lsp

import (
	"context"

	"go.lsp.dev/protocol"
)

func init() {
	onRequest("textDocument/references", references)
	addCapability(func(s *Server, caps *protocol.ServerCapabilities) { caps.ReferencesProvider = true })
}

// references lists every place the symbol is named in the files that
// share its schema: policies, schemas in both syntaxes, entities, links,
// requests and tests.
func references(ctx context.Context, s *Server, p *protocol.ReferenceParams) (any, error) {
	snap := s.snapshot(ctx)
	uri := string(p.TextDocument.URI)
	f := snap.File(uri)
	if f == nil {
		return nil, nil
	}
	out := []protocol.Location{}
	for _, l := range snap.SymbolIndex(uri).References(uri, s.offset(f, p.Position), p.Context.IncludeDeclaration) {
		if lf := snap.File(l.URI); lf != nil {
			out = append(out, protocol.Location{URI: docURI(l.URI), Range: s.toRange(lf, l.Span)})
		}
	}
	return out, nil
}
