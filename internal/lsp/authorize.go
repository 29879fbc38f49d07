package lsp

import (
	"context"
	"encoding/json"
	"path/filepath"

	"go.lsp.dev/jsonrpc2"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

// cedar/authorize decides a request against policy files; the command
// cedar.authorize does it for the document at hand and draws the result
// (cedar/showAuthorizeResult).
func init() {
	onRequest("cedar/authorize", cedarAuthorize)
	onCommand(analysis.CommandAuthorize, authorizeCommand)
}

// authorizeParams: policies (URIs; default: the policy files of the
// nearest folder at or above the request holding any), and the request as
// a request file's URI or inline (an object in the shape of
// --request-json, optionally with "entities"); uri places an inline
// request (its schema, entities and default policies are found from
// there; default: the first workspace folder).
type authorizeParams struct {
	Policies []string        `json:"policies"`
	Request  json.RawMessage `json:"request"`
	URI      string          `json:"uri"`
}

func cedarAuthorize(ctx context.Context, s *Server, p *authorizeParams) (any, error) {
	snap := s.snapshot(ctx)
	in := analysis.RequestInput{PolicyPaths: policyPaths(p.Policies)}
	var requestURI string
	switch {
	case len(p.Request) == 0 || string(p.Request) == "null":
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "cedar/authorize: missing request (a request file URI or an inline request)")
	case json.Unmarshal(p.Request, &requestURI) == nil:
		in.RequestPath = analysis.URIToPath(requestURI)
	default:
		in.Inline = p.Request
		in.BasePath = analysis.URIToPath(p.URI)
		if p.URI == "" {
			if folders := snap.Folders(); len(folders) > 0 {
				in.BasePath = folders[0] + "/.cedarauth.json"
			}
		}
	}
	res, err := analysis.AuthorizeRequest(ctx, snap, in)
	if err != nil {
		return authorizeResultJSON{Summary: err.Error(), Reasons: []policyJSON{}, Errors: []policyErrorJSON{}, Problem: s.problemOf(err)}, nil
	}
	return s.authorizeJSON(res), nil
}

// authorizeCommandResult is what cedar.authorize returns: the result, and
// the line it was drawn on.
type authorizeCommandResult struct {
	authorizeResultJSON
	showAuthorizeResultParams
}

// authorizeCommand authorizes for the document at hand: a request file
// itself; in a tests file, the test at the position; in a policy file,
// the nearest request file against that file alone. The result is drawn
// at the request's (or test's, or policy's) line.
func authorizeCommand(ctx context.Context, s *Server, args []json.RawMessage) (any, error) {
	a, err := decodeAuthzArgs(analysis.CommandAuthorize, args, true)
	if err != nil {
		return nil, err
	}
	snap := s.snapshot(ctx)
	f := snap.File(a.URI)
	if f == nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "no such document: %s", a.URI)
	}
	off := s.offsetIn(f, a)
	var res *analysis.AuthzResult
	at, from := off, ""
	switch f.Kind {
	case analysis.KindTests:
		run := analysis.RunTests(ctx, snap, a.URI)
		if t := run.TestAt(off); t != nil {
			at = t.Span.Start
			if t.Actual == nil {
				err = &analysis.RequestError{File: f, Span: t.Span, Message: t.Problem}
			}
			res = t.Actual
		} else {
			err = &analysis.RequestError{File: f, Message: "no test at the position"}
		}
	case analysis.KindRequest:
		at = 0
		if tree, _ := f.JSON(); tree != nil {
			at = tree.Start
		}
		res, err = analysis.AuthorizeRequest(ctx, snap, analysis.RequestInput{RequestPath: f.Path, PolicyPaths: policyPaths(a.Policies)})
	default:
		rf := snap.NearestRequestFile(f.Path)
		if rf == nil {
			err = &analysis.RequestError{Message: "no request file (*.cedarauth.json) at or above this file"}
			break
		}
		paths := policyPaths(a.Policies)
		if len(paths) == 0 && (f.Kind == analysis.KindPolicy || f.Kind == analysis.KindPolicyJSON) {
			paths = []string{f.Path}
		}
		res, err = analysis.AuthorizeRequest(ctx, snap, analysis.RequestInput{RequestPath: rf.Path, PolicyPaths: paths})
		from = " (" + filepath.Base(rf.Path) + ")"
	}
	line := s.position(f, at).Line
	out := authorizeCommandResult{showAuthorizeResultParams: showAuthorizeResultParams{URI: a.URI, Line: int(line)}}
	if err != nil {
		out.authorizeResultJSON = authorizeResultJSON{Summary: err.Error(), Reasons: []policyJSON{}, Errors: []policyErrorJSON{}, Problem: s.problemOf(err)}
		out.Text = "⚠ " + firstLine(err.Error())
		out.Detail = err.Error()
	} else {
		out.authorizeResultJSON = s.authorizeJSON(res)
		out.Text, out.Detail = res.Summary()+from, res.Detail()
	}
	s.showAuthorizeResult(out.showAuthorizeResultParams)
	return out, nil
}
