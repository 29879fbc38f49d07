package lsp

import "context"

func init() { onSyncRequest("shutdown", shutdown) }

// shutdown stops answering requests other than exit; the exit code becomes 0.
func shutdown(ctx context.Context, s *Server, _ *struct{}) (any, error) {
	s.mu.Lock()
	s.state = stateShutdown
	s.exitCode = 0
	s.mu.Unlock()
	return nil, nil
}
