package analysis

import (
	"context"
	"fmt"

	"github.com/cedar-ls/cedar-ls/engine"
)

// ExplainTarget is what to explain: a request file, or the test of a
// tests file at a byte offset (the first test when the offset is in none).
type ExplainTarget struct {
	URI    string
	Offset int
	// Test, when not 0, is the test (1-based, in file order) of a tests
	// file to explain instead of the one at Offset: an explanation kept on
	// display follows its test while the file is edited.
	Test int
	// PolicyPaths, when given, replace the default policy files.
	PolicyPaths []string
}

// Explained is an authorization with what every policy of its policy
// files did.
type Explained struct {
	// Subject names what was explained: the request file, or the test.
	Subject  string
	Result   *AuthzResult
	Policies []ExplainedPolicy
}

// ExplainedPolicy is one policy's part in a decision.
type ExplainedPolicy struct {
	Ref     *PolicyRef
	Outcome engine.Outcome
	// Reason: the policy is one of the decision's reasons (a satisfied
	// permit is not when a forbid decided).
	Reason bool
	// Failure is the evaluation error of an Errored policy.
	Failure *PolicyFailure
}

// Explain authorizes the target and says, for every policy, whether it was
// satisfied (and a reason), errored (where and why), applied by scope with
// a false condition, or did not apply by scope.
func Explain(ctx context.Context, snap *Snapshot, t ExplainTarget) (*Explained, error) {
	f := snap.File(t.URI)
	if f == nil {
		return nil, &RequestError{Message: "no such file: " + t.URI}
	}
	var res *AuthzResult
	subject := baseName(f.Path)
	switch f.Kind {
	case KindTests:
		run := RunTests(ctx, snap, t.URI)
		if run.Problem != "" {
			return nil, &RequestError{File: f, Message: run.Problem}
		}
		test := run.TestAt(t.Offset)
		if t.Test > 0 && t.Test <= len(run.Tests) {
			test = run.Tests[t.Test-1]
		}
		if test == nil && len(run.Tests) > 0 {
			test = run.Tests[0]
		}
		if test == nil {
			return nil, &RequestError{File: f, Message: "the tests file has no tests"}
		}
		if test.Actual == nil {
			return nil, &RequestError{File: f, Span: test.Span, Message: test.Problem}
		}
		res, subject = test.Actual, fmt.Sprintf("test %q", test.Name)
	case KindRequest:
		var err error
		if res, err = AuthorizeRequest(ctx, snap, RequestInput{RequestPath: f.Path, PolicyPaths: t.PolicyPaths}); err != nil {
			return nil, err
		}
	default:
		rf := snap.NearestRequestFile(f.Path)
		if rf == nil {
			return nil, &RequestError{Message: "no request file (*.cedarauth.json) at or above " + parentDir(f.Path)}
		}
		paths := t.PolicyPaths
		if len(paths) == 0 && (f.Kind == KindPolicy || f.Kind == KindPolicyJSON) {
			paths = []string{f.Path}
		}
		var err error
		if res, err = AuthorizeRequest(ctx, snap, RequestInput{RequestPath: rf.Path, PolicyPaths: paths}); err != nil {
			return nil, err
		}
		subject = baseName(rf.Path)
	}
	return explained(subject, res), nil
}

func explained(subject string, res *AuthzResult) *Explained {
	x := &Explained{Subject: subject, Result: res}
	reason := map[string]bool{}
	for _, h := range res.Reasons {
		reason[h.ID] = true
	}
	failure := map[string]*PolicyFailure{}
	for i := range res.Errors {
		failure[res.Errors[i].ID] = &res.Errors[i]
	}
	for _, ref := range res.Policies.Refs {
		if ref.Policy != nil && ref.Policy.IsTemplate() && ref.Template == "" {
			continue // a template is explained through its links
		}
		x.Policies = append(x.Policies, ExplainedPolicy{
			Ref: ref, Outcome: res.Explanation.Outcome(ref.ID), Reason: reason[ref.ID], Failure: failure[ref.ID],
		})
	}
	return x
}

// Hint is a diagnostic of severity Hint drawn on a policy to explain a
// decision; Unnecessary ones (policies that did not apply) are drawn faded.
type Hint struct {
	Diagnostic
	Unnecessary bool
}

// Hints are the explanation's hints in the file at path.
func (x *Explained) Hints(path string) []Hint {
	var out []Hint
	decision := x.Result.Decision.String()
	for _, p := range x.Policies {
		if p.Ref.File == nil || p.Ref.File.Path != path {
			continue
		}
		h := Hint{Diagnostic: Diagnostic{Severity: SeverityHint, Code: "explain", Span: p.Ref.Head}}
		prefix := fmt.Sprintf("%s (%s): ", x.Subject, decision)
		switch {
		case p.Outcome == engine.Errored:
			h.Message = prefix + "evaluation failed, the policy was skipped: " + p.Failure.Message
			if p.Failure.Span != (Span{}) {
				h.Span = p.Failure.Span
			}
		case p.Outcome == engine.Satisfied && p.Reason:
			h.Message = prefix + "satisfied: a reason for " + decision
		case p.Outcome == engine.Satisfied:
			h.Message = prefix + "satisfied, but a forbid decided " + decision
		case p.Outcome == engine.ConditionFalse:
			h.Message = prefix + "applies by scope, but its condition is false"
			if p.Ref.Conditions != (Span{}) {
				h.Span = p.Ref.Conditions
			}
		default:
			h.Message = prefix + "does not apply: its scope does not match the request"
			h.Span, h.Unnecessary = p.Ref.Span, true
		}
		out = append(out, h)
	}
	return out
}
