package analysis

import (
	"context"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/validate"
)

// cachedValidation is one policy's validation result with spans relative
// to the policy's start, keyed by the mode and the policy's text.
type cachedValidation struct {
	errors, warnings []validate.Diagnostic
}

// ValidatePolicies validates the policies of a policy file against the
// schema in the mode. Results are cached per policy text, so after an
// edit only the policies whose text changed are typechecked again. It
// stops early, returning what it has, when ctx is cancelled.
func (sc *Schema) ValidatePolicies(ctx context.Context, text []byte, policies []*ast.Policy, mode validate.Mode) validate.Result {
	var res validate.Result
	if sc == nil || sc.Resolved == nil {
		return res
	}
	for _, p := range policies {
		if ctx.Err() != nil {
			break
		}
		start := p.Span.Start
		key := mode.String() + "\x00" + string(text[start:p.Span.End])
		var cv *cachedValidation
		if v, ok := sc.validation.Load(key); ok {
			cv = v.(*cachedValidation)
		} else {
			r := validate.ValidatePolicy(sc.Resolved, p, mode)
			cv = &cachedValidation{errors: relative(r.Errors, start), warnings: relative(r.Warnings, start)}
			sc.validation.Store(key, cv)
		}
		res.Errors = append(res.Errors, absolute(cv.errors, start, p.ID)...)
		res.Warnings = append(res.Warnings, absolute(cv.warnings, start, p.ID)...)
	}
	return res
}

func relative(ds []validate.Diagnostic, base int) []validate.Diagnostic {
	out := make([]validate.Diagnostic, len(ds))
	for i, d := range ds {
		d.Span.Start -= base
		d.Span.End -= base
		d.PolicyID = ""
		out[i] = d
	}
	return out
}

func absolute(ds []validate.Diagnostic, base int, id string) []validate.Diagnostic {
	out := make([]validate.Diagnostic, len(ds))
	for i, d := range ds {
		d.Span.Start += base
		d.Span.End += base
		d.PolicyID = id
		out[i] = d
	}
	return out
}
