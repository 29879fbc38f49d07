/**
 * Lexical rules shared by the Cedar policy and schema grammars, as the
 * engine's tokenizer (internal/token) has them. String literals, `like`
 * patterns and comments are external tokens (common/scanner.h).
 */

// Whitespace: ASCII whitespace and every other Unicode White_Space
// character, as the engine's scanner (Go's unicode.IsSpace) skips.
const WHITESPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

const IDENTIFIER = /[_a-zA-Z][_a-zA-Z0-9]*/;

// Cedar's reserved words: never names of attributes, record keys, `has`
// path segments or path components; `__cedar` is reserved too in policies
// (and for declared names in schemas).
const RESERVED = ['true', 'false', 'if', 'then', 'else', 'in', 'is', 'like', 'has'];

module.exports = { WHITESPACE, IDENTIFIER, RESERVED };
