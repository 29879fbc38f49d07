package lsp

import (
	"context"
	"fmt"
	"time"

	"go.lsp.dev/protocol"
)

// logf writes a log line to stderr (Options.Log) and to the client as
// window/logMessage. The server writes no log files.
func (s *Server) logf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	fmt.Fprintf(s.opts.Log, "%s cedar-ls: %s\n", time.Now().UTC().Format("15:04:05.000"), msg)
	if s.conn != nil {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = s.conn.Notify(ctx, "window/logMessage", &protocol.LogMessageParams{Type: protocol.MessageTypeLog, Message: msg})
	}
}
