// Package validate is Cedar's policy validator: it typechecks policies
// against a schema the way official Cedar 4.13 does, in strict (default) or
// permissive mode, and reports errors and warnings with spans.
//
// Each policy is typechecked once per request environment its scope admits
// (principal type, action, resource type, taken from the actions'
// appliesTo). Booleans known exactly (True/False) short-circuit `&&`, `||`
// and `if`, so branches that cannot run are not checked; `has` and
// `hasTag` tests establish capabilities that make later optional-attribute
// and tag accesses safe. A policy whose every environment types as False is
// reported as impossible (a warning).
package validate

import (
	"fmt"
	"slices"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// Mode is the validation mode.
type Mode uint8

const (
	// Strict rejects heterogeneous sets, mismatched types in `==`,
	// if-branches and contains, and empty set literals.
	Strict Mode = iota
	// Permissive allows least upper bounds across entity types and records.
	Permissive
)

func (m Mode) String() string {
	if m == Permissive {
		return "permissive"
	}
	return "strict"
}

// Diagnostic kinds, named after official Cedar's validation error and
// warning kinds.
const (
	KindUnrecognizedEntityType        = "unrecognizedEntityType"
	KindUnrecognizedActionID          = "unrecognizedActionId"
	KindInvalidEnumEntity             = "invalidEnumEntity"
	KindUnexpectedType                = "unexpectedType"
	KindIncompatibleTypes             = "incompatibleTypes"
	KindUnsafeAttributeAccess         = "unsafeAttributeAccess"
	KindUnsafeOptionalAttributeAccess = "unsafeOptionalAttributeAccess"
	KindUnsafeTagAccess               = "unsafeTagAccess"
	KindNoTagsAllowed                 = "noTagsAllowed"
	KindUndefinedFunction             = "undefinedFunction"
	KindWrongNumberArguments          = "wrongNumberArguments"
	KindFunctionArgumentValidation    = "functionArgumentValidation"
	KindEmptySetForbidden             = "emptySetForbidden"
	KindNonLitExtConstructor          = "nonLitExtConstructor"
	KindSlotInExpression              = "slotInExpression"
	// Warnings.
	KindInvalidActionApplication = "invalidActionApplication"
	KindImpossiblePolicy         = "impossiblePolicy"
	KindMixedScriptIdentifier    = "mixedScriptIdentifier"
	KindMixedScriptString        = "mixedScriptString"
	KindBidiCharsInIdentifier    = "bidiCharsInIdentifier"
	KindBidiCharsInString        = "bidiCharsInString"
	KindConfusableIdentifier     = "confusableIdentifier"
)

// Diagnostic is one validation error or warning of the policy PolicyID:
// a source.Diagnostic whose Code is one of the Kind constants (official
// Cedar's validation error kinds) and whose Severity says whether it is
// an error or a warning.
type Diagnostic struct {
	PolicyID string
	source.Diagnostic
}

func newDiagnostic(span source.Span, kind, msg string) Diagnostic {
	return Diagnostic{Diagnostic: source.Diagnostic{Span: span, Code: kind, Message: msg}}
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("%s [%d,%d) %s: %s", d.PolicyID, d.Span.Start, d.Span.End, d.Code, d.Message)
}

// Result is the outcome of validating a policy set; it is valid when
// Errors is empty.
type Result struct {
	Errors, Warnings []Diagnostic
}

// Valid reports whether no policy has an error.
func (r Result) Valid() bool { return len(r.Errors) == 0 }

// Validate checks the policies against the schema. It builds a Validator
// for the one call; reuse one (New) to validate more than once.
func Validate(s *schema.Schema, policies []*ast.Policy, mode Mode) Result {
	return New(s, Options{Mode: mode}).validateAll(policies)
}

// Typing is a policy's typechecking in one request environment.
type Typing struct {
	Env Env
	// Types maps every expression node that was checked in this
	// environment to its type (nodes short-circuited away are absent).
	Types map[ast.Expr]*Type
	// Result is the type of the whole policy condition (False when the
	// policy cannot apply in this environment).
	Result *Type
	Errors []Diagnostic
}

// PolicyTypes typechecks one policy in each of its request environments,
// for tools (hover, completion) that need the inferred types. It builds a
// Validator for the one call; reuse one (New) for more.
func PolicyTypes(s *schema.Schema, p *ast.Policy, mode Mode) []*Typing {
	return New(s, Options{Mode: mode}).PolicyTypes(p)
}

// ValidatePolicy validates a single policy. It builds a Validator for the
// one call; reuse one (New) for more.
func ValidatePolicy(s *schema.Schema, p *ast.Policy, mode Mode) Result {
	return New(s, Options{Mode: mode}).ValidatePolicy(p)
}

// policyTypes is PolicyTypes with the validator's index and a scratch.
//
// It types the readable parts of a policy with parse errors too (see
// ast.Policy): the environments are those its scope as read admits (a
// scope constraint that could not be read admits every entity type), an
// expression that could not be read (ast.BadExpr) and an access with a
// missing name are of the error type (unknown), and Typing.Errors is nil,
// the parse errors being the policy's diagnostics.
func (x *index) policyTypes(run *scratch, p *ast.Policy, mode Mode) []*Typing {
	run.reset()
	scoped := p
	if p.HasErrors() {
		scoped = readableScope(p)
	}
	var out []*Typing
	for _, env := range x.requestEnvs(run, scoped) {
		c := &checker{idx: x, strict: mode == Strict, run: run, types: map[ast.Expr]*Type{}}
		c.setEnv(env)
		t := c.checkPolicy(scoped)
		for i := range c.errs {
			c.errs[i].PolicyID = p.ID
		}
		if p.HasErrors() {
			c.errs = nil
		}
		out = append(out, &Typing{Env: env, Types: c.types, Result: t, Errors: c.errs})
	}
	return out
}

// validatePolicy checks one policy; a policy with parse errors is not
// checked (its parse errors are its diagnostics).
func (x *index) validatePolicy(run *scratch, p *ast.Policy, mode Mode) Result {
	var res Result
	if p.HasErrors() {
		return res
	}
	seen := map[diagKey]bool{}
	add := func(list *[]Diagnostic, d Diagnostic) {
		d.PolicyID = p.ID
		if list == &res.Warnings {
			d.Severity = source.SeverityWarning
		}
		k := diagKey{d.Span, d.Message}
		if seen[k] {
			return
		}
		seen[k] = true
		*list = append(*list, d)
	}
	for _, d := range x.checkNames(p) {
		add(&res.Errors, d)
	}
	impossible := true
	scoped := p
	if mode == Strict && p.Action.Op == ast.ScopeInSet && len(p.Action.Entities) == 0 {
		// Official typechecks the scope as an expression: in strict mode
		// `action in []` fails to typecheck rather than being false, so the
		// conditions are checked for every action, while no action applies.
		add(&res.Errors, newDiagnostic(p.Action.Span, KindEmptySetForbidden,
			"empty set literals are forbidden in policies"))
		add(&res.Warnings, newDiagnostic(p.Span, KindInvalidActionApplication,
			"unable to find an applicable action given the policy scope constraints"))
		anyAction := *p
		anyAction.Action = ast.Scope{Var: ast.VarAction, Op: ast.ScopeAll}
		scoped = &anyAction
	}
	run.reset()
	c := &checker{idx: x, strict: mode == Strict, run: run}
	// Typing depends on the action only through `action` and `context`;
	// environments that differ in nothing the policy mentions are checked
	// once, unless that check found errors (whose messages may name the
	// action).
	usesAction, usesContext := mentions(p)
	anyEnv := false
	x.forEachEnv(run, scoped, true, func(env Env, k envKey) {
		anyEnv = true
		ai := k.action
		if !usesAction {
			k.action = -1
		}
		if usesContext {
			k.context = x.actionContextKey(ai)
		}
		pk := x.packed(k)
		if t, ok := run.cleanRuns[pk]; ok {
			if t.Bool != False {
				impossible = false
			}
			return
		}
		c.setEnvTypes(env, x.entityByID[k.principal], x.entityByID[k.resource])
		t := c.checkPolicy(p)
		// Failed subexpressions still have types (Bool at worst), so a
		// policy with errors can be impossible too, as in official.
		if t.Bool != False {
			impossible = false
		}
		if len(c.errs) == 0 {
			run.cleanRuns[pk] = t
		}
		for _, d := range c.errs {
			add(&res.Errors, d)
		}
	})
	if scoped == p && !(anyEnv && x.applies(run, p)) {
		add(&res.Warnings, newDiagnostic(p.Span, KindInvalidActionApplication,
			"unable to find an applicable action given the policy scope constraints"))
	}
	if impossible {
		add(&res.Warnings, newDiagnostic(p.Span, KindImpossiblePolicy,
			"policy is impossible: the policy expression evaluates to false for all valid requests"))
	}
	for _, d := range unicodeWarnings(p) {
		add(&res.Warnings, d)
	}
	sortDiagnostics(res.Errors)
	return res
}

// applies reports whether some request environment satisfies the scope,
// constraints on undeclared entities and actions satisfying none; callers
// have seen some environment admitted for typing.
func (x *index) applies(run *scratch, p *ast.Policy) bool {
	refs := append([]ast.EntityRef{p.Principal.Entity, p.Resource.Entity, p.Action.Entity}, p.Action.Entities...)
	if !slices.ContainsFunc(refs, x.unresolved) {
		return true // matching for typing was the same
	}
	found := false
	x.forEachEnv(run, p, false, func(Env, envKey) { found = true })
	return found
}

// mentions reports whether the conditions refer to the action and to the
// context: only then does the typing depend on the environment's action.
func mentions(p *ast.Policy) (action, context bool) {
	for _, cond := range p.Conditions {
		ast.Inspect(cond.Body, func(e ast.Expr) bool {
			if v, ok := e.(*ast.VarExpr); ok {
				action = action || v.Var == ast.VarAction
				context = context || v.Var == ast.VarContext
			}
			return true
		})
	}
	return action, context
}

type diagKey struct {
	span source.Span
	msg  string
}

// checkPolicy types the policy's condition: the scope (which holds or may
// hold in every admitted environment) and the when/unless clauses joined
// by `&&`, capabilities flowing from each clause to the next.
func (c *checker) checkPolicy(p *ast.Policy) *Type {
	result := typeTrue
	if p.Principal.Op != ast.ScopeAll && p.Principal.Op != ast.ScopeIs {
		result = typeBool
	}
	if p.Resource.Op != ast.ScopeAll && p.Resource.Op != ast.ScopeIs {
		result = typeBool
	}
	var caps capSet
	for _, cond := range p.Conditions {
		if cond.Body == nil {
			result = typeBool
			continue
		}
		t, cc := c.check(cond.Body, caps)
		c.expectKind(cond.Body, t, KindBool, "Bool")
		t = asBool(t)
		if cond.Unless {
			t, cc = negate(t), nil
		}
		if t.Bool == False {
			return typeFalse
		}
		if t.Bool != True {
			result = typeBool
		}
		caps = union(caps, cc)
	}
	return result
}

// checkNames reports entity types and actions the schema does not declare,
// in the scope and in entity literals and `is` tests of the conditions.
func (x *index) checkNames(p *ast.Policy) []Diagnostic {
	var out []Diagnostic
	typeSpan := func(ref ast.EntityRef) source.Span {
		end := ref.Span.Start + len(ref.UID.Type)
		if end > ref.Span.End {
			end = ref.Span.End
		}
		return source.Span{Start: ref.Span.Start, End: end}
	}
	entity := func(uid types.EntityUID, span, tspan source.Span) {
		if x.actionTypes[uid.Type] {
			if x.s.Actions[uid] == nil {
				out = append(out, x.unrecognizedAction(span, uid))
			}
			return
		}
		ent := x.s.Entities[uid.Type]
		if ent == nil {
			out = append(out, x.unrecognizedEntityType(tspan, uid.Type))
			return
		}
		if ent.Enum != nil && !contains(ent.Enum, uid.ID) {
			out = append(out, newDiagnostic(span, KindInvalidEnumEntity,
				fmt.Sprintf("entity `%s` is of an enumerated entity type, but `%q` is not declared as a valid eid", uid, uid.ID)))
		}
	}
	typeName := func(t types.EntityType, span source.Span) {
		if !x.knownEntityType(t) {
			out = append(out, x.unrecognizedEntityType(span, t))
		}
	}
	for _, sc := range []*ast.Scope{&p.Principal, &p.Resource} {
		if sc.Op == ast.ScopeIs || sc.Op == ast.ScopeIsIn {
			typeName(sc.Type, sc.TypeSpan)
		}
		if (sc.Op == ast.ScopeEq || sc.Op == ast.ScopeIn || sc.Op == ast.ScopeIsIn) && sc.Entity.Slot == ast.NoSlot {
			entity(sc.Entity.UID, sc.Entity.Span, typeSpan(sc.Entity))
		}
	}
	action := func(ref ast.EntityRef) {
		if x.s.Actions[ref.UID] == nil {
			if !x.actionTypes[ref.UID.Type] && !isActionTypeName(ref.UID.Type) {
				// A non-action entity in the action scope.
				entity(ref.UID, ref.Span, typeSpan(ref))
				if x.knownEntityType(ref.UID.Type) {
					out = append(out, x.unrecognizedAction(ref.Span, ref.UID))
				}
				return
			}
			out = append(out, x.unrecognizedAction(ref.Span, ref.UID))
		}
	}
	switch p.Action.Op {
	case ast.ScopeEq, ast.ScopeIn:
		action(p.Action.Entity)
	case ast.ScopeInSet:
		for _, e := range p.Action.Entities {
			action(e)
		}
	}
	for _, cond := range p.Conditions {
		ast.Inspect(cond.Body, func(e ast.Expr) bool {
			switch n := e.(type) {
			case *ast.EntityLit:
				if !x.actionTypes[n.UID.Type] && isActionTypeName(n.UID.Type) && !x.knownEntityType(n.UID.Type) {
					out = append(out, x.unrecognizedAction(n.Span, n.UID))
					return true
				}
				entity(n.UID, n.Span, n.TypeSpan)
			case *ast.Is:
				typeName(n.Type, n.TypeSpan)
			}
			return true
		})
	}
	return out
}

// isActionTypeName reports whether t is spelled as an action entity type
// ("Action" or "NS::Action").
func isActionTypeName(t types.EntityType) bool {
	s := string(t)
	return s == "Action" || len(s) > 8 && s[len(s)-8:] == "::Action"
}
