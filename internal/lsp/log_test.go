package lsp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"go.lsp.dev/protocol"
)

// lockedBuffer is an Options.Log the test can read while the server writes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Routine events reach the client only; faults reach stderr too (Neovim
// logs a server's stderr as errors).
func TestRoutineLogsStayOffStderr(t *testing.T) {
	stderr := &lockedBuffer{}
	c := startServer(t, Options{Log: stderr})
	root := workspace(t, c, nil)
	uri := c.open(root, "p.cedar", 1, `permit(principal, action, resource) when { principal. };`)
	var edits []protocol.TextEdit
	if err := c.call("textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": uri}, "options": map[string]any{"tabSize": 2, "insertSpaces": true}}, &edits); err != nil {
		t.Fatal(err)
	}
	if len(edits) != 0 {
		t.Fatalf("a file with errors was formatted: %v", edits)
	}
	logMessage := func(want string, typ protocol.MessageType) func(json.RawMessage) bool {
		return func(raw json.RawMessage) bool {
			var p protocol.LogMessageParams
			return json.Unmarshal(raw, &p) == nil && p.Type == typ && strings.Contains(p.Message, want)
		}
	}
	c.waitReceived("window/logMessage", logMessage("formatting", protocol.MessageTypeLog))
	if s := stderr.String(); s != "" {
		t.Fatalf("routine event written to stderr: %q", s)
	}

	fmt.Fprintf(c.raw, "Content-Length: 5\r\n\r\nhello")
	c.waitReceived("window/logMessage", logMessage("not JSON-RPC", protocol.MessageTypeError))
	if s := stderr.String(); !strings.Contains(s, "skipped a message that is not JSON-RPC") {
		t.Fatalf("a fault is missing from stderr: %q", s)
	}
}
