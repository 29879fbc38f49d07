package lsp

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestAuthzBadInput: half-typed tests and request files, and malformed or
// out-of-range params of every inline-authorization request and command,
// get an answer or a clear error, never an internal error (a panic), and
// the server keeps answering.
func TestAuthzBadInput(t *testing.T) {
	c := startServer(t, Options{})
	root := workspace(t, c, map[string]string{
		"p.cedar":       "permit (principal, action, resource) when { principal.x };\nforbid (principal, action, resource) when {",
		"s.cedarschema": "entity User; action view appliesTo { principal: User, resource: User };",
	})
	half := []struct{ name, text string }{
		{"a.cedartests.json", `[{"name": "x", "request": {"principal": "User::\"u\"", "action": `},
		{"b.cedartests.json", `{"not": "an array"}`},
		{"c.cedartests.json", `[1, "two", null, {"request": 5, "decision": "maybe", "num_errors": "x"}, {"entities": "missing.json", "request": {}, "decision": "allow", "num_errors": 0}]`},
		{"d.cedartests.json", ``},
		{"e.cedarauth.json", `{"principal": "User::\"u\"", "action": "Action::\"view\"", "resource": `},
		{"f.cedarauth.json", `[]`},
		{"g.cedarauth.json", `{"principal": "User::\"u\"", "action": "Action::\"view\"", "resource": "User::\"v\"", "entities": 7}`},
		{"h.cedarauth.json", `{"principal": "User::\"u\"", "action": "Action::\"view\"", "resource": "User::\"v\"", "entities": ["nope.json"]}`},
	}
	var uris []string
	for _, h := range half {
		uris = append(uris, c.open(root, h.name, 1, h.text))
	}
	uris = append(uris, c.open(root, "p.cedar", 1, "permit (principal, action, resource) when { principal.x };\nforbid (principal, action, resource) when {"))
	far := map[string]int{"line": 99999, "character": 99999}
	neg := map[string]int{"line": -5, "character": -1}
	var calls []struct {
		method string
		params any
	}
	add := func(method string, params any) {
		calls = append(calls, struct {
			method string
			params any
		}{method, params})
	}
	for _, uri := range append(uris, "file:///nowhere/x.cedartests.json", "not a uri", "") {
		add("textDocument/codeLens", map[string]any{"textDocument": map[string]any{"uri": uri}})
		add("cedar/runTests", map[string]any{"uri": uri})
		add("cedar/authorize", map[string]any{"request": uri})
		add("cedar/explain", map[string]any{"uri": uri, "position": far})
		for _, cmd := range []string{"cedar.runTests", "cedar.authorize", "cedar.explain", "cedar.evaluate", "cedar.dismissExplanation"} {
			add("workspace/executeCommand", map[string]any{"command": cmd, "arguments": []any{map[string]any{"uri": uri, "position": neg}}})
			add("workspace/executeCommand", map[string]any{"command": cmd, "arguments": []any{map[string]any{"uri": uri, "range": map[string]any{"start": far, "end": neg}}}})
			add("workspace/executeCommand", map[string]any{"command": cmd, "arguments": []any{map[string]any{"uri": uri, "range": map[string]any{"start": neg, "end": far}, "expression": "principal.x +"}}})
			add("workspace/executeCommand", map[string]any{"command": cmd, "arguments": []any{uri}})
			add("workspace/executeCommand", map[string]any{"command": cmd, "arguments": []any{42, "extra"}})
			add("workspace/executeCommand", map[string]any{"command": cmd})
		}
	}
	add("cedar/runTests", nil)
	add("cedar/runTests", []int{1})
	add("cedar/authorize", map[string]any{"request": map[string]any{"principal": 5}, "policies": []string{"file:///nope.cedar"}})
	add("cedar/authorize", map[string]any{"request": map[string]any{"principal": "User::\"u\"", "action": "Action::\"view\"", "resource": "User::\"v\""}, "uri": "file:///elsewhere/r.cedarauth.json"})
	add("cedar/authorize", map[string]any{})
	add("cedar/explain", "x")
	for _, call := range calls {
		var result json.RawMessage
		err := c.call(call.method, call.params, &result)
		if err != nil && (strings.Contains(err.Error(), "internal error") || strings.Contains(err.Error(), "closed")) {
			t.Errorf("%s %v: %v", call.method, call.params, err)
		}
	}
	var lenses []any
	if err := c.call("textDocument/codeLens", map[string]any{"textDocument": map[string]any{"uri": uris[len(uris)-1]}}, &lenses); err != nil {
		t.Fatalf("the server stopped answering: %v", err)
	}
}
