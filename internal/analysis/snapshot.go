package analysis

import (
	"path/filepath"
	"sort"
	"strings"
)

// Snapshot is the workspace at one moment: immutable, safe to share
// between goroutines. Files read from disk are read on first use and kept
// until the workspace hears they changed.
type Snapshot struct {
	// ID grows with every change of the workspace.
	ID           uint64
	ws           *Workspace
	folders      []string
	settings     Settings
	overlays     map[string]*File
	associations map[string][]string
	pushed       *File
}

// Settings are the settings in force.
func (s *Snapshot) Settings() Settings { return s.settings }

// Folders are the workspace folders (absolute paths).
func (s *Snapshot) Folders() []string { return s.folders }

// File is the file of a URI: the open document, or else the disk's
// content; nil when neither exists.
func (s *Snapshot) File(uri string) *File {
	return s.FileAt(URIToPath(uri))
}

// FileAt is File by path.
func (s *Snapshot) FileAt(path string) *File {
	if f := s.overlays[path]; f != nil {
		return f
	}
	if s.pushed != nil && path == s.pushed.Path {
		return s.pushed
	}
	if !filepath.IsAbs(path) {
		return nil
	}
	return s.ws.diskFile(path, s.KindOf(path))
}

// KindOf is the kind of the file at path, seeing unsaved open schema files
// when it decides whether an entities.json stands beside a schema.
func (s *Snapshot) KindOf(path string) Kind {
	if f := s.overlays[path]; f != nil {
		return f.Kind
	}
	return kindOf(path, s.hasSchemaIn)
}

func (s *Snapshot) hasSchemaIn(dir string) bool {
	for p, f := range s.overlays {
		if f.Kind.IsSchema() && parentDir(p) == dir {
			return true
		}
	}
	for _, n := range s.ws.dirNames(dir) {
		if kindOfName(n).IsSchema() {
			return true
		}
	}
	return false
}

// OpenFiles are the open documents, by path.
func (s *Snapshot) OpenFiles() []*File {
	out := make([]*File, 0, len(s.overlays))
	for _, f := range s.overlays {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// folderOf is the workspace folder holding path ("" when none does).
func (s *Snapshot) folderOf(path string) string {
	best := ""
	for _, f := range s.folders {
		if within(path, f) && len(f) > len(best) {
			best = f
		}
	}
	return best
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	if path == dir {
		return true
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && !strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel)
}

func parentDir(path string) string { return filepath.Dir(path) }

// namesIn lists the file names in a folder, open documents included.
func (s *Snapshot) namesIn(dir string) []string {
	seen := map[string]bool{}
	var names []string
	for _, n := range s.ws.dirNames(dir) {
		seen[n] = true
		names = append(names, n)
	}
	for p := range s.overlays {
		if parentDir(p) == dir && !seen[filepath.Base(p)] {
			names = append(names, filepath.Base(p))
		}
	}
	sort.Strings(names)
	return names
}
