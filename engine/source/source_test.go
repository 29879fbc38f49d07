package source

import (
	"testing"
)

// text has a CRLF line, a two-byte, a three-byte and a four-byte (UTF-16
// surrogate pair) character.
const text = "ab\r\néx\n€😀z\n"

func TestPos(t *testing.T) {
	l := NewLines([]byte(text))
	tests := []struct {
		off  int
		want Pos
	}{
		{0, Pos{1, 1}},
		{2, Pos{1, 3}},  // the \r
		{4, Pos{2, 1}},  // é
		{6, Pos{2, 2}},  // x, after the two bytes of é
		{8, Pos{3, 1}},  // €
		{11, Pos{3, 2}}, // 😀
		{15, Pos{3, 3}}, // z
		{17, Pos{4, 1}}, // end of text
		{-5, Pos{1, 1}}, // clamped
		{99, Pos{4, 1}}, // clamped
	}
	for _, tc := range tests {
		if got := l.Pos(tc.off); got != tc.want {
			t.Errorf("Pos(%d) = %v, want %v", tc.off, got, tc.want)
		}
	}
}

func TestUTF16RoundTrip(t *testing.T) {
	l := NewLines([]byte(text))
	tests := []struct {
		off, line, char int
	}{
		{0, 0, 0},
		{6, 1, 1},
		{11, 2, 1},
		{15, 2, 3}, // 😀 is two UTF-16 code units
		{17, 3, 0},
	}
	for _, tc := range tests {
		line, char := l.UTF16(tc.off)
		if line != tc.line || char != tc.char {
			t.Errorf("UTF16(%d) = %d:%d, want %d:%d", tc.off, line, char, tc.line, tc.char)
		}
		if off := l.Offset(tc.line, tc.char); off != tc.off {
			t.Errorf("Offset(%d, %d) = %d, want %d", tc.line, tc.char, off, tc.off)
		}
	}
	// Positions past a line's end clamp to the end of that line.
	if off := l.Offset(0, 50); off != 3 {
		t.Errorf("Offset(0, 50) = %d, want 3 (before the line break)", off)
	}
	if off := l.Offset(9, 0); off != len(text) {
		t.Errorf("Offset past the last line = %d, want %d", off, len(text))
	}
}

func TestLineText(t *testing.T) {
	l := NewLines([]byte(text))
	for line, want := range map[int]string{1: "ab", 2: "éx", 3: "€😀z", 4: "", 0: "", 5: ""} {
		if got := l.LineText(line); got != want {
			t.Errorf("LineText(%d) = %q, want %q", line, got, want)
		}
	}
}
