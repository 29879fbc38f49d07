package lsp

import (
	"context"
	"fmt"
	"hash/fnv"
	"sync"
	"time"

	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

// publisher pushes textDocument/publishDiagnostics after a debounce. A
// change to a policy file re-diagnoses that file (and open template-link
// files, which name its templates); a change to anything
// other files may depend on (schemas, entities, links, project files,
// settings, the disk) re-diagnoses every open file. A newer change cancels
// a computation in progress.
type publisher struct {
	s *Server

	mu      sync.Mutex
	pending map[string]bool
	all     bool
	timer   *time.Timer
	cancel  context.CancelFunc
	stopped bool
	// last is what was last published per URI, to skip repeats.
	last map[string]uint64

	runMu sync.Mutex
}

func newPublisher(s *Server) *publisher {
	return &publisher{s: s, pending: map[string]bool{}, last: map[string]uint64{}}
}

// changed schedules diagnostics after a change of the file at uri.
func (p *publisher) changed(snap *analysis.Snapshot, uri string) {
	f := snap.File(uri)
	onlyItself := f != nil && (f.Kind == analysis.KindPolicy || f.Kind == analysis.KindPolicyJSON)
	p.mu.Lock()
	if onlyItself {
		p.pending[uri] = true
		// Template-link files are checked against the policies.
		for _, o := range snap.OpenFiles() {
			if o.Kind == analysis.KindLinks {
				p.pending[o.URI] = true
			}
		}
	} else {
		p.all = true
	}
	p.scheduleLocked()
	p.mu.Unlock()
}

// everything schedules diagnostics of every open file.
func (p *publisher) everything() {
	p.mu.Lock()
	p.all = true
	p.scheduleLocked()
	p.mu.Unlock()
}

// closed clears a closed document's diagnostics and re-diagnoses the
// others (they may have read the closed file's unsaved text).
func (p *publisher) closed(snap *analysis.Snapshot, uri string) {
	p.mu.Lock()
	delete(p.pending, uri)
	delete(p.last, uri)
	p.mu.Unlock()
	p.send(uri, nil, []protocol.Diagnostic{})
	p.everything()
}

func (p *publisher) scheduleLocked() {
	if p.stopped {
		return
	}
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
	delay := p.s.opts.DiagnosticsDelay
	if delay < 0 {
		delay = 0
	}
	if p.timer != nil {
		p.timer.Stop()
	}
	p.timer = time.AfterFunc(delay, p.run)
}

func (p *publisher) stop() {
	p.mu.Lock()
	p.stopped = true
	if p.timer != nil {
		p.timer.Stop()
	}
	if p.cancel != nil {
		p.cancel()
	}
	p.mu.Unlock()
}

// run computes and publishes the pending diagnostics.
func (p *publisher) run() {
	p.runMu.Lock()
	defer p.runMu.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p.mu.Lock()
	if p.stopped {
		p.mu.Unlock()
		return
	}
	p.cancel = cancel
	snap := p.s.ws.Snapshot()
	var targets []string
	if p.all {
		for _, f := range snap.OpenFiles() {
			targets = append(targets, f.URI)
		}
	} else {
		for uri := range p.pending {
			targets = append(targets, uri)
		}
		targets = p.s.authzDependents(snap, targets)
	}
	pending, all := p.pending, p.all
	p.pending, p.all = map[string]bool{}, false
	p.mu.Unlock()

	for i, uri := range targets {
		f := snap.File(uri)
		if f == nil || !f.Open {
			continue
		}
		diags := analysis.Diagnostics(ctx, snap, uri)
		if ctx.Err() != nil {
			// Superseded: put back what is left for the next run.
			p.mu.Lock()
			p.all = p.all || all
			for _, u := range targets[i:] {
				p.pending[u] = true
			}
			for u := range pending {
				p.pending[u] = p.pending[u] || u == uri
			}
			p.mu.Unlock()
			return
		}
		p.send(uri, f, append(p.s.toDiagnostics(snap, f, diags), p.s.authzDiagnostics(ctx, snap, f)...))
	}
	p.s.authzRefreshed(snap)
}

// send publishes unless the same diagnostics were last published for the
// same version.
func (p *publisher) send(uri string, f *analysis.File, diags []protocol.Diagnostic) {
	params := &protocol.PublishDiagnosticsParams{URI: docURI(uri), Diagnostics: diags}
	if f != nil && f.Version >= 0 {
		params.Version = uint32(f.Version)
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "%d%v", params.Version, diags)
	sum := h.Sum64()
	p.mu.Lock()
	if f != nil && p.last[uri] == sum {
		p.mu.Unlock()
		return
	}
	p.last[uri] = sum
	p.mu.Unlock()
	if err := p.s.conn.Notify(context.Background(), "textDocument/publishDiagnostics", params); err != nil {
		p.s.logf("publishing diagnostics: %v", err)
	}
}

// toDiagnostics converts analysis diagnostics to LSP ones.
func (s *Server) toDiagnostics(snap *analysis.Snapshot, f *analysis.File, diags []analysis.Diagnostic) []protocol.Diagnostic {
	out := make([]protocol.Diagnostic, 0, len(diags))
	for _, d := range diags {
		pd := protocol.Diagnostic{
			Range:    s.toRange(f, d.Span),
			Severity: protocol.DiagnosticSeverity(d.Severity),
			Code:     d.Code,
			Source:   "cedar",
			Message:  d.Message,
		}
		if d.Href != "" {
			pd.CodeDescription = &protocol.CodeDescription{Href: protocol.URI(d.Href)}
		}
		if len(d.Suggestions) > 0 {
			pd.Data = map[string][]string{"suggestions": d.Suggestions}
		}
		for _, r := range d.Related {
			rf := snap.File(r.URI)
			if rf == nil {
				continue
			}
			pd.RelatedInformation = append(pd.RelatedInformation, protocol.DiagnosticRelatedInformation{
				Location: protocol.Location{URI: docURI(r.URI), Range: s.toRange(rf, r.Span)},
				Message:  r.Message,
			})
		}
		out = append(out, pd)
	}
	return out
}
