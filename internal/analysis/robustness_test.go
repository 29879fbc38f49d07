package analysis

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFeaturesNeverPanic runs every position feature at every offset of
// the fixture's files, and completion and hover at the end of every prefix
// of the policy file (the policy being typed), in the Cedar and JSON
// schema syntax: half-typed text must never make a feature panic.
func TestFeaturesNeverPanic(t *testing.T) {
	fx := loadRenameFixture(t, false)
	dir := t.TempDir()
	uris := map[string]string{}
	names := map[string]string{fxSchema: "app.cedarschema", fxPolicies: "policies.cedar", fxEntities: "entities.json", fxRequest: "request.cedarauth.json"}
	for u, name := range names {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, fx[u], 0o644); err != nil {
			t.Fatal(err)
		}
		uris[u] = PathToURI(p)
	}
	ws := NewWorkspace([]string{dir}, DefaultSettings())
	snap := ws.Snapshot()
	for u, uri := range uris {
		text := fx[u]
		idx := snap.SymbolIndex(uri)
		for off := 0; off <= len(text); off++ {
			Complete(snap, uri, off)
			HoverAt(snap, uri, off)
			SignatureHelpAt(snap, uri, off)
			idx.Definition(uri, off)
			idx.References(uri, off, true)
			idx.DocumentHighlights(uri, off)
			idx.PrepareRename(uri, off)
			if off%5 == 0 {
				CodeActions(snap, uri, Span{off, off})
			}
		}
	}
	policy := fx[fxPolicies]
	uri := uris[fxPolicies]
	for n := 0; n <= len(policy); n++ {
		snap := ws.Open(uri, int32(n+1), policy[:n])
		Complete(snap, uri, n)
		HoverAt(snap, uri, n)
		SignatureHelpAt(snap, uri, n)
		if n%11 == 0 {
			CodeActions(snap, uri, Span{n, n})
			snap.SymbolIndex(uri).Definition(uri, n)
		}
	}
	// Out-of-range offsets are clamped, not trusted.
	for _, off := range []int{-5, len(policy) + 100} {
		Complete(snap, uri, off)
		HoverAt(snap, uri, off)
		SignatureHelpAt(snap, uri, off)
	}
}
