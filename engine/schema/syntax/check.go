package syntax

import (
	"fmt"

	"github.com/cedar-ls/cedar-ls/engine/source"
)

// Check finds the errors a tree can have whatever syntax it came from:
// a namespace declared twice, and an entity type, common type or action
// declared twice in one namespace.
func Check(f *File) []source.Diagnostic {
	var errs []source.Diagnostic
	seenNS := map[string]bool{}
	type declKey struct {
		ns, kind, name string
	}
	seen := map[declKey]bool{}
	dup := func(ns, kind string, n *Name) {
		k := declKey{ns, kind, n.Value}
		if seen[k] {
			errs = append(errs, source.Diagnostic{Span: n.Span, Code: source.CodeSchema, Message: fmt.Sprintf("%s `%s` is declared twice", kind, qualify(ns, n.Value))})
		}
		seen[k] = true
	}
	for _, ns := range f.Namespaces {
		name := ns.NameText()
		if ns.Name != nil {
			if seenNS[name] {
				errs = append(errs, source.Diagnostic{Span: ns.Name.Span, Code: source.CodeSchema, Message: fmt.Sprintf("namespace `%s` is declared twice", name)})
			}
			seenNS[name] = true
		}
		for _, d := range ns.Decls {
			switch d := d.(type) {
			case *EntityDecl:
				for _, n := range d.Names {
					dup(name, "entity type", n)
				}
			case *TypeDecl:
				dup(name, "common type", d.Name)
			case *ActionDecl:
				for _, n := range d.Names {
					dup(name, "action", n)
				}
			}
		}
	}
	return errs
}

func qualify(ns, name string) string {
	if ns == "" {
		return name
	}
	return ns + "::" + name
}
