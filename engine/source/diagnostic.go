package source

import (
	"errors"
	"strconv"
)

// Severity is how serious a diagnostic is. The zero value is an error, so a
// Diagnostic written without one is an error.
type Severity uint8

const (
	SeverityError Severity = iota
	SeverityWarning
	SeverityInfo
	SeverityHint
)

var severityNames = [...]string{"error", "warning", "info", "hint"}

// String is the word compilers print: "error", "warning", "info", "hint".
func (s Severity) String() string {
	if int(s) < len(severityNames) {
		return severityNames[s]
	}
	return "severity(" + strconv.Itoa(int(s)) + ")"
}

// Stable diagnostic codes of the engine's readers. The validator's codes
// are official Cedar's validation error kinds ("unexpectedType",
// "unsafeAttributeAccess", …; see the Kind constants of engine/validate).
const (
	CodeParse             = "parse"               // policy syntax (engine/parse)
	CodeSchemaSyntax      = "schema-syntax"       // schema text in Cedar or JSON syntax (engine/schema/syntax)
	CodeSchema            = "schema"              // schema declarations that do not resolve or clash (engine/schema)
	CodeSchemaTranslate   = "schema-translate"    // a schema the other syntax cannot express
	CodeJSONSyntax        = "json-syntax"         // malformed JSON, in any JSON input
	CodePolicyJSON        = "policy-json"         // well-formed JSON that is no policy (engine/policyjson)
	CodeEntitiesJSON      = "entities-json"       // entities, context, value or request JSON (engine/entities/entitiesjson)
	CodeEvaluation        = "evaluation"          // an error while evaluating a policy or expression
	CodeDuplicatePolicyID = "duplicate-policy-id" // two policies with one id in a policy set
)

// Related is another place a diagnostic is about, such as the schema
// declaration an attribute access was checked against. It may lie in
// another text: File names it (a file name or URI; empty for the
// diagnostic's own text).
type Related struct {
	File    string
	Span    Span
	Message string
}

// Diagnostic is a problem found in a text: where (Span, byte offsets),
// how serious, a stable Code for tools, the Message people read, and
// optionally replacements to suggest ("did you mean") and related places.
// It is the one error type of the engine's readers, validator and
// authorizer; errors that carry more (a policy ID) embed it.
type Diagnostic struct {
	Span        Span
	Severity    Severity
	Code        string
	Message     string
	Suggestions []string
	Related     []Related
}

// Error is the message, so a Diagnostic is an error.
func (d Diagnostic) Error() string { return d.Message }

// Diagnostics is d alone, so every error of the engine is found by
// AsDiagnostics the same way.
func (d Diagnostic) Diagnostics() []Diagnostic { return []Diagnostic{d} }

// Diagnostics is a list of diagnostics of one text as one error.
type Diagnostics []Diagnostic

// Error is the first message, with how many more there are.
func (ds Diagnostics) Error() string {
	switch len(ds) {
	case 0:
		return "no diagnostics"
	case 1:
		return ds[0].Message
	}
	if len(ds) == 2 {
		return ds[0].Message + " (and 1 more error)"
	}
	return ds[0].Message + " (and " + strconv.Itoa(len(ds)-1) + " more errors)"
}

// Diagnostics is the list itself.
func (ds Diagnostics) Diagnostics() []Diagnostic { return ds }

// AsDiagnostics finds the diagnostics err carries: err or an error it wraps
// that is a Diagnostic, Diagnostics, or another engine error type that
// describes itself as diagnostics (it has a Diagnostics() []Diagnostic
// method). It reports false for errors that point into no text.
func AsDiagnostics(err error) ([]Diagnostic, bool) {
	var d interface{ Diagnostics() []Diagnostic }
	if errors.As(err, &d) {
		return d.Diagnostics(), true
	}
	return nil, false
}
