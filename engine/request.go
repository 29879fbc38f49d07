package engine

import (
	"errors"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/eval"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/internal/jsontree"
)

// Request is an authorization request: principal, action, resource and
// context.
type Request = eval.Request

// RequestOptions say how a request is read.
type RequestOptions struct {
	// Schema, when not nil, reads the context by the action's declared
	// context type (strings become extension values where declared, entity
	// references may omit `__entity`); the action must be declared.
	Schema *Schema
	// Validate, with a Schema, also checks the request against it as
	// official Cedar's request validation does: principal and resource of
	// types the action applies to, the context of its declared type.
	Validate bool
}

// RequestParts are the parts of a request given separately, as the
// official CLI's -l, -a, -r and -c flags give them.
type RequestParts struct {
	// Principal, Action and Resource are nil when not given; a request
	// missing one is left with the zero EntityUID there (see Evaluate) and
	// is not validated.
	Principal, Action, Resource *EntityUID
	// Context is the context as a JSON object; nil is the empty context.
	Context []byte
	// ContextName names the context's input, for errors.
	ContextName string
}

// DecodeRequest reads a request in the official CLI's request JSON:
//
//	{"principal": "User::\"alice\"", "action": "Action::\"view\"",
//	 "resource": "Photo::\"a.jpg\"", "context": {…}}
//
// Entities may also be given as {"type", "id"} or {"__entity": …} objects;
// "context" is optional. See RequestOptions for reading by a schema.
func DecodeRequest(name string, src []byte, opts RequestOptions) (*Request, error) {
	rj, err := entitiesjson.ParseRequestWithSchema(src, opts.Schema, opts.Schema != nil && opts.Validate)
	if err != nil {
		return nil, InputError(name, src, err)
	}
	req := &Request{Principal: rj.Principal, Action: rj.Action, Resource: rj.Resource, Context: rj.Context}
	if err := validateIfAsked(req, opts); err != nil {
		if invalid, ok := err.(*InvalidRequestError); ok {
			invalid.locate(name, src, req)
		}
		return nil, err
	}
	return req, nil
}

// NewRequest builds a request from its parts, reading the context as
// DecodeRequest does (by the schema's declared context type when opts has
// a schema and the action is given).
func NewRequest(parts RequestParts, opts RequestOptions) (*Request, error) {
	req := &Request{Context: types.NewRecord(nil)}
	complete := true
	for _, v := range []struct {
		uid *EntityUID
		dst *EntityUID
	}{{parts.Principal, &req.Principal}, {parts.Action, &req.Action}, {parts.Resource, &req.Resource}} {
		if v.uid == nil {
			complete = false
			continue
		}
		*v.dst = *v.uid
	}
	switch {
	case opts.Schema != nil && parts.Action != nil:
		ctx, err := entitiesjson.ParseContextWithSchema(parts.Context, opts.Schema, req.Action, opts.Validate)
		if err != nil {
			if parts.Context == nil {
				// No context was given: there is no text to point into.
				return nil, InputError("", nil, err)
			}
			return nil, InputError(parts.ContextName, parts.Context, err)
		}
		req.Context = ctx
	case parts.Context != nil:
		ctx, err := entitiesjson.ParseContext(parts.Context)
		if err != nil {
			return nil, InputError(parts.ContextName, parts.Context, err)
		}
		req.Context = ctx
	}
	if complete {
		if err := validateIfAsked(req, opts); err != nil {
			return nil, err
		}
	}
	return req, nil
}

func validateIfAsked(req *Request, opts RequestOptions) error {
	if opts.Schema == nil || !opts.Validate {
		return nil
	}
	return ValidateRequest(opts.Schema, req)
}

// InvalidRequestError is a request that does not conform to a schema;
// Problems lists every way it does not, in official Cedar's words. For a
// request read from text (DecodeRequest), Input points each problem at the
// part of the request it is about.
type InvalidRequestError struct {
	Problems []string
	Input    *Error
}

// Error lists the problems; with an Input, each at its position.
func (e *InvalidRequestError) Error() string {
	if e.Input != nil {
		return e.Input.Error()
	}
	return "the request is not valid for the schema:\n  " + strings.Join(e.Problems, "\n  ")
}

// Unwrap is the Input, when there is one, so errors.As and
// source.AsDiagnostics find the positioned problems.
func (e *InvalidRequestError) Unwrap() error {
	if e.Input == nil {
		return nil
	}
	return e.Input
}

// locate sets Input: each problem at the request member it is about (the
// principal, action, resource or context), else at the whole request.
func (e *InvalidRequestError) locate(name string, src []byte, req *Request) {
	root, err := jsontree.Parse(src, maxJSONDepth)
	if err != nil {
		return
	}
	span := func(key string) Span {
		if m := root.Member(key); m != nil {
			return Span{Start: m.Value.Start, End: m.Value.End}
		}
		return Span{Start: root.Start, End: root.Start + 1}
	}
	e.Input = &Error{Name: name, Src: src}
	for _, p := range e.Problems {
		at := Span{Start: root.Start, End: root.Start + 1}
		for _, part := range []struct {
			key string
			uid EntityUID
		}{{"principal", req.Principal}, {"action", req.Action}, {"resource", req.Resource}} {
			if strings.HasPrefix(p, part.key+" ") || strings.HasPrefix(p, "entity `"+part.uid.String()+"`") {
				at = span(part.key)
				break
			}
		}
		if strings.HasPrefix(p, "context ") {
			at = span("context")
		}
		e.Input.Diags = append(e.Input.Diags, Diagnostic{Span: at, Code: CodeInvalidRequest, Message: "the request is not valid for the schema: " + p})
	}
}

// ValidateRequest is official Cedar's request validation: the action is
// declared, the principal and resource are of declared types the action
// applies to (and valid ids of enumerated types), and the context is of the
// action's context type. The error is an *InvalidRequestError.
func ValidateRequest(s *Schema, req *Request) error {
	err := entitiesjson.ValidateRequest(s, req.Principal, req.Action, req.Resource, req.Context)
	if err == nil {
		return nil
	}
	var problems []string
	var joined interface{ Unwrap() []error }
	if errors.As(err, &joined) {
		for _, p := range joined.Unwrap() {
			problems = append(problems, p.Error())
		}
	} else {
		problems = strings.Split(err.Error(), "\n")
	}
	return &InvalidRequestError{Problems: problems}
}
