package grammar

// #cgo CFLAGS: -std=c11 -I${SRCDIR}/tree-sitter-cedarschema/src
// #include "tree-sitter-cedarschema/src/parser.c"
// #include "tree-sitter-cedarschema/src/scanner.c"
import "C"

import (
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
)

var cedarschemaLanguage = sitter.NewLanguage(unsafe.Pointer(C.tree_sitter_cedarschema()))
