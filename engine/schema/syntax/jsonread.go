package syntax

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/token"
)

// ParseJSON reads the JSON schema syntax into a syntax tree whose spans
// point into the JSON text. Malformed JSON is one error at its line:col;
// otherwise every misplaced or malformed field is reported.
func ParseJSON(src []byte) (*File, []source.Error) {
	f := &File{FromJSON: true}
	root, perr := parseJSONTree(src)
	if perr != nil {
		return f, []source.Error{*perr}
	}
	r := &jsonReader{}
	if r.kind(root, jObject, "the schema") {
		seen := map[string]bool{}
		for _, m := range root.members {
			if r.dupKey(seen, m) {
				continue
			}
			if ns := r.namespace(m); ns != nil {
				f.Namespaces = append(f.Namespaces, ns)
			}
		}
	}
	return f, r.errs
}

type jsonReader struct {
	errs []source.Error
}

func (r *jsonReader) errorf(span ast.Span, format string, args ...any) {
	r.errs = append(r.errs, source.Error{Span: span, Msg: fmt.Sprintf(format, args...)})
}

func (r *jsonReader) kind(v *jsonValue, k jsonKind, what string) bool {
	if v.kind != k {
		r.errorf(v.span, "%s must be %s, found %s", what, k, v.kind)
		return false
	}
	return true
}

// dupKey reports (and flags) a key seen before in the same object.
func (r *jsonReader) dupKey(seen map[string]bool, m jsonField) bool {
	if seen[m.key] {
		r.errorf(m.keySpan, "duplicate key %q", m.key)
		return true
	}
	seen[m.key] = true
	return false
}

// fields checks an object's keys against the allowed ones and returns its
// members by key.
func (r *jsonReader) fields(v *jsonValue, what string, allowed ...string) map[string]jsonField {
	out := map[string]jsonField{}
	if !r.kind(v, jObject, what) {
		return out
	}
	for _, m := range v.members {
		ok := false
		for _, a := range allowed {
			ok = ok || a == m.key
		}
		if !ok {
			if len(allowed) == 0 {
				r.errorf(m.keySpan, "unknown field %q in %s, which has no fields here", m.key, what)
			} else {
				r.errorf(m.keySpan, "unknown field %q in %s; expected one of %s", m.key, what, quoteList(allowed))
			}
			continue
		}
		if _, dup := out[m.key]; dup {
			r.errorf(m.keySpan, "duplicate key %q", m.key)
			continue
		}
		out[m.key] = m
	}
	return out
}

func quoteList(keys []string) string {
	q := make([]string, len(keys))
	for i, k := range keys {
		q[i] = "`" + k + "`"
	}
	return strings.Join(q, ", ")
}

func keySpanOr(m jsonField, ok bool, v *jsonValue) ast.Span {
	if ok {
		return m.keySpan
	}
	return v.span
}

func (r *jsonReader) namespace(m jsonField) *Namespace {
	ns := &Namespace{Span: m.keySpan.Cover(m.value.span)}
	if m.key != "" {
		ns.Name = &Path{Text: m.key, Span: m.keySpan}
		if !ValidPath(m.key) {
			r.errorf(m.keySpan, "invalid namespace name %q", m.key)
		} else if hasCedarPart(m.key) {
			r.errorf(m.keySpan, "`__cedar` is reserved and cannot be part of a namespace name")
		}
	}
	fs := r.fields(m.value, "a namespace", "commonTypes", "entityTypes", "actions", "annotations")
	if m.value.kind != jObject {
		return nil
	}
	if a, ok := fs["annotations"]; ok {
		if m.key == "" {
			r.errorf(a.keySpan, "annotations are not allowed on the empty namespace")
		}
		ns.Annotations = r.annotations(a.value)
	}
	for _, req := range []string{"entityTypes", "actions"} {
		if _, ok := fs[req]; !ok {
			r.errorf(m.keySpan, "namespace %q is missing the field %q", m.key, req)
		}
	}
	if c, ok := fs["commonTypes"]; ok && r.kind(c.value, jObject, "commonTypes") {
		seen := map[string]bool{}
		for _, t := range c.value.members {
			if r.dupKey(seen, t) {
				continue
			}
			ns.Decls = append(ns.Decls, r.commonType(t))
		}
	}
	if e, ok := fs["entityTypes"]; ok && r.kind(e.value, jObject, "entityTypes") {
		seen := map[string]bool{}
		for _, t := range e.value.members {
			if r.dupKey(seen, t) {
				continue
			}
			ns.Decls = append(ns.Decls, r.entity(t))
		}
	}
	if a, ok := fs["actions"]; ok && r.kind(a.value, jObject, "actions") {
		seen := map[string]bool{}
		for _, t := range a.value.members {
			if r.dupKey(seen, t) {
				continue
			}
			ns.Decls = append(ns.Decls, r.action(t))
		}
	}
	return ns
}

func (r *jsonReader) annotations(v *jsonValue) []*Annotation {
	var annos []*Annotation
	if !r.kind(v, jObject, "annotations") {
		return nil
	}
	seen := map[string]bool{}
	for _, m := range v.members {
		if r.dupKey(seen, m) {
			continue
		}
		if !ValidIdent(m.key) {
			r.errorf(m.keySpan, "invalid annotation name %q", m.key)
		}
		a := &Annotation{Key: &Name{Value: m.key, Span: m.keySpan}, Span: m.keySpan.Cover(m.value.span)}
		if r.kind(m.value, jString, "an annotation's value") {
			a.Value = &Name{Value: m.value.str, Quoted: true, Span: m.value.span}
		}
		annos = append(annos, a)
	}
	return annos
}

func (r *jsonReader) declName(m jsonField, what string) *Name {
	if !ValidIdent(m.key) || reservedIdents[m.key] {
		r.errorf(m.keySpan, "invalid %s name %q: it must be an identifier", what, m.key)
	} else if m.key == "__cedar" {
		r.errorf(m.keySpan, "`__cedar` is reserved and cannot name a type")
	}
	return &Name{Value: m.key, Span: m.keySpan}
}

func (r *jsonReader) commonType(m jsonField) *TypeDecl {
	d := &TypeDecl{Name: r.declName(m, "common type"), Span: m.keySpan.Cover(m.value.span)}
	if ReservedTypeNames[m.key] {
		r.errorf(m.keySpan, "`%s` is a reserved type name and cannot name a common type", m.key)
	}
	d.Type, d.Annotations = r.typ(m.value, false, true)
	return d
}

func (r *jsonReader) entity(m jsonField) *EntityDecl {
	d := &EntityDecl{Names: []*Name{r.declName(m, "entity type")}, Span: m.keySpan.Cover(m.value.span)}
	fs := r.fields(m.value, "an entity type", "memberOfTypes", "shape", "tags", "enum", "annotations")
	if f, ok := fs["memberOfTypes"]; ok {
		d.MemberOf = r.paths(f.value, "memberOfTypes")
	}
	if f, ok := fs["shape"]; ok {
		d.Shape, _ = r.typ(f.value, false, false)
	}
	if f, ok := fs["tags"]; ok {
		d.Tags, _ = r.typ(f.value, false, false)
	}
	if f, ok := fs["enum"]; ok {
		d.IsEnum = true
		if r.kind(f.value, jArray, "enum") {
			if len(f.value.elems) == 0 {
				r.errorf(f.value.span, "enum must list at least one id")
			}
			for _, e := range f.value.elems {
				if r.kind(e, jString, "an enum id") {
					d.Enum = append(d.Enum, &Name{Value: e.str, Quoted: true, Span: e.span})
				}
			}
		}
		for _, other := range []string{"shape", "tags", "memberOfTypes"} {
			if o, ok := fs[other]; ok {
				r.errorf(o.keySpan, "an enumerated entity type cannot have %q", other)
			}
		}
	}
	if f, ok := fs["annotations"]; ok {
		d.Annotations = r.annotations(f.value)
	}
	return d
}

func (r *jsonReader) action(m jsonField) *ActionDecl {
	d := &ActionDecl{Names: []*Name{{Value: m.key, Quoted: true, Span: m.keySpan}}, Span: m.keySpan.Cover(m.value.span)}
	fs := r.fields(m.value, "an action", "appliesTo", "memberOf", "annotations", "attributes")
	if f, ok := fs["attributes"]; ok {
		r.errorf(f.keySpan, "actions with attributes are not supported")
	}
	if f, ok := fs["memberOf"]; ok && r.kind(f.value, jArray, "memberOf") {
		d.MemberOf = []*ActionRef{}
		for _, e := range f.value.elems {
			efs := r.fields(e, "a memberOf entry", "id", "type")
			ref := &ActionRef{Span: e.span}
			if id, ok := efs["id"]; ok {
				if r.kind(id.value, jString, "id") {
					ref.ID = &Name{Value: id.value.str, Quoted: true, Span: id.value.span}
				}
			} else if e.kind == jObject {
				r.errorf(e.span, "memberOf entry is missing \"id\"")
			}
			if t, ok := efs["type"]; ok {
				ref.Type = r.path(t.value, "type")
			}
			if ref.ID != nil {
				d.MemberOf = append(d.MemberOf, ref)
			}
		}
	}
	if f, ok := fs["appliesTo"]; ok {
		at := &AppliesTo{Span: f.value.span}
		afs := r.fields(f.value, "appliesTo", "principalTypes", "resourceTypes", "context")
		if p, ok := afs["principalTypes"]; ok {
			at.Principals, at.HasPrincipals = r.paths(p.value, "principalTypes"), true
		} else if f.value.kind == jObject {
			r.errorf(f.keySpan, "appliesTo is missing \"principalTypes\"")
		}
		if p, ok := afs["resourceTypes"]; ok {
			at.Resources, at.HasResources = r.paths(p.value, "resourceTypes"), true
		} else if f.value.kind == jObject {
			r.errorf(f.keySpan, "appliesTo is missing \"resourceTypes\"")
		}
		if c, ok := afs["context"]; ok {
			at.Context, _ = r.typ(c.value, false, false)
		}
		d.AppliesTo = at
	}
	if f, ok := fs["annotations"]; ok {
		d.Annotations = r.annotations(f.value)
	}
	return d
}

func (r *jsonReader) paths(v *jsonValue, what string) []*Path {
	list := []*Path{}
	if !r.kind(v, jArray, what) {
		return list
	}
	for _, e := range v.elems {
		if p := r.path(e, "an entity type name"); p != nil {
			list = append(list, p)
		}
	}
	return list
}

func (r *jsonReader) path(v *jsonValue, what string) *Path {
	if !r.kind(v, jString, what) {
		return nil
	}
	if !ValidPath(v.str) {
		r.errorf(v.span, "invalid name %q", v.str)
	}
	return &Path{Text: v.str, Span: v.span}
}

// typ reads a type. In attribute position (attr) it also takes "required";
// in a common type's declaration (decl) and in attribute position it takes
// "annotations", which are returned.
func (r *jsonReader) typ(v *jsonValue, attr, decl bool) (Type, []*Annotation) {
	if !r.kind(v, jObject, "a type") {
		return &NamedType{Path: &Path{Span: v.span}, Kind: RefCommon, Span: v.span}, nil
	}
	var tf jsonField
	hasType := false
	for _, m := range v.members {
		if m.key == "type" {
			tf, hasType = m, true
		}
	}
	if !hasType {
		r.errorf(v.span, "a type needs a \"type\" field")
		return &NamedType{Path: &Path{Span: v.span}, Kind: RefCommon, Span: v.span}, nil
	}
	if !r.kind(tf.value, jString, "\"type\"") {
		return &NamedType{Path: &Path{Span: v.span}, Kind: RefCommon, Span: v.span}, nil
	}
	kind := tf.value.str
	var specific []string
	switch kind {
	case "Set":
		specific = []string{"element"}
	case "Record":
		specific = []string{"attributes", "additionalAttributes"}
	case "Entity", "Extension", "EntityOrCommon":
		specific = []string{"name"}
	}
	allowed := append([]string{"type"}, specific...)
	if attr {
		allowed = append(allowed, "required")
	}
	if attr || decl {
		allowed = append(allowed, "annotations")
	}
	fs := r.fields(v, "a "+kind+" type", allowed...)
	var annos []*Annotation
	if a, ok := fs["annotations"]; ok {
		annos = r.annotations(a.value)
	}
	switch kind {
	case "Set":
		e, ok := fs["element"]
		if !ok {
			r.errorf(v.span, "a Set type needs \"element\"")
			return &SetType{Elem: &NamedType{Path: &Path{Text: "Long", Span: v.span}, Kind: RefPrimitive, Span: v.span}, Span: v.span}, annos
		}
		elem, _ := r.typ(e.value, false, false)
		return &SetType{Elem: elem, Span: v.span}, annos
	case "Record":
		rec := &RecordType{Span: v.span}
		if a, ok := fs["additionalAttributes"]; ok {
			if r.kind(a.value, jBool, "additionalAttributes") && a.value.boolean {
				r.errorf(a.keySpan, "records with `additionalAttributes` are not supported")
			}
		}
		a, ok := fs["attributes"]
		if !ok {
			r.errorf(v.span, "a Record type needs \"attributes\"")
			return rec, annos
		}
		if !r.kind(a.value, jObject, "attributes") {
			return rec, annos
		}
		seen := map[string]bool{}
		for _, m := range a.value.members {
			if r.dupKey(seen, m) {
				continue
			}
			at := &Attr{Name: &Name{Value: m.key, Quoted: true, Span: m.keySpan}, Span: m.keySpan.Cover(m.value.span)}
			at.Type, at.Annotations = r.typ(m.value, true, false)
			if m.value.kind == jObject {
				for _, f := range m.value.members {
					if f.key == "required" && r.kind(f.value, jBool, "required") {
						at.Optional = !f.value.boolean
					}
				}
			}
			rec.Attrs = append(rec.Attrs, at)
		}
		return rec, annos
	case "Entity", "Extension", "EntityOrCommon":
		n, ok := fs["name"]
		if !ok {
			r.errorf(v.span, "a %s type needs \"name\"", kind)
			return &NamedType{Path: &Path{Span: v.span}, Kind: RefCommon, Span: v.span}, annos
		}
		p := r.path(n.value, "name")
		if p == nil {
			p = &Path{Span: n.value.span}
		}
		k := map[string]RefKind{"Entity": RefEntity, "Extension": RefExtension, "EntityOrCommon": RefEntityOrCommon}[kind]
		if k == RefExtension && !extensionTypes[p.Text] {
			r.errorf(p.Span, "unknown extension type `%s`; the extension types are %s", p.Text, quoteList(extensionTypeList()))
		}
		return &NamedType{Path: p, Kind: k, Span: v.span}, annos
	case "Long", "String", "Boolean":
		return &NamedType{Path: &Path{Text: kind, Span: tf.value.span}, Kind: RefPrimitive, Span: v.span}, annos
	}
	if !ValidPath(kind) {
		r.errorf(tf.value.span, "invalid type name %q", kind)
	}
	return &NamedType{Path: &Path{Text: kind, Span: tf.value.span}, Kind: RefCommon, Span: v.span}, annos
}

var extensionTypes = map[string]bool{"ipaddr": true, "decimal": true, "datetime": true, "duration": true}

func extensionTypeList() []string {
	var l []string
	for k := range extensionTypes {
		l = append(l, k)
	}
	sort.Strings(l)
	return l
}

// ValidIdent reports whether s is a Cedar identifier (reserved words
// included).
func ValidIdent(s string) bool {
	if s == "" || !(s[0] == '_' || (s[0]|0x20 >= 'a' && s[0]|0x20 <= 'z')) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !token.IsIdentByte(s[i]) {
			return false
		}
	}
	return true
}

// ValidPath reports whether s is IDENT {"::" IDENT} with no reserved word.
func ValidPath(s string) bool {
	for _, part := range strings.Split(s, "::") {
		if !ValidIdent(part) || reservedIdents[part] {
			return false
		}
	}
	return true
}

func hasCedarPart(s string) bool {
	for _, part := range strings.Split(s, "::") {
		if part == "__cedar" {
			return true
		}
	}
	return false
}
