package lsp

import (
	"context"
	"fmt"
	"hash/fnv"
	"sync"

	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

// authzState is the server's inline-authorization state: the explanation
// on display (cedar.explain until cedar.dismissExplanation) and what was
// last sent, so refreshes after edits are sent once per change.
type authzState struct {
	mu sync.Mutex
	// explaining is the explanation shown as hints, recomputed on every
	// change so the hints follow the edits; nil when none.
	explaining *analysis.ExplainTarget
	cached     struct {
		snap uint64
		x    *analysis.Explained
	}
	lastRefresh uint64
	locations   map[string]uint64 // uri → hash of the last cedar/testLocations
}

// explanation is the explanation on display for the snapshot (nil when
// none is, or it cannot be computed any more).
func (s *Server) explanation(ctx context.Context, snap *analysis.Snapshot) *analysis.Explained {
	s.authz.mu.Lock()
	target := s.authz.explaining
	if target == nil {
		s.authz.mu.Unlock()
		return nil
	}
	if s.authz.cached.snap == snap.ID && s.authz.cached.x != nil {
		x := s.authz.cached.x
		s.authz.mu.Unlock()
		return x
	}
	t := *target
	s.authz.mu.Unlock()
	x, err := analysis.Explain(ctx, snap, t)
	if err != nil {
		return nil
	}
	s.authz.mu.Lock()
	s.authz.cached.snap, s.authz.cached.x = snap.ID, x
	s.authz.mu.Unlock()
	return x
}

// authzDiagnostics are the diagnostics inline authorization adds to a
// file: failing tests in a tests file, and the hints of the explanation on
// display in a policy file.
func (s *Server) authzDiagnostics(ctx context.Context, snap *analysis.Snapshot, f *analysis.File) []protocol.Diagnostic {
	var out []protocol.Diagnostic
	switch f.Kind {
	case analysis.KindTests:
		run := analysis.RunTests(ctx, snap, f.URI)
		if run == nil {
			return nil
		}
		for _, t := range run.Tests {
			if t.Passed {
				continue
			}
			sp := analysis.Span{Start: t.Span.Start, End: t.Span.Start + 1}
			switch {
			case t.Actual != nil && t.Actual.Decision.String() != t.Expected && t.DecisionSpan != (analysis.Span{}):
				sp = t.DecisionSpan
			case t.Actual != nil && t.ReasonSpan != (analysis.Span{}):
				sp = t.ReasonSpan
			case t.DecisionSpan != (analysis.Span{}):
				sp = t.DecisionSpan
			}
			out = append(out, protocol.Diagnostic{
				Range: s.toRange(f, sp), Severity: protocol.DiagnosticSeverityError, Code: "test-failed", Source: "cedar",
				Message: fmt.Sprintf("test %q failed: %s", t.Name, t.Problem),
			})
		}
	case analysis.KindPolicy, analysis.KindPolicyJSON:
		x := s.explanation(ctx, snap)
		if x == nil {
			return nil
		}
		for _, h := range x.Hints(f.Path) {
			d := protocol.Diagnostic{Range: s.toRange(f, h.Span), Severity: protocol.DiagnosticSeverityHint, Code: h.Code, Source: "cedar", Message: h.Message}
			if h.Unnecessary {
				d.Tags = []protocol.DiagnosticTag{protocol.DiagnosticTagUnnecessary}
			}
			out = append(out, d)
		}
	}
	return out
}

// authzDependents adds to the files a diagnostics run re-diagnoses those
// whose inline-authorization diagnostics any change may alter: open tests
// files (their tests run against policies, schema, entities and links)
// and open policy files while an explanation is on display.
func (s *Server) authzDependents(snap *analysis.Snapshot, targets []string) []string {
	s.authz.mu.Lock()
	explaining := s.authz.explaining != nil
	s.authz.mu.Unlock()
	have := map[string]bool{}
	for _, t := range targets {
		have[t] = true
	}
	for _, f := range snap.OpenFiles() {
		if have[f.URI] {
			continue
		}
		if f.Kind == analysis.KindTests || (explaining && (f.Kind == analysis.KindPolicy || f.Kind == analysis.KindPolicyJSON)) {
			targets = append(targets, f.URI)
		}
	}
	return targets
}

// authzRefreshed runs after every diagnostics run (so after the same
// debounce): it asks the client to refresh its code lenses (when it
// supports workspace/codeLens/refresh) and sends cedar/testLocations for
// open tests files whose tests changed.
func (s *Server) authzRefreshed(snap *analysis.Snapshot) {
	s.authz.mu.Lock()
	fresh := snap.ID != s.authz.lastRefresh
	s.authz.lastRefresh = snap.ID
	if s.authz.locations == nil {
		s.authz.locations = map[string]uint64{}
	}
	s.authz.mu.Unlock()
	if !fresh {
		return
	}
	s.mu.Lock()
	refresh := s.client.codeLensRefresh
	s.mu.Unlock()
	if refresh {
		go func() {
			if _, err := s.conn.Call(context.Background(), "workspace/codeLens/refresh", nil, nil); err != nil {
				s.logf("workspace/codeLens/refresh: %v", err)
			}
		}()
	}
	for _, f := range snap.OpenFiles() {
		if f.Kind != analysis.KindTests {
			continue
		}
		params := s.testLocations(snap, f)
		h := fnv.New64a()
		fmt.Fprintf(h, "%v", params)
		sum := h.Sum64()
		s.authz.mu.Lock()
		same := s.authz.locations[f.URI] == sum
		s.authz.locations[f.URI] = sum
		s.authz.mu.Unlock()
		if same {
			continue
		}
		if err := s.conn.Notify(context.Background(), "cedar/testLocations", params); err != nil {
			s.logf("cedar/testLocations: %v", err)
		}
	}
}

// testLocationsParams is the cedar/testLocations notification.
type testLocationsParams struct {
	URI   string         `json:"uri"`
	Tests []testLocation `json:"tests"`
}

type testLocation struct {
	Name  string         `json:"name"`
	Range protocol.Range `json:"range"`
}

// testLocations lists the tests of a tests file by name and range (of the
// test object), whether or not they can run.
func (s *Server) testLocations(snap *analysis.Snapshot, f *analysis.File) testLocationsParams {
	p := testLocationsParams{URI: f.URI, Tests: []testLocation{}}
	for _, t := range analysis.TestLocations(f) {
		p.Tests = append(p.Tests, testLocation{Name: t.Name, Range: s.toRange(f, t.Span)})
	}
	return p
}

// showAuthorizeResultParams is the cedar/showAuthorizeResult notification:
// text to draw at the end of a line of a document, with detail for a
// hover or a message.
type showAuthorizeResultParams struct {
	URI    string `json:"uri"`
	Line   int    `json:"line"`
	Text   string `json:"text"`
	Detail string `json:"detail,omitempty"`
}

func (s *Server) showAuthorizeResult(p showAuthorizeResultParams) {
	if err := s.conn.Notify(context.Background(), "cedar/showAuthorizeResult", p); err != nil {
		s.logf("cedar/showAuthorizeResult: %v", err)
	}
}
