package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

func init() {
	onRequest("textDocument/codeAction", codeAction)
	addCapability(func(s *Server, caps *protocol.ServerCapabilities) {
		caps.CodeActionProvider = &protocol.CodeActionOptions{CodeActionKinds: []protocol.CodeActionKind{
			protocol.QuickFix, protocol.RefactorRewrite, protocol.Source, protocol.CodeActionKind("source.formatAll")}}
	})
}

// codeActionResult is a CodeAction whose edit may create files
// (documentChanges with create operations, which protocol v0.12 cannot
// express).
type codeActionResult struct {
	Title       string            `json:"title"`
	Kind        string            `json:"kind,omitempty"`
	IsPreferred bool              `json:"isPreferred,omitempty"`
	Edit        *workspaceEdit    `json:"edit,omitempty"`
	Command     *protocol.Command `json:"command,omitempty"`
}

type workspaceEdit struct {
	Changes         map[string][]protocol.TextEdit `json:"changes,omitempty"`
	DocumentChanges []any                          `json:"documentChanges,omitempty"`
}

type createFile struct {
	Kind    string         `json:"kind"`
	URI     string         `json:"uri"`
	Options map[string]any `json:"options,omitempty"`
}

type textDocumentEdit struct {
	TextDocument struct {
		URI     string `json:"uri"`
		Version *int   `json:"version"`
	} `json:"textDocument"`
	Edits []protocol.TextEdit `json:"edits"`
}

func codeAction(ctx context.Context, s *Server, p *protocol.CodeActionParams) (any, error) {
	snap := s.snapshot(ctx)
	uri := string(p.TextDocument.URI)
	f := snap.File(uri)
	if f == nil {
		return nil, nil
	}
	out := []codeActionResult{}
	for _, a := range analysis.CodeActions(snap, uri, s.fromRange(f, p.Range)) {
		r := codeActionResult{Title: a.Title, Kind: a.Kind, IsPreferred: a.Preferred}
		if a.Command != "" {
			r.Command = &protocol.Command{Title: a.Title, Command: a.Command}
		} else {
			r.Edit = s.workspaceEdit(snap, a.Edits, a.Creates)
		}
		out = append(out, r)
	}
	return out, nil
}

// workspaceEdit converts edits (and files to create) to LSP.
func (s *Server) workspaceEdit(snap *analysis.Snapshot, edits map[string][]analysis.TextEdit, creates []analysis.FileCreate) *workspaceEdit {
	we := &workspaceEdit{}
	if len(creates) == 0 {
		we.Changes = map[string][]protocol.TextEdit{}
	}
	for u, es := range edits {
		ef := snap.File(u)
		if ef == nil {
			continue
		}
		var tes []protocol.TextEdit
		for _, e := range es {
			tes = append(tes, protocol.TextEdit{Range: s.toRange(ef, e.Span), NewText: e.NewText})
		}
		if we.Changes != nil {
			we.Changes[u] = tes
			continue
		}
		var d textDocumentEdit
		d.TextDocument.URI, d.Edits = u, tes
		we.DocumentChanges = append(we.DocumentChanges, d)
	}
	for _, c := range creates {
		we.DocumentChanges = append(we.DocumentChanges, createFile{Kind: "create", URI: c.URI, Options: map[string]any{"ignoreIfExists": true}})
		var d textDocumentEdit
		d.TextDocument.URI = c.URI
		d.Edits = []protocol.TextEdit{{NewText: c.Text}}
		we.DocumentChanges = append(we.DocumentChanges, d)
	}
	return we
}
