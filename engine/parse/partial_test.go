package parse

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/source"
)

var update = flag.Bool("update", false, "rewrite testdata/partial.txt with the trees and paths found")

// cursor marks the offset for ast.PathAt in a case's source.
const cursor = "‸"

// partialCase is one case of testdata/partial.txt:
//
//	=== name
//	source, with at most one cursor mark
//	---
//	the file's trees and the path at the cursor, as dumpFile prints them
type partialCase struct {
	name, src, want string
}

func readPartialCases(t *testing.T, file string) []partialCase {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var cases []partialCase
	for _, chunk := range strings.Split(string(data), "=== ")[1:] {
		name, rest, _ := strings.Cut(chunk, "\n")
		src, want, ok := strings.Cut(rest, "---\n")
		if !ok {
			t.Fatalf("%s: case %q has no --- line", file, name)
		}
		cases = append(cases, partialCase{name: name, src: strings.TrimSuffix(src, "\n"), want: want})
	}
	return cases
}

// TestPartialTrees: what the parser keeps of half-typed policies, and the
// node path at the cursor, for the situations an editor meets while the
// user types. The other policies of each file must parse as if alone.
func TestPartialTrees(t *testing.T) {
	const file = "testdata/partial.txt"
	cases := readPartialCases(t, file)
	var out strings.Builder
	for _, c := range cases {
		src, off := c.src, -1
		if i := strings.Index(src, cursor); i >= 0 {
			src, off = src[:i]+src[i+len(cursor):], i
		}
		f, errs := Policies([]byte(src))
		checkSpans(t, src, f, errs)
		got := dumpFile(src, f, off)
		if !*update && got != c.want {
			t.Errorf("%s:\n%s\n--- got:\n%s--- want:\n%s", c.name, c.src, got, c.want)
		}
		fmt.Fprintf(&out, "=== %s\n%s\n---\n%s", c.name, c.src, got)
		// Every good policy parses alone to the same tree.
		for _, p := range f.Policies {
			if p.HasErrors() {
				continue
			}
			alone, errs := Policies([]byte(src[p.Span.Start:p.Span.End]))
			if len(errs) != 0 || len(alone.Policies) != 1 || ast.PolicyText(alone.Policies[0]) != ast.PolicyText(p) {
				t.Errorf("%s: %s does not parse alone as in the file: %v", c.name, p.ID, errs)
			}
		}
	}
	if *update {
		if err := os.WriteFile(file, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// dumpFile prints each policy's nodes, indented by depth, with the text
// each node spans, then the path at off (when off >= 0).
func dumpFile(src string, f *ast.File, off int) string {
	var b strings.Builder
	text := func(s source.Span) string { return "«" + src[s.Start:s.End] + "»" }
	for _, p := range f.Policies {
		depth := map[ast.Node]int{}
		ast.InspectNode(p, func(n ast.Node) bool {
			d := depth[n]
			ast.InspectNode(n, func(c ast.Node) bool {
				if c != n {
					depth[c] = d + 1
				}
				return c == n
			})
			fmt.Fprintf(&b, "%s%s %s\n", strings.Repeat("  ", d), describeNode(n), text(n.Loc()))
			if n == ast.Node(p) {
				for _, e := range p.Errors {
					fmt.Fprintf(&b, "  ! %v\n", e)
				}
			}
			return true
		})
	}
	if off >= 0 {
		var names []string
		for _, n := range ast.PathAt(f, off) {
			names = append(names, describeNode(n))
		}
		fmt.Fprintf(&b, "path at %d: %s\n", off, strings.Join(names, " > "))
	}
	return b.String()
}

// describeNode names a node and what it holds besides its children;
// missing names show as <missing>.
func describeNode(n ast.Node) string {
	name := func(s string, span source.Span) string {
		if s == "" && span.Start == span.End {
			return "<missing>"
		}
		return s
	}
	switch n := n.(type) {
	case *ast.Policy:
		effect := n.Effect.String()
		if n.EffectSpan == (source.Span{}) {
			effect = "<no effect>"
		}
		return fmt.Sprintf("%s %s", n.ID, effect)
	case *ast.Annotation:
		return "@" + name(n.Key, n.KeySpan)
	case *ast.Scope:
		s := fmt.Sprintf("Scope %s %s", n.Var, [...]string{"all", "==", "in", "is", "is-in", "in-set"}[n.Op])
		if n.Op == ast.ScopeIs || n.Op == ast.ScopeIsIn {
			s += " " + name(string(n.Type), n.TypeSpan)
		}
		return s
	case *ast.EntityRef:
		switch {
		case n.Slot != ast.NoSlot:
			return "EntityRef " + n.Slot.String()
		case n.UID.Type == "":
			return "EntityRef <unreadable>"
		}
		return "EntityRef " + n.UID.String()
	case *ast.Condition:
		if n.Unless {
			return "Condition unless"
		}
		return "Condition when"
	case *ast.GetAttr:
		return "GetAttr ." + name(n.Attr, n.AttrSpan)
	case *ast.Has:
		var parts []string
		for _, p := range n.Path {
			parts = append(parts, name(p, source.Span{}))
		}
		return "Has " + strings.Join(parts, ".")
	case *ast.Is:
		return "Is " + name(string(n.Type), n.TypeSpan)
	case *ast.Like:
		if n.PatSpan.Start == n.PatSpan.End {
			return "Like <missing>"
		}
		return "Like " + ast.PatternText(n.Pattern)
	case *ast.Binary:
		return "Binary " + n.Op.String()
	case *ast.VarExpr:
		return "Var " + n.Var.String()
	case *ast.MethodCall:
		return "MethodCall " + n.Name
	case *ast.Call:
		return "Call " + n.Name
	case *ast.Literal:
		return "Literal " + n.Value.String()
	case *ast.EntityLit:
		return "EntityLit " + n.UID.String()
	case *ast.BadExpr:
		return "BadExpr"
	}
	return strings.TrimPrefix(fmt.Sprintf("%T", n), "*ast.")
}
