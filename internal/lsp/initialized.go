package lsp

import (
	"context"

	"go.lsp.dev/protocol"
)

func init() { onNotification("initialized", initialized) }

// initialized asks for the settings (workspace/configuration) and
// registers the file watchers, when the client supports them.
func initialized(ctx context.Context, s *Server, _ *protocol.InitializedParams) error {
	go s.fetchConfiguration(context.Background())
	go s.registerWatchers(context.Background())
	return nil
}
