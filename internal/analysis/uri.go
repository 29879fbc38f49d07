package analysis

import (
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
)

// URIToPath turns a file: URI into a clean file system path. Other schemes
// (untitled:, …) give the URI itself, so every document still has a key.
func URIToPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return uri
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		p = strings.TrimPrefix(p, "/")
	}
	return filepath.Clean(filepath.FromSlash(p))
}

// PathToURI turns a file system path into a file: URI. Paths that are
// not absolute (they came from a non-file URI) are returned as they are.
func PathToURI(path string) string {
	if !filepath.IsAbs(path) {
		return path
	}
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
