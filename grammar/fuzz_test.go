package grammar

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzCheck: any input parses to a tree, and every syntax error lies
// within the input (the external scanner neither hangs nor reads past the
// end). go test -fuzz FuzzCheck ./ for a longer run.
func FuzzCheck(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*")
	for _, path := range files {
		if src, err := os.ReadFile(path); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte("permit (principal, action, resource) when { \"a\x00\\u{10ffff}\" like \"\\*\" }; // \x00"))
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, l := range Langs {
			errs, err := l.Check(src)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range errs {
				if int(e.StartByte) > len(src) {
					t.Fatalf("%s: error at byte %d of %d", l, e.StartByte, len(src))
				}
			}
		}
	})
}
