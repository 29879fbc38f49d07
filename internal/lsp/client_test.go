package lsp

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// testClient is an LSP client talking to an in-process server over a real
// JSON-RPC connection (net.Pipe).
type testClient struct {
	t        testing.TB
	conn     jsonrpc2.Conn
	raw      net.Conn // the client's end, for writing malformed frames
	exitCode chan int
	settings json.RawMessage // answer to workspace/configuration

	mu            sync.Mutex
	cond          *sync.Cond
	diagnostics   map[string]*protocol.PublishDiagnosticsParams // latest per URI
	notifications []string                                      // methods received
	received      []receivedMessage                             // messages from the server, in order
	registrations []protocol.Registration
}

// startServer starts a server and connects a client to it; the server is
// stopped when the test ends.
func startServer(t testing.TB, opts Options) *testClient {
	t.Helper()
	serverSide, clientSide := net.Pipe()
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.DiagnosticsDelay == 0 {
		opts.DiagnosticsDelay = time.Millisecond
	}
	c := &testClient{t: t, raw: clientSide, exitCode: make(chan int, 1), diagnostics: map[string]*protocol.PublishDiagnosticsParams{}}
	c.cond = sync.NewCond(&c.mu)
	go func() { c.exitCode <- Serve(context.Background(), serverSide, opts) }()
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(clientSide))
	c.conn.Go(context.Background(), c.handle)
	t.Cleanup(func() {
		c.conn.Close()
		serverSide.Close()
	})
	return c
}

// handle answers the server's requests and records its notifications.
func (c *testClient) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	defer c.cond.Broadcast()
	c.notifications = append(c.notifications, req.Method())
	c.received = append(c.received, receivedMessage{method: req.Method(), params: req.Params()})
	switch req.Method() {
	case "textDocument/publishDiagnostics":
		var p protocol.PublishDiagnosticsParams
		if err := json.Unmarshal(req.Params(), &p); err != nil {
			c.t.Errorf("bad publishDiagnostics: %v", err)
		}
		c.diagnostics[string(p.URI)] = &p
		return nil
	case "workspace/configuration":
		settings := c.settings
		if settings == nil {
			settings = json.RawMessage("null")
		}
		return reply(ctx, []json.RawMessage{settings}, nil)
	case "client/registerCapability":
		var p protocol.RegistrationParams
		_ = json.Unmarshal(req.Params(), &p)
		c.registrations = append(c.registrations, p.Registrations...)
		return reply(ctx, nil, nil)
	}
	return reply(ctx, nil, nil)
}

// call sends a request and decodes its result.
func (c *testClient) call(method string, params, result any) error {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err := c.conn.Call(ctx, method, params, result)
	return err
}

// notify sends a notification.
func (c *testClient) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("notify %s: %v", method, err)
	}
}

// initialize runs the initialize handshake with the params.
func (c *testClient) initialize(params map[string]any) json.RawMessage {
	c.t.Helper()
	var result json.RawMessage
	if err := c.call("initialize", params, &result); err != nil {
		c.t.Fatalf("initialize: %v", err)
	}
	c.notify("initialized", map[string]any{})
	return result
}

// waitDiagnostics waits for diagnostics of the uri published for the
// version (any version when version < 0).
func (c *testClient) waitDiagnostics(uri string, version int) *protocol.PublishDiagnosticsParams {
	c.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	timer := time.AfterFunc(20*time.Second, func() { c.cond.Broadcast() })
	defer timer.Stop()
	c.mu.Lock()
	defer c.mu.Unlock()
	for {
		if p := c.diagnostics[uri]; p != nil && (version < 0 || int(p.Version) == version) {
			return p
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("no diagnostics for %s version %d (have %+v)", uri, version, c.diagnostics[uri])
		}
		c.cond.Wait()
	}
}

// forgetDiagnostics drops the recorded diagnostics of a uri.
func (c *testClient) forgetDiagnostics(uri string) {
	c.mu.Lock()
	delete(c.diagnostics, uri)
	c.mu.Unlock()
}

// receivedMessage is a request or notification the server sent.
type receivedMessage struct {
	method string
	params json.RawMessage
}

// waitReceived waits until the server has sent a message of the method
// for which match holds, and returns every such message's params so far.
func (c *testClient) waitReceived(method string, match func(params json.RawMessage) bool) []json.RawMessage {
	c.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	timer := time.AfterFunc(20*time.Second, func() { c.cond.Broadcast() })
	defer timer.Stop()
	c.mu.Lock()
	defer c.mu.Unlock()
	for {
		var got []json.RawMessage
		for _, m := range c.received {
			if m.method == method && match(m.params) {
				got = append(got, m.params)
			}
		}
		if len(got) > 0 {
			return got
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("the server sent no %s", method)
		}
		c.cond.Wait()
	}
}
