package lsp

import (
	"context"
	"encoding/json"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// handler is one LSP method. Each method's file registers its handler in
// an init function with onRequest or onNotification.
type handler struct {
	request func(ctx context.Context, s *Server, params json.RawMessage) (any, error)
	notify  func(ctx context.Context, s *Server, params json.RawMessage) error
	// sync requests run on the read loop, before the next message
	// (initialize, shutdown).
	sync bool
}

var handlers = map[string]handler{}

// capabilities are contributed by the method files: each adds what it
// serves to the initialize result.
var capabilities []func(s *Server, caps *protocol.ServerCapabilities)

// onRequest registers a request handler whose params decode into P.
func onRequest[P any](method string, fn func(ctx context.Context, s *Server, params *P) (any, error)) {
	handlers[method] = handler{request: func(ctx context.Context, s *Server, raw json.RawMessage) (any, error) {
		var p P
		if err := decodeParams(raw, &p); err != nil {
			return nil, err
		}
		return fn(ctx, s, &p)
	}}
}

// onSyncRequest is onRequest for requests that must run in message order.
func onSyncRequest[P any](method string, fn func(ctx context.Context, s *Server, params *P) (any, error)) {
	onRequest(method, fn)
	h := handlers[method]
	h.sync = true
	handlers[method] = h
}

// onNotification registers a notification handler whose params decode
// into P.
func onNotification[P any](method string, fn func(ctx context.Context, s *Server, params *P) error) {
	handlers[method] = handler{notify: func(ctx context.Context, s *Server, raw json.RawMessage) error {
		var p P
		if err := decodeParams(raw, &p); err != nil {
			return err
		}
		return fn(ctx, s, &p)
	}}
}

// addCapability registers a contribution to the server capabilities.
func addCapability(fn func(s *Server, caps *protocol.ServerCapabilities)) {
	capabilities = append(capabilities, fn)
}

func decodeParams(raw json.RawMessage, p any) error {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	if err := json.Unmarshal(raw, p); err != nil {
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "invalid params: %v", err)
	}
	return nil
}
