package token

import (
	"unicode"
	"unicode/utf8"

	"github.com/cedar-ls/cedar-ls/engine/source"
)

// Scanner splits a source into tokens. Whitespace is skipped: ASCII
// whitespace and every other Unicode White_Space character, as official
// Cedar's grammar does. `//` comments run to the end of the line (not
// including "\n" or "\r"); they are appended to Comments, or returned as
// Comment tokens when EmitComments is set.
type Scanner struct {
	src          []byte
	off          int
	EmitComments bool
	Comments     []source.Comment
}

// NewScanner returns a scanner positioned at the start of src.
func NewScanner(src []byte) *Scanner { return &Scanner{src: src} }

// Init resets s to scan src from the start, keeping its options.
func (s *Scanner) Init(src []byte) {
	s.src = src
	s.off = 0
	s.Comments = s.Comments[:0]
}

// Offset is the byte offset the next token's scan starts from.
func (s *Scanner) Offset() int { return s.off }

// Seek moves the scanner to a byte offset, which must be a token boundary.
func (s *Scanner) Seek(off int) { s.off = off }

// asciiClass classifies ASCII bytes for the scanner's hot loop.
const (
	clsOther = iota
	clsSpace
	clsIdentStart
	clsDigit
)

var asciiClass = func() (t [128]uint8) {
	for _, c := range " \t\n\r\v\f" {
		t[c] = clsSpace
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = clsIdentStart
		t[c-'a'+'A'] = clsIdentStart
	}
	t['_'] = clsIdentStart
	for c := '0'; c <= '9'; c++ {
		t[c] = clsDigit
	}
	return
}()

// identByte marks the bytes that may continue an identifier.
var identByte = func() (t [256]bool) {
	for c := range asciiClass {
		t[c] = asciiClass[c] == clsIdentStart || asciiClass[c] == clsDigit
	}
	return
}()

// IsIdentByte reports whether c may continue an identifier.
func IsIdentByte(c byte) bool { return identByte[c] }

// Next returns the next token; at the end it returns EOF tokens forever.
func (s *Scanner) Next() Token {
	src := s.src
	i := s.off
	for i < len(src) {
		c := src[i]
		if c < 128 {
			switch asciiClass[c] {
			case clsSpace:
				i++
				continue
			case clsIdentStart:
				j := i + 1
				for j < len(src) && IsIdentByte(src[j]) {
					j++
				}
				return s.tok(Ident, i, j)
			case clsDigit:
				j := i + 1
				for j < len(src) && src[j] >= '0' && src[j] <= '9' {
					j++
				}
				return s.tok(Int, i, j)
			}
			if c == '/' && i+1 < len(src) && src[i+1] == '/' {
				j := i + 2
				for j < len(src) && src[j] != '\n' && src[j] != '\r' {
					j++
				}
				if s.EmitComments {
					return s.tok(Comment, i, j)
				}
				s.Comments = append(s.Comments, source.Comment{Span: source.Span{Start: i, End: j}, Text: string(src[i:j])})
				i = j
				continue
			}
			return s.punct(i)
		}
		r, size := utf8.DecodeRune(src[i:])
		if r != utf8.RuneError && unicode.IsSpace(r) {
			i += size
			continue
		}
		return s.tok(Invalid, i, i+size)
	}
	s.off = len(src)
	return Token{Kind: EOF, Span: source.Span{Start: len(src), End: len(src)}}
}

func (s *Scanner) tok(k Kind, start, end int) Token {
	s.off = end
	return Token{Kind: k, Span: source.Span{Start: start, End: end}}
}

// punct scans an operator, punctuation, string or slot starting at i.
func (s *Scanner) punct(i int) Token {
	src := s.src
	next := byte(0)
	if i+1 < len(src) {
		next = src[i+1]
	}
	switch src[i] {
	case '"':
		return s.str(i)
	case '(':
		return s.tok(LParen, i, i+1)
	case ')':
		return s.tok(RParen, i, i+1)
	case '{':
		return s.tok(LBrace, i, i+1)
	case '}':
		return s.tok(RBrace, i, i+1)
	case '[':
		return s.tok(LBracket, i, i+1)
	case ']':
		return s.tok(RBracket, i, i+1)
	case ',':
		return s.tok(Comma, i, i+1)
	case ';':
		return s.tok(Semicolon, i, i+1)
	case '.':
		return s.tok(Dot, i, i+1)
	case '@':
		return s.tok(At, i, i+1)
	case '+':
		return s.tok(Plus, i, i+1)
	case '-':
		return s.tok(Minus, i, i+1)
	case '*':
		return s.tok(Star, i, i+1)
	case '/':
		return s.tok(Slash, i, i+1)
	case '%':
		return s.tok(Percent, i, i+1)
	case ':':
		if next == ':' {
			return s.tok(DoubleColon, i, i+2)
		}
		return s.tok(Colon, i, i+1)
	case '=':
		if next == '=' {
			return s.tok(Eq, i, i+2)
		}
		return s.tok(Assign, i, i+1)
	case '!':
		if next == '=' {
			return s.tok(NotEq, i, i+2)
		}
		return s.tok(Not, i, i+1)
	case '<':
		if next == '=' {
			return s.tok(LessEq, i, i+2)
		}
		return s.tok(Less, i, i+1)
	case '>':
		if next == '=' {
			return s.tok(GreaterEq, i, i+2)
		}
		return s.tok(Greater, i, i+1)
	case '&':
		if next == '&' {
			return s.tok(And, i, i+2)
		}
		return s.tok(Amp, i, i+1)
	case '|':
		if next == '|' {
			return s.tok(Or, i, i+2)
		}
		return s.tok(Pipe, i, i+1)
	case '?':
		if next < 128 && asciiClass[next] == clsIdentStart {
			j := i + 2
			for j < len(src) && IsIdentByte(src[j]) {
				j++
			}
			return s.tok(Slot, i, j)
		}
		return s.tok(Question, i, i+1)
	}
	return s.tok(Invalid, i, i+1)
}

// str scans a string literal starting at the quote at i. A backslash
// escapes the next byte (escapes are checked by Unquote); an unterminated
// string is an Invalid token running to the end of the input.
func (s *Scanner) str(i int) Token {
	src := s.src
	j := i + 1
	for j < len(src) {
		switch src[j] {
		case '"':
			return s.tok(String, i, j+1)
		case '\\':
			j += 2
			continue
		}
		j++
	}
	return s.tok(Invalid, i, len(src))
}
