package lsp

import (
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

// offset converts an LSP position in the file to a byte offset.
func (s *Server) offset(f *analysis.File, p protocol.Position) int {
	return f.Lines().Offset(int(p.Line), int(p.Character), s.encoding())
}

// position converts a byte offset in the file to an LSP position.
func (s *Server) position(f *analysis.File, off int) protocol.Position {
	line, char := f.Lines().Position(off, s.encoding())
	return protocol.Position{Line: uint32(line), Character: uint32(char)}
}

// toRange converts a byte span in the file to an LSP range.
func (s *Server) toRange(f *analysis.File, sp analysis.Span) protocol.Range {
	return protocol.Range{Start: s.position(f, sp.Start), End: s.position(f, sp.End)}
}

// fromRange converts an LSP range in the file to a byte span.
func (s *Server) fromRange(f *analysis.File, r protocol.Range) analysis.Span {
	return analysis.Span{Start: s.offset(f, r.Start), End: s.offset(f, r.End)}
}

func docURI(u string) protocol.DocumentURI { return uri.URI(u) }
