package analysis

import "testing"

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
