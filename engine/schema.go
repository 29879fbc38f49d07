package engine

import (
	"github.com/cedar-ls/cedar-ls/engine/schema"
)

// Schema is a resolved schema: entity types with their attributes, tags
// and parents, and actions with what they apply to and their context.
type Schema = schema.Schema

// SchemaSyntax is one of the two ways to write a schema.
type SchemaSyntax uint8

const (
	// SchemaCedar is the Cedar schema syntax (`entity User in [Group];`).
	SchemaCedar SchemaSyntax = iota
	// SchemaJSON is the JSON schema syntax.
	SchemaJSON
)

// SchemaSyntaxOf is the syntax a schema file's name implies: JSON for a
// name ending in ".json", else Cedar.
func SchemaSyntaxOf(name string) SchemaSyntax {
	if schema.IsJSONName(name) {
		return SchemaJSON
	}
	return SchemaCedar
}

// LoadSchema reads a schema in the syntax its name implies (see
// SchemaSyntaxOf) and resolves it.
func LoadSchema(name string, src []byte) (*Schema, error) {
	return ParseSchema(name, src, SchemaSyntaxOf(name))
}

// ParseSchema reads a schema in the given syntax and resolves it. The
// error lists every problem found, each with its span (the syntax errors
// when there are any). For tools that go on regardless (an editor while
// the schema is edited), the schema returned with that error is
// everything that could be resolved (see schema.Resolve).
func ParseSchema(name string, src []byte, syntax SchemaSyntax) (*Schema, error) {
	parse := schema.ParseCedar
	if syntax == SchemaJSON {
		parse = schema.ParseJSON
	}
	f, errs := parse(src)
	s, rerrs := schema.Resolve(f)
	if len(errs) > 0 {
		return s, sourceErrors(name, src, errs)
	}
	if len(rerrs) > 0 {
		return s, sourceErrors(name, src, rerrs)
	}
	return s, nil
}
