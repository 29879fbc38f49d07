// Package lsp is the Cedar language server's protocol glue: it speaks LSP
// over a JSON-RPC 2.0 stream (go.lsp.dev/jsonrpc2, types from
// go.lsp.dev/protocol), turns LSP positions into byte offsets and back, and
// calls internal/analysis for every answer. One file per LSP method;
// docs/LANGUAGE-SERVER.md describes the architecture.
package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

// Options tune a server; zero values are the defaults.
type Options struct {
	// DiagnosticsDelay is the debounce between a change and the
	// diagnostics it causes (default 50ms; negative means none).
	DiagnosticsDelay time.Duration
	// Log receives the server's log lines (default os.Stderr).
	Log io.Writer
}

// Server is one language server session.
type Server struct {
	opts Options
	conn jsonrpc2.Conn
	ws   *analysis.Workspace

	mu          sync.Mutex
	state       state
	enc         analysis.Encoding
	client      clientCaps
	inflight    map[string]context.CancelFunc // by request id
	exitCode    int
	exited      chan struct{}
	exitOnce    sync.Once
	diagnostics *publisher
	tokens      tokenResults // semantic tokens per document, for deltas
	authz       authzState   // inline authorization (authz_state.go)
}

type state uint8

const (
	stateNew state = iota
	stateInitialized
	stateShutdown
)

// clientCaps are the client capabilities the server acts on.
type clientCaps struct {
	configuration      bool // workspace/configuration
	watchedFilesDynReg bool // dynamic registration of didChangeWatchedFiles
	configDynReg       bool
	codeLensRefresh    bool // workspace/codeLens/refresh
}

// Serve runs a server on the stream until the client exits or the stream
// ends. It returns the exit code LSP asks for: 0 after shutdown, 1 when the
// client exits without shutting down or the stream breaks.
func Serve(ctx context.Context, rwc io.ReadWriteCloser, opts Options) int {
	if opts.Log == nil {
		opts.Log = os.Stderr
	}
	if opts.DiagnosticsDelay == 0 {
		opts.DiagnosticsDelay = 50 * time.Millisecond
	}
	s := &Server{
		opts:     opts,
		ws:       analysis.NewWorkspace(nil, analysis.DefaultSettings()),
		inflight: map[string]context.CancelFunc{},
		exitCode: 1,
		exited:   make(chan struct{}),
		tokens:   tokenResults{last: map[string]semanticTokens{}},
	}
	s.conn = jsonrpc2.NewConn(newStream(rwc, func(body []byte, err error) {
		s.errorf("skipped a message that is not JSON-RPC (%v): %.200q", err, body)
	}))
	s.diagnostics = newPublisher(s)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.conn.Go(ctx, s.handle)
	select {
	case <-s.conn.Done():
	case <-s.exited:
		s.conn.Close()
	case <-ctx.Done():
		s.conn.Close()
	}
	s.diagnostics.stop()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.exitCode
}

// snapshotKey carries the snapshot a request was received in.
type snapshotKey struct{}

// snapshot is the workspace as it was when the request arrived: positions
// in the request refer to that state of the documents.
func (s *Server) snapshot(ctx context.Context) *analysis.Snapshot {
	if snap, ok := ctx.Value(snapshotKey{}).(*analysis.Snapshot); ok {
		return snap
	}
	return s.ws.Snapshot()
}

// handle receives every message, in order, on the connection's read loop.
// Notifications run here, in order (a didChange must be applied before the
// next request reads the document); requests run on their own goroutines
// with the snapshot of this moment, cancellable through $/cancelRequest.
// The handler never returns an error: that would end the connection.
func (s *Server) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
	method := req.Method()
	call, isCall := req.(*jsonrpc2.Call)
	h, known := handlers[method]
	if !isCall {
		if known && h.notify != nil {
			s.runNotification(ctx, method, h, req.Params())
		}
		return nil // unknown notifications ($/ and others) are ignored
	}
	s.mu.Lock()
	st := s.state
	s.mu.Unlock()
	switch {
	case method == "initialize":
		if st != stateNew {
			return reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "initialize was already received"))
		}
	case st == stateNew:
		return reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.ServerNotInitialized, "the server is not initialized"))
	case st == stateShutdown:
		return reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "the server is shutting down"))
	}
	if !known || h.request == nil {
		return reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.MethodNotFound, "method not supported: "+method))
	}
	if h.sync {
		result, err := s.runRequest(ctx, method, h, req.Params())
		return s.reply(ctx, reply, result, err)
	}
	id := fmt.Sprintf("%q", call.ID())
	rctx, cancel := context.WithCancel(context.WithValue(ctx, snapshotKey{}, s.ws.Snapshot()))
	s.mu.Lock()
	s.inflight[id] = cancel
	s.mu.Unlock()
	go func() {
		defer func() {
			s.mu.Lock()
			delete(s.inflight, id)
			s.mu.Unlock()
			cancel()
		}()
		result, err := s.runRequest(rctx, method, h, req.Params())
		if rctx.Err() != nil && ctx.Err() == nil && err == nil && result == nil {
			err = errRequestCancelled
		}
		s.reply(ctx, reply, result, err)
	}()
	return nil
}

var errRequestCancelled = jsonrpc2.NewError(-32800, "request cancelled")

func (s *Server) reply(ctx context.Context, reply jsonrpc2.Replier, result any, err error) error {
	if rerr := reply(ctx, result, err); rerr != nil {
		s.errorf("replying: %v", rerr)
	}
	return nil
}

// runRequest calls a request handler; a panic becomes an error response.
func (s *Server) runRequest(ctx context.Context, method string, h handler, params json.RawMessage) (result any, err error) {
	defer func() {
		if r := recover(); r != nil {
			s.errorf("panic in %s: %v\n%s", method, r, debug.Stack())
			result, err = nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error in %s: %v", method, r)
		}
	}()
	if ctx.Err() != nil {
		return nil, errRequestCancelled
	}
	return h.request(ctx, s, params)
}

// runNotification calls a notification handler; a panic or error is
// logged (a notification has no response to carry it).
func (s *Server) runNotification(ctx context.Context, method string, h handler, params json.RawMessage) {
	defer func() {
		if r := recover(); r != nil {
			s.errorf("panic in %s: %v\n%s", method, r, debug.Stack())
		}
	}()
	if err := h.notify(ctx, s, params); err != nil {
		s.errorf("%s: %v", method, err)
	}
}

// cancel cancels an in-flight request ($/cancelRequest).
func (s *Server) cancel(id string) {
	s.mu.Lock()
	cancel := s.inflight[id]
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// encoding is the session's position encoding.
func (s *Server) encoding() analysis.Encoding {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.enc
}
