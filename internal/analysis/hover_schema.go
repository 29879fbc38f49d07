package analysis

import (
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/schema/syntax"
)

type syntaxTypeDecl = syntax.TypeDecl

// renderSyntaxType writes a schema type in the Cedar schema syntax with
// common types expanded.
func (idx *SymbolIndex) renderSyntaxType(t syntax.Type, ns string, depth int) string {
	switch t := t.(type) {
	case *syntax.NamedType:
		w := &schemaWalker{x: idx.x, ns: ns}
		if k, ok := w.resolve(t.Path.Text, t.Kind, false); ok && k.Kind == SymCommonType && depth < 4 {
			return idx.expandCommon(k.Name, depth+1)
		}
		return t.Path.Text
	case *syntax.SetType:
		return "Set<" + idx.renderSyntaxType(t.Elem, ns, depth) + ">"
	case *syntax.RecordType:
		if len(t.Attrs) == 0 {
			return "{}"
		}
		var parts []string
		for _, a := range t.Attrs {
			opt := ""
			if a.Optional {
				opt = "?"
			}
			parts = append(parts, attrKeyText(a.Name.Value)+opt+": "+idx.renderSyntaxType(a.Type, ns, depth))
		}
		return "{ " + strings.Join(parts, ", ") + " }"
	}
	return "?"
}
