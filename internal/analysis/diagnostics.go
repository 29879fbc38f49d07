package analysis

import (
	"context"
	"regexp"
	"sort"

	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/engine/validate"
)

// Severity of a diagnostic, in LSP's order.
type Severity uint8

const (
	SeverityError Severity = iota + 1
	SeverityWarning
	SeverityInformation
	SeverityHint
)

// Diagnostic is one problem in a file.
type Diagnostic struct {
	Span     Span
	Severity Severity
	// Code is stable: the engine's codes ("parse", "schema-syntax",
	// "schema", "json-syntax", "entities-json", "policy-json"), the
	// validator's kinds ("unrecognizedEntityType", …), and this package's
	// "links" and "tests" for those files' structure.
	Code    string
	Message string
	// Href is the Cedar documentation page about the problem, if any.
	Href    string
	Related []Related
	// Suggestions are replacements the engine suggests ("did you mean").
	Suggestions []string
}

// Related points at another place involved in a diagnostic, usually a
// schema declaration.
type Related struct {
	URI     string
	Span    Span
	Message string
}

// Documentation pages diagnostics link to.
const (
	docPolicySyntax = "https://docs.cedarpolicy.com/policies/syntax-policy.html"
	docValidation   = "https://docs.cedarpolicy.com/policies/validation.html"
	docSchema       = "https://docs.cedarpolicy.com/schema/human-readable-schema.html"
	docSchemaJSON   = "https://docs.cedarpolicy.com/schema/json-schema.html"
)

// Diagnostics computes every diagnostic of the file at uri: parse errors,
// schema errors and validation errors and warnings. It returns nil when
// the file does not exist.
func Diagnostics(ctx context.Context, snap *Snapshot, uri string) []Diagnostic {
	f := snap.File(uri)
	if f == nil {
		return nil
	}
	var out []Diagnostic
	switch f.Kind {
	case KindPolicy:
		out = policyDiagnostics(ctx, snap, f)
	case KindSchema, KindSchemaJSON:
		out = schemaDiagnostics(snap, f)
	case KindEntities, KindRequest, KindLinks, KindTests, KindPolicyJSON, KindProject:
		out = jsonDiagnostics(snap, f)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	return out
}

// policyDiagnostics works chunk by chunk (see chunks.go): after an edit
// only the edited policy is parsed and validated again; the others'
// results come from their chunks' caches.
func policyDiagnostics(ctx context.Context, snap *Snapshot, f *File) []Diagnostic {
	chunks := f.chunks()
	var out []Diagnostic
	for _, c := range chunks {
		for _, e := range c.errors() {
			out = append(out, Diagnostic{Span: Span(e.Span), Severity: SeverityError, Code: e.Code, Message: e.Message, Href: docPolicySyntax})
		}
	}
	mode := snap.settings.ValidationMode
	if mode == ModeOff {
		return out
	}
	sc := snap.SchemaFor(f.URI)
	if sc == nil || sc.Resolved == nil {
		return out
	}
	vm := validate.Strict
	if mode == ModePermissive {
		vm = validate.Permissive
	}
	for _, c := range chunks {
		if ctx.Err() != nil {
			break
		}
		errs, warns := sc.validateChunk(c, vm)
		for _, d := range errs {
			out = append(out, validationDiagnostic(sc, d, SeverityError))
		}
		for _, d := range warns {
			out = append(out, validationDiagnostic(sc, d, SeverityWarning))
		}
	}
	return out
}

func validationDiagnostic(sc *Schema, d validate.Diagnostic, sev Severity) Diagnostic {
	return Diagnostic{
		Span: Span(d.Span), Severity: sev, Code: d.Code, Message: d.Message,
		Href: docValidation, Related: schemaRelated(sc, d.Message),
		Suggestions: d.Suggestions,
	}
}

var backquoted = regexp.MustCompile("`([^`]+)`")

// schemaRelated links the entity types and actions a validator message
// names (in backquotes, as official messages write them) to their
// declarations.
func schemaRelated(sc *Schema, msg string) []Related {
	var out []Related
	seen := map[string]bool{}
	for _, m := range backquoted.FindAllStringSubmatch(msg, -1) {
		name := m[1]
		if seen[name] {
			continue
		}
		seen[name] = true
		if d, ok := sc.EntityDecl(types.EntityType(name)); ok {
			out = append(out, Related{URI: d.File.URI, Span: d.Span, Message: "entity type " + name + " is declared here"})
			continue
		}
		if uid, err := parse.EntityUID(name); err == nil {
			if d, ok := sc.ActionDecl(uid); ok {
				out = append(out, Related{URI: d.File.URI, Span: d.Span, Message: "action " + name + " is declared here"})
			}
		}
	}
	return out
}

func schemaDiagnostics(snap *Snapshot, f *File) []Diagnostic {
	href := docSchema
	if f.Kind == KindSchemaJSON {
		href = docSchemaJSON
	}
	var out []Diagnostic
	sc := snap.SchemaFor(f.URI)
	inSchema := false
	if sc != nil {
		for _, sf := range sc.Files {
			if sf.Path == f.Path {
				inSchema = true
			}
		}
	}
	if !inSchema {
		// The file is not part of the schema in force here (a twin that
		// lost to its .cedarschema, say): check it on its own.
		_, errs := f.SchemaSyntax()
		for _, e := range errs {
			out = append(out, Diagnostic{Span: Span(e.Span), Severity: SeverityError, Code: e.Code, Message: e.Message, Href: href})
		}
		if len(errs) == 0 {
			single := buildSchema([]*File{f}, "")
			for _, e := range single.Errors {
				out = append(out, Diagnostic{Span: e.Span, Severity: SeverityError, Code: e.Code, Message: e.Msg, Href: href})
			}
		}
		return out
	}
	_, parseErrs := f.SchemaSyntax()
	for _, e := range parseErrs {
		out = append(out, Diagnostic{Span: Span(e.Span), Severity: SeverityError, Code: e.Code, Message: e.Message, Href: href})
	}
	if len(parseErrs) > 0 {
		return out
	}
	for _, e := range sc.ErrorsIn(f.Path) {
		out = append(out, Diagnostic{Span: e.Span, Severity: SeverityError, Code: e.Code, Message: e.Msg, Href: href})
	}
	return out
}
