package lsp

import (
	"context"
	"fmt"
	"time"

	"go.lsp.dev/protocol"
)

// logf reports a routine event (a file not formatted, a client that
// declined a request) to the client only, as window/logMessage: editors
// such as Neovim log a server's stderr at error level, so routine lines
// there read as failures. The server writes no log files.
func (s *Server) logf(format string, args ...any) {
	s.notifyLog(protocol.MessageTypeLog, fmt.Sprintf(format, args...))
}

// errorf reports a fault of the server or of the stream (a panic, a message
// that is not JSON-RPC, a reply that could not be sent, a notification that
// failed) to stderr (Options.Log) as well as to the client.
func (s *Server) errorf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	fmt.Fprintf(s.opts.Log, "%s cedar-ls: %s\n", time.Now().UTC().Format("15:04:05.000"), msg)
	s.notifyLog(protocol.MessageTypeError, msg)
}

func (s *Server) notifyLog(typ protocol.MessageType, msg string) {
	if s.conn == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = s.conn.Notify(ctx, "window/logMessage", &protocol.LogMessageParams{Type: typ, Message: msg})
}
