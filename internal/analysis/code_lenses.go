package analysis

import (
	"context"
)

// Lens is a code lens: a title drawn above Span's line and the command it
// runs when clicked (none when Command is ""). Commands take the file and
// the position of At (internal/lsp builds their arguments).
type Lens struct {
	Span    Span
	Title   string
	Command string
	At      int
}

// The commands lenses run (workspace/executeCommand, docs/lsp-protocol.md).
const (
	CommandRunTests  = "cedar.runTests"
	CommandAuthorize = "cedar.authorize"
	CommandExplain   = "cedar.explain"
	CommandEvaluate  = "cedar.evaluate"
	CommandDismiss   = "cedar.dismissExplanation"
)

// CodeLenses are the inline-authorization lenses of a file: on a tests
// file, "Run all" and one per test; on a request file, its decision; on a
// policy file, each policy's coverage by the workspace's tests and
// "Authorize…".
func CodeLenses(ctx context.Context, snap *Snapshot, uri string) []Lens {
	f := snap.File(uri)
	if f == nil {
		return nil
	}
	switch f.Kind {
	case KindTests:
		return testLenses(ctx, snap, uri)
	case KindRequest:
		return requestLenses(ctx, snap, f)
	case KindPolicy:
		return policyLenses(ctx, snap, f)
	}
	return nil
}

func testLenses(ctx context.Context, snap *Snapshot, uri string) []Lens {
	run := RunTests(ctx, snap, uri)
	if run == nil {
		return nil
	}
	start := 0
	if tree, _ := run.File.JSON(); tree != nil {
		start = tree.Start
	}
	out := []Lens{{Span: Span{start, start}, Title: run.Summary(), Command: CommandRunTests, At: start}}
	for _, t := range run.Tests {
		out = append(out, Lens{Span: Span{t.Span.Start, t.Span.Start}, Title: t.Summary(), Command: CommandExplain, At: t.Span.Start})
	}
	return out
}

func requestLenses(ctx context.Context, snap *Snapshot, f *File) []Lens {
	start := 0
	if tree, _ := f.JSON(); tree != nil {
		start = tree.Start
	}
	at := Span{start, start}
	res, err := AuthorizeRequest(ctx, snap, RequestInput{RequestPath: f.Path})
	if err != nil {
		return []Lens{{Span: at, Title: "⚠ " + err.Error()}}
	}
	return []Lens{
		{Span: at, Title: res.Summary(), Command: CommandAuthorize, At: start},
		{Span: at, Title: "Explain", Command: CommandExplain, At: start},
	}
}

func policyLenses(ctx context.Context, snap *Snapshot, f *File) []Lens {
	pf := f.Policies()
	if pf == nil {
		return nil
	}
	coverage := map[Span]PolicyCoverage{}
	for _, c := range Coverage(ctx, snap, f.URI) {
		if c.Ref.Template == "" {
			coverage[c.Ref.Span] = c
		}
	}
	var out []Lens
	for _, p := range pf.AST.Policies {
		sp := Span(p.Span)
		head := Span{sp.Start, sp.Start}
		if c, ok := coverage[sp]; ok {
			out = append(out, Lens{Span: head, Title: c.Summary()})
		}
		out = append(out, Lens{Span: head, Title: "Authorize…", Command: CommandAuthorize, At: sp.Start})
	}
	return out
}
