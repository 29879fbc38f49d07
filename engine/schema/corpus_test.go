package schema

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCorpusResolves loads every schema of a local corpus, all of which
// official Cedar accepts. It runs when CEDAR_SCHEMA_CORPUS names a
// directory of .cedarschema files (e.g. the extracted official corpus).
func TestCorpusResolves(t *testing.T) {
	dir := os.Getenv("CEDAR_SCHEMA_CORPUS")
	if dir == "" {
		t.Skip("CEDAR_SCHEMA_CORPUS not set")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.cedarschema"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no schemas in %s: %v", dir, err)
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, errs := Load(path, src); len(errs) > 0 {
			t.Errorf("%s: %v", path, errs)
		}
	}
	t.Logf("%d schemas resolved", len(files))
}
