package analysis

import (
	"math/rand"
	"reflect"
	"testing"
)

func TestLineIndex(t *testing.T) {
	text := []byte("ab\r\nc😀d\ré\n")
	x := NewLineIndex(text)
	if x.LineCount() != 4 {
		t.Fatalf("LineCount %d, want 4", x.LineCount())
	}
	cases := []struct {
		off       int
		line, u16 int
		u8        int
	}{
		{0, 0, 0, 0}, {2, 0, 2, 2}, {3, 0, 2, 2}, {4, 1, 0, 0}, {5, 1, 1, 1},
		{7, 1, 1, 1}, // inside the emoji: its start
		{9, 1, 3, 5}, {10, 1, 4, 6}, {11, 2, 0, 0}, {13, 2, 1, 2}, {14, 3, 0, 0}, {99, 3, 0, 0},
	}
	for _, c := range cases {
		if l, ch := x.Position(c.off, UTF16); l != c.line || ch != c.u16 {
			t.Errorf("Position(%d, UTF16) = %d:%d, want %d:%d", c.off, l, ch, c.line, c.u16)
		}
		if l, ch := x.Position(c.off, UTF8); l != c.line || ch != c.u8 {
			t.Errorf("Position(%d, UTF8) = %d:%d, want %d:%d", c.off, l, ch, c.line, c.u8)
		}
	}
	offsets := []struct {
		line, char int
		enc        Encoding
		want       int
	}{
		{0, 0, UTF16, 0}, {0, 99, UTF16, 2}, {1, 1, UTF16, 5}, {1, 2, UTF16, 5}, {1, 3, UTF16, 9},
		{1, 3, UTF8, 5}, {1, 5, UTF8, 9}, {2, 1, UTF16, 13}, {9, 0, UTF16, len(text)}, {-1, 5, UTF16, 0},
	}
	for _, c := range offsets {
		if got := x.Offset(c.line, c.char, c.enc); got != c.want {
			t.Errorf("Offset(%d, %d, %v) = %d, want %d", c.line, c.char, c.enc, got, c.want)
		}
	}
}

// TestLineIndexEdited: an index updated for an edit equals one built from
// the new text, over random edits with every kind of line break.
func TestLineIndexEdited(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	pieces := []string{"", "a", "\n", "\r", "\r\n", "ab\ncd", "\n\n", "é"}
	text := []byte("one\ntwo\r\nthree\rfour\n")
	x := NewLineIndex(text)
	for step := 0; step < 5000; step++ {
		a, b := r.Intn(len(text)+1), r.Intn(len(text)+1)
		if a > b {
			a, b = b, a
		}
		ins := pieces[r.Intn(len(pieces))]
		next := append(append(append([]byte{}, text[:a]...), ins...), text[b:]...)
		got := x.edited(byteEdit{a, b, len(ins)}, next)
		want := NewLineIndex(next)
		if !reflect.DeepEqual(got.starts, want.starts) {
			t.Fatalf("step %d: edit [%d,%d) of %q with %q: starts %v, want %v", step, a, b, text, ins, got.starts, want.starts)
		}
		text, x = next, got
		if len(text) > 200 {
			text = []byte("x\n")
			x = NewLineIndex(text)
		}
	}
}
