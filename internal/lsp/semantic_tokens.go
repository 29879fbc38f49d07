package lsp

import (
	"context"
	"strconv"
	"sync"

	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

func init() {
	onRequest("textDocument/semanticTokens/full", semanticTokensFull)
	onRequest("textDocument/semanticTokens/full/delta", semanticTokensDelta)
	addCapability(func(s *Server, caps *protocol.ServerCapabilities) {
		caps.SemanticTokensProvider = semanticTokensOptions{
			Legend: semanticTokensLegend{TokenTypes: analysis.TokenTypes, TokenModifiers: analysis.TokenModifiers},
			Full:   semanticTokensFullOptions{Delta: true},
		}
	})
}

// The LSP 3.16 semantic token types go.lsp.dev/protocol v0.12 lacks or
// spells incompletely.
type semanticTokensOptions struct {
	Legend semanticTokensLegend      `json:"legend"`
	Full   semanticTokensFullOptions `json:"full"`
}

type semanticTokensLegend struct {
	TokenTypes     []string `json:"tokenTypes"`
	TokenModifiers []string `json:"tokenModifiers"`
}

type semanticTokensFullOptions struct {
	Delta bool `json:"delta"`
}

type semanticTokens struct {
	ResultID string   `json:"resultId,omitempty"`
	Data     []uint32 `json:"data"`
}

type semanticTokensEdit struct {
	Start       uint32   `json:"start"`
	DeleteCount uint32   `json:"deleteCount"`
	Data        []uint32 `json:"data"`
}

type semanticTokensDeltaResult struct {
	ResultID string               `json:"resultId"`
	Edits    []semanticTokensEdit `json:"edits"`
}

// tokenResults remembers the last result per document, for deltas.
type tokenResults struct {
	mu   sync.Mutex
	seq  int
	last map[string]semanticTokens
}

func (s *Server) tokenResults() *tokenResults { return &s.tokens }

func semanticTokensFull(ctx context.Context, s *Server, p *protocol.SemanticTokensParams) (any, error) {
	uri := string(p.TextDocument.URI)
	return s.encodeTokens(ctx, uri), nil
}

// semanticTokensDelta answers with the edit from the previous result
// (the common prefix and suffix kept), or the full tokens when the
// previous result is not the one the client names.
func semanticTokensDelta(ctx context.Context, s *Server, p *protocol.SemanticTokensDeltaParams) (any, error) {
	uri := string(p.TextDocument.URI)
	r := s.tokenResults()
	r.mu.Lock()
	prev, ok := r.last[uri]
	r.mu.Unlock()
	cur := s.encodeTokens(ctx, uri)
	if !ok || prev.ResultID != p.PreviousResultID {
		return cur, nil
	}
	a, b := prev.Data, cur.Data
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	edits := []semanticTokensEdit{}
	if pre != len(a) || pre != len(b) {
		edits = append(edits, semanticTokensEdit{Start: uint32(pre), DeleteCount: uint32(len(a) - pre - suf), Data: append([]uint32{}, b[pre:len(b)-suf]...)})
	}
	return semanticTokensDeltaResult{ResultID: cur.ResultID, Edits: edits}, nil
}

// encodeTokens computes a document's tokens in LSP's relative encoding
// and records them as the document's last result. Tokens spanning lines
// are left out (clients need not support them).
func (s *Server) encodeTokens(ctx context.Context, uri string) semanticTokens {
	snap := s.snapshot(ctx)
	f := snap.File(uri)
	data := []uint32{}
	if f != nil {
		prevLine, prevChar := 0, 0
		for _, t := range analysis.SemanticTokens(snap, uri) {
			start, end := s.position(f, t.Span.Start), s.position(f, t.Span.End)
			if start.Line != end.Line {
				continue
			}
			line, char := int(start.Line), int(start.Character)
			deltaChar := char
			if line == prevLine {
				deltaChar = char - prevChar
			}
			data = append(data, uint32(line-prevLine), uint32(deltaChar), end.Character-start.Character, uint32(t.Type), t.Modifiers)
			prevLine, prevChar = line, char
		}
	}
	r := s.tokenResults()
	r.mu.Lock()
	r.seq++
	result := semanticTokens{ResultID: strconv.Itoa(r.seq), Data: data}
	r.last[uri] = result
	r.mu.Unlock()
	return result
}
