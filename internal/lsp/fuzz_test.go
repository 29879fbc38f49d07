package lsp

import (
	"encoding/binary"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// FuzzServer feeds a server random edits (positions in and out of range,
// empty and large texts, invalid UTF-8), random requests and random
// JSON-RPC frames, then checks that it still answers a request.
func FuzzServer(f *testing.F) {
	f.Add([]byte("\x00\x01\x02\x03\x04permit(principal, action, resource);"))
	f.Add([]byte("\x01\xff\xff\xff\xff\x02{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"textDocument/hover\"}"))
	f.Add([]byte("\x03\x00\x00\x00\x00\x04\x05\x06Content-Length: 99999999999\r\n\r\n"))
	f.Add([]byte("\x00\x00\x00\x00\x00when { [ ( \"unterminated \xff\xfe"))
	f.Fuzz(func(t *testing.T, data []byte) {
		log := &panicLog{}
		c := startServer(t, Options{DiagnosticsDelay: -1, Log: log})
		root := workspace(t, c, map[string]string{"schema.cedarschema": "entity User { name: String };\naction view appliesTo { principal: User, resource: User };\n"})
		uris := []string{
			c.open(root, "p.cedar", 1, `@id("t") permit(principal == ?principal, action == Action::"view", resource) when { principal.name == "x" };`),
			c.open(root, "links.cedarlinks.json", 1, `[{"template_id": "t", "link_id": "a", "args": {"?principal": "User::\"a\""}}]`),
			c.open(root, "e.cedarentities.json", 1, `[{"uid": {"type": "User", "id": "a"}, "attrs": {"name": "n"}, "parents": []}]`),
			c.open(root, "schema.cedarschema", 1, "entity User { name: String };\naction view appliesTo { principal: User, resource: User };\n"),
		}
		uri := uris[0]
		versions := map[string]int{}
		version := 2
		take := func(n int) []byte {
			if n > len(data) {
				n = len(data)
			}
			b := data[:n]
			data = data[n:]
			return b
		}
		one := func() int {
			if b := take(1); len(b) == 1 {
				return int(b[0])
			}
			return 0
		}
		num := func() int {
			b := take(2)
			if len(b) < 2 {
				return 0
			}
			return int(binary.LittleEndian.Uint16(b)) - 100 // some negative
		}
		for ops := 0; len(data) > 0 && ops < 50; ops++ {
			op := one()
			uri = uris[(op/6)%len(uris)]
			version = versions[uri] + 2
			versions[uri] = version
			switch op % 6 {
			case 0, 1: // a ranged edit
				n := int(one())
				params := map[string]any{
					"textDocument": map[string]any{"uri": uri, "version": version},
					"contentChanges": []map[string]any{{
						"range": map[string]any{"start": map[string]int{"line": num(), "character": num()}, "end": map[string]int{"line": num(), "character": num()}},
						"text":  string(take(n)),
					}},
				}
				if op%2 == 1 {
					params["contentChanges"] = []map[string]any{{"text": strings.Repeat(string(take(n)), op)}}
				}
				c.notify("textDocument/didChange", params)
			case 2: // a raw frame with a random body
				body := take(int(one()))
				fmt.Fprintf(c.raw, "Content-Length: %d\r\n\r\n%s", len(body), body)
			case 3: // garbage headers
				fmt.Fprintf(c.raw, "%s\r\n\r\n", strings.ReplaceAll(string(take(int(one()))), "\n", " "))
			case 4, 5: // a request at a random position
				methods := []string{"textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/semanticTokens/full", "textDocument/formatting", "textDocument/selectionRange", "textDocument/hover", "textDocument/completion", "textDocument/definition"}
				m := methods[(op/24)%len(methods)]
				pos := map[string]int{"line": num(), "character": num()}
				_ = c.call(m, map[string]any{
					"textDocument": map[string]any{"uri": uri}, "position": pos,
					"positions": []any{pos}, "options": map[string]any{"tabSize": 2},
				}, nil)
			}
		}
		done := make(chan error, 1)
		go func() {
			var syms []any
			done <- c.call("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": uris[0]}}, &syms)
		}()
		select {
		case err := <-done:
			if err != nil && strings.Contains(err.Error(), "closed") {
				t.Fatalf("the connection broke: %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Fatal("the server stopped answering")
		}
		if p := log.first(); p != "" {
			t.Fatalf("a handler panicked (answered as an error, but a bug):\n%s", p)
		}
	})
}

// panicLog records the first panic the server logs.
type panicLog struct {
	mu    sync.Mutex
	panic string
}

func (l *panicLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.panic == "" && strings.Contains(string(p), "panic in ") {
		l.panic = string(p)
	}
	return len(p), nil
}

func (l *panicLog) first() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.panic
}
