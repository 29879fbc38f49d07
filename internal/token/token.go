// Package token is the Cedar tokenizer, shared by the policy parser and the
// schema parser: token kinds, a Scanner over []byte that collects `//`
// comments, and string-literal unescaping (plain strings and `like`
// patterns).
package token

import "github.com/cedar-ls/cedar-ls/engine/source"

// Kind is the kind of a token.
type Kind uint8

const (
	EOF     Kind = iota
	Invalid      // a character no token starts with, or an unterminated string
	Comment      // `// …` (only when Scanner.EmitComments is set)

	Ident  // [_a-zA-Z][_a-zA-Z0-9]*, keywords included
	Int    // [0-9]+ (range is checked by the parser)
	String // "…", raw text including the quotes
	Slot   // ?ident, e.g. ?principal (the text includes the `?`)

	LParen      // (
	RParen      // )
	LBrace      // {
	RBrace      // }
	LBracket    // [
	RBracket    // ]
	Comma       // ,
	Semicolon   // ;
	Colon       // :
	DoubleColon // ::
	Dot         // .
	At          // @
	Question    // ? not followed by an identifier (schema optional attributes)
	Assign      // =
	Eq          // ==
	NotEq       // !=
	Less        // <
	LessEq      // <=
	Greater     // >
	GreaterEq   // >=
	Not         // !
	And         // &&
	Or          // ||
	Plus        // +
	Minus       // -
	Star        // *
	Slash       // /
	Percent     // %
	Amp         // & (a lone one: not Cedar, reported by the parser)
	Pipe        // | (a lone one)
)

var kindNames = [...]string{
	EOF: "end of input", Invalid: "invalid token", Comment: "comment",
	Ident: "identifier", Int: "integer", String: "string literal", Slot: "template slot",
	LParen: "`(`", RParen: "`)`", LBrace: "`{`", RBrace: "`}`", LBracket: "`[`", RBracket: "`]`",
	Comma: "`,`", Semicolon: "`;`", Colon: "`:`", DoubleColon: "`::`", Dot: "`.`", At: "`@`",
	Question: "`?`", Assign: "`=`", Eq: "`==`", NotEq: "`!=`", Less: "`<`", LessEq: "`<=`",
	Greater: "`>`", GreaterEq: "`>=`", Not: "`!`", And: "`&&`", Or: "`||`", Plus: "`+`",
	Minus: "`-`", Star: "`*`", Slash: "`/`", Percent: "`%`", Amp: "`&`", Pipe: "`|`",
}

// String names the kind the way error messages quote it.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown token"
}

// Token is one lexical token. Its text is src[Span.Start:Span.End]; the
// scanner does not copy it, so scanning allocates nothing per token.
type Token struct {
	Kind Kind
	Span source.Span
}

// Bytes is the token's text in src (no copy).
func (t Token) Bytes(src []byte) []byte { return src[t.Span.Start:t.Span.End] }

// Text is the token's text in src as a new string.
func (t Token) Text(src []byte) string { return string(src[t.Span.Start:t.Span.End]) }

// Is reports whether t is the identifier (or keyword) word.
func (t Token) Is(src []byte, word string) bool {
	return t.Kind == Ident && string(src[t.Span.Start:t.Span.End]) == word
}
