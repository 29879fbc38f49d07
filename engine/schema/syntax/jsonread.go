package syntax

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/internal/jsontree"
	"github.com/cedar-ls/cedar-ls/internal/token"
)

// ParseJSON reads the JSON schema syntax into a syntax tree whose spans
// point into the JSON text. Malformed JSON is one error at its line:col;
// otherwise every misplaced or malformed field is reported.
func ParseJSON(src []byte) (*File, []source.Diagnostic) {
	f := &File{FromJSON: true}
	root, perr := parseJSONTree(src)
	if perr != nil {
		return f, []source.Diagnostic{*perr}
	}
	r := &jsonReader{}
	if r.kind(root, jsontree.Object, "the schema") {
		seen := map[string]bool{}
		for _, m := range root.Members {
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

// maxJSONDepth bounds how deeply arrays and objects may nest.
const maxJSONDepth = 512

// parseJSONTree reads the JSON text. Malformed JSON is one error at the
// offending byte.
func parseJSONTree(src []byte) (*jsontree.Value, *source.Diagnostic) {
	v, err := jsontree.Parse(src, maxJSONDepth)
	if err != nil {
		end := min(err.Offset+1, len(src))
		return nil, &source.Diagnostic{Span: source.Span{Start: err.Offset, End: end}, Code: source.CodeJSONSyntax, Message: syntaxMessage(err)}
	}
	return v, nil
}

// syntaxMessage words malformed JSON as this package always has, in
// encoding/json's words, which the CLI's users see.
func syntaxMessage(e *jsontree.SyntaxError) string {
	switch e.Code {
	case jsontree.ErrUnexpected:
		if e.AtEOF {
			return "malformed JSON: unexpected end of input"
		}
		return fmt.Sprintf("malformed JSON: invalid character %s %s", strconv.QuoteRune(e.Found), wantPhrases[e.Want])
	case jsontree.ErrTrailing:
		return "unexpected data after the top-level JSON value"
	case jsontree.ErrDepth:
		return e.Msg
	}
	return "malformed JSON: " + e.Msg
}

var wantPhrases = map[jsontree.Want]string{
	jsontree.WantValue:          "looking for beginning of value",
	jsontree.WantKey:            "looking for beginning of object key string",
	jsontree.WantColon:          "after object key",
	jsontree.WantCommaOrBrace:   "after object key:value pair",
	jsontree.WantCommaOrBracket: "after array element",
}

func spanOf(v *jsontree.Value) source.Span { return source.Span{Start: v.Start, End: v.End} }

func keySpan(m jsontree.Member) source.Span { return source.Span{Start: m.KeyStart, End: m.KeyEnd} }

type jsonReader struct {
	errs []source.Diagnostic
}

func (r *jsonReader) errorf(span source.Span, format string, args ...any) {
	r.errs = append(r.errs, source.Diagnostic{Span: span, Code: source.CodeSchemaSyntax, Message: fmt.Sprintf(format, args...)})
}

func (r *jsonReader) kind(v *jsontree.Value, k jsontree.Kind, what string) bool {
	if v.Kind != k {
		r.errorf(spanOf(v), "%s must be %s, found %s", what, k.WithArticle(), v.Kind.WithArticle())
		return false
	}
	return true
}

// dupKey reports (and flags) a key seen before in the same object.
func (r *jsonReader) dupKey(seen map[string]bool, m jsontree.Member) bool {
	if seen[m.Key] {
		r.errorf(keySpan(m), "duplicate key %q", m.Key)
		return true
	}
	seen[m.Key] = true
	return false
}

// fields checks an object's keys against the allowed ones and returns its
// members by key.
func (r *jsonReader) fields(v *jsontree.Value, what string, allowed ...string) map[string]jsontree.Member {
	out := map[string]jsontree.Member{}
	if !r.kind(v, jsontree.Object, what) {
		return out
	}
	for _, m := range v.Members {
		ok := false
		for _, a := range allowed {
			ok = ok || a == m.Key
		}
		if !ok {
			if len(allowed) == 0 {
				r.errorf(keySpan(m), "unknown field %q in %s, which has no fields here", m.Key, what)
			} else {
				r.errorf(keySpan(m), "unknown field %q in %s; expected one of %s", m.Key, what, quoteList(allowed))
			}
			continue
		}
		if _, dup := out[m.Key]; dup {
			r.errorf(keySpan(m), "duplicate key %q", m.Key)
			continue
		}
		out[m.Key] = m
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

func keySpanOr(m jsontree.Member, ok bool, v *jsontree.Value) source.Span {
	if ok {
		return keySpan(m)
	}
	return spanOf(v)
}

func (r *jsonReader) namespace(m jsontree.Member) *Namespace {
	ns := &Namespace{Span: keySpan(m).Cover(spanOf(m.Value))}
	if m.Key != "" {
		ns.Name = &Path{Text: m.Key, Span: keySpan(m)}
		if !ValidPath(m.Key) {
			r.errorf(keySpan(m), "invalid namespace name %q", m.Key)
		} else if hasCedarPart(m.Key) {
			r.errorf(keySpan(m), "`__cedar` is reserved and cannot be part of a namespace name")
		}
	}
	fs := r.fields(m.Value, "a namespace", "commonTypes", "entityTypes", "actions", "annotations")
	if m.Value.Kind != jsontree.Object {
		return nil
	}
	if a, ok := fs["annotations"]; ok {
		if m.Key == "" {
			r.errorf(keySpan(a), "annotations are not allowed on the empty namespace")
		}
		ns.Annotations = r.annotations(a.Value)
	}
	for _, req := range []string{"entityTypes", "actions"} {
		if _, ok := fs[req]; !ok {
			r.errorf(keySpan(m), "namespace %q is missing the field %q", m.Key, req)
		}
	}
	if c, ok := fs["commonTypes"]; ok && r.kind(c.Value, jsontree.Object, "commonTypes") {
		seen := map[string]bool{}
		for _, t := range c.Value.Members {
			if r.dupKey(seen, t) {
				continue
			}
			ns.Decls = append(ns.Decls, r.commonType(t))
		}
	}
	if e, ok := fs["entityTypes"]; ok && r.kind(e.Value, jsontree.Object, "entityTypes") {
		seen := map[string]bool{}
		for _, t := range e.Value.Members {
			if r.dupKey(seen, t) {
				continue
			}
			ns.Decls = append(ns.Decls, r.entity(t))
		}
	}
	if a, ok := fs["actions"]; ok && r.kind(a.Value, jsontree.Object, "actions") {
		seen := map[string]bool{}
		for _, t := range a.Value.Members {
			if r.dupKey(seen, t) {
				continue
			}
			ns.Decls = append(ns.Decls, r.action(t))
		}
	}
	return ns
}

func (r *jsonReader) annotations(v *jsontree.Value) []*Annotation {
	var annos []*Annotation
	if !r.kind(v, jsontree.Object, "annotations") {
		return nil
	}
	seen := map[string]bool{}
	for _, m := range v.Members {
		if r.dupKey(seen, m) {
			continue
		}
		if !ValidIdent(m.Key) {
			r.errorf(keySpan(m), "invalid annotation name %q", m.Key)
		}
		a := &Annotation{Key: &Name{Value: m.Key, Span: keySpan(m)}, Span: keySpan(m).Cover(spanOf(m.Value))}
		if r.kind(m.Value, jsontree.String, "an annotation's value") {
			a.Value = &Name{Value: m.Value.Text, Quoted: true, Span: spanOf(m.Value)}
		}
		annos = append(annos, a)
	}
	return annos
}

func (r *jsonReader) declName(m jsontree.Member, what string) *Name {
	if !ValidIdent(m.Key) || reservedIdents[m.Key] {
		r.errorf(keySpan(m), "invalid %s name %q: it must be an identifier", what, m.Key)
	} else if m.Key == "__cedar" {
		r.errorf(keySpan(m), "`__cedar` is reserved and cannot name a type")
	}
	return &Name{Value: m.Key, Span: keySpan(m)}
}

func (r *jsonReader) commonType(m jsontree.Member) *TypeDecl {
	d := &TypeDecl{Name: r.declName(m, "common type"), Span: keySpan(m).Cover(spanOf(m.Value))}
	if ReservedTypeNames[m.Key] {
		r.errorf(keySpan(m), "`%s` is a reserved type name and cannot name a common type", m.Key)
	}
	d.Type, d.Annotations = r.typ(m.Value, false, true)
	return d
}

func (r *jsonReader) entity(m jsontree.Member) *EntityDecl {
	d := &EntityDecl{Names: []*Name{r.declName(m, "entity type")}, Span: keySpan(m).Cover(spanOf(m.Value))}
	fs := r.fields(m.Value, "an entity type", "memberOfTypes", "shape", "tags", "enum", "annotations")
	if f, ok := fs["memberOfTypes"]; ok {
		d.MemberOf = r.paths(f.Value, "memberOfTypes")
	}
	if f, ok := fs["shape"]; ok {
		d.Shape, _ = r.typ(f.Value, false, false)
	}
	if f, ok := fs["tags"]; ok {
		d.Tags, _ = r.typ(f.Value, false, false)
	}
	if f, ok := fs["enum"]; ok {
		d.IsEnum = true
		if r.kind(f.Value, jsontree.Array, "enum") {
			if len(f.Value.Elems) == 0 {
				r.errorf(spanOf(f.Value), "enum must list at least one id")
			}
			for _, e := range f.Value.Elems {
				if r.kind(e, jsontree.String, "an enum id") {
					d.Enum = append(d.Enum, &Name{Value: e.Text, Quoted: true, Span: spanOf(e)})
				}
			}
		}
		for _, other := range []string{"shape", "tags", "memberOfTypes"} {
			if o, ok := fs[other]; ok {
				r.errorf(keySpan(o), "an enumerated entity type cannot have %q", other)
			}
		}
	}
	if f, ok := fs["annotations"]; ok {
		d.Annotations = r.annotations(f.Value)
	}
	return d
}

func (r *jsonReader) action(m jsontree.Member) *ActionDecl {
	d := &ActionDecl{Names: []*Name{{Value: m.Key, Quoted: true, Span: keySpan(m)}}, Span: keySpan(m).Cover(spanOf(m.Value))}
	fs := r.fields(m.Value, "an action", "appliesTo", "memberOf", "annotations", "attributes")
	if f, ok := fs["attributes"]; ok {
		r.errorf(keySpan(f), "actions with attributes are not supported")
	}
	if f, ok := fs["memberOf"]; ok && r.kind(f.Value, jsontree.Array, "memberOf") {
		d.MemberOf = []*ActionRef{}
		for _, e := range f.Value.Elems {
			efs := r.fields(e, "a memberOf entry", "id", "type")
			ref := &ActionRef{Span: spanOf(e)}
			if id, ok := efs["id"]; ok {
				if r.kind(id.Value, jsontree.String, "id") {
					ref.ID = &Name{Value: id.Value.Text, Quoted: true, Span: spanOf(id.Value)}
				}
			} else if e.Kind == jsontree.Object {
				r.errorf(spanOf(e), "memberOf entry is missing \"id\"")
			}
			if t, ok := efs["type"]; ok {
				ref.Type = r.path(t.Value, "type")
			}
			if ref.ID != nil {
				d.MemberOf = append(d.MemberOf, ref)
			}
		}
	}
	if f, ok := fs["appliesTo"]; ok {
		at := &AppliesTo{Span: spanOf(f.Value)}
		afs := r.fields(f.Value, "appliesTo", "principalTypes", "resourceTypes", "context")
		if p, ok := afs["principalTypes"]; ok {
			at.Principals, at.HasPrincipals = r.paths(p.Value, "principalTypes"), true
		} else if f.Value.Kind == jsontree.Object {
			r.errorf(keySpan(f), "appliesTo is missing \"principalTypes\"")
		}
		if p, ok := afs["resourceTypes"]; ok {
			at.Resources, at.HasResources = r.paths(p.Value, "resourceTypes"), true
		} else if f.Value.Kind == jsontree.Object {
			r.errorf(keySpan(f), "appliesTo is missing \"resourceTypes\"")
		}
		if c, ok := afs["context"]; ok {
			at.Context, _ = r.typ(c.Value, false, false)
		}
		d.AppliesTo = at
	}
	if f, ok := fs["annotations"]; ok {
		d.Annotations = r.annotations(f.Value)
	}
	return d
}

func (r *jsonReader) paths(v *jsontree.Value, what string) []*Path {
	list := []*Path{}
	if !r.kind(v, jsontree.Array, what) {
		return list
	}
	for _, e := range v.Elems {
		if p := r.path(e, "an entity type name"); p != nil {
			list = append(list, p)
		}
	}
	return list
}

func (r *jsonReader) path(v *jsontree.Value, what string) *Path {
	if !r.kind(v, jsontree.String, what) {
		return nil
	}
	if !ValidPath(v.Text) {
		r.errorf(spanOf(v), "invalid name %q", v.Text)
	}
	return &Path{Text: v.Text, Span: spanOf(v)}
}

// typ reads a type. In attribute position (attr) it also takes "required";
// in a common type's declaration (decl) and in attribute position it takes
// "annotations", which are returned.
func (r *jsonReader) typ(v *jsontree.Value, attr, decl bool) (Type, []*Annotation) {
	if !r.kind(v, jsontree.Object, "a type") {
		return &NamedType{Path: &Path{Span: spanOf(v)}, Kind: RefCommon, Span: spanOf(v)}, nil
	}
	var tf jsontree.Member
	hasType := false
	for _, m := range v.Members {
		if m.Key == "type" {
			tf, hasType = m, true
		}
	}
	if !hasType {
		r.errorf(spanOf(v), "a type needs a \"type\" field")
		return &NamedType{Path: &Path{Span: spanOf(v)}, Kind: RefCommon, Span: spanOf(v)}, nil
	}
	if !r.kind(tf.Value, jsontree.String, "\"type\"") {
		return &NamedType{Path: &Path{Span: spanOf(v)}, Kind: RefCommon, Span: spanOf(v)}, nil
	}
	kind := tf.Value.Text
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
		annos = r.annotations(a.Value)
	}
	switch kind {
	case "Set":
		e, ok := fs["element"]
		if !ok {
			r.errorf(spanOf(v), "a Set type needs \"element\"")
			return &SetType{Elem: &NamedType{Path: &Path{Text: "Long", Span: spanOf(v)}, Kind: RefPrimitive, Span: spanOf(v)}, Span: spanOf(v)}, annos
		}
		elem, _ := r.typ(e.Value, false, false)
		return &SetType{Elem: elem, Span: spanOf(v)}, annos
	case "Record":
		rec := &RecordType{Span: spanOf(v)}
		if a, ok := fs["additionalAttributes"]; ok {
			if r.kind(a.Value, jsontree.Bool, "additionalAttributes") && a.Value.Bool {
				r.errorf(keySpan(a), "records with `additionalAttributes` are not supported")
			}
		}
		a, ok := fs["attributes"]
		if !ok {
			r.errorf(spanOf(v), "a Record type needs \"attributes\"")
			return rec, annos
		}
		if !r.kind(a.Value, jsontree.Object, "attributes") {
			return rec, annos
		}
		seen := map[string]bool{}
		for _, m := range a.Value.Members {
			if r.dupKey(seen, m) {
				continue
			}
			at := &Attr{Name: &Name{Value: m.Key, Quoted: true, Span: keySpan(m)}, Span: keySpan(m).Cover(spanOf(m.Value))}
			at.Type, at.Annotations = r.typ(m.Value, true, false)
			if m.Value.Kind == jsontree.Object {
				for _, f := range m.Value.Members {
					if f.Key == "required" && r.kind(f.Value, jsontree.Bool, "required") {
						at.Optional = !f.Value.Bool
					}
				}
			}
			rec.Attrs = append(rec.Attrs, at)
		}
		return rec, annos
	case "Entity", "Extension", "EntityOrCommon":
		n, ok := fs["name"]
		if !ok {
			r.errorf(spanOf(v), "a %s type needs \"name\"", kind)
			return &NamedType{Path: &Path{Span: spanOf(v)}, Kind: RefCommon, Span: spanOf(v)}, annos
		}
		p := r.path(n.Value, "name")
		if p == nil {
			p = &Path{Span: spanOf(n.Value)}
		}
		k := map[string]RefKind{"Entity": RefEntity, "Extension": RefExtension, "EntityOrCommon": RefEntityOrCommon}[kind]
		if k == RefExtension && !extensionTypes[p.Text] {
			r.errorf(p.Span, "unknown extension type `%s`; the extension types are %s", p.Text, quoteList(extensionTypeList()))
		}
		return &NamedType{Path: p, Kind: k, Span: spanOf(v)}, annos
	case "Long", "String", "Boolean":
		return &NamedType{Path: &Path{Text: kind, Span: spanOf(tf.Value)}, Kind: RefPrimitive, Span: spanOf(v)}, annos
	}
	if !ValidPath(kind) {
		r.errorf(spanOf(tf.Value), "invalid type name %q", kind)
	}
	return &NamedType{Path: &Path{Text: kind, Span: spanOf(tf.Value)}, Kind: RefCommon, Span: spanOf(v)}, annos
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
