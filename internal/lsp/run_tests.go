package lsp

import (
	"context"
	"encoding/json"

	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

// cedar/runTests runs the tests of a tests file (or of every tests file of
// the workspace); the command cedar.runTests does the same and draws each
// test's result at its line (cedar/showAuthorizeResult).
func init() {
	onRequest("cedar/runTests", cedarRunTests)
	onCommand(analysis.CommandRunTests, runTestsCommand)
}

type runTestsParams struct {
	// URI is the tests file; empty runs every tests file of the workspace.
	URI string `json:"uri"`
}

// runTestsResult is the result of cedar/runTests.
type runTestsResult struct {
	Tests  []testResultJSON `json:"tests"`
	Passed int              `json:"passed"`
	Failed int              `json:"failed"`
	// Problems are the tests files whose tests could not run, and why.
	Problems []problemJSON `json:"problems,omitempty"`
}

// testResultJSON is one test's result.
type testResultJSON struct {
	Name  string         `json:"name"`
	URI   string         `json:"uri"`
	Range protocol.Range `json:"range"`
	// Passed says whether the test passed, as `cedar-ls run-tests` says;
	// Message is why not, in its words.
	Passed  bool   `json:"passed"`
	Message string `json:"message,omitempty"`
	// Summary is the lens text.
	Summary         string   `json:"summary"`
	Expected        string   `json:"expected,omitempty"`
	ExpectedReasons []string `json:"expectedReasons"`
	// Actual, Reasons and Errors are the authorization (absent when the
	// test could not run: a malformed test, a request or entities the
	// schema rejects).
	Actual  string            `json:"actual,omitempty"`
	Reasons []string          `json:"reasons"`
	Errors  []policyErrorJSON `json:"errors"`
}

func cedarRunTests(ctx context.Context, s *Server, p *runTestsParams) (any, error) {
	return s.runTests(ctx, p.URI, false), nil
}

func runTestsCommand(ctx context.Context, s *Server, args []json.RawMessage) (any, error) {
	a, err := decodeAuthzArgs(analysis.CommandRunTests, args, false)
	if err != nil {
		return nil, err
	}
	return s.runTests(ctx, a.URI, true), nil
}

// runTests runs one tests file, or all of the workspace's; show draws each
// result at the end of its test's first line.
func (s *Server) runTests(ctx context.Context, uri string, show bool) runTestsResult {
	snap := s.snapshot(ctx)
	var files []*analysis.File
	if uri != "" {
		if f := snap.File(uri); f != nil && f.Kind == analysis.KindTests {
			files = append(files, f)
		} else {
			return runTestsResult{Tests: []testResultJSON{}, Problems: []problemJSON{{Message: "not a tests file (*.cedartests.json): " + uri, URI: uri}}}
		}
	} else {
		for _, f := range snap.WorkspaceFiles() {
			if f.Kind == analysis.KindTests {
				files = append(files, f)
			}
		}
	}
	out := runTestsResult{Tests: []testResultJSON{}}
	for _, f := range files {
		run := analysis.RunTests(ctx, snap, f.URI)
		if run.Problem != "" {
			out.Problems = append(out.Problems, problemJSON{Message: run.Problem, URI: f.URI})
			if show {
				s.showAuthorizeResult(showAuthorizeResultParams{URI: f.URI, Line: 0, Text: run.Summary()})
			}
			continue
		}
		out.Passed += run.Passed
		out.Failed += run.Failed
		for _, t := range run.Tests {
			tr := testResultJSON{
				Name: t.Name, URI: f.URI, Range: s.toRange(f, t.Span), Passed: t.Passed, Message: t.Problem,
				Summary: t.Summary(), Expected: t.Expected, ExpectedReasons: nonNil(t.ExpectedReasons),
				Reasons: []string{}, Errors: []policyErrorJSON{},
			}
			if t.Actual != nil {
				res := s.authorizeJSON(t.Actual)
				tr.Actual, tr.Errors = res.Decision, res.Errors
				for _, r := range res.Reasons {
					tr.Reasons = append(tr.Reasons, r.ID)
				}
			}
			out.Tests = append(out.Tests, tr)
			if show {
				s.showAuthorizeResult(showAuthorizeResultParams{URI: f.URI, Line: int(tr.Range.Start.Line), Text: tr.Summary, Detail: t.Problem})
			}
		}
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
