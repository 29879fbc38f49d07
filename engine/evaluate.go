package engine

import (
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/eval"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/source"
)

// ExpressionName is the name expression errors are reported under.
const ExpressionName = "<expression>"

// EvaluationError is an error raised while evaluating an expression (a
// type error, an overflow, a missing entity, …), with the span of the
// failing part of the expression.
type EvaluationError struct {
	Diagnostic
}

func (e *EvaluationError) Error() string { return e.Message }

// MissingVariablesError is an expression that reads request variables the
// request does not give (left as the zero EntityUID).
type MissingVariablesError struct {
	Vars []string // "principal", "action", "resource", in the order used
}

func (e *MissingVariablesError) Error() string {
	return "the expression uses " + strings.Join(e.Vars, ", ") + ", which the request does not give"
}

// Evaluate parses and evaluates a Cedar expression for a request, against
// entities. A nil request has no variables given; nil entities is the
// empty store. A parse error is an *Error, an evaluation error an
// *EvaluationError, and a request variable read but not given (the zero
// EntityUID) a *MissingVariablesError.
func Evaluate(expr string, req *Request, ents *Entities) (Value, error) {
	e, errs := parse.Expr([]byte(expr))
	if len(errs) > 0 {
		return nil, sourceErrors(ExpressionName, []byte(expr), errs)
	}
	if req == nil {
		req = &Request{Context: NewRecord(nil)}
	}
	if missing := missingVarsUsed(e, req); len(missing) > 0 {
		return nil, &MissingVariablesError{Vars: missing}
	}
	if ents == nil {
		ents = emptyStore
	}
	v, err := eval.Eval(e, req, ents)
	if err != nil {
		if d, ok := err.(eval.Error); ok {
			return nil, &EvaluationError{d}
		}
		return nil, &EvaluationError{Diagnostic{Span: e.Loc(), Code: source.CodeEvaluation, Message: err.Error()}}
	}
	return v, nil
}

// missingVarsUsed lists the request variables the expression reads that
// the request leaves unset.
func missingVarsUsed(e ast.Expr, req *Request) []string {
	unset := map[ast.Var]bool{
		ast.VarPrincipal: req.Principal.Type == "",
		ast.VarAction:    req.Action.Type == "",
		ast.VarResource:  req.Resource.Type == "",
	}
	var used []string
	seen := map[ast.Var]bool{}
	ast.Inspect(e, func(x ast.Expr) bool {
		if v, ok := x.(*ast.VarExpr); ok && unset[v.Var] && !seen[v.Var] {
			seen[v.Var] = true
			used = append(used, v.Var.String())
		}
		return true
	})
	return used
}

// CheckExpression parses a Cedar expression and reports its syntax errors
// (an *Error under ExpressionName), or nil.
func CheckExpression(expr string) error {
	_, errs := parse.Expr([]byte(expr))
	return sourceErrors(ExpressionName, []byte(expr), errs)
}
