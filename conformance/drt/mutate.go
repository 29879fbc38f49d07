package drt

import (
	"slices"
	"strings"
)

// mutationTokens are fragments that break or bend Cedar syntax: brackets,
// operators, keywords in wrong places, bad literals, slots, annotations.
var mutationTokens = []string{
	"(", ")", "{", "}", "[", "]", ";", ",", ".", "::", ":", "\"", "'", "\\", "==", "=", "!=", "<", ">=",
	"&&", "||", "!", "-", "+", "*", "%", "in", "has", "like", "is", "if", "then", "else", "when", "unless",
	"permit", "forbid", "principal", "action", "resource", "context", "?principal", "?resource", "?x",
	"@id(\"x\")", "@a", "// c\n", "/*", "*/", "0x1", "9223372036854775807", "9223372036854775808",
	"-9223372036854775808", "1.5", "true", "false", "__cedar", "__cedar::ip(\"1.2.3.4\")", "User::", "Action::\"a\"",
	"\"\\u{110000}\"", "\"\\q\"", "\"\\u{41}\"", "ip", "decimal(\"1.0\")", ".foo()", ".contains()", "\t", "\n", " ",
	"é", "\x00", "if true then 1 else 2", "[]", "{}", "{a: 1, a: 2}", "principal is", "resource in [",
}

// mutate breaks a text at random: deletes, duplicates or replaces a span,
// or inserts a mutation token, once to three times.
func (cg *caseGen) mutate(text string) string {
	b := []byte(text)
	for range 1 + cg.r.IntN(3) {
		if len(b) == 0 {
			b = []byte(pick(cg.r, mutationTokens))
			continue
		}
		at := cg.r.IntN(len(b))
		n := 1 + cg.r.IntN(min(12, len(b)-at))
		switch cg.r.IntN(4) {
		case 0:
			b = slices.Delete(b, at, at+n)
		case 1:
			b = slices.Insert(b, at, b[at:at+n]...)
		case 2:
			b = slices.Replace(b, at, at+n, []byte(pick(cg.r, mutationTokens))...)
		default:
			b = slices.Insert(b, at, []byte(pick(cg.r, mutationTokens))...)
		}
	}
	return string(b)
}

// shrinkText makes a text smaller while fails holds: delta debugging over
// lines, then over bytes, in chunks halving down to one (bounded).
func shrinkText(text string, fails func(string) bool) string {
	budget := 400
	try := func(s string) bool {
		if budget <= 0 {
			return false
		}
		budget--
		return fails(s)
	}
	lines := strings.SplitAfter(text, "\n")
	for n := len(lines) / 2; n >= 1; n /= 2 {
		for i := 0; i+n <= len(lines); {
			next := slices.Delete(slices.Clone(lines), i, i+n)
			if len(next) > 0 && try(strings.Join(next, "")) {
				lines = next
			} else {
				i += n
			}
		}
	}
	b := []byte(strings.Join(lines, ""))
	for n := len(b) / 2; n >= 1; n /= 2 {
		for i := 0; i+n <= len(b); {
			next := slices.Delete(slices.Clone(b), i, i+n)
			if len(next) > 0 && try(string(next)) {
				b = next
			} else {
				i += n
			}
		}
	}
	return string(b)
}
