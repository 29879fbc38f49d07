package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

func init() { onNotification("textDocument/didChange", didChange) }

// didChangeParams decodes the range as a pointer: go.lsp.dev/protocol's
// value Range cannot tell a whole-text change from one at 0:0.
type didChangeParams struct {
	TextDocument   protocol.VersionedTextDocumentIdentifier `json:"textDocument"`
	ContentChanges []struct {
		Range *protocol.Range `json:"range"`
		Text  string          `json:"text"`
	} `json:"contentChanges"`
}

// didChange applies incremental (or whole) changes in order.
func didChange(ctx context.Context, s *Server, p *didChangeParams) error {
	changes := make([]analysis.TextChange, len(p.ContentChanges))
	for i, c := range p.ContentChanges {
		if c.Range == nil {
			changes[i] = analysis.TextChange{Whole: true, Text: c.Text}
			continue
		}
		changes[i] = analysis.TextChange{
			StartLine: int(c.Range.Start.Line), StartChar: int(c.Range.Start.Character),
			EndLine: int(c.Range.End.Line), EndChar: int(c.Range.End.Character),
			Text: c.Text,
		}
	}
	uri := string(p.TextDocument.URI)
	snap, err := s.ws.Change(uri, p.TextDocument.Version, changes, s.encoding())
	if err != nil {
		return err
	}
	s.diagnostics.changed(snap, uri)
	return nil
}
