package syntax

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/cedar-ls/cedar-ls/engine/source"
)

// ToJSON renders the schema in the JSON schema syntax, the way official
// Cedar's schemaToJson does: every type name of the Cedar syntax becomes an
// "EntityOrCommon" reference (resolution is the reader's job), a context
// naming a common type becomes {"type": name}, empty shapes, contexts and
// parent lists are left out, and an action without appliesTo applies to
// empty lists. A tree that fails Check is refused with its errors.
func (f *File) ToJSON() ([]byte, error) {
	if errs := Check(f); len(errs) > 0 {
		return nil, source.Diagnostics(errs)
	}
	top := &jsonObject{}
	byName := map[string]*jsonObject{}
	// Namespaces split into several runs (the empty one) merge.
	type nsParts struct{ common, entities, actions, annos *jsonObject }
	parts := map[string]*nsParts{}
	for _, ns := range f.Namespaces {
		name := ns.NameText()
		obj, ok := byName[name]
		if !ok {
			obj = &jsonObject{}
			byName[name] = obj
			top.set(name, obj)
			parts[name] = &nsParts{common: &jsonObject{}, entities: &jsonObject{}, actions: &jsonObject{}}
		}
		pt := parts[name]
		if len(ns.Annotations) > 0 {
			pt.annos = annotationsJSON(ns.Annotations)
		}
		for _, d := range ns.Decls {
			switch d := d.(type) {
			case *TypeDecl:
				t := typeJSON(d.Type)
				if len(d.Annotations) > 0 {
					t.set("annotations", annotationsJSON(d.Annotations))
				}
				pt.common.set(d.Name.Value, t)
			case *EntityDecl:
				e := f.entityJSON(d)
				for _, n := range d.Names {
					pt.entities.set(n.Value, e)
				}
			case *ActionDecl:
				a := f.actionJSON(d)
				for _, n := range d.Names {
					pt.actions.set(n.Value, a)
				}
			}
		}
	}
	for _, kv := range top.members {
		obj := kv.value.(*jsonObject)
		pt := parts[kv.key]
		if len(pt.common.members) > 0 {
			obj.set("commonTypes", pt.common)
		}
		obj.set("entityTypes", pt.entities)
		obj.set("actions", pt.actions)
		if pt.annos != nil {
			obj.set("annotations", pt.annos)
		}
	}
	var b bytes.Buffer
	writeJSON(&b, top, "")
	b.WriteByte('\n')
	return b.Bytes(), nil
}

func (f *File) entityJSON(d *EntityDecl) *jsonObject {
	e := &jsonObject{}
	if len(d.MemberOf) > 0 {
		list := make([]any, len(d.MemberOf))
		for i, p := range d.MemberOf {
			list[i] = p.Text
		}
		e.set("memberOfTypes", list)
	}
	if d.Shape != nil && !isEmptyRecord(d.Shape) {
		e.set("shape", typeJSON(d.Shape))
	}
	if d.Tags != nil {
		e.set("tags", typeJSON(d.Tags))
	}
	if d.IsEnum {
		list := make([]any, len(d.Enum))
		for i, n := range d.Enum {
			list[i] = n.Value
		}
		e.set("enum", list)
	}
	if len(d.Annotations) > 0 {
		e.set("annotations", annotationsJSON(d.Annotations))
	}
	return e
}

func (f *File) actionJSON(d *ActionDecl) *jsonObject {
	a := &jsonObject{}
	if at := d.AppliesTo; at != nil || !f.FromJSON {
		applies := &jsonObject{}
		var principals, resources []*Path
		var ctx Type
		if at != nil {
			principals, resources, ctx = at.Principals, at.Resources, at.Context
		}
		applies.set("principalTypes", pathList(principals))
		applies.set("resourceTypes", pathList(resources))
		if ctx != nil && !isEmptyRecord(ctx) {
			if n, ok := ctx.(*NamedType); ok && n.Kind == RefEntityOrCommon {
				// The context names a common type: the JSON syntax's
				// common-type reference.
				applies.set("context", &jsonObject{members: []jsonMember{{"type", n.Path.Text}}})
			} else {
				applies.set("context", typeJSON(ctx))
			}
		}
		a.set("appliesTo", applies)
	}
	if d.MemberOf != nil {
		list := make([]any, len(d.MemberOf))
		for i, r := range d.MemberOf {
			ref := &jsonObject{}
			ref.set("id", r.ID.Value)
			if r.Type != nil {
				ref.set("type", r.Type.Text)
			}
			list[i] = ref
		}
		a.set("memberOf", list)
	}
	if len(d.Annotations) > 0 {
		a.set("annotations", annotationsJSON(d.Annotations))
	}
	return a
}

func pathList(ps []*Path) []any {
	list := make([]any, len(ps))
	for i, p := range ps {
		list[i] = p.Text
	}
	return list
}

func isEmptyRecord(t Type) bool {
	r, ok := t.(*RecordType)
	return ok && len(r.Attrs) == 0
}

func annotationsJSON(annos []*Annotation) *jsonObject {
	o := &jsonObject{}
	for _, a := range annos {
		o.set(a.Key.Value, a.ValueText())
	}
	return o
}

func typeJSON(t Type) *jsonObject {
	o := &jsonObject{}
	switch t := t.(type) {
	case *NamedType:
		switch t.Kind {
		case RefEntityOrCommon:
			o.set("type", "EntityOrCommon")
			o.set("name", t.Path.Text)
		case RefEntity:
			o.set("type", "Entity")
			o.set("name", t.Path.Text)
		case RefExtension:
			o.set("type", "Extension")
			o.set("name", t.Path.Text)
		default: // RefCommon, RefPrimitive
			o.set("type", t.Path.Text)
		}
	case *SetType:
		o.set("type", "Set")
		o.set("element", typeJSON(t.Elem))
	case *RecordType:
		o.set("type", "Record")
		attrs := &jsonObject{}
		for _, a := range t.Attrs {
			at := typeJSON(a.Type)
			if len(a.Annotations) > 0 {
				at.set("annotations", annotationsJSON(a.Annotations))
			}
			if a.Optional {
				at.set("required", false)
			}
			attrs.set(a.Name.Value, at)
		}
		o.set("attributes", attrs)
	}
	return o
}

// jsonObject is a JSON object that keeps its keys in insertion order; set
// replaces an existing key in place (the last declaration wins, as in
// official Cedar).
type jsonObject struct{ members []jsonMember }

type jsonMember struct {
	key   string
	value any // string, bool, []any or *jsonObject
}

func (o *jsonObject) set(key string, v any) {
	for i := range o.members {
		if o.members[i].key == key {
			o.members[i].value = v
			return
		}
	}
	o.members = append(o.members, jsonMember{key, v})
}

// writeJSON writes v indented by two spaces per level.
func writeJSON(b *bytes.Buffer, v any, indent string) {
	switch v := v.(type) {
	case string:
		writeJSONString(b, v)
	case bool:
		fmt.Fprint(b, v)
	case []any:
		if len(v) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[\n")
		for i, e := range v {
			b.WriteString(indent + "  ")
			writeJSON(b, e, indent+"  ")
			if i < len(v)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "]")
	case *jsonObject:
		if len(v.members) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		for i, m := range v.members {
			b.WriteString(indent + "  ")
			writeJSONString(b, m.key)
			b.WriteString(": ")
			writeJSON(b, m.value, indent+"  ")
			if i < len(v.members)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	}
}

func writeJSONString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)       // a string always encodes
	b.Truncate(b.Len() - 1) // Encode appends a newline
}
