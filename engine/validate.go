package engine

import (
	"github.com/cedar-ls/cedar-ls/engine/validate"
)

// ValidationMode is Strict (official Cedar's default) or Permissive.
type ValidationMode = validate.Mode

const (
	Strict     = validate.Strict
	Permissive = validate.Permissive
)

// ValidationResult holds a validation's errors and warnings; the policies
// are valid when there is no error.
type ValidationResult = validate.Result

// ValidationDiagnostic is one validation error or warning: the policy and
// a Diagnostic — its span in the policy's source, a code named after
// official Cedar's error kind, official Cedar's message, and for a
// misspelled attribute, entity type or action official Cedar's "did you
// mean" suggestion.
type ValidationDiagnostic = validate.Diagnostic

// Validate typechecks the static policies and templates of a policy set
// against a schema, as official Cedar's validator does, in the order they
// were added.
func Validate(s *Schema, policies *PolicySet, mode ValidationMode) ValidationResult {
	return validate.Validate(s, policies.Written(), mode)
}

// Validator validates policies against one schema, built once and reused:
// safe for concurrent use, cancellable between policies (see
// validate.Validator). Editors and servers that validate often keep one.
type Validator = validate.Validator

// NewValidator builds a reusable validator for the schema.
func NewValidator(s *Schema, mode ValidationMode) *Validator {
	return validate.New(s, validate.Options{Mode: mode})
}
