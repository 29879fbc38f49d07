package lsp

import (
	"context"
	"time"

	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

func init() { onNotification("workspace/didChangeWatchedFiles", didChangeWatchedFiles) }

// watchedGlobs are the files whose changes on disk matter: every Cedar
// kind, the entities.json beside a schema, and project files.
var watchedGlobs = []string{
	"**/*.cedar", "**/*.cedar.json",
	"**/*.cedarschema", "**/cedarschema", "**/*.cedarschema.json", "**/cedarschema.json",
	"**/*.cedarentities.json", "**/cedarentities.json", "**/*.avpentities.json", "**/entities.json",
	"**/*.cedartemplatelinks.json", "**/*.cedarlinks.json",
	"**/*.cedarauth.json", "**/*.cedarparc.json", "**/*.cedartests.json",
	"**/" + analysis.ProjectFileName,
}

// registerWatchers asks the client to watch the Cedar files
// (client/registerCapability), when it supports dynamic registration.
func (s *Server) registerWatchers(ctx context.Context) {
	s.mu.Lock()
	ok := s.client.watchedFilesDynReg
	s.mu.Unlock()
	if !ok {
		return
	}
	watchers := make([]protocol.FileSystemWatcher, len(watchedGlobs))
	for i, g := range watchedGlobs {
		watchers[i] = protocol.FileSystemWatcher{GlobPattern: g}
	}
	params := &protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID:              "cedar-watched-files",
		Method:          "workspace/didChangeWatchedFiles",
		RegisterOptions: protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: watchers},
	}}}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := s.conn.Call(ctx, "client/registerCapability", params, nil); err != nil {
		s.logf("registering file watchers: %v", err)
	}
}

// didChangeWatchedFiles drops the disk cache of the files and re-diagnoses
// every open file (a schema may have appeared, changed or gone).
func didChangeWatchedFiles(ctx context.Context, s *Server, p *protocol.DidChangeWatchedFilesParams) error {
	paths := make([]string, len(p.Changes))
	for i, c := range p.Changes {
		paths[i] = analysis.URIToPath(string(c.URI))
	}
	s.ws.DiskChanged(paths)
	s.diagnostics.everything()
	return nil
}
