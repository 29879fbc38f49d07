package parse

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// partsCases are files whose line starts make tricky bounds: inside
// strings and comments, between an annotation and its policy, inside a
// broken policy whose recovery runs on, right after `permitted`.
var partsCases = []string{
	"permit(principal, action, resource);\nforbid(principal, action, resource) when { context.a };\n@id(\"x\")\npermit(principal == User::\"a\", action, resource);\n",
	"permit(principal, action, resource) when { \"a;\npermit\" == context.s };\npermit(principal, action, resource);\n",
	"permit(principal, action, resource); // c;\n// permit(principal, action, resource);\npermit(principal, action, resource);\n",
	"permit(principal, action, resource) when { [1, (2;\npermit(principal, action, resource);\nforbid(principal, action, resource);\n",
	"permit(principal, action, resource) when { 1 + };\npermit(principal, action, resource);\npermitted(principal, action, resource);\nforbid(principal, action, resource);\n",
	"permit(principal, action, resource);\n@id(\"a\")\n@b\nforbid(principal, action, resource);\n@\npermit(principal, action, resource);\nforbid(principal",
	"forbid(principal, action, resource) unless { principal has a };\r\npermit (principal in Group::\"g\", action, resource);\r\npermit",
}

func partsSeeds(t *testing.T) [][]byte {
	var out [][]byte
	for _, c := range partsCases {
		out = append(out, []byte(c))
	}
	// This package's corpus and the other engine packages' policy files
	// (formatter goldens with comments everywhere, JSON round trips).
	files, _ := filepath.Glob("testdata/corpus/*.cedar")
	for _, pattern := range []string{"../*/testdata/*/*.cedar", "../*/testdata/*.cedar"} {
		more, _ := filepath.Glob(pattern)
		files = append(files, more...)
	}
	if len(files) < 50 {
		t.Fatalf("found %d policy files to split, want the engine's 60 or so", len(files))
	}
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, src)
	}
	var b strings.Builder
	for _, c := range partsCases {
		b.WriteString(c)
		b.WriteString("\n")
	}
	return append(out, []byte(b.String()))
}

// lineStarts are the offsets just after each "\n" of src.
func lineStarts(src []byte) []int {
	var out []int
	for i, c := range src {
		if c == '\n' && i+1 < len(src) {
			out = append(out, i+1)
		}
	}
	return out
}

// TestPartsReadAsOnePass: reading a file in parts gives what one pass
// gives, whatever the bounds: each line start alone, pairs of them, and
// the bounds splitPoints picks.
func TestPartsReadAsOnePass(t *testing.T) {
	for _, src := range partsSeeds(t) {
		starts := lineStarts(src)
		for i, b := range starts {
			checkParts(t, src, []int{b})
			if i+2 < len(starts) {
				checkParts(t, src, []int{b, starts[i+2]})
			}
		}
		checkParts(t, src, starts)
		for n := 2; n <= 4; n++ {
			checkParts(t, src, splitPoints(src, n))
		}
	}
}

// TestPartsOfALargeFile: Policies splits a large file (on a machine with
// one core it reads it in one pass, and the test checks that).
func TestPartsOfALargeFile(t *testing.T) {
	var b bytes.Buffer
	for b.Len() < 3*minPart {
		for _, c := range partsCases {
			b.WriteString(c)
			b.WriteString("\n")
		}
	}
	src := b.Bytes()
	if bounds := splitPoints(src, 3); len(bounds) != 2 {
		t.Fatalf("splitPoints found %v in a file of %d bytes, want 2 bounds", bounds, len(src))
	}
	file, errs := Policies(src)
	wantFile, wantErrs := newParser(src).policies()
	if !reflect.DeepEqual(file, wantFile) || !reflect.DeepEqual(errs, wantErrs) {
		t.Fatal("Policies of a large file differs from one pass")
	}
}

func checkParts(t *testing.T, src []byte, bounds []int) {
	t.Helper()
	file, errs := policiesInParts(src, bounds)
	wantFile, wantErrs := newParser(src).policies()
	if !reflect.DeepEqual(file, wantFile) || !reflect.DeepEqual(errs, wantErrs) {
		t.Errorf("%q in parts at %v:\n%#v\n%v\nin one pass:\n%#v\n%v", src, bounds, file, errs, wantFile, wantErrs)
	}
}

// FuzzParts: the same on any input, split at every line start.
func FuzzParts(f *testing.F) {
	addSeeds(f)
	for _, c := range partsCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		starts := lineStarts(src)
		checkParts(t, src, starts)
		if len(starts) > 1 {
			checkParts(t, src, starts[1:2])
		}
	})
}
