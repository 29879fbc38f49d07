package analysis

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/schema/syntax"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/engine/validate"
)

// Schema is the schema of a file: its fragments merged and resolved.
// Schemas are cached by the content of their fragments, so every snapshot
// in which the fragments are unchanged shares one *Schema (and its
// validator and per-policy validation results).
type Schema struct {
	// Files are the fragments, in the order merged; Files that could not
	// be read are left out and reported in Errors.
	Files []*File
	// Resolved is the resolved schema; nil when it has errors.
	Resolved *schema.Schema
	// Partial is, while the schema has errors, everything of it that
	// resolved (see schema.Resolve), so completion and hover keep working
	// while it is edited; validation diagnostics wait for Resolved.
	Partial *schema.Schema
	// Errors are every parse and resolution error, each in its fragment.
	Errors []FileError
	// Association is how the schema was found.
	Association Association

	key   string
	bases []int // offset of each fragment in the merged coordinate space

	validation sync.Map // policy validation cache, see validation.go

	validatorsMu sync.Mutex
	validators   map[validate.Mode]*validate.Validator
}

// FileError is an error inside one file.
type FileError struct {
	File *File
	Span Span
	Code string
	Msg  string
}

// Decl is where a schema name is declared.
type Decl struct {
	File *File
	Span Span
}

// schemaCache keeps recently built schemas by their fragments' content.
type schemaCache struct {
	mu    sync.Mutex
	byKey map[string]*Schema
	order []string
}

const schemaCacheSize = 16

// SchemaFor is the schema of the file at uri (nil when none is found).
func (s *Snapshot) SchemaFor(uri string) *Schema {
	a := s.AssociationFor(URIToPath(uri))
	if len(a.Schema) == 0 {
		return nil
	}
	files := make([]*File, 0, len(a.Schema))
	var missing []string
	keyParts := make([]string, 0, len(a.Schema))
	for _, p := range a.Schema {
		f := s.FileAt(p)
		if f == nil {
			missing = append(missing, p)
			keyParts = append(keyParts, p+"\x00missing")
			continue
		}
		if !f.Kind.IsSchema() {
			// A schema named by a setting may have any name; read it
			// in the syntax its content says.
			kind := KindSchema
			if strings.HasPrefix(strings.TrimSpace(string(f.Text)), "{") {
				kind = KindSchemaJSON
			}
			f = newFile(f.URI, f.Path, kind, f.Version, f.Text, f.Open)
		}
		files = append(files, f)
		keyParts = append(keyParts, fmt.Sprintf("%s\x00%d\x00%x", p, f.Kind, f.Hash()))
	}
	key := strings.Join(keyParts, "\x01")
	c := &s.ws.schemas
	c.mu.Lock()
	if sc := c.byKey[key]; sc != nil {
		c.mu.Unlock()
		return sc
	}
	c.mu.Unlock()
	sc := buildSchema(files, key)
	sc.Association = a
	for _, p := range missing {
		sc.Errors = append(sc.Errors, FileError{Code: source.CodeSchema, Msg: "schema file " + p + " cannot be read"})
	}
	c.mu.Lock()
	if old := c.byKey[key]; old != nil {
		sc = old
	} else {
		c.byKey[key] = sc
		c.order = append(c.order, key)
		if len(c.order) > schemaCacheSize {
			delete(c.byKey, c.order[0])
			c.order = c.order[1:]
		}
	}
	c.mu.Unlock()
	return sc
}

// buildSchema merges and resolves fragments. With one fragment its cached
// syntax tree is resolved as it is; with several, each is parsed afresh
// and its spans moved to a shared coordinate space (fragment i starts at
// bases[i]) so every resolution error can be traced to its fragment.
func buildSchema(files []*File, key string) *Schema {
	sc := &Schema{Files: files, key: key}
	merged := &syntax.File{FromJSON: len(files) > 0}
	base := 0
	for _, f := range files {
		sc.bases = append(sc.bases, base)
		tree, errs := f.SchemaSyntax()
		for _, e := range errs {
			sc.Errors = append(sc.Errors, FileError{File: f, Span: Span(e.Span), Code: e.Code, Msg: e.Message})
		}
		if len(files) > 1 && tree != nil {
			if f.Kind == KindSchemaJSON {
				tree, _ = schema.ParseJSON(f.Text)
			} else {
				tree, _ = schema.ParseCedar(f.Text)
			}
			shiftSpans(reflect.ValueOf(tree), base)
		}
		if tree != nil {
			merged.Namespaces = append(merged.Namespaces, tree.Namespaces...)
			merged.Comments = append(merged.Comments, tree.Comments...)
			merged.FromJSON = merged.FromJSON && tree.FromJSON
		}
		base += len(f.Text) + 1
	}
	resolved, errs := schema.Resolve(merged)
	if len(sc.Errors) > 0 {
		// Resolving what parsed finds more errors that follow from the
		// syntax errors: not reported.
		sc.Partial = resolved
		return sc
	}
	for _, e := range errs {
		f, sp := sc.locate(Span(e.Span))
		sc.Errors = append(sc.Errors, FileError{File: f, Span: sp, Code: e.Code, Msg: e.Message})
	}
	if len(errs) == 0 {
		sc.Resolved = resolved
	} else {
		sc.Partial = resolved
	}
	return sc
}

// usable is the schema features other than validation work with: the
// resolved schema, or while it has errors what of it resolved.
func (sc *Schema) usable() *schema.Schema {
	if sc.Resolved != nil {
		return sc.Resolved
	}
	return sc.Partial
}

// locate maps a span in the merged coordinate space to its fragment.
func (sc *Schema) locate(sp Span) (*File, Span) {
	if len(sc.Files) == 0 {
		return nil, sp
	}
	i := sort.Search(len(sc.bases), func(i int) bool { return sc.bases[i] > sp.Start }) - 1
	if i < 0 {
		i = 0
	}
	b := sc.bases[i]
	return sc.Files[i], Span{sp.Start - b, sp.End - b}
}

// Key identifies the schema's content (for caches).
func (sc *Schema) Key() string { return sc.key }

// EntityDecl is where an entity type is declared.
func (sc *Schema) EntityDecl(name types.EntityType) (Decl, bool) {
	if sc == nil || sc.Resolved == nil {
		return Decl{}, false
	}
	e := sc.Resolved.Entities[name]
	if e == nil {
		return Decl{}, false
	}
	f, sp := sc.locate(Span(e.Span))
	return Decl{File: f, Span: sp}, f != nil
}

// ActionDecl is where an action is declared.
func (sc *Schema) ActionDecl(uid types.EntityUID) (Decl, bool) {
	if sc == nil || sc.Resolved == nil {
		return Decl{}, false
	}
	a := sc.Resolved.Actions[uid]
	if a == nil {
		return Decl{}, false
	}
	f, sp := sc.locate(Span(a.Span))
	return Decl{File: f, Span: sp}, f != nil
}

// ErrorsIn are the schema's errors inside one fragment.
func (sc *Schema) ErrorsIn(path string) []FileError {
	var out []FileError
	for _, e := range sc.Errors {
		if e.File != nil && e.File.Path == path {
			out = append(out, e)
		}
	}
	return out
}

var spanName = "Span"

// shiftSpans adds delta to every span in a freshly parsed tree. It finds
// spans by shape (a struct type named Span with int fields Start and End),
// so it keeps working as the syntax trees grow new nodes.
func shiftSpans(v reflect.Value, delta int) {
	seen := map[uintptr]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] {
				return
			}
			seen[v.Pointer()] = true
			walk(v.Elem())
		case reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice, reflect.Array:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		case reflect.Struct:
			t := v.Type()
			if t.Name() == spanName && t.NumField() == 2 && t.Field(0).Name == "Start" && t.Field(1).Name == "End" {
				if v.CanSet() {
					v.Field(0).SetInt(v.Field(0).Int() + int64(delta))
					v.Field(1).SetInt(v.Field(1).Int() + int64(delta))
				}
				return
			}
			for i := 0; i < v.NumField(); i++ {
				if t.Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		}
	}
	walk(v)
}
