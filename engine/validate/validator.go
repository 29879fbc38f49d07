package validate

import (
	"context"
	"sync"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/schema"
)

// Options configure a Validator.
type Options struct {
	// Mode is strict (the default, as official Cedar) or permissive.
	Mode Mode
}

// Validator validates policies against one schema. Build it once with New
// and reuse it: the schema's index (entity and action hierarchies, the
// types of every declaration) is built eagerly by New and only read
// afterwards, so a Validator is safe for concurrent use by any number of
// goroutines.
type Validator struct {
	idx  *index
	mode Mode
	// scratches recycles the memos of finished calls.
	scratches sync.Pool
}

// New builds a validator for the schema; a nil schema declares nothing.
func New(s *schema.Schema, opts Options) *Validator {
	v := &Validator{idx: newIndex(s), mode: opts.Mode}
	v.scratches.New = func() any { return newScratch() }
	return v
}

// Schema is the schema the validator checks against.
func (v *Validator) Schema() *schema.Schema { return v.idx.s }

// Mode is the validator's mode.
func (v *Validator) Mode() Mode { return v.mode }

func (v *Validator) scratch() *scratch { return v.scratches.Get().(*scratch) }

func (v *Validator) done(run *scratch) {
	run.reset()
	v.scratches.Put(run)
}

// Validate checks the policies in order. Cancelling ctx stops it between
// two policies: it then returns what it found in the policies checked so
// far and ctx's error.
func (v *Validator) Validate(ctx context.Context, policies []*ast.Policy) (Result, error) {
	run := v.scratch()
	defer v.done(run)
	var res Result
	for _, p := range policies {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		pr := v.idx.validatePolicy(run, p, v.mode)
		res.Errors = append(res.Errors, pr.Errors...)
		res.Warnings = append(res.Warnings, pr.Warnings...)
	}
	return res, nil
}

// validateAll is Validate without cancellation.
func (v *Validator) validateAll(policies []*ast.Policy) Result {
	res, _ := v.Validate(context.Background(), policies)
	return res
}

// ValidatePolicy checks one policy.
func (v *Validator) ValidatePolicy(p *ast.Policy) Result {
	run := v.scratch()
	defer v.done(run)
	return v.idx.validatePolicy(run, p, v.mode)
}

// PolicyTypes typechecks one policy in each of its request environments
// and returns the type of every expression checked in each, for tools
// (hover, completion) that need the inferred types.
func (v *Validator) PolicyTypes(p *ast.Policy) []*Typing {
	run := v.scratch()
	defer v.done(run)
	return v.idx.policyTypes(run, p, v.mode)
}

// RequestEnvs lists the request environments the policy's scope admits, in
// a stable order: for each action the action scope matches (actions that
// apply to no request are skipped), each principal and resource type of its
// appliesTo that the principal and resource scopes match.
func (v *Validator) RequestEnvs(p *ast.Policy) []Env {
	run := v.scratch()
	defer v.done(run)
	return v.idx.requestEnvs(run, p)
}
