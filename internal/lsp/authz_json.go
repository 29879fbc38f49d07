package lsp

import (
	"encoding/json"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

// The JSON shapes of inline authorization, shared by the custom requests,
// the commands and the notifications (docs/lsp-protocol.md).

// authzArgs is the argument of the cedar.* commands: a document, a
// position in it (which test, which policy), a selection and its text
// (cedar.evaluate), the policy files to use instead of the default.
type authzArgs struct {
	URI        string             `json:"uri"`
	Position   *protocol.Position `json:"position"`
	Line       *int               `json:"line"`
	Range      *protocol.Range    `json:"range"`
	Expression *string            `json:"expression"`
	Policies   []string           `json:"policies"`
}

// decodeAuthzArgs reads the one argument of a command (an object, or a
// bare URI string).
func decodeAuthzArgs(command string, args []json.RawMessage, needURI bool) (authzArgs, error) {
	var a authzArgs
	if len(args) == 0 {
		if needURI {
			return a, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s takes one argument {uri, position?}", command)
		}
		return a, nil
	}
	if json.Unmarshal(args[0], &a.URI) != nil {
		if err := json.Unmarshal(args[0], &a); err != nil {
			return a, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: invalid argument: %v", command, err)
		}
	}
	if needURI && a.URI == "" {
		return a, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s takes one argument {uri, position?}", command)
	}
	return a, nil
}

// offsetIn is the byte offset of the argument's position (or line) in f.
func (s *Server) offsetIn(f *analysis.File, a authzArgs) int {
	switch {
	case a.Position != nil:
		return s.offset(f, *a.Position)
	case a.Range != nil:
		return s.offset(f, a.Range.Start)
	case a.Line != nil:
		return s.offset(f, protocol.Position{Line: uint32(max(*a.Line, 0))})
	}
	return 0
}

func policyPaths(uris []string) []string {
	out := make([]string, len(uris))
	for i, u := range uris {
		out[i] = analysis.URIToPath(u)
	}
	return out
}

// policyJSON is a policy named in a result.
type policyJSON struct {
	ID     string          `json:"id"`
	Effect string          `json:"effect,omitempty"`
	URI    string          `json:"uri,omitempty"`
	Range  *protocol.Range `json:"range,omitempty"`
}

// policyErrorJSON is a policy whose evaluation failed; the range is the
// failing expression's.
type policyErrorJSON struct {
	PolicyID string          `json:"policyId"`
	Message  string          `json:"message"`
	URI      string          `json:"uri,omitempty"`
	Range    *protocol.Range `json:"range,omitempty"`
}

// problemJSON is why nothing was decided (the request or the entities do
// not conform to the schema, the schema has errors, …).
type problemJSON struct {
	Message string          `json:"message"`
	URI     string          `json:"uri,omitempty"`
	Range   *protocol.Range `json:"range,omitempty"`
}

// authorizeResultJSON is the result of cedar/authorize (and part of the
// cedar.authorize command's): the decision and why, or the problem.
type authorizeResultJSON struct {
	Decision string            `json:"decision,omitempty"`
	Summary  string            `json:"summary"`
	Reasons  []policyJSON      `json:"reasons"`
	Errors   []policyErrorJSON `json:"errors"`
	Notes    []string          `json:"notes,omitempty"`
	Problem  *problemJSON      `json:"problem,omitempty"`
}

func (s *Server) policyJSON(h analysis.PolicyHit) policyJSON {
	p := policyJSON{ID: h.ID}
	if h.Ref != nil {
		p.Effect = h.Ref.Effect.String()
		if h.Ref.File != nil {
			p.URI = h.Ref.File.URI
			r := s.toRange(h.Ref.File, h.Ref.Span)
			p.Range = &r
		}
	}
	return p
}

func (s *Server) authorizeJSON(res *analysis.AuthzResult) authorizeResultJSON {
	out := authorizeResultJSON{Decision: res.Decision.String(), Summary: res.Summary(), Reasons: []policyJSON{}, Errors: []policyErrorJSON{}, Notes: res.Policies.Problems}
	for _, h := range res.Reasons {
		out.Reasons = append(out.Reasons, s.policyJSON(h))
	}
	for _, e := range res.Errors {
		pe := policyErrorJSON{PolicyID: e.ID, Message: e.Message}
		if e.Ref != nil && e.Ref.File != nil {
			pe.URI = e.Ref.File.URI
			r := s.toRange(e.Ref.File, e.Span)
			pe.Range = &r
		}
		out.Errors = append(out.Errors, pe)
	}
	return out
}

// problemOf turns an analysis error into a problem placed in its file.
func (s *Server) problemOf(err error) *problemJSON {
	p := &problemJSON{Message: err.Error()}
	if re, ok := err.(*analysis.RequestError); ok && re.File != nil {
		p.URI = re.File.URI
		r := s.toRange(re.File, re.Span)
		p.Range = &r
	}
	return p
}

// firstLine is the first line of a text (inline results are one line).
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
