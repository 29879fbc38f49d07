// The external scanner of the Cedar policy grammar.
//
// Strings, `like` patterns and comments are scanned by ../../common/scanner.h
// (a NUL character inside them is Cedar, but the end of the input to
// tree-sitter's generated lexers).
//
// reserved_word_is_not_a_name is never produced: the grammar lets a
// reserved word stand where a name must be and then requires this token, so
// a reserved word used as a name is a syntax error, as in the engine's
// parser. (Tree-sitter's ABI 14, which Neovim 0.7 and the Go binding load,
// has no reserved-word sets.)

#include "../../common/scanner.h"

// The order of the grammar's externals.
enum { RESERVED_WORD_IS_NOT_A_NAME, STRING, PATTERN, COMMENT };

void *tree_sitter_cedar_external_scanner_create(void) { return NULL; }

void tree_sitter_cedar_external_scanner_destroy(void *payload) { (void)payload; }

unsigned tree_sitter_cedar_external_scanner_serialize(void *payload, char *buffer) {
  (void)payload;
  (void)buffer;
  return 0;
}

void tree_sitter_cedar_external_scanner_deserialize(void *payload, const char *buffer, unsigned length) {
  (void)payload;
  (void)buffer;
  (void)length;
}

bool tree_sitter_cedar_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid_symbols) {
  (void)payload;
  cedar_symbols sym = {STRING, PATTERN, COMMENT};
  return cedar_scan(lexer, valid_symbols, sym);
}
