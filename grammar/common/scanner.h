// The external tokens the Cedar policy and schema grammars share: string
// literals, `like` patterns and `//` comments. They are scanned here, not
// by regexes in grammar.js, because tree-sitter's generated lexers treat
// U+0000 as the end of the input: a NUL character inside a string or a
// comment, which Cedar accepts, would otherwise be a syntax error. The
// escapes are checked as the engine's unquoting does (internal/token).

#ifndef CEDAR_SCANNER_H
#define CEDAR_SCANNER_H

#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdint.h>

// The symbols of one grammar's external tokens; -1 for one it lacks.
typedef struct {
  int string;
  int pattern;
  int comment;
} cedar_symbols;

// Whitespace as the engine's scanner skips it (Go's unicode.IsSpace).
static bool cedar_is_space(int32_t c) {
  switch (c) {
  case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
  case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
  case 0x202F: case 0x205F: case 0x3000:
    return true;
  }
  return c >= 0x2000 && c <= 0x200A;
}

static int cedar_hex(int32_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Scans one escape after its backslash; false if it is not a Cedar
// escape. `\*` is one only in a pattern.
static bool cedar_escape(TSLexer *lexer, bool pattern) {
  int32_t c = lexer->lookahead;
  switch (c) {
  case 'n': case 'r': case 't': case '\\': case '0': case '\'': case '"':
    lexer->advance(lexer, false);
    return true;
  case '*':
    if (!pattern) return false;
    lexer->advance(lexer, false);
    return true;
  case 'x': {
    lexer->advance(lexer, false);
    int hi = cedar_hex(lexer->lookahead);
    if (hi < 0 || hi > 7) return false;
    lexer->advance(lexer, false);
    if (cedar_hex(lexer->lookahead) < 0) return false;
    lexer->advance(lexer, false);
    return true;
  }
  case 'u': {
    lexer->advance(lexer, false);
    if (lexer->lookahead != '{') return false;
    lexer->advance(lexer, false);
    int32_t value = 0;
    int digits = 0;
    for (int d; (d = cedar_hex(lexer->lookahead)) >= 0;) {
      if (digits == 6) return false;
      value = value * 16 + d;
      digits++;
      lexer->advance(lexer, false);
    }
    if (digits == 0 || lexer->lookahead != '}') return false;
    if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return false;
    lexer->advance(lexer, false);
    return true;
  }
  }
  return false;
}

// Scans a string literal (or, where only a pattern is valid or the text
// has a `\*`, a pattern) after its opening quote.
static bool cedar_quoted(TSLexer *lexer, const bool *valid, cedar_symbols sym) {
  bool want_string = valid[sym.string];
  bool want_pattern = sym.pattern >= 0 && valid[sym.pattern];
  bool star = false;
  for (;;) {
    if (lexer->eof(lexer)) return false;
    int32_t c = lexer->lookahead;
    if (c == '"') {
      lexer->advance(lexer, false);
      lexer->result_symbol = (want_pattern && (star || !want_string)) ? sym.pattern : sym.string;
      return true;
    }
    lexer->advance(lexer, false);
    if (c == '\\') {
      if (lexer->eof(lexer)) return false;
      if (lexer->lookahead == '*') star = true;
      if (!cedar_escape(lexer, want_pattern)) return false;
    }
  }
}

static bool cedar_scan(TSLexer *lexer, const bool *valid, cedar_symbols sym) {
  while (!lexer->eof(lexer) && cedar_is_space(lexer->lookahead)) {
    lexer->advance(lexer, true);
  }
  if (lexer->eof(lexer)) return false;
  if (lexer->lookahead == '/' && valid[sym.comment]) {
    lexer->advance(lexer, false);
    if (lexer->lookahead != '/') return false;
    while (!lexer->eof(lexer) && lexer->lookahead != '\n' && lexer->lookahead != '\r') {
      lexer->advance(lexer, false);
    }
    lexer->result_symbol = sym.comment;
    return true;
  }
  if (lexer->lookahead == '"' && (valid[sym.string] || (sym.pattern >= 0 && valid[sym.pattern]))) {
    lexer->advance(lexer, false);
    return cedar_quoted(lexer, valid, sym);
  }
  return false;
}

#endif
