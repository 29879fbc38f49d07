// Package grammar exposes the tree-sitter grammars of Cedar — policies and
// templates (language "cedar") and the Cedar schema syntax
// ("cedarschema") — through github.com/smacker/go-tree-sitter, with their
// queries (highlights, folds, indents, injections, locals, tags).
//
// The parsers are the committed, generated C sources under
// tree-sitter-cedar/src and tree-sitter-cedarschema/src (ABI 14), compiled
// by cgo. This package is its own Go module so that neither cgo nor the
// binding reaches the cedar-ls library or binary; the conformance module
// uses it to prove the grammars against the engine's parsers.
package grammar
