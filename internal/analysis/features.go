package analysis

import (
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/engine/validate"
)

// This file connects the features (completion, hover, navigation, …) to
// snapshots: which schema, entities and files each request sees.

// Knowledge is what the workspace knows for the file at uri: its schema
// and the entities of its entities files.
func (s *Snapshot) Knowledge(uri string) *Knowledge {
	k := &Knowledge{}
	path := URIToPath(uri)
	if sc := s.SchemaFor(uri); sc != nil && sc.usable() != nil {
		k.Schema = sc.usable()
		mode := validate.Strict
		if s.Settings().ValidationMode == ModePermissive {
			mode = validate.Permissive
		}
		k.Validator = sc.validator(mode)
	}
	a := s.AssociationFor(path)
	var ids map[types.EntityType][]string
	for _, p := range a.Entities {
		f := s.FileAt(p)
		if f == nil {
			continue
		}
		for t, l := range entityIDsOf(f) {
			if ids == nil {
				ids = map[types.EntityType][]string{}
			}
			ids[t] = append(ids[t], l...)
		}
	}
	if ids != nil {
		k.EntityIDs = func(t types.EntityType) []string { return ids[t] }
	}
	return k
}

var entityIDCache sync.Map // path + hash → map[types.EntityType][]string

// entityIDsOf lists the entities of an entities file by type.
func entityIDsOf(f *File) map[types.EntityType][]string {
	key := f.Path + "\x00" + string(rune(f.Hash()%0x10FFFF)) + itoa(int(f.Hash()>>1))
	if v, ok := entityIDCache.Load(key); ok {
		return v.(map[types.EntityType][]string)
	}
	out := map[types.EntityType][]string{}
	root := parseJSONSpans(f.Text)
	if root != nil {
		for _, e := range root.Elems {
			uid := e.get("uid")
			if x := uid.get("__entity"); x != nil {
				uid = x
			}
			t, _ := uid.str("type")
			id, idn := uid.str("id")
			if t != "" && idn != nil {
				out[types.EntityType(t)] = append(out[types.EntityType(t)], id)
			}
		}
	}
	for t := range out {
		sort.Strings(out[t])
	}
	entityIDCache.Store(key, out)
	return out
}

// Complete proposes completions at byte offset off of the file at uri.
func Complete(s *Snapshot, uri string, off int) []CompletionItem {
	f := s.File(uri)
	if f == nil {
		return nil
	}
	switch {
	case f.Kind == KindPolicy:
		return CompletePolicy(f.Text, nil, off, s.Knowledge(uri))
	case f.Kind.IsSchema():
		tree, _ := f.SchemaSyntax()
		return CompleteSchema(f.Text, f.Kind == KindSchemaJSON, tree, off, s.Knowledge(uri))
	case f.Kind == KindEntities || f.Kind == KindRequest || f.Kind == KindTests || f.Kind == KindLinks:
		return CompleteJSON(f.Text, jsonKindOf(f.Kind), off, s.Knowledge(uri))
	}
	return nil
}

func jsonKindOf(k Kind) JSONKind {
	switch k {
	case KindEntities:
		return JSONEntities
	case KindLinks:
		return JSONLinks
	case KindRequest:
		return JSONRequest
	case KindTests:
		return JSONTests
	}
	return 0
}

// HoverAt describes what is at byte offset off of the file at uri.
func HoverAt(s *Snapshot, uri string, off int) *Hover {
	f := s.File(uri)
	if f == nil {
		return nil
	}
	if f.Kind == KindPolicy {
		return HoverPolicy(f.Text, nil, off, s.Knowledge(uri))
	}
	if idx := s.SymbolIndex(uri); idx != nil {
		if h := idx.HoverSymbol(uri, off); h != nil {
			return h
		}
	}
	if f.Kind.IsJSON() && !f.Kind.IsSchema() {
		return HoverJSON(f.Text, jsonKindOf(f.Kind), off, s.Knowledge(uri))
	}
	return nil
}

// symbolIndexCache keeps the symbol indexes of the latest snapshots: a
// rename or references request usually follows others on the same state.
var symbolIndexCache struct {
	mu      sync.Mutex
	entries []symbolIndexEntry
}

type symbolIndexEntry struct {
	snap uint64
	key  string
	idx  *SymbolIndex
}

// SymbolIndex indexes the files that share the schema of the file at uri
// (the schema's fragments, the policies and the JSON data files it
// applies to), or the files without a schema when it has none.
func (s *Snapshot) SymbolIndex(uri string) *SymbolIndex {
	sc := s.SchemaFor(uri)
	key := ""
	if sc != nil {
		key = sc.Key()
	}
	c := &symbolIndexCache
	c.mu.Lock()
	for _, e := range c.entries {
		if e.snap == s.ID && e.key == key && s.ws != nil {
			c.mu.Unlock()
			return e.idx
		}
	}
	c.mu.Unlock()
	idx := NewSymbolIndex(s.sourcesFor(sc, true))
	c.mu.Lock()
	c.entries = append(c.entries, symbolIndexEntry{s.ID, key, idx})
	if len(c.entries) > 4 {
		c.entries = c.entries[1:]
	}
	c.mu.Unlock()
	return idx
}

// FileIndex indexes the schema of the file at uri and that file alone:
// enough for what stays in one file (document highlight, prepareRename),
// and cheap enough for requests sent on every cursor move.
func (s *Snapshot) FileIndex(uri string) *SymbolIndex {
	f := s.File(uri)
	if f == nil {
		return NewSymbolIndex(&Sources{})
	}
	sc := s.SchemaFor(uri)
	key := uri + "\x00" + itoa(int(f.Hash()>>1)) + "\x00"
	if sc != nil {
		key += sc.Key()
	}
	c := &fileIndexCache
	c.mu.Lock()
	for _, e := range c.entries {
		if e.key == key {
			c.mu.Unlock()
			return e.idx
		}
	}
	c.mu.Unlock()
	idx := s.fileIndex(f, sc)
	c.mu.Lock()
	c.entries = append(c.entries, symbolIndexEntry{key: key, idx: idx})
	if len(c.entries) > 4 {
		c.entries = c.entries[1:]
	}
	c.mu.Unlock()
	return idx
}

// fileIndexCache keeps the latest file indexes (a cursor moving in one
// version of a file asks again and again).
var fileIndexCache struct {
	mu      sync.Mutex
	entries []symbolIndexEntry
}

func (s *Snapshot) fileIndex(f *File, sc *Schema) *SymbolIndex {
	src := s.sourcesFor(sc, false)
	switch {
	case f.Kind == KindPolicy:
		src.Policies = []*PolicySource{{URI: f.URI, Text: f.Text, File: f.Policies().AST}}
	case jsonKindOf(f.Kind) != 0:
		src.JSON = []*JSONSource{{URI: f.URI, Kind: jsonKindOf(f.Kind), Text: f.Text}}
	}
	return NewSymbolIndex(src)
}

// sourcesFor gathers the workspace files that belong to schema sc: its
// fragments and, with all set, the policies and JSON data files.
func (s *Snapshot) sourcesFor(sc *Schema, all bool) *Sources {
	src := &Sources{}
	if sc != nil && len(sc.Files) > 0 {
		src.Schema = sc.Resolved
		src.SchemaKey = sc.Key()
		if sc.Resolved != nil {
			src.Validator = sc.validator(validate.Strict)
		}
		for _, f := range sc.Files {
			tree, _ := f.SchemaSyntax()
			src.Schemas = append(src.Schemas, &SchemaSource{URI: f.URI, Text: f.Text, Tree: tree})
		}
		src.locate = func(sp source.Span) (string, source.Span) {
			f, l := sc.locate(Span(sp))
			if f == nil {
				return "", sp
			}
			return f.URI, source.Span(l)
		}
	}
	if !all {
		return src
	}
	for _, path := range s.workspaceFiles() {
		f := s.FileAt(path)
		if f == nil || f.Kind.IsSchema() {
			continue
		}
		if other := s.SchemaFor(f.URI); other != sc && (other == nil || sc == nil || other.Key() != sc.Key()) {
			continue
		}
		switch {
		case f.Kind == KindPolicy:
			src.Policies = append(src.Policies, &PolicySource{URI: f.URI, Text: f.Text, File: f.Policies().AST})
		case jsonKindOf(f.Kind) != 0:
			src.JSON = append(src.JSON, &JSONSource{URI: f.URI, Kind: jsonKindOf(f.Kind), Text: f.Text})
		}
	}
	return src
}

// maxWorkspaceFiles bounds the scan of the workspace folders.
const maxWorkspaceFiles = 20000

// workspaceFiles lists the Cedar files of the workspace folders and the
// open documents, by path.
func (s *Snapshot) workspaceFiles() []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range s.OpenFiles() {
		if !seen[f.Path] {
			seen[f.Path] = true
			out = append(out, f.Path)
		}
	}
	for _, dir := range s.folders {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || len(out) >= maxWorkspaceFiles {
				return filepath.SkipDir
			}
			name := d.Name()
			if d.IsDir() {
				if path != dir && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "target" || name == "vendor") {
					return filepath.SkipDir
				}
				return nil
			}
			if !seen[path] && s.KindOf(path) != KindUnknown {
				seen[path] = true
				out = append(out, path)
			}
			return nil
		})
	}
	sort.Strings(out)
	return out
}

func (k *Knowledge) validator() *validate.Validator {
	if k == nil {
		return nil
	}
	return k.Validator
}

// Definition returns the declarations of the symbol at off of the file at
// uri. In a policy file the symbol is found from the text around the
// cursor and only the schema is indexed (no need to index every policy of
// the workspace); elsewhere the workspace's symbol index answers.
func Definition(s *Snapshot, uri string, off int) []DefTarget {
	f := s.File(uri)
	if f == nil {
		return nil
	}
	if f.Kind == KindPolicy {
		idx := s.schemaIndex(uri)
		p := &PolicySource{URI: uri, Text: f.Text}
		if keys, targets := idx.policyCursorSymbol(p, off); targets != nil || keys != nil {
			if targets != nil {
				return targets
			}
			if keys[0].Kind == SymEntity {
				// Entities are declared in the entities files.
				return s.SymbolIndex(uri).declsOf(keys)
			}
			return idx.declsOf(keys)
		}
	}
	return s.SymbolIndex(uri).Definition(uri, off)
}

// schemaIndexCache holds symbol indexes of schemas alone, by schema
// content: what definition needs from a policy file.
var schemaIndexCache struct {
	mu   sync.Mutex
	keys []string
	idx  map[string]*SymbolIndex
}

func (s *Snapshot) schemaIndex(uri string) *SymbolIndex {
	sc := s.SchemaFor(uri)
	if sc == nil {
		return NewSymbolIndex(&Sources{})
	}
	c := &schemaIndexCache
	c.mu.Lock()
	if idx := c.idx[sc.Key()]; idx != nil {
		c.mu.Unlock()
		return idx
	}
	c.mu.Unlock()
	idx := NewSymbolIndex(s.sourcesFor(sc, false))
	c.mu.Lock()
	if c.idx == nil {
		c.idx = map[string]*SymbolIndex{}
	}
	c.idx[sc.Key()] = idx
	c.keys = append(c.keys, sc.Key())
	if len(c.keys) > 8 {
		delete(c.idx, c.keys[0])
		c.keys = c.keys[1:]
	}
	c.mu.Unlock()
	return idx
}
