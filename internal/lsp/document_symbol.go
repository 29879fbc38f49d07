package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

func init() {
	onRequest("textDocument/documentSymbol", documentSymbol)
	addCapability(func(s *Server, caps *protocol.ServerCapabilities) { caps.DocumentSymbolProvider = true })
}

// documentSymbol answers with the hierarchical symbols of a file.
func documentSymbol(ctx context.Context, s *Server, p *protocol.DocumentSymbolParams) (any, error) {
	snap := s.snapshot(ctx)
	uri := string(p.TextDocument.URI)
	f := snap.File(uri)
	if f == nil {
		return []protocol.DocumentSymbol{}, nil
	}
	return s.toDocumentSymbols(f, analysis.DocumentSymbols(snap, uri)), nil
}

func (s *Server) toDocumentSymbols(f *analysis.File, syms []analysis.Symbol) []protocol.DocumentSymbol {
	out := make([]protocol.DocumentSymbol, len(syms))
	for i, sym := range syms {
		out[i] = protocol.DocumentSymbol{
			Name: sym.Name, Detail: sym.Detail, Kind: symbolKind(sym.Kind),
			Range: s.toRange(f, sym.Span), SelectionRange: s.toRange(f, sym.SelectionSpan),
			Children: s.toDocumentSymbols(f, sym.Children),
		}
	}
	return out
}

// symbolKind maps symbol kinds to the LSP kinds editors draw icons for.
func symbolKind(k analysis.SymbolKind) protocol.SymbolKind {
	switch k {
	case analysis.SymbolPolicy:
		return protocol.SymbolKindObject
	case analysis.SymbolTemplate:
		return protocol.SymbolKindInterface
	case analysis.SymbolNamespace:
		return protocol.SymbolKindNamespace
	case analysis.SymbolEntityType:
		return protocol.SymbolKindClass
	case analysis.SymbolAction:
		return protocol.SymbolKindEvent
	case analysis.SymbolCommonType:
		return protocol.SymbolKindStruct
	case analysis.SymbolAttribute:
		return protocol.SymbolKindProperty
	case analysis.SymbolEntity:
		return protocol.SymbolKindConstant
	case analysis.SymbolTest:
		return protocol.SymbolKindMethod
	}
	return protocol.SymbolKindVariable
}
