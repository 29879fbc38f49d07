package lsp

import (
	"context"
	"encoding/json"
	"fmt"
)

func init() { onNotification("$/cancelRequest", cancelRequest) }

type cancelParams struct {
	ID json.RawMessage `json:"id"`
}

// cancelRequest cancels the request with the id, if it still runs; the
// request then answers with RequestCancelled.
func cancelRequest(ctx context.Context, s *Server, p *cancelParams) error {
	var id any
	if err := json.Unmarshal(p.ID, &id); err != nil {
		return fmt.Errorf("bad id: %v", err)
	}
	switch v := id.(type) {
	case float64:
		s.cancel(fmt.Sprintf("#%d", int64(v)))
	case string:
		s.cancel(fmt.Sprintf("%q", v))
	}
	return nil
}
