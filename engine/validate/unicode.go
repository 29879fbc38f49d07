package validate

import (
	"maps"
	"slices"
	"unicode"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// unicodeWarnings flags text that could mislead a reader, as official Cedar
// does: strings mixing scripts (e.g. a Cyrillic "а" among Latin letters) or
// holding bidirectional control characters, and the same in "identifiers"
// (entity ids and attribute names written as strings), which besides must
// keep to printable ASCII or letters, digits and marks.
func unicodeWarnings(p *ast.Policy) []Diagnostic {
	var out []Diagnostic
	// One finding per identifier or string, the first of: BIDI controls,
	// (identifiers) a character outside the security profile, mixed
	// scripts. Official shows the text raw, except in the profile finding,
	// where it is escaped like Rust's escape_debug.
	ident := func(id string, span source.Span) {
		if hasBidiControl(id) {
			out = append(out, newDiagnostic(span, KindBidiCharsInIdentifier,
				"identifier `"+id+"` contains BIDI control characters"))
			return
		}
		if r, bad := disallowedIdentifierChar(id); bad {
			shown := types.QuoteDebug(id)
			out = append(out, newDiagnostic(span, KindConfusableIdentifier,
				"identifier `"+shown[1:len(shown)-1]+"` contains the character `"+charDebug(r)+
					"` which is not a printable ASCII character and falls outside of the General Security Profile for Identifiers"))
			return
		}
		if isMixedScript(id) {
			out = append(out, newDiagnostic(span, KindMixedScriptIdentifier,
				"identifier `"+id+"` contains mixed scripts"))
		}
	}
	str := func(s string, span source.Span) {
		if hasBidiControl(s) {
			out = append(out, newDiagnostic(span, KindBidiCharsInString,
				"string `\""+s+"\"` contains BIDI control characters"))
			return
		}
		if isMixedScript(s) {
			out = append(out, newDiagnostic(span, KindMixedScriptString,
				"string `\""+s+"\"` contains mixed scripts"))
		}
	}
	for _, sc := range []*ast.Scope{&p.Principal, &p.Action, &p.Resource} {
		switch sc.Op {
		case ast.ScopeEq, ast.ScopeIn, ast.ScopeIsIn:
			if sc.Entity.Slot == ast.NoSlot {
				ident(sc.Entity.UID.ID, sc.Entity.Span)
			}
		case ast.ScopeInSet:
			for _, e := range sc.Entities {
				ident(e.UID.ID, e.Span)
			}
		}
	}
	for _, cond := range p.Conditions {
		ast.Inspect(cond.Body, func(e ast.Expr) bool {
			switch n := e.(type) {
			case *ast.EntityLit:
				ident(n.UID.ID, n.Span)
			case *ast.GetAttr:
				ident(n.Attr, n.Span)
			case *ast.Has:
				for _, a := range n.Path {
					ident(a, n.Span)
				}
			case *ast.RecordExpr:
				for _, en := range n.Entries {
					ident(en.Key, n.Span)
				}
			case *ast.Literal:
				if s, ok := n.Value.(types.String); ok {
					str(string(s), n.Span)
				}
			case *ast.Like:
				// Official checks the pattern as it prints it, escapes
				// included, at the whole `like` expression.
				str(patternText(n.Pattern), n.Span)
			}
			return true
		})
	}
	return out
}

// disallowedIdentifierChar finds the first character outside printable
// ASCII that is no letter, digit or combining mark: an approximation of
// Unicode TS #39's General Security Profile (Identifier_Status=Allowed)
// that catches control, format, private-use, symbol and space characters.
func disallowedIdentifierChar(s string) (rune, bool) {
	for _, r := range s {
		if r >= 0x20 && r <= 0x7e {
			continue
		}
		if r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc)) &&
			unicode.In(r, recommendedScripts...) && !technical(r) {
			continue
		}
		return r, true
	}
	return 0, false
}

// recommendedScripts are the scripts TS #31 recommends for identifiers;
// letters of limited-use scripts (Syriac, Runic, …) fall outside the
// profile.
var recommendedScripts = []*unicode.RangeTable{
	unicode.Common, unicode.Inherited, unicode.Arabic, unicode.Armenian, unicode.Bengali,
	unicode.Bopomofo, unicode.Cyrillic, unicode.Devanagari, unicode.Ethiopic, unicode.Georgian,
	unicode.Greek, unicode.Gujarati, unicode.Gurmukhi, unicode.Han, unicode.Hangul, unicode.Hebrew,
	unicode.Hiragana, unicode.Kannada, unicode.Katakana, unicode.Khmer, unicode.Lao, unicode.Latin,
	unicode.Malayalam, unicode.Myanmar, unicode.Oriya, unicode.Sinhala, unicode.Tamil, unicode.Telugu,
	unicode.Thaana, unicode.Thai, unicode.Tibetan,
}

// technical reports letters and marks of recommended scripts that the
// profile still excludes: IPA extensions and Hebrew cantillation marks.
func technical(r rune) bool {
	return (r >= 0x0250 && r <= 0x02AF) || (r >= 0x0591 && r <= 0x05AF)
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
	// Sorted by name so that the scripts sharing a bit are always the same.
	var ts []*unicode.RangeTable
	for _, name := range slices.Sorted(maps.Keys(unicode.Scripts)) {
		switch name {
		case "Common", "Inherited", "Han", "Hiragana", "Katakana", "Hangul", "Bopomofo":
			continue
		}
		ts = append(ts, unicode.Scripts[name])
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
	if unicode.In(r, unicode.Common, unicode.Inherited) {
		return ^uint64(0)
	}
	for i, t := range otherScripts {
		if unicode.Is(t, r) {
			// Scripts beyond the bit budget share a bit; mixing two of those
			// rare scripts goes unflagged.
			bit := 4 + i%60 // scriptFirstOther is bit 4
			return 1 << bit
		}
	}
	// Private-use and unassigned characters belong to no script: any text
	// holding one is "mixed", as official reports.
	return 0
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
