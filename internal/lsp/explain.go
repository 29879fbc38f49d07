package lsp

import (
	"context"
	"encoding/json"
	"fmt"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

// cedar/explain explains a decision (which policies were satisfied, which
// errored and where, which applied by scope with a false condition, which
// did not apply); the command cedar.explain also shows the explanation as
// hints on the policies until cedar.dismissExplanation.
func init() {
	onRequest("cedar/explain", cedarExplain)
	onCommand(analysis.CommandExplain, explainCommand)
	onCommand(analysis.CommandDismiss, dismissExplanation)
}

// explainParams: the document (a request file; a tests file with the
// position of a test; any other file, explained with its nearest request
// file), and optionally the policy files to use.
type explainParams struct {
	URI      string             `json:"uri"`
	Position *protocol.Position `json:"position"`
	Policies []string           `json:"policies"`
}

// explainResultJSON is the explanation.
type explainResultJSON struct {
	Subject string `json:"subject"`
	authorizeResultJSON
	Policies []explainedPolicyJSON `json:"policies"`
}

// explainedPolicyJSON is one policy's part: outcome "satisfied",
// "errored", "condition-false" or "not-applicable"; reason when it
// determined the decision; error (with the failing expression's range)
// when it errored.
type explainedPolicyJSON struct {
	policyJSON
	Outcome string           `json:"outcome"`
	Reason  bool             `json:"reason"`
	Error   *policyErrorJSON `json:"error,omitempty"`
}

func (s *Server) explainTarget(ctx context.Context, uri string, pos *protocol.Position, policies []string) (analysis.ExplainTarget, error) {
	f := s.snapshot(ctx).File(uri)
	if f == nil {
		return analysis.ExplainTarget{}, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "no such document: %s", uri)
	}
	t := analysis.ExplainTarget{URI: uri, PolicyPaths: policyPaths(policies)}
	if pos != nil {
		t.Offset = s.offset(f, *pos)
	}
	return t, nil
}

func (s *Server) explainJSON(x *analysis.Explained) explainResultJSON {
	out := explainResultJSON{Subject: x.Subject, authorizeResultJSON: s.authorizeJSON(x.Result), Policies: []explainedPolicyJSON{}}
	for _, p := range x.Policies {
		ep := explainedPolicyJSON{policyJSON: s.policyJSON(analysis.PolicyHit{ID: p.Ref.ID, Ref: p.Ref}), Outcome: p.Outcome.String(), Reason: p.Reason}
		if p.Failure != nil {
			for i := range out.Errors {
				if out.Errors[i].PolicyID == p.Ref.ID {
					ep.Error = &out.Errors[i]
				}
			}
		}
		out.Policies = append(out.Policies, ep)
	}
	return out
}

func cedarExplain(ctx context.Context, s *Server, p *explainParams) (any, error) {
	t, err := s.explainTarget(ctx, p.URI, p.Position, p.Policies)
	if err != nil {
		return nil, err
	}
	x, err := analysis.Explain(ctx, s.snapshot(ctx), t)
	if err != nil {
		return explainResultJSON{authorizeResultJSON: authorizeResultJSON{Summary: err.Error(), Reasons: []policyJSON{}, Errors: []policyErrorJSON{}, Problem: s.problemOf(err)}, Policies: []explainedPolicyJSON{}}, nil
	}
	return s.explainJSON(x), nil
}

// explainCommandResult is what cedar.explain returns: the explanation and
// the line its summary was drawn on.
type explainCommandResult struct {
	explainResultJSON
	showAuthorizeResultParams
}

// explainCommand explains and keeps the explanation on display as hints
// (recomputed after every edit) until cedar.dismissExplanation.
func explainCommand(ctx context.Context, s *Server, args []json.RawMessage) (any, error) {
	a, err := decodeAuthzArgs(analysis.CommandExplain, args, true)
	if err != nil {
		return nil, err
	}
	pos := a.Position
	if pos == nil && a.Range != nil {
		pos = &a.Range.Start
	}
	if pos == nil && a.Line != nil {
		pos = &protocol.Position{Line: uint32(max(*a.Line, 0))}
	}
	t, err := s.explainTarget(ctx, a.URI, pos, a.Policies)
	if err != nil {
		return nil, err
	}
	snap := s.snapshot(ctx)
	f := snap.File(a.URI)
	line := 0
	if pos != nil {
		line = int(pos.Line)
	}
	x, err := analysis.Explain(ctx, snap, t)
	out := explainCommandResult{showAuthorizeResultParams: showAuthorizeResultParams{URI: a.URI, Line: line}}
	if err != nil {
		out.explainResultJSON = explainResultJSON{authorizeResultJSON: authorizeResultJSON{Summary: err.Error(), Reasons: []policyJSON{}, Errors: []policyErrorJSON{}, Problem: s.problemOf(err)}, Policies: []explainedPolicyJSON{}}
		out.Text, out.Detail = "⚠ "+firstLine(err.Error()), err.Error()
		s.showAuthorizeResult(out.showAuthorizeResultParams)
		return out, nil
	}
	if f.Kind == analysis.KindTests {
		if test := analysis.RunTests(ctx, snap, a.URI).TestAt(t.Offset); test != nil {
			out.Line = int(s.position(f, test.Span.Start).Line)
			t.Test = test.Index + 1 // the hints follow this test through edits
		}
	}
	out.explainResultJSON = s.explainJSON(x)
	files := map[string]bool{}
	for _, p := range x.Policies {
		if p.Ref.File != nil {
			files[p.Ref.File.Path] = true
		}
	}
	out.Text = fmt.Sprintf("%s — explained on the policies (%d file%s)", x.Result.Summary(), len(files), map[bool]string{true: "", false: "s"}[len(files) == 1])
	out.Detail = x.Result.Detail()
	s.authz.mu.Lock()
	s.authz.explaining = &t
	s.authz.cached.x = nil
	s.authz.mu.Unlock()
	s.diagnostics.everything()
	s.showAuthorizeResult(out.showAuthorizeResultParams)
	return out, nil
}

// dismissExplanation removes the explanation's hints.
func dismissExplanation(ctx context.Context, s *Server, args []json.RawMessage) (any, error) {
	s.authz.mu.Lock()
	s.authz.explaining = nil
	s.authz.cached.x = nil
	s.authz.mu.Unlock()
	s.diagnostics.everything()
	return nil, nil
}
