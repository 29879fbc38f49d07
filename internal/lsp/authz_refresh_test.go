package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

// TestLensesFollowEdits: an edit of a policy re-runs the open tests file's
// tests (its failing-test diagnostic appears), asks the client to refresh
// its lenses, and the lenses then say what changed.
func TestLensesFollowEdits(t *testing.T) {
	c := startServer(t, Options{})
	root := workspaceWith(t, c, map[string]string{
		"p.cedar": `@id("view") permit (principal, action, resource);`,
		"t.cedartests.json": `[{"name": "anyone views", "request": {"principal": "User::\"u\"", "action": "Action::\"view\"", "resource": "Doc::\"d\""},
		  "entities": [], "decision": "allow", "reason": ["view"], "num_errors": 0}]`,
	}, map[string]any{"workspace": map[string]any{"codeLens": map[string]any{"refreshSupport": true}}})
	policies := c.open(root, "p.cedar", 1, `@id("view") permit (principal, action, resource);`)
	tests := c.open(root, "t.cedartests.json", 1, `[{"name": "anyone views", "request": {"principal": "User::\"u\"", "action": "Action::\"view\"", "resource": "Doc::\"d\""},
		  "entities": [], "decision": "allow", "reason": ["view"], "num_errors": 0}]`)
	if got := lensTitles(t, c, tests); got != "Run all: 1 passed, 0 failed | ✔ passed" {
		t.Fatalf("before the edit: %s", got)
	}
	c.waitDiagnostics(tests, 1)
	refreshes := len(c.waitReceived("workspace/codeLens/refresh", func(json.RawMessage) bool { return true }))
	c.forgetDiagnostics(tests)
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": policies, "version": 2},
		"contentChanges": []map[string]any{{"text": `@id("view") forbid (principal, action, resource);`}},
	})
	d := c.waitDiagnostics(tests, 1)
	if len(d.Diagnostics) != 1 || d.Diagnostics[0].Code != "test-failed" {
		t.Fatalf("diagnostics after the edit: %+v", d.Diagnostics)
	}
	if n := c.waitCount("workspace/codeLens/refresh", refreshes+1); n <= refreshes {
		t.Errorf("no workspace/codeLens/refresh after the edit (%d before, %d after)", refreshes, n)
	}
	if got := lensTitles(t, c, tests); got != "Run all: 0 passed, 1 failed | ✘ failed: expected allow, got deny (forbid `view`)" {
		t.Errorf("after the edit: %s", got)
	}
}

func lensTitles(t *testing.T, c *testClient, uri string) string {
	t.Helper()
	var lenses []struct {
		Command struct {
			Title string `json:"title"`
		} `json:"command"`
	}
	if err := c.call("textDocument/codeLens", map[string]any{"textDocument": map[string]any{"uri": uri}}, &lenses); err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, l := range lenses {
		titles = append(titles, l.Command.Title)
	}
	return strings.Join(titles, " | ")
}

// workspaceWith is workspace with client capabilities.
func workspaceWith(t *testing.T, c *testClient, files map[string]string, caps map[string]any) string {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c.initialize(map[string]any{"rootUri": analysis.PathToURI(root), "capabilities": caps})
	return root
}

// waitCount waits until the server has sent at least n messages of the
// method (up to 20 s) and returns how many it has sent.
func (c *testClient) waitCount(method string, n int) int {
	deadline := time.Now().Add(20 * time.Second)
	timer := time.AfterFunc(20*time.Second, func() { c.cond.Broadcast() })
	defer timer.Stop()
	c.mu.Lock()
	defer c.mu.Unlock()
	for {
		count := 0
		for _, m := range c.received {
			if m.method == method {
				count++
			}
		}
		if count >= n || time.Now().After(deadline) {
			return count
		}
		c.cond.Wait()
	}
}
