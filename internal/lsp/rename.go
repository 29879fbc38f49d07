package lsp

import (
	"context"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

func init() {
	onRequest("textDocument/rename", rename)
	addCapability(func(s *Server, caps *protocol.ServerCapabilities) {
		caps.RenameProvider = &protocol.RenameOptions{PrepareProvider: true}
	})
}

// rename renames the symbol in every file sharing its schema, as one
// workspace edit.
func rename(ctx context.Context, s *Server, p *protocol.RenameParams) (any, error) {
	snap := s.snapshot(ctx)
	uri := string(p.TextDocument.URI)
	f := snap.File(uri)
	if f == nil {
		return nil, nil
	}
	edits, err := snap.SymbolIndex(uri).Rename(uri, s.offset(f, p.Position), p.NewName)
	if err != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%v", err)
	}
	we := &protocol.WorkspaceEdit{Changes: map[protocol.DocumentURI][]protocol.TextEdit{}}
	for u, es := range edits {
		ef := snap.File(u)
		if ef == nil {
			continue
		}
		for _, e := range es {
			we.Changes[docURI(u)] = append(we.Changes[docURI(u)], protocol.TextEdit{Range: s.toRange(ef, e.Span), NewText: e.NewText})
		}
	}
	return we, nil
}
