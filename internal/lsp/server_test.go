package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

// Test-only methods: one that panics, one that waits for cancellation.
func init() {
	onRequest("test/panic", func(ctx context.Context, s *Server, _ *struct{}) (any, error) { panic("boom") })
	onRequest("test/block", func(ctx context.Context, s *Server, _ *struct{}) (any, error) {
		select {
		case <-ctx.Done():
			return nil, nil
		case <-time.After(20 * time.Second):
			return "not cancelled", nil
		}
	})
}

// workspace writes files into a temporary folder and initializes c with it.
func workspace(t *testing.T, c *testClient, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c.initialize(map[string]any{"rootUri": analysis.PathToURI(root), "capabilities": map[string]any{}})
	return root
}

func (c *testClient) open(root, name string, version int, text string) string {
	uri := analysis.PathToURI(filepath.Join(root, name))
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "json", "version": version, "text": text}})
	return uri
}

func messages(c *testClient, uri string, version int) []string {
	p := c.waitDiagnostics(uri, version)
	var out []string
	for _, d := range p.Diagnostics {
		out = append(out, d.Message)
	}
	return out
}

func TestSchemaEditRediagnosesDependants(t *testing.T) {
	c := startServer(t, Options{})
	schema := "entity User;\naction view appliesTo { principal: User, resource: User };\n"
	root := workspace(t, c, map[string]string{"schema.cedarschema": schema})
	policy := c.open(root, "p.cedar", 1, `permit(principal, action == Action::"view", resource) when { principal.age > 1 };`)
	if got := messages(c, policy, 1); len(got) != 1 || !strings.Contains(got[0], "age") {
		t.Fatalf("before the schema edit: %v", got)
	}
	schemaURI := c.open(root, "schema.cedarschema", 1, schema)
	c.notify("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": schemaURI, "version": 2},
		"contentChanges": []map[string]any{{
			"range": map[string]any{"start": map[string]int{"line": 0, "character": 11}, "end": map[string]int{"line": 0, "character": 11}},
			"text":  " { age: Long }",
		}},
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		if got := messages(c, policy, 1); len(got) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the policy was not re-diagnosed after the schema edit")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestIncrementalChangesAndVersions(t *testing.T) {
	c := startServer(t, Options{})
	root := workspace(t, c, nil)
	uri := c.open(root, "p.cedar", 1, "permit(principal, action, resource);\n")
	if got := messages(c, uri, 1); len(got) != 0 {
		t.Fatalf("v1: %v", got)
	}
	// Two changes in one notification: break the policy, then add a line.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{
			{"range": map[string]any{"start": map[string]int{"line": 0, "character": 35}, "end": map[string]int{"line": 0, "character": 36}}, "text": ""},
			{"range": map[string]any{"start": map[string]int{"line": 1, "character": 0}, "end": map[string]int{"line": 1, "character": 0}}, "text": "// 😀 end\n"},
		},
	})
	got := c.waitDiagnostics(uri, 2)
	if len(got.Diagnostics) != 1 || got.Diagnostics[0].Source != "cedar" || got.Diagnostics[0].Code != "parse" {
		t.Fatalf("v2: %+v", got.Diagnostics)
	}
	// A whole-text change (no range) repairs it.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 3},
		"contentChanges": []map[string]any{{"text": "forbid(principal, action, resource);"}},
	})
	if got := messages(c, uri, 3); len(got) != 0 {
		t.Fatalf("v3: %v", got)
	}
}

func TestPanicBecomesErrorAndServerGoesOn(t *testing.T) {
	c := startServer(t, Options{})
	workspace(t, c, nil)
	err := c.call("test/panic", struct{}{}, nil)
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("panicking handler: %v", err)
	}
	var symbols []any
	if err := c.call("workspace/symbol", map[string]string{"query": ""}, &symbols); err != nil {
		t.Fatalf("after a panic: %v", err)
	}
}

func TestCancelRequest(t *testing.T) {
	c := startServer(t, Options{})
	workspace(t, c, nil)
	// The client's connection numbers its calls 1, 2, …: initialize was 1.
	done := make(chan error, 1)
	go func() { done <- c.call("test/block", struct{}{}, nil) }()
	time.Sleep(50 * time.Millisecond)
	c.notify("$/cancelRequest", map[string]any{"id": 2})
	select {
	case err := <-done:
		rpcErr, ok := err.(*jsonrpc2.Error)
		if !ok || rpcErr.Code != -32800 {
			t.Fatalf("cancelled request answered %v, want RequestCancelled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the cancelled request did not answer")
	}
}

func TestBadFramesAreSkipped(t *testing.T) {
	serverSide, clientSide := net.Pipe()
	done := make(chan int, 1)
	go func() { done <- Serve(context.Background(), serverSide, Options{Log: ioDiscard{}}) }()
	defer clientSide.Close()
	go func() { // drain the server's output
		buf := make([]byte, 4096)
		for {
			if _, err := clientSide.Read(buf); err != nil {
				return
			}
		}
	}()
	frames := []string{
		"Content-Length: 5\r\n\r\nhello",
		"Content-Length: 2\r\n\r\n[]",
		"Content-Length: abc\r\n\r\n",
		"garbage line\r\n\r\n",
		"Content-Length: 4\r\n\r\nnull",
		`Content-Length: 13` + "\r\n\r\n" + `{"id":1,"x":}`,
	}
	for _, f := range frames {
		if _, err := clientSide.Write([]byte(f)); err != nil {
			t.Fatalf("server stopped reading after a bad frame: %v", err)
		}
	}
	body := `{"jsonrpc":"2.0","id":7,"method":"shutdown"}`
	fmt.Fprintf(clientSide, "Content-Length: %d\r\n\r\n%s", len(body), body)
	exit := `{"jsonrpc":"2.0","method":"exit"}`
	fmt.Fprintf(clientSide, "Content-Length: %d\r\n\r\n%s", len(exit), exit)
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("server did not exit after bad frames")
	}
}

type ioDiscard struct{}

func (ioDiscard) Write(p []byte) (int, error) { return len(p), nil }

func TestUpdateSchemaNotification(t *testing.T) {
	c := startServer(t, Options{})
	root := workspace(t, c, nil)
	uri := c.open(root, "p.cedar", 1, `permit(principal == User::"a", action, resource);`)
	if got := messages(c, uri, 1); len(got) != 0 {
		t.Fatalf("without a schema: %v", got)
	}
	c.notify("cedar/updateSchema", map[string]string{"schema": "entity Person;"})
	deadline := time.Now().Add(10 * time.Second)
	for len(messages(c, uri, 1)) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no validation after cedar/updateSchema")
		}
		time.Sleep(10 * time.Millisecond)
	}
	var res json.RawMessage
	if err := c.call("workspace/executeCommand", map[string]any{"command": "cedar.associateSchema", "arguments": []any{map[string]string{"document_uri": uri}}}, &res); err != nil {
		t.Fatalf("associateSchema: %v", err)
	}
}

func TestWatchersAndConfigurationPull(t *testing.T) {
	c := startServer(t, Options{})
	c.settings = json.RawMessage(`{"validationMode": "off"}`)
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "schema.cedarschema"), []byte("entity User;"), 0o644)
	c.initialize(map[string]any{"rootUri": analysis.PathToURI(root), "capabilities": map[string]any{
		"workspace": map[string]any{
			"configuration":         true,
			"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true},
		},
	}})
	// The server registers its file watchers and pulls the settings.
	deadline := time.Now().Add(10 * time.Second)
	for {
		c.mu.Lock()
		n := len(c.registrations)
		var method string
		if n > 0 {
			method = c.registrations[0].Method
		}
		c.mu.Unlock()
		if n > 0 {
			if method != "workspace/didChangeWatchedFiles" {
				t.Fatalf("registered %s", method)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no client/registerCapability for the file watchers")
		}
		time.Sleep(10 * time.Millisecond)
	}
	// validationMode "off" from workspace/configuration: no validation error.
	uri := c.open(root, "p.cedar", 1, `permit(principal == Person::"a", action, resource);`)
	time.Sleep(100 * time.Millisecond)
	if got := messages(c, uri, 1); len(got) != 0 {
		t.Fatalf("with validation off: %v", got)
	}
	// A schema created on disk is seen after didChangeWatchedFiles.
	os.WriteFile(filepath.Join(root, "schema.cedarschema"), []byte("entity Person;"), 0o644)
	c.settings = json.RawMessage(`{"validationMode": "strict"}`)
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": nil})
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": analysis.PathToURI(filepath.Join(root, "schema.cedarschema")), "type": 2}}})
	mentionsPerson := func() bool {
		for _, m := range messages(c, uri, 1) {
			if strings.Contains(m, "Person") {
				return true
			}
		}
		return false
	}
	time.Sleep(200 * time.Millisecond)
	if mentionsPerson() {
		t.Fatalf("after the schema changed on disk to declare Person: %v", messages(c, uri, 1))
	}
	os.WriteFile(filepath.Join(root, "schema.cedarschema"), []byte("entity User;"), 0o644)
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": analysis.PathToURI(filepath.Join(root, "schema.cedarschema")), "type": 2}}})
	for !mentionsPerson() {
		if time.Now().After(deadline.Add(10 * time.Second)) {
			t.Fatal("no validation error after the schema changed on disk")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestSemanticTokensDelta(t *testing.T) {
	c := startServer(t, Options{})
	root := workspace(t, c, nil)
	uri := c.open(root, "p.cedar", 1, "permit(principal, action, resource) when { context.a };\n")
	var full semanticTokens
	if err := c.call("textDocument/semanticTokens/full", map[string]any{"textDocument": map[string]any{"uri": uri}}, &full); err != nil {
		t.Fatal(err)
	}
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"text": "permit(principal, action, resource) when { context.a && principal.b };\n"}},
	})
	var delta semanticTokensDeltaResult
	if err := c.call("textDocument/semanticTokens/full/delta", map[string]any{"textDocument": map[string]any{"uri": uri}, "previousResultId": full.ResultID}, &delta); err != nil {
		t.Fatal(err)
	}
	var now semanticTokens
	if err := c.call("textDocument/semanticTokens/full", map[string]any{"textDocument": map[string]any{"uri": uri}}, &now); err != nil {
		t.Fatal(err)
	}
	// Applying the delta to the first result gives the current tokens.
	data := append([]uint32{}, full.Data...)
	for _, e := range delta.Edits {
		data = append(data[:e.Start], append(append([]uint32{}, e.Data...), data[e.Start+e.DeleteCount:]...)...)
	}
	if fmt.Sprint(data) != fmt.Sprint(now.Data) || len(delta.Edits) != 1 || delta.ResultID == full.ResultID {
		t.Errorf("delta %+v applied to %v gives %v, want %v", delta, full.Data, data, now.Data)
	}
}
