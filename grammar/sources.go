package grammar

import "embed"

// cSources are the C files cgo compiles through the #include lines of
// cedar.go and cedarschema.go. The go command does not track files
// #included from outside the package directory; embedding them makes them
// inputs of this package's build, so a regenerated parser.c rebuilds it
// instead of leaving a stale one in the build cache.
//
//go:embed tree-sitter-cedar/src/parser.c tree-sitter-cedar/src/scanner.c tree-sitter-cedar/src/tree_sitter/*.h
//go:embed tree-sitter-cedarschema/src/parser.c tree-sitter-cedarschema/src/scanner.c tree-sitter-cedarschema/src/tree_sitter/*.h
//go:embed common/scanner.h
var cSources embed.FS
