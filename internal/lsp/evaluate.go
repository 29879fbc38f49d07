package lsp

import (
	"context"
	"encoding/json"
	"path/filepath"

	"go.lsp.dev/jsonrpc2"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

// cedar.evaluate evaluates the selected Cedar expression with the
// request and entities of the nearest request file and draws the value at
// the end of the selection's last line.
func init() { onCommand(analysis.CommandEvaluate, evaluateCommand) }

// evaluateResult is what cedar.evaluate returns (and draws): text is the
// value (or "error: …"), value the value alone, error the problem.
type evaluateResult struct {
	showAuthorizeResultParams
	Value   *string `json:"value,omitempty"`
	Error   string  `json:"error,omitempty"`
	Request string  `json:"request,omitempty"`
}

func evaluateCommand(ctx context.Context, s *Server, args []json.RawMessage) (any, error) {
	a, err := decodeAuthzArgs(analysis.CommandEvaluate, args, true)
	if err != nil {
		return nil, err
	}
	snap := s.snapshot(ctx)
	f := snap.File(a.URI)
	if f == nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "no such document: %s", a.URI)
	}
	expr := ""
	line := 0
	switch {
	case a.Expression != nil:
		expr = *a.Expression
	case a.Range != nil:
		sp := s.fromRange(f, *a.Range)
		if sp.Start > sp.End {
			sp.Start, sp.End = sp.End, sp.Start
		}
		expr = string(f.Text[sp.Start:sp.End])
	}
	if a.Range != nil {
		line = int(a.Range.End.Line)
		if a.Range.End.Character == 0 && a.Range.End.Line > a.Range.Start.Line {
			line-- // a selection of whole lines ends at the next line's start
		}
	} else if a.Position != nil {
		line = int(a.Position.Line)
	}
	out := evaluateResult{showAuthorizeResultParams: showAuthorizeResultParams{URI: a.URI, Line: line}}
	res, err := analysis.EvaluateExpression(ctx, snap, a.URI, expr)
	if err != nil {
		out.Error = err.Error()
		out.Text = "error: " + firstLine(err.Error())
		out.Detail = err.Error()
	} else {
		out.Value = &res.Value
		out.Text = res.Value
		if res.RequestFile != nil {
			out.Request = res.RequestFile.URI
			out.Detail = "with the request and entities of " + filepath.Base(res.RequestFile.Path)
		}
	}
	s.showAuthorizeResult(out.showAuthorizeResultParams)
	return out, nil
}
