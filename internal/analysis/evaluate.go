package analysis

import (
	"context"
	"errors"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine"
)

// EvalResult is the value of an expression evaluated with a request.
type EvalResult struct {
	// Value is the value in Cedar syntax, as `cedar-ls evaluate` prints it.
	Value string
	// RequestFile is the request file whose principal, action, resource,
	// context and entities were used (nil when there was none: then only
	// expressions that use no request variable evaluate).
	RequestFile *File
}

// EvaluateExpression evaluates a Cedar expression written in the file at
// uri with the request and entities of the nearest request file (read by
// the schema and validated against it first, as `evaluate -s` does).
func EvaluateExpression(ctx context.Context, snap *Snapshot, uri, expr string) (*EvalResult, error) {
	if strings.TrimSpace(expr) == "" {
		return nil, &RequestError{Message: "nothing to evaluate: select an expression"}
	}
	if err := engine.CheckExpression(expr); err != nil {
		return nil, &RequestError{Message: strings.ReplaceAll(err.Error(), "\n", "; ")}
	}
	path := URIToPath(uri)
	res := &EvalResult{RequestFile: snap.NearestRequestFile(path)}
	var req *engine.Request
	var ents *engine.Entities
	if res.RequestFile != nil {
		var err error
		if req, ents, _, err = snap.loadRequest(RequestInput{RequestPath: res.RequestFile.Path}); err != nil {
			return nil, err
		}
	} else {
		sch, err := snap.AuthzSchema(uri)
		if err != nil {
			return nil, &RequestError{Message: err.Error()}
		}
		if ents, err = snap.LoadEntitiesFiles(snap.AssociationFor(path).Entities, sch); err != nil {
			return nil, requestError(nil, err)
		}
	}
	v, err := engine.Evaluate(expr, req, ents)
	var missing *engine.MissingVariablesError
	switch {
	case errors.As(err, &missing):
		return nil, &RequestError{Message: err.Error() + " (no request file *.cedarauth.json at or above this file)"}
	case err != nil:
		return nil, &RequestError{Message: "evaluation error: " + err.Error()}
	}
	res.Value = v.String()
	return res, nil
}
