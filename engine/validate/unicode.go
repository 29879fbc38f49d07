package validate

import (
	"unicode"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// unicodeWarnings flags string literals that could mislead a reader, as
// official Cedar does: text mixing scripts (e.g. a Cyrillic "а" among Latin
// letters) and bidirectional control characters. Cedar identifiers are
// ASCII, so only strings can carry these.
func unicodeWarnings(p *ast.Policy) []Diagnostic {
	var out []Diagnostic
	for _, cond := range p.Conditions {
		ast.Inspect(cond.Body, func(e ast.Expr) bool {
			lit, ok := e.(*ast.Literal)
			if !ok {
				return true
			}
			s, ok := lit.Value.(types.String)
			if !ok {
				return true
			}
			if hasBidiControl(string(s)) {
				out = append(out, Diagnostic{Span: lit.Span, Kind: KindBidiCharsInString,
					Msg: "string `" + s.String() + "` contains BIDI control characters"})
			}
			if isMixedScript(string(s)) {
				out = append(out, Diagnostic{Span: lit.Span, Kind: KindMixedScriptString,
					Msg: "string `" + s.String() + "` contains mixed scripts"})
			}
			return true
		})
	}
	return out
}

func hasBidiControl(s string) bool {
	for _, r := range s {
		if (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) {
			return true
		}
	}
	return false
}

// Script sets in the sense of Unicode TS #39's "resolved script set": a
// bit per writing system, where Han also counts towards Japanese, Korean
// and Bopomofo-with-Han text so that ordinary CJK text is single-script.
const (
	scriptJapanese = 1 << iota
	scriptKorean
	scriptHanB
	scriptLatin
	scriptFirstOther // first of the bits of the remaining scripts
)

var augmentedScripts = []struct {
	table *unicode.RangeTable
	set   uint64
}{
	{unicode.Han, scriptJapanese | scriptKorean | scriptHanB},
	{unicode.Hiragana, scriptJapanese},
	{unicode.Katakana, scriptJapanese},
	{unicode.Hangul, scriptKorean},
	{unicode.Bopomofo, scriptHanB},
}

var otherScripts = func() []*unicode.RangeTable {
	var ts []*unicode.RangeTable
	for name, t := range unicode.Scripts {
		switch name {
		case "Common", "Inherited", "Han", "Hiragana", "Katakana", "Hangul", "Bopomofo":
			continue
		}
		ts = append(ts, t)
	}
	return ts
}()

// scriptSet is the set of scripts r may belong to; all bits for characters
// shared by every script (digits, punctuation, combining marks).
func scriptSet(r rune) uint64 {
	if r < 0x80 {
		if unicode.IsLetter(r) {
			return scriptLatin
		}
		return ^uint64(0)
	}
	for _, a := range augmentedScripts {
		if unicode.Is(a.table, r) {
			return a.set
		}
	}
	if unicode.Is(unicode.Latin, r) {
		return scriptLatin
	}
	for i, t := range otherScripts {
		if unicode.Is(t, r) {
			// Scripts beyond the bit budget share a bit; mixing two of those
			// rare scripts goes unflagged.
			bit := 4 + i%60 // scriptFirstOther is bit 4
			return 1 << bit
		}
	}
	return ^uint64(0)
}

func isMixedScript(s string) bool {
	set := ^uint64(0)
	for _, r := range s {
		set &= scriptSet(r)
		if set == 0 {
			return true
		}
	}
	return false
}
