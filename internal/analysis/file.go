package analysis

import (
	"hash/maphash"
	"sync"
	"sync/atomic"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/schema/syntax"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/internal/jsontree"
)

// Span is a half-open byte range [Start, End) in a file's text. The
// engine's spans convert to it directly: analysis.Span(node.Span).
type Span struct {
	Start, End int
}

// Contains reports whether the byte offset lies in the span; the end
// counts too, so a cursor just after a token is on it.
func (s Span) Contains(off int) bool { return off >= s.Start && off <= s.End }

// File is one version of one file: an open document's text or the disk's.
// Files are immutable; every artifact is computed on first use, once, and
// is safe to read from many goroutines. Callers must not modify what the
// accessors return.
type File struct {
	URI  string
	Path string
	Kind Kind
	// Version is the editor's version of an open document, -1 for a file
	// read from disk.
	Version int32
	Text    []byte
	// Open reports whether the editor has the file open.
	Open bool

	hashOnce sync.Once
	hash     uint64

	linesOnce sync.Once
	lines     *LineIndex

	policiesOnce sync.Once
	policies     *PolicyFile

	chunksOnce sync.Once
	chunksDone atomic.Bool
	chunkList  []chunk
	chunkMu    sync.Mutex
	chunkSrc   chunkSource // dropped once chunks are computed

	schemaOnce sync.Once
	schemaTree *syntax.File
	schemaErrs []source.Diagnostic

	jsonOnce sync.Once
	jsonTree *jsontree.Value
	jsonErr  *jsontree.SyntaxError
}

func newFile(uri, path string, kind Kind, version int32, text []byte, open bool) *File {
	return &File{URI: uri, Path: path, Kind: kind, Version: version, Text: text, Open: open}
}

var hashSeed = maphash.MakeSeed()

// Hash identifies the text's content (for caches keyed by content).
func (f *File) Hash() uint64 {
	f.hashOnce.Do(func() { f.hash = maphash.Bytes(hashSeed, f.Text) })
	return f.hash
}

// Lines is the file's line index, for offset ↔ position conversion.
func (f *File) Lines() *LineIndex {
	f.linesOnce.Do(func() { f.lines = NewLineIndex(f.Text) })
	return f.lines
}

// PolicyFile is a policy file's syntax: every policy that could be read
// with absolute spans, every comment, and every parse error.
type PolicyFile struct {
	AST    *ast.File
	Errors []source.Diagnostic
}

// Policies parses a KindPolicy file (nil for other kinds).
func (f *File) Policies() *PolicyFile {
	if f.Kind != KindPolicy {
		return nil
	}
	f.policiesOnce.Do(func() { f.policies = f.assemblePolicies() })
	return f.policies
}

// PolicyAt returns the policy whose span holds the byte offset, or nil.
func (pf *PolicyFile) PolicyAt(off int) *ast.Policy {
	if pf == nil {
		return nil
	}
	for _, p := range pf.AST.Policies {
		if Span(p.Span).Contains(off) {
			return p
		}
	}
	return nil
}

// SchemaSyntax parses a schema file in the syntax its kind says (nil tree
// for other kinds); errors are the parse errors only.
func (f *File) SchemaSyntax() (*syntax.File, []source.Diagnostic) {
	if !f.Kind.IsSchema() {
		return nil, nil
	}
	f.schemaOnce.Do(func() {
		if f.Kind == KindSchemaJSON {
			f.schemaTree, f.schemaErrs = schema.ParseJSON(f.Text)
		} else {
			f.schemaTree, f.schemaErrs = schema.ParseCedar(f.Text)
		}
	})
	return f.schemaTree, f.schemaErrs
}

// maxJSONDepth bounds JSON nesting, as the engine's JSON readers do.
const maxJSONDepth = 1000

// JSON reads a JSON file (any kind whose IsJSON holds, or any text) into a
// tree of values with their spans; the tree is nil when the text is not
// JSON, and the error says where.
func (f *File) JSON() (*jsontree.Value, *jsontree.SyntaxError) {
	f.jsonOnce.Do(func() { f.jsonTree, f.jsonErr = jsontree.Parse(f.Text, maxJSONDepth) })
	return f.jsonTree, f.jsonErr
}
