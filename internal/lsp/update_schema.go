package lsp

import (
	"context"
	"strings"
)

func init() { onNotification("cedar/updateSchema", updateSchema) }

type updateSchemaParams struct {
	Schema string `json:"schema"`
}

// updateSchema takes schema text pushed by an embedding client (as the
// official server's playground clients send it): it becomes the schema of
// every document without an explicit association; empty text removes it.
// Text starting with `{` is the JSON syntax.
func updateSchema(ctx context.Context, s *Server, p *updateSchemaParams) error {
	json := strings.HasPrefix(strings.TrimSpace(p.Schema), "{")
	s.ws.PushSchema(p.Schema, json)
	s.diagnostics.everything()
	return nil
}
