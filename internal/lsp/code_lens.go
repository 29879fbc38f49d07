package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

// textDocument/codeLens: the inline-authorization lenses (tests results,
// request decisions, policy coverage, Authorize…), and while an
// explanation is on display, "Dismiss explanation" on the files it marks.
func init() {
	onRequest("textDocument/codeLens", codeLens)
	addCapability(func(s *Server, caps *protocol.ServerCapabilities) {
		caps.CodeLensProvider = &protocol.CodeLensOptions{}
	})
}

type codeLensParams struct {
	TextDocument protocol.TextDocumentIdentifier `json:"textDocument"`
}

// lensArgs is the argument of a lens's command.
type lensArgs struct {
	URI      string            `json:"uri"`
	Position protocol.Position `json:"position"`
}

func codeLens(ctx context.Context, s *Server, p *codeLensParams) (any, error) {
	snap := s.snapshot(ctx)
	uri := string(p.TextDocument.URI)
	f := snap.File(uri)
	out := []protocol.CodeLens{}
	if f == nil {
		return out, nil
	}
	for _, l := range analysis.CodeLenses(ctx, snap, uri) {
		cl := protocol.CodeLens{Range: s.toRange(f, l.Span), Command: &protocol.Command{Title: l.Title}}
		if l.Command != "" {
			cl.Command.Command = l.Command
			cl.Command.Arguments = []any{lensArgs{URI: uri, Position: s.position(f, l.At)}}
		}
		out = append(out, cl)
	}
	if x := s.explanation(ctx, snap); x != nil && (len(x.Hints(f.Path)) > 0 || uri == s.explainingURI()) {
		out = append(out, protocol.CodeLens{
			Range:   protocol.Range{},
			Command: &protocol.Command{Title: "✕ Dismiss explanation (" + x.Subject + ")", Command: analysis.CommandDismiss},
		})
	}
	return out, nil
}

func (s *Server) explainingURI() string {
	s.authz.mu.Lock()
	defer s.authz.mu.Unlock()
	if s.authz.explaining == nil {
		return ""
	}
	return s.authz.explaining.URI
}
