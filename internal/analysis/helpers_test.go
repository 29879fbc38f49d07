package analysis

import (
	"os"
	"path/filepath"
	"testing"
)

// testWorkspace writes files (relative path → text) into a temporary
// folder and starts a workspace over it.
func testWorkspace(t testing.TB, files map[string]string) (*Workspace, string) {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return NewWorkspace([]string{root}, DefaultSettings()), root
}

func uriIn(root, name string) string { return PathToURI(filepath.Join(root, filepath.FromSlash(name))) }
