package grammar

// #cgo CFLAGS: -std=c11 -I${SRCDIR}/tree-sitter-cedar/src
// #include "tree-sitter-cedar/src/parser.c"
// #include "tree-sitter-cedar/src/scanner.c"
import "C"

import (
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
)

var cedarLanguage = sitter.NewLanguage(unsafe.Pointer(C.tree_sitter_cedar()))
