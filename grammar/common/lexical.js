/**
 * Lexical rules shared by the Cedar policy and schema grammars. They follow
 * the engine's tokenizer and string unquoting (internal/token), so that a
 * literal the engine rejects — a bad escape, an unterminated string — is a
 * syntax error for tree-sitter too.
 */

// Whitespace: ASCII whitespace and every other Unicode White_Space
// character, as the engine's scanner (Go's unicode.IsSpace) skips.
const WHITESPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

// `//` comments run to the end of the line, excluding "\n" and "\r".
const COMMENT = /\/\/[^\n\r]*/;

const IDENTIFIER = /[_a-zA-Z][_a-zA-Z0-9]*/;

const HEX = '[0-9a-fA-F]';
// Four hex digits that are not a UTF-16 surrogate (D800–DFFF).
const HEX4_SCALAR = `(?:[0-9a-cA-CeEfF]${HEX}{3}|[dD][0-7]${HEX}{2})`;
// \u{…}: one to six hex digits naming a Unicode scalar value (≤ 10FFFF,
// no surrogates), leading zeros counted in the six.
const UNICODE_ESCAPE = '\\\\u\\{(?:' + [
  `${HEX}{1,3}`,
  HEX4_SCALAR,
  `0${HEX4_SCALAR}`,
  `[1-9a-fA-F]${HEX}{4}`,
  `00${HEX4_SCALAR}`,
  `0[1-9a-fA-F]${HEX}{4}`,
  `10${HEX}{4}`,
].join('|') + ')\\}';

// The escapes of Cedar strings: \n \r \t \\ \0 \' \" \xHH (HH ≤ 7f) and
// \u{H…}.
const ESCAPE = `\\\\[nrt\\\\0'"]|\\\\x[0-7]${HEX}|${UNICODE_ESCAPE}`;

// A string literal, one token: its escapes are checked by the regex.
const STRING = new RegExp(`"(?:[^"\\\\]|${ESCAPE})*"`);

// A `like` pattern also allows `\*`, a literal star.
const PATTERN = new RegExp(`"(?:[^"\\\\]|${ESCAPE}|\\\\\\*)*"`);

// Cedar's reserved words: never names of attributes, record keys, `has`
// path segments or path components; `__cedar` is reserved too in policies
// (and for declared names in schemas).
const RESERVED = ['true', 'false', 'if', 'then', 'else', 'in', 'is', 'like', 'has'];

module.exports = {
  WHITESPACE, COMMENT, IDENTIFIER, STRING, PATTERN, RESERVED,
};
