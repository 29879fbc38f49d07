package analysis

import (
	"context"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode"
)

// WorkspaceSymbol is a symbol with the file it is in.
type WorkspaceSymbol struct {
	Symbol
	URI string
	// Container is the enclosing symbol's name ("" at the top).
	Container string
}

// WorkspaceSymbols finds the symbols of every Cedar file of the workspace
// whose name matches the query (case-insensitive, characters in order, as
// editors' fuzzy pickers do), best matches first, at most limit.
func WorkspaceSymbols(ctx context.Context, snap *Snapshot, query string, limit int) []WorkspaceSymbol {
	type scored struct {
		WorkspaceSymbol
		score int
	}
	var found []scored
	var visit func(f *File, syms []Symbol, container string)
	visit = func(f *File, syms []Symbol, container string) {
		for _, s := range syms {
			if score, ok := fuzzyMatch(query, s.Name); ok {
				c := s
				c.Children = nil
				found = append(found, scored{WorkspaceSymbol{Symbol: c, URI: f.URI, Container: container}, score})
			}
			if s.Kind != SymbolEntityType && s.Kind != SymbolAction && s.Kind != SymbolCommonType {
				visit(f, s.Children, s.Name)
			}
		}
	}
	files := snap.WorkspaceFiles()
	parseAll(ctx, files)
	for _, f := range files {
		if ctx.Err() != nil {
			break
		}
		visit(f, DocumentSymbols(snap, f.URI), "")
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].score > found[j].score })
	if limit > 0 && len(found) > limit {
		found = found[:limit]
	}
	out := make([]WorkspaceSymbol, len(found))
	for i, s := range found {
		out[i] = s.WorkspaceSymbol
	}
	return out
}

// parseAll parses files on every processor (the parses are cached on the
// files), so a first workspace-wide request does not parse one file at a
// time.
func parseAll(ctx context.Context, files []*File) {
	work := make(chan *File)
	var wg sync.WaitGroup
	for i := 0; i < runtime.GOMAXPROCS(0); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				switch {
				case f.Kind == KindPolicy:
					f.Policies()
				case f.Kind.IsSchema():
					f.SchemaSyntax()
				case f.Kind.IsJSON():
					f.JSON()
				}
			}
		}()
	}
	for _, f := range files {
		if ctx.Err() != nil {
			break
		}
		work <- f
	}
	close(work)
	wg.Wait()
}

// fuzzyMatch reports whether the query's characters appear in name in
// order (case-insensitively), and scores the match: a prefix or exact
// match scores higher, gaps lower.
func fuzzyMatch(query, name string) (int, bool) {
	if query == "" {
		return 0, true
	}
	q := []rune(strings.ToLower(query))
	score, qi, last := 0, 0, -1
	for i, r := range []rune(name) {
		if qi < len(q) && unicode.ToLower(r) == q[qi] {
			if last == i-1 {
				score += 3
			}
			if i == 0 {
				score += 5
			}
			last = i
			qi++
		}
	}
	if qi < len(q) {
		return 0, false
	}
	if strings.EqualFold(query, name) {
		score += 20
	}
	return score, true
}
