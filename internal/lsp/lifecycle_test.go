package lsp

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
)

func TestRequestBeforeInitialize(t *testing.T) {
	c := startServer(t, Options{})
	err := c.call("textDocument/hover", map[string]any{}, nil)
	var rpcErr *jsonrpc2.Error
	if !asRPCError(err, &rpcErr) || rpcErr.Code != jsonrpc2.ServerNotInitialized {
		t.Fatalf("hover before initialize: got %v, want ServerNotInitialized", err)
	}
}

func TestInitializeShutdownExit(t *testing.T) {
	c := startServer(t, Options{})
	result := c.initialize(map[string]any{"capabilities": map[string]any{}})
	var init struct {
		Capabilities struct {
			PositionEncoding string          `json:"positionEncoding"`
			TextDocumentSync json.RawMessage `json:"textDocumentSync"`
		} `json:"capabilities"`
		ServerInfo struct{ Name string } `json:"serverInfo"`
	}
	if err := json.Unmarshal(result, &init); err != nil {
		t.Fatal(err)
	}
	if init.Capabilities.PositionEncoding != "utf-16" || init.ServerInfo.Name != "cedar-ls" {
		t.Errorf("initialize result %s", result)
	}
	if !strings.Contains(string(init.Capabilities.TextDocumentSync), `"change":2`) {
		t.Errorf("textDocumentSync %s, want incremental changes", init.Capabilities.TextDocumentSync)
	}
	if err := c.call("initialize", map[string]any{}, nil); err == nil {
		t.Error("a second initialize succeeded")
	}
	if err := c.call("shutdown", nil, nil); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if err := c.call("textDocument/hover", map[string]any{}, nil); err == nil {
		t.Error("a request after shutdown succeeded")
	}
	c.notify("exit", nil)
	select {
	case code := <-c.exitCode:
		if code != 0 {
			t.Errorf("exit code %d after shutdown, want 0", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server did not exit")
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize(map[string]any{})
	c.notify("exit", nil)
	select {
	case code := <-c.exitCode:
		if code != 1 {
			t.Errorf("exit code %d without shutdown, want 1", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server did not exit")
	}
}

func TestUTF8PositionEncoding(t *testing.T) {
	c := startServer(t, Options{})
	result := c.initialize(map[string]any{"capabilities": map[string]any{
		"general": map[string]any{"positionEncodings": []string{"utf-8", "utf-16"}},
	}})
	if !strings.Contains(string(result), `"positionEncoding":"utf-8"`) {
		t.Errorf("initialize result %s, want positionEncoding utf-8", result)
	}
}

func asRPCError(err error, target **jsonrpc2.Error) bool {
	if e, ok := err.(*jsonrpc2.Error); ok {
		*target = e
		return true
	}
	return false
}
