package analysis

import (
	"context"
	"strconv"
	"strings"

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
			r := sc.validator(mode).ValidatePolicy(p)
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

// maxChunkValidations bounds the results a chunk keeps (one per schema
// version and mode); editing a schema must not grow every chunk forever.
const maxChunkValidations = 4

// validateChunk validates a chunk's policies, cached on the chunk per
// schema and mode, and returns diagnostics placed in the file.
func (sc *Schema) validateChunk(c chunk, mode validate.Mode) (errs, warns []validate.Diagnostic) {
	pc := c.p
	key := validationKey{schema: sc, mode: mode}
	pc.mu.Lock()
	cv := pc.last
	if pc.lastKey != key {
		cv = pc.validation[key]
	}
	pc.mu.Unlock()
	if cv == nil {
		cv = &cachedValidation{}
		policies, base, firstID := pc.relativePolicies()
		for _, p := range policies {
			r := sc.validator(mode).ValidatePolicy(p)
			cv.errors = append(cv.errors, toChunk(r.Errors, base, firstID)...)
			cv.warnings = append(cv.warnings, toChunk(r.Warnings, base, firstID)...)
		}
		pc.mu.Lock()
		if pc.validation == nil || len(pc.validation) >= maxChunkValidations {
			pc.validation = map[validationKey]*cachedValidation{}
		}
		pc.validation[key] = cv
		pc.mu.Unlock()
	}
	pc.mu.Lock()
	pc.lastKey, pc.last = key, cv
	pc.mu.Unlock()
	place := func(ds []validate.Diagnostic) []validate.Diagnostic {
		if len(ds) == 0 {
			return nil
		}
		out := make([]validate.Diagnostic, len(ds))
		for i, d := range ds {
			d.Span.Start += c.start
			d.Span.End += c.start
			if n, err := strconv.Atoi(strings.TrimPrefix(d.PolicyID, "policy")); err == nil {
				d.PolicyID = "policy" + strconv.Itoa(c.firstID+n)
			}
			out[i] = d
		}
		return out
	}
	return place(cv.errors), place(cv.warnings)
}

// toChunk makes diagnostics relative to the chunk's start and policy ids
// relative to its first policy.
func toChunk(ds []validate.Diagnostic, base, firstID int) []validate.Diagnostic {
	out := make([]validate.Diagnostic, len(ds))
	for i, d := range ds {
		d.Span.Start -= base
		d.Span.End -= base
		if n, err := strconv.Atoi(strings.TrimPrefix(d.PolicyID, "policy")); err == nil {
			d.PolicyID = "policy" + strconv.Itoa(n-firstID)
		}
		out[i] = d
	}
	return out
}

// validator is the schema's reusable validator for the mode, built on
// first use and shared by every snapshot that has this schema.
func (sc *Schema) validator(mode validate.Mode) *validate.Validator {
	sc.validatorsMu.Lock()
	defer sc.validatorsMu.Unlock()
	if sc.validators == nil {
		sc.validators = map[validate.Mode]*validate.Validator{}
	}
	v := sc.validators[mode]
	if v == nil {
		v = validate.New(sc.usable(), validate.Options{Mode: mode})
		sc.validators[mode] = v
	}
	return v
}
