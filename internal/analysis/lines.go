package analysis

import (
	"sort"
	"unicode/utf8"
)

// Encoding is how a position's character offset counts: UTF-16 code units
// (the LSP default) or UTF-8 bytes (when the client offers it).
type Encoding uint8

const (
	UTF16 Encoding = iota
	UTF8
)

// LineIndex converts between byte offsets in a text and 0-based
// line/character positions. Lines end at "\n", "\r\n" or a lone "\r", as
// in LSP.
type LineIndex struct {
	text   []byte
	starts []int // byte offset of each line's first byte
}

// NewLineIndex indexes text; the index keeps a reference to it.
func NewLineIndex(text []byte) *LineIndex {
	starts := make([]int, 1, 1+len(text)/32)
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return &LineIndex{text: text, starts: starts}
}

// LineCount is the number of lines (an empty text has one).
func (x *LineIndex) LineCount() int { return len(x.starts) }

// LineStart is the byte offset where the 0-based line starts.
func (x *LineIndex) LineStart(line int) int {
	if line < 0 {
		return 0
	}
	if line >= len(x.starts) {
		return len(x.text)
	}
	return x.starts[line]
}

// lineEnd is the offset of the line's break (or the text's end).
func (x *LineIndex) lineEnd(line int) int {
	end := len(x.text)
	if line+1 < len(x.starts) {
		end = x.starts[line+1]
		if end > 0 && x.text[end-1] == '\n' {
			end--
		}
		if end > x.starts[line] && x.text[end-1] == '\r' {
			end--
		}
	}
	return end
}

// Line returns the 0-based line holding the byte offset.
func (x *LineIndex) Line(off int) int {
	off = x.clamp(off)
	return sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
}

func (x *LineIndex) clamp(off int) int {
	if off < 0 {
		return 0
	}
	if off > len(x.text) {
		return len(x.text)
	}
	return off
}

// Position converts a byte offset to a 0-based line and character in the
// encoding. An offset inside a UTF-8 sequence counts as the sequence's
// start; an offset past the end is the end.
func (x *LineIndex) Position(off int, enc Encoding) (line, char int) {
	off = x.clamp(off)
	for off > 0 && off < len(x.text) && !utf8.RuneStart(x.text[off]) {
		off--
	}
	line = x.Line(off)
	start := x.starts[line]
	if end := x.lineEnd(line); off > end {
		off = end // inside a "\r\n"
	}
	if enc == UTF8 {
		return line, off - start
	}
	for i := start; i < off; {
		r, n := utf8.DecodeRune(x.text[i:off])
		i += n
		char++
		if r >= 0x10000 {
			char++
		}
	}
	return line, char
}

// Offset converts a 0-based line and character in the encoding to a byte
// offset. Out-of-range positions clamp, as LSP asks: a character past the
// line's end means the end, a line past the last means the text's end; a
// character inside a UTF-16 surrogate pair or a UTF-8 sequence means the
// start of its character.
func (x *LineIndex) Offset(line, char int, enc Encoding) int {
	if line < 0 {
		return 0
	}
	if line >= len(x.starts) {
		return len(x.text)
	}
	start, end := x.starts[line], x.lineEnd(line)
	if char <= 0 {
		return start
	}
	if enc == UTF8 {
		off := start + char
		if off >= end {
			return end
		}
		for off > start && !utf8.RuneStart(x.text[off]) {
			off--
		}
		return off
	}
	units := 0
	for i := start; i < end; {
		r, n := utf8.DecodeRune(x.text[i:end])
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if units+w > char {
			return i
		}
		units += w
		i += n
	}
	return end
}

// edited returns the index of the text after replacing [e.Start, e.End)
// of x's text with e.NewLen bytes, giving newText: line starts before the
// edit are kept, the edited region is scanned again, the rest shifted.
func (x *LineIndex) edited(e byteEdit, newText []byte) *LineIndex {
	// Lines starting at or before the edit's start are unchanged, except
	// a line starting right after a "\r" the edit may join to a "\n".
	keep := x.Line(e.Start) // the line holding Start starts at or before it
	if keep > 0 && x.starts[keep] == e.Start {
		keep--
	}
	starts := make([]int, 0, len(x.starts)+8)
	starts = append(starts, x.starts[:keep+1]...)
	delta := e.NewLen - (e.End - e.Start)
	// Rescan from the kept line's start to just past the edit, then
	// continue until a line start matches an old one (shifted).
	i := starts[len(starts)-1]
	oldNext := sort.SearchInts(x.starts, e.End+1)
	for i < len(newText) {
		c := newText[i]
		i++
		if c == '\r' && i < len(newText) && newText[i] == '\n' {
			i++
		} else if c != '\n' && c != '\r' {
			continue
		}
		starts = append(starts, i)
		if i > e.Start+e.NewLen {
			for oldNext < len(x.starts) && x.starts[oldNext]+delta < i {
				oldNext++
			}
			if oldNext < len(x.starts) && x.starts[oldNext]+delta == i && (i == 0 || newText[i-1] == '\n' || i == len(newText) || newText[i] != '\n') {
				for _, st := range x.starts[oldNext+1:] {
					starts = append(starts, st+delta)
				}
				return &LineIndex{text: newText, starts: starts}
			}
		}
	}
	return &LineIndex{text: newText, starts: starts}
}
