package corpusdata

import (
	"strings"
	"testing"

	// The corpus archives ship in this module; importing it keeps it a
	// dependency of the conformance module.
	_ "github.com/cedar-policy/cedar-go"
)

func TestArchiveHasAllCorpusTests(t *testing.T) {
	files, err := Archive("corpus-tests.tar.gz")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for name := range files {
		if strings.HasSuffix(name, ".json") && !strings.HasSuffix(name, ".entities.json") {
			n++
		}
	}
	if n != 7750 {
		t.Fatalf("corpus has %d test files, want 7750", n)
	}
}
