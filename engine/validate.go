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

// ValidationDiagnostic is one validation error or warning: the policy, its
// span in the policy's source, a kind named after official Cedar's, and
// official Cedar's message.
type ValidationDiagnostic = validate.Diagnostic

// Validate typechecks the static policies and templates of a policy set
// against a schema, as official Cedar's validator does, in the order they
// were added.
func Validate(s *Schema, policies *PolicySet, mode ValidationMode) ValidationResult {
	return validate.Validate(s, policies.Written(), mode)
}
