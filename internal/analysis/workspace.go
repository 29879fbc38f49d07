package analysis

import (
	"fmt"
	"os"
	"sync"
)

// Workspace is the server's mutable state: workspace folders, settings,
// open documents (overlays over the disk), explicit schema associations
// and caches. Every change returns a new immutable *Snapshot; features
// work on snapshots only, so a request never sees a half-applied change.
// A Workspace is safe for concurrent use.
type Workspace struct {
	mu       sync.Mutex
	folders  []string
	settings Settings
	overlays map[string]*File // open documents by path
	// associations map a document's path to the schema files the client
	// chose for it (cedar.associateSchema).
	associations map[string][]string
	// pushed is schema text an embedding client sent (cedar/updateSchema);
	// it is the schema of every file that has no explicit association.
	pushed *File
	seq    uint64
	snap   *Snapshot

	disk    diskCache
	schemas schemaCache
	index   fileIndex
}

// NewWorkspace starts a workspace over the folders (absolute paths).
func NewWorkspace(folders []string, settings Settings) *Workspace {
	w := &Workspace{
		folders:      append([]string(nil), folders...),
		settings:     settings,
		overlays:     map[string]*File{},
		associations: map[string][]string{},
	}
	w.disk.files = map[string]*File{}
	w.schemas.byKey = map[string]*Schema{}
	w.snap = w.snapshotLocked()
	return w
}

// Snapshot is the current state.
func (w *Workspace) Snapshot() *Snapshot {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.snap
}

// update applies fn under the lock and publishes a new snapshot.
func (w *Workspace) update(fn func() error) (*Snapshot, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := fn(); err != nil {
		return w.snap, err
	}
	w.snap = w.snapshotLocked()
	return w.snap, nil
}

func (w *Workspace) snapshotLocked() *Snapshot {
	w.seq++
	overlays := make(map[string]*File, len(w.overlays))
	for k, v := range w.overlays {
		overlays[k] = v
	}
	assoc := make(map[string][]string, len(w.associations))
	for k, v := range w.associations {
		assoc[k] = v
	}
	return &Snapshot{
		ID:           w.seq,
		ws:           w,
		folders:      append([]string(nil), w.folders...),
		settings:     w.settings,
		overlays:     overlays,
		associations: assoc,
		pushed:       w.pushed,
	}
}

// Open records an opened document.
func (w *Workspace) Open(uri string, version int32, text []byte) *Snapshot {
	s, _ := w.update(func() error {
		path := URIToPath(uri)
		w.overlays[path] = newFile(uri, path, w.kindLocked(path), version, text, true)
		return nil
	})
	return s
}

// TextChange is one content change of a didChange: a replacement of the
// range from (StartLine, StartChar) to (EndLine, EndChar), counted in the
// session's encoding, or of the whole text when Whole is set.
type TextChange struct {
	Whole                                  bool
	StartLine, StartChar, EndLine, EndChar int
	Text                                   string
}

// Change applies content changes, in order, to an open document.
func (w *Workspace) Change(uri string, version int32, changes []TextChange, enc Encoding) (*Snapshot, error) {
	return w.update(func() error {
		path := URIToPath(uri)
		old := w.overlays[path]
		if old == nil {
			return fmt.Errorf("didChange for %s, which is not open", uri)
		}
		text := old.Text
		lines := old.Lines()
		var edit *byteEdit
		for _, c := range changes {
			var e byteEdit
			text, e = applyChange(text, lines, c, enc)
			if c.Whole {
				lines = NewLineIndex(text)
			} else {
				lines = lines.edited(e, text)
			}
			if len(changes) == 1 && !c.Whole {
				edit = &e
			}
		}
		nf := newFile(old.URI, path, old.Kind, version, text, true)
		nf.linesOnce.Do(func() { nf.lines = lines })
		nf.chunkSrc = old.nextChunkSource(edit)
		w.overlays[path] = nf
		return nil
	})
}

// applyChange applies one change to text (indexed by lines) and says
// which bytes it replaced.
func applyChange(text []byte, lines *LineIndex, c TextChange, enc Encoding) ([]byte, byteEdit) {
	if c.Whole {
		return []byte(c.Text), byteEdit{0, len(text), len(c.Text)}
	}
	start := lines.Offset(c.StartLine, c.StartChar, enc)
	end := lines.Offset(c.EndLine, c.EndChar, enc)
	if end < start {
		start, end = end, start
	}
	out := make([]byte, 0, len(text)-(end-start)+len(c.Text))
	out = append(out, text[:start]...)
	out = append(out, c.Text...)
	return append(out, text[end:]...), byteEdit{start, end, len(c.Text)}
}

// Close forgets an open document; the disk's version takes over.
func (w *Workspace) Close(uri string) *Snapshot {
	s, _ := w.update(func() error {
		delete(w.overlays, URIToPath(uri))
		return nil
	})
	return s
}

// Saved notes that a document was written: the disk copy is re-read.
func (w *Workspace) Saved(uri string) *Snapshot {
	return w.DiskChanged([]string{URIToPath(uri)})
}

// DiskChanged drops cached disk contents of the paths (created, changed or
// deleted outside the editor).
func (w *Workspace) DiskChanged(paths []string) *Snapshot {
	s, _ := w.update(func() error {
		w.disk.mu.Lock()
		defer w.disk.mu.Unlock()
		for _, p := range paths {
			delete(w.disk.files, p)
		}
		w.disk.dirs = nil
		w.invalidateIndex()
		return nil
	})
	return s
}

// SetSettings replaces the settings.
func (w *Workspace) SetSettings(s Settings) *Snapshot {
	snap, _ := w.update(func() error { w.settings = s; return nil })
	return snap
}

// SetFolders replaces the workspace folders.
func (w *Workspace) SetFolders(folders []string) *Snapshot {
	snap, _ := w.update(func() error {
		w.folders = append([]string(nil), folders...)
		w.invalidateIndex()
		return nil
	})
	return snap
}

// Associate makes schemaURIs the schema of the document (the official
// server's cedar.associateSchema); no URIs removes the association.
func (w *Workspace) Associate(docURI string, schemaURIs []string) *Snapshot {
	s, _ := w.update(func() error {
		path := URIToPath(docURI)
		if len(schemaURIs) == 0 {
			delete(w.associations, path)
			return nil
		}
		paths := make([]string, len(schemaURIs))
		for i, u := range schemaURIs {
			paths[i] = URIToPath(u)
		}
		w.associations[path] = paths
		return nil
	})
	return s
}

// PushSchema sets schema text sent by the client (cedar/updateSchema);
// empty text removes it. json says the text is in the JSON syntax.
func (w *Workspace) PushSchema(text string, json bool) *Snapshot {
	s, _ := w.update(func() error {
		if text == "" {
			w.pushed = nil
			return nil
		}
		kind, name := KindSchema, "cedar-updateSchema.cedarschema"
		if json {
			kind, name = KindSchemaJSON, "cedar-updateSchema.cedarschema.json"
		}
		w.pushed = newFile("cedar:/"+name, "cedar:/"+name, kind, w.pushedVersionLocked(), []byte(text), true)
		return nil
	})
	return s
}

func (w *Workspace) pushedVersionLocked() int32 {
	if w.pushed == nil {
		return 1
	}
	return w.pushed.Version + 1
}

// kindLocked decides a path's kind, seeing open schema files too.
func (w *Workspace) kindLocked(path string) Kind {
	return kindOf(path, func(dir string) bool {
		for p, f := range w.overlays {
			if f.Kind.IsSchema() && parentDir(p) == dir {
				return true
			}
		}
		return diskHasSchemaIn(dir)
	})
}

// diskCache holds files read from disk until DiskChanged drops them.
type diskCache struct {
	mu    sync.Mutex
	files map[string]*File    // nil entry: unreadable
	dirs  map[string][]string // folder → names of the files in it
}

func (w *Workspace) diskFile(path string, kind Kind) *File {
	w.disk.mu.Lock()
	f, ok := w.disk.files[path]
	w.disk.mu.Unlock()
	if ok {
		return f
	}
	text, err := os.ReadFile(path)
	if err == nil {
		f = newFile(PathToURI(path), path, kind, -1, text, false)
	}
	w.disk.mu.Lock()
	w.disk.files[path] = f
	w.disk.mu.Unlock()
	return f
}

func (w *Workspace) dirNames(dir string) []string {
	w.disk.mu.Lock()
	names, ok := w.disk.dirs[dir]
	w.disk.mu.Unlock()
	if ok {
		return names
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	w.disk.mu.Lock()
	if w.disk.dirs == nil {
		w.disk.dirs = map[string][]string{}
	}
	w.disk.dirs[dir] = names
	w.disk.mu.Unlock()
	return names
}
