package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

func init() {
	onRequest("workspace/symbol", workspaceSymbol)
	addCapability(func(s *Server, caps *protocol.ServerCapabilities) { caps.WorkspaceSymbolProvider = true })
}

// maxWorkspaceSymbols bounds one answer; editors ask again as the user types.
const maxWorkspaceSymbols = 500

// workspaceSymbol searches the symbols of every Cedar file of the workspace.
func workspaceSymbol(ctx context.Context, s *Server, p *protocol.WorkspaceSymbolParams) (any, error) {
	snap := s.snapshot(ctx)
	found := analysis.WorkspaceSymbols(ctx, snap, p.Query, maxWorkspaceSymbols)
	out := make([]protocol.SymbolInformation, 0, len(found))
	for _, sym := range found {
		f := snap.File(sym.URI)
		if f == nil {
			continue
		}
		out = append(out, protocol.SymbolInformation{
			Name: sym.Name, Kind: symbolKind(sym.Kind), ContainerName: sym.Container,
			Location: protocol.Location{URI: docURI(sym.URI), Range: s.toRange(f, sym.SelectionSpan)},
		})
	}
	return out, nil
}
