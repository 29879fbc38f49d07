package syntax

import (
	"fmt"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// ToCedar renders the schema in the Cedar schema syntax, in the layout of
// official Cedar's schemaToText: per namespace the common types, then the
// entity types, then the actions, a blank line between declarations. JSON
// primitive and extension types are written `__cedar::`-qualified so no
// declaration can capture them. What the Cedar syntax cannot say is an
// error: an entity shape that is a common-type reference. An action whose
// principal or resource list is empty applies to nothing; it is written
// without appliesTo, which means the same.
func (f *File) ToCedar() (string, error) {
	if errs := Check(f); len(errs) > 0 {
		return "", source.Diagnostics(errs)
	}
	var errs []source.Diagnostic
	var b strings.Builder
	first := true
	for _, ns := range f.Namespaces {
		if !first {
			b.WriteByte('\n')
		}
		first = false
		indent := ""
		if ns.Name != nil {
			writeAnnotations(&b, ns.Annotations, "")
			fmt.Fprintf(&b, "namespace %s {\n", ns.Name.Text)
			indent = "  "
		}
		var decls []Decl
		for _, pass := range []func(Decl) bool{
			func(d Decl) bool { _, ok := d.(*TypeDecl); return ok },
			func(d Decl) bool { _, ok := d.(*EntityDecl); return ok },
			func(d Decl) bool { _, ok := d.(*ActionDecl); return ok },
		} {
			for _, d := range ns.Decls {
				if pass(d) {
					decls = append(decls, d)
				}
			}
		}
		for i, d := range decls {
			if i > 0 {
				b.WriteByte('\n')
			}
			switch d := d.(type) {
			case *TypeDecl:
				writeAnnotations(&b, d.Annotations, indent)
				fmt.Fprintf(&b, "%stype %s = %s;\n", indent, d.Name.Value, typeText(d.Type, indent))
			case *EntityDecl:
				if d.Shape != nil {
					if _, ok := d.Shape.(*RecordType); !ok {
						errs = append(errs, source.Diagnostic{Span: d.Shape.TypeSpan(), Code: source.CodeSchemaTranslate, Message: fmt.Sprintf("the shape of entity type `%s` is not a record type written out, which the Cedar schema syntax cannot express", d.Names[0].Value)})
						continue
					}
				}
				writeAnnotations(&b, d.Annotations, indent)
				b.WriteString(indent + "entity " + nameList(d.Names, false))
				if d.IsEnum {
					b.WriteString(" enum [" + nameList(d.Enum, true) + "]")
				} else {
					if len(d.MemberOf) > 0 {
						b.WriteString(" in [" + pathText(d.MemberOf) + "]")
					}
					if d.Shape != nil {
						b.WriteString(" = " + typeText(d.Shape, indent))
					}
					if d.Tags != nil {
						b.WriteString(" tags " + typeText(d.Tags, indent))
					}
				}
				b.WriteString(";\n")
			case *ActionDecl:
				writeAnnotations(&b, d.Annotations, indent)
				b.WriteString(indent + "action " + nameList(d.Names, true))
				if len(d.MemberOf) > 0 {
					refs := make([]string, len(d.MemberOf))
					for i, r := range d.MemberOf {
						refs[i] = types.Quote(r.ID.Value)
						if r.Type != nil {
							refs[i] = r.Type.Text + "::" + refs[i]
						}
					}
					b.WriteString(" in [" + strings.Join(refs, ", ") + "]")
				}
				if at := d.AppliesTo; at != nil && len(at.Principals) > 0 && len(at.Resources) > 0 {
					in := indent + "  "
					b.WriteString(" appliesTo {\n")
					b.WriteString(in + "principal: [" + pathText(at.Principals) + "],\n")
					b.WriteString(in + "resource: [" + pathText(at.Resources) + "]")
					if at.Context != nil {
						b.WriteString(",\n" + in + "context: " + typeText(at.Context, in))
					}
					b.WriteString("\n" + indent + "}")
				}
				b.WriteString(";\n")
			}
		}
		if ns.Name != nil {
			b.WriteString("}\n")
		}
	}
	if len(errs) > 0 {
		return "", source.Diagnostics(errs)
	}
	return b.String(), nil
}

func writeAnnotations(b *strings.Builder, annos []*Annotation, indent string) {
	for _, a := range annos {
		fmt.Fprintf(b, "%s@%s(%s)\n", indent, a.Key.Value, types.Quote(a.ValueText()))
	}
}

func nameList(names []*Name, quote bool) string {
	parts := make([]string, len(names))
	for i, n := range names {
		if quote {
			parts[i] = types.Quote(n.Value)
		} else {
			parts[i] = n.Value
		}
	}
	return strings.Join(parts, ", ")
}

func pathText(ps []*Path) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.Text
	}
	return strings.Join(parts, ", ")
}

// attrName writes an attribute name bare when it is a usable identifier.
func attrName(s string) string {
	if ValidIdent(s) && !reservedIdents[s] {
		return s
	}
	return types.Quote(s)
}

var primitiveCedarName = map[string]string{"Long": "Long", "String": "String", "Boolean": "Bool"}

func typeText(t Type, indent string) string {
	switch t := t.(type) {
	case *NamedType:
		switch t.Kind {
		case RefPrimitive:
			return "__cedar::" + primitiveCedarName[t.Path.Text]
		case RefExtension:
			return "__cedar::" + t.Path.Text
		}
		return t.Path.Text
	case *SetType:
		return "Set<" + typeText(t.Elem, indent) + ">"
	case *RecordType:
		if len(t.Attrs) == 0 {
			return "{}"
		}
		var b strings.Builder
		in := indent + "  "
		b.WriteString("{\n")
		for i, a := range t.Attrs {
			writeAnnotations(&b, a.Annotations, in)
			b.WriteString(in + attrName(a.Name.Value))
			if a.Optional {
				b.WriteByte('?')
			}
			b.WriteString(": " + typeText(a.Type, in))
			if i < len(t.Attrs)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
		return b.String()
	}
	return ""
}
