package token

import (
	"strings"
	"unicode/utf8"
)

// EscapeError is an invalid escape sequence in a string literal. Start and
// End are byte offsets into the literal's raw text (quotes included).
type EscapeError struct {
	Start, End int
	Seq        string // the offending sequence as written, e.g. `\q`
}

func (e *EscapeError) Error() string {
	return "invalid escape sequence `" + e.Seq + "` in string literal"
}

// Unquote decodes a string literal's raw text (quotes included) with
// Cedar's escapes: \n \r \t \\ \0 \' \" \xHH (HH ≤ 7f) and \u{H…} (1–6
// hex digits, a Unicode scalar value).
func Unquote(raw []byte) (string, *EscapeError) {
	body := raw[1 : len(raw)-1]
	if !hasByte(body, '\\') {
		return string(body), nil
	}
	var b strings.Builder
	b.Grow(len(body))
	for i := 0; i < len(body); {
		c := body[i]
		if c != '\\' {
			b.WriteByte(c)
			i++
			continue
		}
		r, n, err := Unescape(body, i)
		if err != nil {
			return "", err
		}
		b.WriteRune(r)
		i += n
	}
	return b.String(), nil
}

func hasByte(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}

// Unescape decodes the escape at body[i] (a backslash) of a literal's body
// (the raw text without its quotes) and returns the rune and the escape's
// length. Error offsets are relative to the raw literal, which has one quote
// before body.
func Unescape(body []byte, i int) (rune, int, *EscapeError) {
	bad := func(n int) (rune, int, *EscapeError) {
		end := i + n
		if end > len(body) {
			end = len(body)
		}
		// Report whole characters, never half of a UTF-8 sequence.
		for end < len(body) && !utf8.RuneStart(body[end]) {
			end++
		}
		return 0, 0, &EscapeError{Start: i + 1, End: end + 1, Seq: string(body[i:end])}
	}
	if i+1 >= len(body) {
		return bad(1)
	}
	switch body[i+1] {
	case 'n':
		return '\n', 2, nil
	case 'r':
		return '\r', 2, nil
	case 't':
		return '\t', 2, nil
	case '\\':
		return '\\', 2, nil
	case '0':
		return 0, 2, nil
	case '\'':
		return '\'', 2, nil
	case '"':
		return '"', 2, nil
	case 'x':
		if i+3 >= len(body) {
			return bad(len(body) - i)
		}
		hi, ok1 := hexVal(body[i+2])
		lo, ok2 := hexVal(body[i+3])
		if !ok1 || !ok2 || hi > 7 {
			return bad(4)
		}
		return rune(hi<<4 | lo), 4, nil
	case 'u':
		if i+2 >= len(body) || body[i+2] != '{' {
			return bad(3)
		}
		j := i + 3
		var v rune
		tooLong := false
		for j < len(body) && body[j] != '}' {
			d, ok := hexVal(body[j])
			if !ok {
				return bad(j + 1 - i)
			}
			if j-(i+3) < 6 {
				v = v<<4 | rune(d)
			} else {
				tooLong = true // keep scanning to report all the digits
			}
			j++
		}
		if j >= len(body) || j == i+3 || tooLong || v > utf8.MaxRune || (v >= 0xD800 && v <= 0xDFFF) {
			return bad(j + 1 - i)
		}
		return v, j + 1 - i, nil
	}
	return bad(2)
}

func hexVal(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
