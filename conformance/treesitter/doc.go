// Package treesitter proves the tree-sitter grammars of grammar/ against
// the engine's parsers: the official corpus parses without a syntax error,
// and on generated policy sets and schemas and their mutations tree-sitter
// reports an error exactly when the engine's parser does, except for the
// checks a context-free grammar leaves to later stages (see semantic.go).
package treesitter
