// Package source is positions in a text: byte spans and comments, byte
// offset ↔ line:col and LSP UTF-16 positions, and errors that point into a
// text. It sits under the syntax trees, as go/token sits under go/ast.
package source

import (
	"fmt"
	"sort"
	"unicode/utf8"
)

// Lines indexes the line starts of a text.
type Lines struct {
	src    []byte
	starts []int
}

// NewLines indexes src. Lines end at "\n"; a preceding "\r" belongs to the
// line it ends.
func NewLines(src []byte) *Lines {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Lines{src: src, starts: starts}
}

// Pos is a 1-based line and column; Col counts Unicode code points, as
// compilers print them.
type Pos struct {
	Line, Col int
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

func (l *Lines) clamp(off int) int {
	if off < 0 {
		return 0
	}
	if off > len(l.src) {
		return len(l.src)
	}
	return off
}

func (l *Lines) line(off int) int {
	return sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
}

// Pos converts a byte offset to a 1-based line and column.
func (l *Lines) Pos(off int) Pos {
	off = l.clamp(off)
	ln := l.line(off)
	return Pos{Line: ln + 1, Col: utf8.RuneCount(l.src[l.starts[ln]:off]) + 1}
}

// UTF16 converts a byte offset to a 0-based line and UTF-16 code unit
// offset, the positions of the Language Server Protocol.
func (l *Lines) UTF16(off int) (line, char int) {
	off = l.clamp(off)
	ln := l.line(off)
	n := 0
	for _, r := range string(l.src[l.starts[ln]:off]) {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return ln, n
}

// Offset converts a 0-based line and UTF-16 offset back to a byte offset,
// clamping to the line's end.
func (l *Lines) Offset(line, char int) int {
	if line < 0 {
		return 0
	}
	if line >= len(l.starts) {
		return len(l.src)
	}
	off := l.starts[line]
	end := len(l.src)
	if line+1 < len(l.starts) {
		end = l.starts[line+1] - 1
	}
	n := 0
	for off < end && n < char {
		r, size := utf8.DecodeRune(l.src[off:end])
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
		off += size
	}
	return off
}

// LineText returns the text of the 1-based line, without its line break.
func (l *Lines) LineText(line int) string {
	if line < 1 || line > len(l.starts) {
		return ""
	}
	start := l.starts[line-1]
	end := len(l.src)
	if line < len(l.starts) {
		end = l.starts[line] - 1
	}
	if end > start && l.src[end-1] == '\r' {
		end--
	}
	return string(l.src[start:end])
}
