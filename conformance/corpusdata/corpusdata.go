// Package corpusdata reads the official Cedar integration corpus that ships
// inside the cedar-go module, so conformance tests need no copy of it.
package corpusdata

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Module is the module whose archives hold the corpus.
const Module = "github.com/cedar-policy/cedar-go"

// ModuleDir locates the corpus module in the module cache (it is a
// dependency of this module, so `go mod download` has fetched it).
func ModuleDir() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", Module).Output()
	if err != nil {
		return "", fmt.Errorf("locating %s (run `go mod download` in conformance/): %w", Module, err)
	}
	dir := strings.TrimSpace(string(out))
	if dir == "" {
		return "", fmt.Errorf("%s is not downloaded (run `go mod download` in conformance/)", Module)
	}
	return dir, nil
}

// Archive reads one of the corpus archives (e.g. "corpus-tests.tar.gz") and
// returns its regular files by path inside the archive (e.g.
// "corpus-tests/0004….cedar"). macOS resource forks ("._*") are skipped.
func Archive(name string) (map[string][]byte, error) {
	dir, err := ModuleDir()
	if err != nil {
		return nil, err
	}
	raw, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	files := map[string][]byte{}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return files, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if h.Typeflag != tar.TypeReg || strings.HasPrefix(filepath.Base(h.Name), "._") {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", name, h.Name, err)
		}
		files[h.Name] = b
	}
}
