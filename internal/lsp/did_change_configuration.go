package lsp

import (
	"context"
	"encoding/json"
	"time"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

func init() { onNotification("workspace/didChangeConfiguration", didChangeConfiguration) }

type didChangeConfigurationParams struct {
	Settings json.RawMessage `json:"settings"`
}

// didChangeConfiguration takes pushed settings; clients that support
// workspace/configuration are asked instead (they often push null).
func didChangeConfiguration(ctx context.Context, s *Server, p *didChangeConfigurationParams) error {
	s.mu.Lock()
	pull := s.client.configuration
	s.mu.Unlock()
	if pull {
		go s.fetchConfiguration(context.Background())
		return nil
	}
	s.applySettings(p.Settings)
	return nil
}

// fetchConfiguration asks the client for the "cedar" section.
func (s *Server) fetchConfiguration(ctx context.Context) {
	s.mu.Lock()
	pull := s.client.configuration
	s.mu.Unlock()
	if !pull {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	var result []json.RawMessage
	params := map[string]any{"items": []map[string]string{{"section": "cedar"}}}
	if _, err := s.conn.Call(ctx, "workspace/configuration", params, &result); err != nil {
		s.logf("workspace/configuration: %v", err)
		return
	}
	if len(result) == 1 {
		s.applySettings(result[0])
	}
}

// applySettings reads settings over the current ones and re-diagnoses.
func (s *Server) applySettings(raw json.RawMessage) {
	settings, problems := analysis.ApplySettings(s.ws.Snapshot().Settings(), raw)
	for _, msg := range problems {
		s.logf("%s", msg)
	}
	s.ws.SetSettings(settings)
	s.diagnostics.everything()
}
