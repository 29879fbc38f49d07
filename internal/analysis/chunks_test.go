package analysis

import (
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/internal/benchdata"
)

// corpusTexts are policy texts to compare chunked and whole-file parsing
// on: the formatter's corpus, the benchmark's policies, and every prefix
// of some of them cut at regular steps (half-typed files).
func corpusTexts(t *testing.T) map[string]string {
	texts := map[string]string{"bench": benchdata.Policies(30, 20)}
	paths, _ := filepath.Glob("../../engine/format/testdata/golden/*.cedar")
	more, _ := filepath.Glob("../../engine/parse/testdata/corpus/*")
	for _, p := range append(paths, more...) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts[p] = string(b)
	}
	for name, text := range map[string]string{"bench": texts["bench"]} {
		for cut := 0; cut < len(text); cut += 37 {
			texts[name+"-cut"+strconv.Itoa(cut)] = text[:cut]
			// A bracket opened and never closed in the middle.
			texts[name+"-open"+strconv.Itoa(cut)] = text[:cut] + "(" + text[cut:]
		}
	}
	return texts
}

// TestChunkedParseMatchesWholeFile: parsing a file chunk by chunk gives
// the errors parsing it whole gives, and the same policies (spans and ids
// included) when it parses. In a broken file the chunked parse may keep
// more policies: the whole-file parser's recovery can swallow the rest of
// the file after a stray `(` (it then skips to a `;` outside brackets),
// where chunks restart at each line starting a policy.
func TestChunkedParseMatchesWholeFile(t *testing.T) {
	texts := corpusTexts(t)
	if len(texts) < 50 {
		t.Fatalf("only %d texts", len(texts))
	}
	more := 0
	for name, text := range texts {
		want, wantErrs := parse.Policies([]byte(text))
		f := chunkedFile(text)
		got := f.Policies()
		if !reflect.DeepEqual(got.Errors, wantErrs) && (len(got.Errors) > 0 || len(wantErrs) > 0) {
			t.Errorf("%s: errors differ\n got %v\nwant %v", name, got.Errors, wantErrs)
			continue
		}
		if len(want.Comments) > 0 && !reflect.DeepEqual(got.AST.Comments, want.Comments) {
			t.Errorf("%s: comments differ", name)
		}
		if reflect.DeepEqual(got.AST.Policies, want.Policies) || len(got.AST.Policies)+len(want.Policies) == 0 {
			continue
		}
		if len(wantErrs) == 0 {
			t.Errorf("%s: policies differ in a file without errors", name)
			continue
		}
		// Broken: every policy the whole-file parse read cleanly is kept
		// too (partial trees of broken ones may end elsewhere, chunks
		// restarting at lines that start a policy).
		kept := map[[2]int]bool{}
		for _, p := range got.AST.Policies {
			kept[[2]int{p.Span.Start, p.Span.End}] = true
		}
		for _, p := range want.Policies {
			if !p.HasErrors() && !kept[[2]int{p.Span.Start, p.Span.End}] {
				t.Errorf("%s: policy at %v lost by the chunked parse", name, p.Span)
			}
		}
		more++
	}
	t.Logf("%d texts; in %d broken ones the chunked parse keeps more policies", len(texts), more)
}

// chunkedFile is a policy file that will be parsed chunk by chunk (as
// after an edit), not whole (as a file seen for the first time).
func chunkedFile(text string) *File {
	f := newFile("file:///a.cedar", "/a.cedar", KindPolicy, 1, []byte(text), true)
	f.chunkSrc = chunkSource{prev: &File{}}
	return f
}

// TestWholeFileChunks: a clean file seen for the first time is chunked
// from one whole-file parse, into the chunks and trees the chunk-by-chunk
// parse gives.
func TestWholeFileChunks(t *testing.T) {
	for name, text := range corpusTexts(t) {
		if _, errs := parse.Policies([]byte(text)); len(errs) > 0 {
			continue
		}
		whole := newFile("file:///a.cedar", "/a.cedar", KindPolicy, 1, []byte(text), true)
		byChunk := chunkedFile(text)
		a, b := whole.chunks(), byChunk.chunks()
		if len(a) != len(b) {
			t.Fatalf("%s: %d chunks, chunk by chunk %d", name, len(a), len(b))
		}
		for i := range a {
			if a[i].start != b[i].start || a[i].end != b[i].end || a[i].firstID != b[i].firstID || a[i].p.attempts != b[i].p.attempts ||
				!reflect.DeepEqual(a[i].p.comments, b[i].p.comments) && len(a[i].p.comments)+len(b[i].p.comments) > 0 {
				t.Fatalf("%s: chunk %d differs", name, i)
			}
		}
		if !reflect.DeepEqual(whole.Policies(), byChunk.Policies()) {
			t.Fatalf("%s: policies differ", name)
		}
	}
}

// TestChunksReusedAcrossEdits: an edit inside one policy reparses only it.
func TestChunksReusedAcrossEdits(t *testing.T) {
	src := benchdata.Policies(50, 20)
	w, root := testWorkspace(t, nil)
	uri := uriIn(root, "p.cedar")
	snap := w.Open(uri, 1, []byte(src))
	before := snap.File(uri).chunks()
	off := editPoint(src, 50)
	x := NewLineIndex([]byte(src))
	line, char := x.Position(off, UTF16)
	snap, err := w.Change(uri, 2, []TextChange{{StartLine: line, StartChar: char, EndLine: line, EndChar: char, Text: "1"}}, UTF16)
	if err != nil {
		t.Fatal(err)
	}
	after := snap.File(uri).chunks()
	if len(after) != len(before) {
		t.Fatalf("%d chunks, then %d", len(before), len(after))
	}
	reparsed := 0
	for i := range after {
		if after[i].p != before[i].p {
			reparsed++
		}
	}
	if reparsed != 1 {
		t.Errorf("%d chunks reparsed, want 1", reparsed)
	}
	want, _ := parse.Policies(snap.File(uri).Text)
	if !reflect.DeepEqual(snap.File(uri).Policies().AST.Policies, want.Policies) {
		t.Error("policies after the edit differ from a whole-file parse")
	}
}

// TestIncrementalChunksRandomEdits: after random edits (typing, deleting,
// inserting brackets, semicolons and policies), the chunks found
// incrementally are the ones a fresh split finds, with the same parses.
func TestIncrementalChunksRandomEdits(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	pieces := []string{"", "x", ";", "(", ")", "{", "}", "\"", "\n", "permit(principal, action, resource);\n", "// c\n", "@id(\"a\")\n", " when { 1 + ", "forbid (", "é😀"}
	w, root := testWorkspace(t, nil)
	uri := uriIn(root, "p.cedar")
	text := benchdata.Policies(40, 20)
	snap := w.Open(uri, 1, []byte(text))
	snap.File(uri).chunks()
	for step := 0; step < 400; step++ {
		f := snap.File(uri)
		lines := f.Lines()
		a, b := r.Intn(len(f.Text)+1), r.Intn(len(f.Text)+1)
		if a > b {
			a, b = b, a
		}
		if b-a > 50 {
			b = a + r.Intn(50)
		}
		la, ca := lines.Position(a, UTF16)
		lb, cb := lines.Position(b, UTF16)
		var err error
		snap, err = w.Change(uri, int32(step+2), []TextChange{{StartLine: la, StartChar: ca, EndLine: lb, EndChar: cb, Text: pieces[r.Intn(len(pieces))]}}, UTF16)
		if err != nil {
			t.Fatal(err)
		}
		if step%3 == 0 {
			continue // leave some versions unparsed, as fast typing does
		}
		nf := snap.File(uri)
		got := nf.chunks()
		fresh := newFile(uri, nf.Path, KindPolicy, 0, nf.Text, true)
		want := fresh.chunks()
		if len(got) != len(want) {
			t.Fatalf("step %d: %d chunks, a fresh split has %d", step, len(got), len(want))
		}
		for i := range got {
			if got[i].start != want[i].start || got[i].end != want[i].end || got[i].firstID != want[i].firstID || got[i].p.text != want[i].p.text {
				t.Fatalf("step %d: chunk %d is %d-%d id %d, a fresh split has %d-%d id %d", step, i, got[i].start, got[i].end, got[i].firstID, want[i].start, want[i].end, want[i].firstID)
			}
		}
		if !reflect.DeepEqual(nf.Policies(), fresh.Policies()) {
			t.Fatalf("step %d: policies differ from a fresh parse", step)
		}
	}
}
