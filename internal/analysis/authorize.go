package analysis

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine"
	"github.com/cedar-ls/cedar-ls/internal/jsontree"
)

// AuthzResult is one authorization as the editor shows it: the engine's
// explanation with every policy placed in its file.
type AuthzResult struct {
	Decision engine.Decision
	// Reasons are the policies that determined the decision, in the
	// engine's (sorted) order.
	Reasons []PolicyHit
	Errors  []PolicyFailure
	// Explanation is the engine's per-policy account.
	Explanation *engine.Explanation
	Policies    *AuthzPolicies
}

// PolicyHit is a policy named in a result, with where it is written (Ref
// is nil for an id the policy source does not place).
type PolicyHit struct {
	ID  string
	Ref *PolicyRef
}

// PolicyFailure is a policy whose evaluation failed, with the span of the
// failing expression in the policy's file (Ref.File).
type PolicyFailure struct {
	PolicyHit
	Message string
	Span    Span
}

func newAuthzResult(ps *AuthzPolicies, x *engine.Explanation) *AuthzResult {
	r := &AuthzResult{Decision: x.Response.Decision, Explanation: x, Policies: ps}
	for _, id := range x.Response.Reasons {
		r.Reasons = append(r.Reasons, PolicyHit{ID: id, Ref: ps.Ref(id)})
	}
	for _, e := range x.Response.Errors {
		f := PolicyFailure{PolicyHit: PolicyHit{ID: e.PolicyID, Ref: ps.Ref(e.PolicyID)}, Message: e.Message, Span: Span(e.Span)}
		if f.Ref != nil && f.Span == (Span{}) {
			f.Span = f.Ref.Head
		}
		r.Errors = append(r.Errors, f)
	}
	return r
}

// Summary says the decision and why in one line:
// "ALLOW — permit `viewer`", "DENY — no policy applies",
// "DENY — forbid `juniors`; 1 error in `p3`".
func (r *AuthzResult) Summary() string {
	return strings.ToUpper(r.Decision.String()) + " — " + r.Why()
}

// Why is the summary without the decision.
func (r *AuthzResult) Why() string {
	var b strings.Builder
	if len(r.Reasons) == 0 {
		b.WriteString("no policy applies")
	} else {
		effect := "permit"
		if r.Decision == engine.Deny {
			effect = "forbid"
		}
		b.WriteString(effect + " " + backquoteAll(hitIDs(r.Reasons)))
	}
	if n := len(r.Errors); n > 0 {
		ids := make([]string, n)
		for i, e := range r.Errors {
			ids[i] = e.ID
		}
		fmt.Fprintf(&b, "; %s in %s", plural(n, "error", "errors"), backquoteAll(ids))
	}
	return b.String()
}

// Detail lists the reasons and errors with their files and messages.
func (r *AuthzResult) Detail() string {
	var lines []string
	for _, h := range r.Reasons {
		lines = append(lines, "reason: "+h.describe())
	}
	for _, e := range r.Errors {
		lines = append(lines, "error in "+e.describe()+": "+e.Message)
	}
	for _, p := range r.Policies.Problems {
		lines = append(lines, "note: "+p)
	}
	return strings.Join(lines, "\n")
}

func (h PolicyHit) describe() string {
	if h.Ref == nil || h.Ref.File == nil {
		return "`" + h.ID + "`"
	}
	line, _ := h.Ref.File.Lines().Position(h.Ref.Span.Start, UTF8)
	return fmt.Sprintf("%s `%s` (%s:%d)", h.Ref.Effect, h.ID, baseName(h.Ref.File.Path), line+1)
}

func hitIDs(hits []PolicyHit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}

func backquoteAll(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = "`" + id + "`"
	}
	return strings.Join(q, ", ")
}

// RequestInput names what to authorize: a request file, or a request
// given inline (with an optional "entities" key naming entities files or
// holding an entities array) for a file at BasePath.
type RequestInput struct {
	// RequestPath is a request file (*.cedarauth.json).
	RequestPath string
	// Inline is a request JSON; BasePath is where it is considered to
	// be (its schema, entities and default policies are found from there).
	Inline   []byte
	BasePath string
	// PolicyPaths are the policy files to authorize against; empty means
	// the default for the request (PolicyFilesFor).
	PolicyPaths []string
}

// RequestError is a request or its entities that cannot be decided: not
// JSON, not valid for the schema, entities in error. Span is in File (the
// request file) when the problem is there.
type RequestError struct {
	File    *File
	Span    Span
	Message string
}

func (e *RequestError) Error() string { return e.Message }

// AuthorizeRequest decides a request file or an inline request: first the
// schema, the request and the entities are checked (as `authorize -s`
// does), then the policies decide.
func AuthorizeRequest(ctx context.Context, snap *Snapshot, in RequestInput) (*AuthzResult, error) {
	req, ents, base, err := snap.loadRequest(in)
	if err != nil {
		return nil, err
	}
	var files []*File
	if len(in.PolicyPaths) > 0 {
		for _, p := range in.PolicyPaths {
			f := snap.FileAt(p)
			if f == nil || (f.Kind != KindPolicy && f.Kind != KindPolicyJSON) {
				return nil, &RequestError{Message: "not a policy file: " + p}
			}
			files = append(files, f)
		}
	} else if files = snap.PolicyFilesFor(base); len(files) == 0 {
		return nil, &RequestError{Message: "no policy files (*.cedar) at or above " + parentDir(base)}
	}
	ps := snap.AuthzPoliciesFor(base, files)
	x := engine.Explain(ps.Set, ents, req)
	return newAuthzResult(ps, &x), nil
}

// loadRequest reads the request and its entities by the schema of the
// request's place.
func (s *Snapshot) loadRequest(in RequestInput) (*engine.Request, *engine.Entities, string, error) {
	var rf *File
	base, text := in.BasePath, in.Inline
	if in.RequestPath != "" {
		if rf = s.FileAt(in.RequestPath); rf == nil {
			return nil, nil, "", &RequestError{Message: "request file " + in.RequestPath + " cannot be read"}
		}
		base, text = rf.Path, rf.Text
	}
	sch, err := s.AuthzSchema(PathToURI(base))
	if err != nil {
		return nil, nil, base, &RequestError{Message: err.Error()}
	}
	req, err := engine.DecodeRequest(baseName(base), text, requestOptions(sch))
	if err != nil {
		return nil, nil, base, requestError(rf, err)
	}
	ents, err := s.requestEntities(base, text, sch)
	if err != nil {
		return nil, nil, base, requestError(nil, err)
	}
	return req, ents, base, nil
}

// requestEntities are a request's entities: those its "entities" key
// names (files relative to it, or an inline array), else its
// association's entities files.
func (s *Snapshot) requestEntities(base string, text []byte, sch *engine.Schema) (*engine.Entities, error) {
	tree, _ := jsontree.Parse(text, maxJSONDepth)
	if tree != nil {
		if m := tree.Member("entities"); m != nil {
			switch m.Value.Kind {
			case jsontree.String:
				return s.LoadEntitiesFiles(absAll(parentDir(base), []string{m.Value.Text}), sch)
			case jsontree.Array:
				if len(m.Value.Elems) > 0 && m.Value.Elems[0].Kind == jsontree.String {
					var names []string
					for _, e := range m.Value.Elems {
						names = append(names, e.Text)
					}
					return s.LoadEntitiesFiles(absAll(parentDir(base), names), sch)
				}
				return loadEntitiesText("entities", text[m.Value.Start:m.Value.End], sch)
			}
		}
	}
	return s.LoadEntitiesFiles(s.AssociationFor(base).Entities, sch)
}

// requestError turns an engine error into a RequestError placed at its
// first diagnostic when it is in the request file.
func requestError(rf *File, err error) *RequestError {
	re := &RequestError{File: rf, Message: strings.ReplaceAll(err.Error(), "\n", "; ")}
	var invalid *engine.InvalidRequestError
	if errors.As(err, &invalid) {
		re.Message = "the request is not valid for the schema: " + strings.Join(invalid.Problems, "; ")
		if invalid.Input != nil && len(invalid.Input.Diags) > 0 {
			re.Span = Span(invalid.Input.Diags[0].Span)
		}
		return re
	}
	var ee *engine.Error
	if errors.As(err, &ee) && len(ee.Diags) > 0 {
		msgs := make([]string, len(ee.Diags))
		for i, d := range ee.Diags {
			msgs[i] = d.Message
		}
		re.Message = strings.Join(msgs, "; ")
		if rf != nil && ee.Name == baseName(rf.Path) {
			re.Span = Span(ee.Diags[0].Span)
		}
		if ee.Name != "" && (rf == nil || ee.Name != baseName(rf.Path)) {
			re.Message = baseName(ee.Name) + ": " + re.Message
		}
	}
	return re
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}
