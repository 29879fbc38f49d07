package lsp

import "context"

func init() { onNotification("exit", exit) }

// exit ends the session: Serve returns 0 after a shutdown, 1 otherwise.
func exit(ctx context.Context, s *Server, _ *struct{}) error {
	s.exitOnce.Do(func() { close(s.exited) })
	return nil
}
