package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
	"github.com/cedar-ls/cedar-ls/internal/lsp"
)

// TestLensesSayWhatRunTestsSays: for every test of examples/tinytodo (as a
// tests file beside its policies, schema and entities), the language
// server's lenses say what `cedar-ls run-tests -s` says, and cedar/authorize
// decides request.json as `cedar-ls authorize -s` does.
func TestLensesSayWhatRunTestsSays(t *testing.T) {
	dir := t.TempDir()
	for src, dst := range map[string]string{
		"policies.cedar": "policies.cedar", "tinytodo.cedarschema": "tinytodo.cedarschema",
		"entities.json": "entities.json", "tests.json": "tinytodo.cedartests.json", "request.json": "request.cedarauth.json",
	} {
		b, err := os.ReadFile(tinytodo + src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, dst), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	testsFile := filepath.Join(dir, "tinytodo.cedartests.json")
	var out bytes.Buffer
	run(&env{stdin: strings.NewReader(""), stdout: &out, stderr: &out}, []string{"run-tests", "-p", filepath.Join(dir, "policies.cedar"),
		"-s", filepath.Join(dir, "tinytodo.cedarschema"), "--tests", testsFile})
	var want []string // "ok" or the problem, per test
	summary := ""
	for _, line := range strings.Split(out.String(), "\n") {
		switch {
		case strings.HasSuffix(line, " ... ok"):
			want = append(want, "ok")
		case strings.Contains(line, " ... fail: "):
			want = append(want, line[strings.Index(line, " ... fail: ")+len(" ... fail: "):])
		case strings.HasPrefix(line, "results: "):
			summary = strings.TrimPrefix(line, "results: ")
		}
	}
	if len(want) != 7 {
		t.Fatalf("run-tests ran %d tests, want the 7 of examples/tinytodo:\n%s", len(want), out.String())
	}

	conn := lspClient(t, dir)
	var lenses []struct {
		Command struct {
			Title string `json:"title"`
		} `json:"command"`
	}
	lspCall(t, conn, "textDocument/codeLens", map[string]any{"textDocument": map[string]string{"uri": analysis.PathToURI(testsFile)}}, &lenses)
	if len(lenses) != len(want)+1 || lenses[0].Command.Title != "Run all: "+summary {
		t.Fatalf("lenses %+v; run-tests says %q for %d tests", lenses, summary, len(want))
	}
	var results struct {
		Tests []struct {
			Passed  bool   `json:"passed"`
			Message string `json:"message"`
		} `json:"tests"`
	}
	lspCall(t, conn, "cedar/runTests", map[string]string{"uri": analysis.PathToURI(testsFile)}, &results)
	for i, w := range want {
		lensOK := lenses[i+1].Command.Title == "✔ passed"
		got := "ok"
		if !results.Tests[i].Passed {
			got = results.Tests[i].Message
		}
		if lensOK != (w == "ok") || got != w {
			t.Errorf("test %d: lens %q, cedar/runTests %q; run-tests %q", i, lenses[i+1].Command.Title, got, w)
		}
	}

	out.Reset()
	run(&env{stdin: strings.NewReader(""), stdout: &out, stderr: &out}, []string{"authorize", "-p", filepath.Join(dir, "policies.cedar"),
		"-s", filepath.Join(dir, "tinytodo.cedarschema"), "--entities", filepath.Join(dir, "entities.json"), "--request-json", filepath.Join(dir, "request.cedarauth.json")})
	var res struct {
		Decision string `json:"decision"`
		Reasons  []struct {
			ID string `json:"id"`
		} `json:"reasons"`
	}
	lspCall(t, conn, "cedar/authorize", map[string]string{"request": analysis.PathToURI(filepath.Join(dir, "request.cedarauth.json"))}, &res)
	if len(res.Reasons) == 0 || !strings.HasPrefix(out.String(), strings.ToUpper(res.Decision)+"\n") || !strings.Contains(out.String(), "\n  "+res.Reasons[0].ID+"\n") {
		t.Errorf("cedar/authorize: %+v; cedar-ls authorize:\n%s", res, out.String())
	}
}

// lspClient serves the language server in process over a real JSON-RPC
// connection, initialized on the folder.
func lspClient(t *testing.T, root string) jsonrpc2.Conn {
	serverSide, clientSide := net.Pipe()
	go lsp.Serve(context.Background(), serverSide, lsp.Options{Log: io.Discard})
	conn := jsonrpc2.NewConn(jsonrpc2.NewStream(clientSide))
	conn.Go(context.Background(), func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		return reply(ctx, nil, nil)
	})
	t.Cleanup(func() { conn.Close(); serverSide.Close() })
	uri := analysis.PathToURI(root)
	var init json.RawMessage
	lspCall(t, conn, "initialize", map[string]any{"processId": nil, "rootUri": uri, "capabilities": map[string]any{},
		"workspaceFolders": []map[string]string{{"uri": uri, "name": "tinytodo"}}}, &init)
	conn.Notify(context.Background(), "initialized", map[string]any{})
	return conn
}

func lspCall(t *testing.T, conn jsonrpc2.Conn, method string, params, result any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var raw json.RawMessage
	if _, err := conn.Call(ctx, method, params, &raw); err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	if err := json.Unmarshal(raw, result); err != nil {
		t.Fatalf("%s: %s: %v", method, raw, err)
	}
}
