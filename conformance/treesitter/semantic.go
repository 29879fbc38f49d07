package treesitter

import "strings"

// A semanticCheck is an error the engine's parser reports on text that is
// well-formed by Cedar's context-free grammar: tree-sitter, a CFG parser,
// accepts such text, and the grammars leave these checks to the engine
// (an editor learns of them from the language server's diagnostics).
type semanticCheck struct {
	name string
	// why a context-free grammar does not (or should not) check it
	why string
	// matches reports whether an engine error message is this check's
	matches func(msg string) bool
}

func contains(parts ...string) func(string) bool {
	return func(msg string) bool {
		for _, p := range parts {
			if !strings.Contains(msg, p) {
				return false
			}
		}
		return true
	}
}

// policySemanticChecks are the engine's policy-parser checks of this kind.
var policySemanticChecks = []semanticCheck{
	{"unknown function", "any name can be called syntactically; the four extension functions are a library, not grammar", contains("unknown function")},
	{"unknown method", "method names are a library, not grammar", contains("unknown method")},
	{"function called as a method or the reverse", "needs the names of the library", func(m string) bool {
		return strings.Contains(m, "is a function, not a method") || strings.Contains(m, "is a method, not a function")
	}},
	{"method arity", "argument counts per method are a library, not grammar", func(m string) bool {
		return strings.Contains(m, " takes ") && strings.Contains(m, " given")
	}},
	{"integer literal out of range", "the 64-bit range is a value check (a CFG could only spell it out digit by digit)", contains("is too large")},
	{"duplicate annotation", "uniqueness is not context-free", contains("duplicate annotation")},
	{"duplicate record key", "uniqueness is not context-free", contains("duplicate key")},
	{"nesting depth", "a resource limit of the engine's recursive parser, not grammar", contains("nested too deeply")},
}

// schemaSemanticChecks are the engine's schema-parser checks of this kind.
var schemaSemanticChecks = []semanticCheck{
	{"duplicate annotation", "uniqueness is not context-free", contains("duplicate annotation")},
	{"type nesting depth", "a resource limit of the engine's recursive parser, not grammar", contains("type nested too deeply")},
}

// classify returns the semantic check every message belongs to, or ""
// when some message is a syntax error tree-sitter should have found too.
// Messages of several semantic checks classify as the first one's.
func classify(checks []semanticCheck, msgs []string) string {
	first := ""
	for _, m := range msgs {
		found := ""
		for _, c := range checks {
			if c.matches(m) {
				found = c.name
				break
			}
		}
		if found == "" {
			return ""
		}
		if first == "" {
			first = found
		}
	}
	return first
}
