package analysis

import (
	"context"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/parse"
)

// partialSources are the sources of the engine's half-typed policy cases,
// cursor marks removed.
func partialSources(t *testing.T) []string {
	data, err := os.ReadFile("../../engine/parse/testdata/partial.txt")
	if err != nil {
		t.Fatal(err)
	}
	var sources []string
	for _, chunk := range strings.Split(string(data), "=== ")[1:] {
		_, rest, _ := strings.Cut(chunk, "\n")
		src, _, _ := strings.Cut(rest, "---\n")
		sources = append(sources, strings.ReplaceAll(strings.TrimSuffix(src, "\n"), "‸", ""))
	}
	return sources
}

// TestShiftPartialPolicies: the hand-written shift (the chunked parse's
// fast path) moves partial trees and their errors exactly as parsing the
// shifted text does.
func TestShiftPartialPolicies(t *testing.T) {
	if !policyFieldsKnown {
		t.Fatal("shift_policy.go does not know every field of ast.Policy")
	}
	for _, src := range partialSources(t) {
		f, _ := parse.Policies([]byte(src))
		g, _ := parse.Policies([]byte("\n\n\n" + src))
		for i, p := range f.Policies {
			if got := shiftPolicy(p, 3); !reflect.DeepEqual(got, g.Policies[i]) {
				t.Errorf("%q: policy %d shifted differs from the shifted text's", src, i)
			}
		}
	}
}

// TestFeaturesOnPartialTrees runs every policy-file feature at every
// offset of the engine's half-typed policy cases (engine/parse/testdata/
// partial.txt), whose files now hold partial trees of the broken
// policies: nothing may panic, and what points into the text must stay in
// it.
func TestFeaturesOnPartialTrees(t *testing.T) {
	const schema = `entity User in [Group] = { name: String, manager?: User, tags: Set<String> };
entity Group;
entity Doc = { owner: User, title: String };
action view, edit appliesTo { principal: User, resource: Doc, context: { ok: Bool, n: Long } };`
	sources := partialSources(t)
	files := map[string]string{"schema.cedarschema": schema}
	for i, src := range sources {
		files["p"+string(rune('a'+i%26))+strings.Repeat("x", i/26)+".cedar"] = src
	}
	w, root := testWorkspace(t, files)
	snap := w.Snapshot()
	for name, src := range files {
		if !strings.HasSuffix(name, ".cedar") {
			continue
		}
		uri := uriIn(root, name)
		whole := Span{Start: 0, End: len(src)}
		inText := func(what string, s Span) {
			if s.Start < 0 || s.End > len(src) || s.Start > s.End {
				t.Errorf("%q: %s span %v outside the text", src, what, s)
			}
		}
		Diagnostics(context.Background(), snap, uri)
		for _, tok := range SemanticTokens(snap, uri) {
			inText("semantic token", tok.Span)
		}
		for _, s := range DocumentSymbols(snap, uri) {
			inText("symbol", s.Span)
		}
		for _, f := range FoldingRanges(snap, uri) {
			inText("fold", f.Span)
		}
		InlayHints(snap, uri, whole)
		idx := snap.SymbolIndex(uri)
		offsets := make([]int, 0, len(src)+1)
		for off := 0; off <= len(src); off++ {
			offsets = append(offsets, off)
			Complete(snap, uri, off)
			HoverAt(snap, uri, off)
			SignatureHelpAt(snap, uri, off)
			if idx != nil {
				idx.Definition(uri, off)
				idx.References(uri, off, true)
				idx.DocumentHighlights(uri, off)
				idx.PrepareRename(uri, off)
			}
		}
		for _, ranges := range SelectionRanges(snap, uri, offsets) {
			for _, s := range ranges {
				inText("selection range", s)
			}
		}
	}
}

// TestCompletionWithABrokenSchema: while one schema declaration has an
// error, completion and hover still know the rest of the schema, and no
// validation diagnostics are made against it.
func TestCompletionWithABrokenSchema(t *testing.T) {
	schema := `entity User = { name: String, manager: User };
entity Doc = { owner: User ;
action view appliesTo { principal: User, resource: User };`
	policy := `permit(principal, action == Action::"view", resource) when { principal.manager. };`
	w, root := testWorkspace(t, map[string]string{"schema.cedarschema": schema, "p.cedar": policy})
	snap := w.Snapshot()
	uri := uriIn(root, "p.cedar")
	sc := snap.SchemaFor(uri)
	if sc == nil || sc.Resolved != nil || sc.Partial == nil || len(sc.Errors) != 1 {
		t.Fatalf("schema: %+v", sc)
	}
	off := strings.Index(policy, "manager.") + len("manager.")
	var labels []string
	for _, it := range Complete(snap, uri, off) {
		labels = append(labels, it.Label)
	}
	if got := strings.Join(labels, " "); !strings.Contains(got, "manager") || !strings.Contains(got, "name") {
		t.Errorf("completions after principal.manager.: %v", labels)
	}
	for _, d := range Diagnostics(context.Background(), snap, uri) {
		if d.Code != "parse" {
			t.Errorf("diagnostic against a schema with errors: %+v", d)
		}
	}
}
