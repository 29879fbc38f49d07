package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

func init() { onNotification("workspace/didChangeWorkspaceFolders", didChangeWorkspaceFolders) }

// didChangeWorkspaceFolders adds and removes workspace folders.
func didChangeWorkspaceFolders(ctx context.Context, s *Server, p *protocol.DidChangeWorkspaceFoldersParams) error {
	removed := map[string]bool{}
	for _, f := range p.Event.Removed {
		removed[analysis.URIToPath(f.URI)] = true
	}
	var folders []string
	for _, f := range s.ws.Snapshot().Folders() {
		if !removed[f] {
			folders = append(folders, f)
		}
	}
	for _, f := range p.Event.Added {
		folders = append(folders, analysis.URIToPath(f.URI))
	}
	s.ws.SetFolders(folders)
	s.diagnostics.everything()
	return nil
}
