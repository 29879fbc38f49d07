package lsp

import (
	"context"
	"encoding/json"
	"sort"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// commands are the workspace/executeCommand commands; each command's file
// registers itself with onCommand.
var commands = map[string]func(ctx context.Context, s *Server, args []json.RawMessage) (any, error){}

// onCommand registers a command for workspace/executeCommand.
func onCommand(name string, fn func(ctx context.Context, s *Server, args []json.RawMessage) (any, error)) {
	commands[name] = fn
}

func init() {
	onRequest("workspace/executeCommand", executeCommand)
	addCapability(func(s *Server, caps *protocol.ServerCapabilities) {
		names := make([]string, 0, len(commands))
		for n := range commands {
			names = append(names, n)
		}
		sort.Strings(names)
		caps.ExecuteCommandProvider = &protocol.ExecuteCommandOptions{Commands: names}
	})
}

type executeCommandParams struct {
	Command   string            `json:"command"`
	Arguments []json.RawMessage `json:"arguments"`
}

func executeCommand(ctx context.Context, s *Server, p *executeCommandParams) (any, error) {
	fn := commands[p.Command]
	if fn == nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "unknown command %q", p.Command)
	}
	return fn(ctx, s, p.Arguments)
}
