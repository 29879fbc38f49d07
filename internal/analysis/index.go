package analysis

import (
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// maxIndexedFiles bounds the workspace walk, so a huge folder (a home
// directory opened by mistake) cannot stall the server.
const maxIndexedFiles = 50000

// skippedDirs are never walked.
var skippedDirs = map[string]bool{".git": true, "node_modules": true, "target": true, ".hg": true, ".svn": true, "vendor": true}

// fileIndex caches the paths of the workspace's Cedar files.
type fileIndex struct {
	mu    sync.Mutex
	paths []string
	valid bool
}

// WorkspaceFiles lists every Cedar file of the workspace folders (by
// kind) plus open documents elsewhere, sorted by path.
func (s *Snapshot) WorkspaceFiles() []*File {
	paths := s.ws.indexedPaths(s.folders)
	seen := make(map[string]bool, len(paths))
	var out []*File
	for _, p := range paths {
		seen[p] = true
		if f := s.FileAt(p); f != nil && f.Kind != KindUnknown {
			out = append(out, f)
		}
	}
	for p, f := range s.overlays {
		if !seen[p] && f.Kind != KindUnknown {
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

func (w *Workspace) indexedPaths(folders []string) []string {
	w.index.mu.Lock()
	defer w.index.mu.Unlock()
	if w.index.valid {
		return w.index.paths
	}
	var paths []string
	for _, root := range folders {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if p != root && (skippedDirs[d.Name()] || strings.HasPrefix(d.Name(), ".")) {
					return fs.SkipDir
				}
				return nil
			}
			if kindOfName(d.Name()) != KindUnknown || strings.EqualFold(d.Name(), "entities.json") {
				paths = append(paths, p)
			}
			if len(paths) >= maxIndexedFiles {
				return fs.SkipAll
			}
			return nil
		})
	}
	w.index.paths, w.index.valid = paths, true
	return paths
}

func (w *Workspace) invalidateIndex() {
	w.index.mu.Lock()
	w.index.valid = false
	w.index.mu.Unlock()
}
