package lsp

import (
	"context"
	"sort"

	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

func init() {
	onRequest("textDocument/foldingRange", foldingRange)
	addCapability(func(s *Server, caps *protocol.ServerCapabilities) { caps.FoldingRangeProvider = true })
}

// foldingRange folds by whole lines: spans on one line are dropped, and a
// span ending where the next starts folds up to the line before it.
func foldingRange(ctx context.Context, s *Server, p *protocol.FoldingRangeParams) (any, error) {
	snap := s.snapshot(ctx)
	uri := string(p.TextDocument.URI)
	f := snap.File(uri)
	out := []protocol.FoldingRange{}
	if f == nil {
		return out, nil
	}
	seen := map[[2]int]bool{}
	for _, fold := range analysis.FoldingRanges(snap, uri) {
		start, end := f.Lines().Line(fold.Span.Start), f.Lines().Line(fold.Span.End)
		if end <= start || seen[[2]int{start, end}] {
			continue
		}
		seen[[2]int{start, end}] = true
		fr := protocol.FoldingRange{StartLine: uint32(start), EndLine: uint32(end)}
		if fold.Kind == analysis.FoldComment {
			fr.Kind = protocol.CommentFoldingRange
		}
		out = append(out, fr)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].StartLine != out[j].StartLine {
			return out[i].StartLine < out[j].StartLine
		}
		return out[i].EndLine > out[j].EndLine
	})
	return out, nil
}
