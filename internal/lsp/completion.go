package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

func init() {
	onRequest("textDocument/completion", completion)
	addCapability(func(s *Server, caps *protocol.ServerCapabilities) {
		caps.CompletionProvider = &protocol.CompletionOptions{TriggerCharacters: []string{".", `"`, ":", "@", "["}}
	})
}

var completionKinds = map[analysis.CompletionKind]protocol.CompletionItemKind{
	analysis.CompleteKeyword:    protocol.CompletionItemKindKeyword,
	analysis.CompleteVariable:   protocol.CompletionItemKindVariable,
	analysis.CompleteEntityType: protocol.CompletionItemKindClass,
	analysis.CompleteAction:     protocol.CompletionItemKindEnumMember,
	analysis.CompleteEntity:     protocol.CompletionItemKindValue,
	analysis.CompleteAttribute:  protocol.CompletionItemKindField,
	analysis.CompleteMethod:     protocol.CompletionItemKindMethod,
	analysis.CompleteFunction:   protocol.CompletionItemKindFunction,
	analysis.CompleteSnippet:    protocol.CompletionItemKindSnippet,
	analysis.CompleteAnnotation: protocol.CompletionItemKindProperty,
	analysis.CompleteValue:      protocol.CompletionItemKindValue,
	analysis.CompleteProperty:   protocol.CompletionItemKindProperty,
}

// completion answers with the analysis' proposals, each a text edit of
// the word being typed.
func completion(ctx context.Context, s *Server, p *protocol.CompletionParams) (any, error) {
	snap := s.snapshot(ctx)
	uri := string(p.TextDocument.URI)
	f := snap.File(uri)
	if f == nil {
		return nil, nil
	}
	items := analysis.Complete(snap, uri, s.offset(f, p.Position))
	out := protocol.CompletionList{Items: make([]protocol.CompletionItem, 0, len(items))}
	for i, it := range items {
		ci := protocol.CompletionItem{
			Label:            it.Label,
			Kind:             completionKinds[it.Kind],
			Detail:           it.Detail,
			FilterText:       it.FilterText,
			SortText:         sortText(i),
			InsertTextFormat: protocol.InsertTextFormatPlainText,
			TextEdit:         &protocol.TextEdit{Range: s.toRange(f, it.Replace), NewText: it.InsertText},
		}
		if it.Snippet {
			ci.InsertTextFormat = protocol.InsertTextFormatSnippet
		}
		if it.Doc != "" {
			ci.Documentation = protocol.MarkupContent{Kind: protocol.Markdown, Value: it.Doc}
		}
		out.Items = append(out.Items, ci)
	}
	return out, nil
}

// sortText keeps the analysis' order (most relevant first).
func sortText(i int) string {
	const digits = "0123456789"
	return string([]byte{digits[i/1000%10], digits[i/100%10], digits[i/10%10], digits[i%10]})
}
