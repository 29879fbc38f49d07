package lsp

import (
	"context"
	"encoding/json"
	"time"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

func init() { onCommand(analysis.FormatWorkspaceCommand, formatWorkspace) }

// formatWorkspace formats every Cedar file of the workspace (files with
// errors are left alone and logged) and asks the client to apply the edits.
func formatWorkspace(ctx context.Context, s *Server, _ []json.RawMessage) (any, error) {
	snap := s.snapshot(ctx)
	edits, skipped := analysis.FormatWorkspace(snap, analysis.FormatOptions{})
	for _, m := range skipped {
		s.logf("format workspace: %s", m)
	}
	params := map[string]any{"label": "Format Cedar files", "edit": s.workspaceEdit(snap, edits, nil)}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	var result json.RawMessage
	if _, err := s.conn.Call(ctx, "workspace/applyEdit", params, &result); err != nil {
		return nil, err
	}
	return nil, nil
}
