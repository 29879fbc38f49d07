package schema

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/schema/syntax"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// ParseCedar parses the Cedar schema syntax into its syntax tree.
func ParseCedar(src []byte) (*syntax.File, []source.Diagnostic) { return syntax.ParseCedar(src) }

// ParseJSON reads the JSON schema syntax into a syntax tree.
func ParseJSON(src []byte) (*syntax.File, []source.Diagnostic) { return syntax.ParseJSON(src) }

// ToJSON renders a schema tree in the JSON schema syntax, as official
// schemaToJson does.
func ToJSON(f *syntax.File) ([]byte, error) { return f.ToJSON() }

// ToCedar renders a schema tree in the Cedar schema syntax.
func ToCedar(f *syntax.File) (string, error) { return f.ToCedar() }

// IsJSONName reports whether a schema file name means the JSON syntax.
func IsJSONName(name string) bool { return strings.HasSuffix(name, ".json") }

// Load reads a schema in the syntax its file name says (a `.json` suffix
// means the JSON syntax) and resolves it. With errors the schema is still
// everything that could be resolved (see Resolve); the errors are the
// syntax errors when there are any (resolving what could be read may find
// more, which follow from them), else the resolution errors.
func Load(name string, src []byte) (*Schema, []source.Diagnostic) {
	var f *syntax.File
	var errs []source.Diagnostic
	if IsJSONName(name) {
		f, errs = syntax.ParseJSON(src)
	} else {
		f, errs = syntax.ParseCedar(src)
	}
	s, rerrs := Resolve(f)
	if len(errs) > 0 {
		return s, errs
	}
	return s, rerrs
}

// Resolve turns a schema tree into the resolved model: names qualified,
// common types substituted, and every rule of the schema checked. The
// schema is never nil: with errors it holds everything that could be
// resolved, so schema-aware tools keep working while a schema is edited.
// What an error makes meaningless is left out (see prune): an attribute,
// tag or context whose type does not resolve, an undeclared parent or
// appliesTo type, an action group edge closing a cycle, an entity type
// named `Action`.
//
// A type name N written in namespace NS means, in this order: the common
// type NS::N, the entity type NS::N, the common type N of the empty
// namespace, the entity type N of the empty namespace, the primitive or
// extension type __cedar::N. A qualified name is taken as written
// (`__cedar::N` being the built-in type). Where only an entity type may
// stand (`in`, appliesTo), common types are skipped.
func Resolve(f *syntax.File) (*Schema, []source.Diagnostic) {
	r := &resolver{
		common:   map[string]*commonDecl{},
		entities: map[string]*entityDecl{},
		actions:  map[types.EntityUID]*actionDecl{},
	}
	r.errs = append(r.errs, syntax.Check(f)...)
	r.collect(f)
	r.checkShadowing()
	s := &Schema{Entities: map[types.EntityType]*Entity{}, Actions: map[types.EntityUID]*Action{}}
	for _, name := range sortedKeys(r.common) {
		r.resolveCommon(r.common[name])
	}
	for _, name := range sortedKeys(r.entities) {
		e := r.entities[name]
		s.Entities[types.EntityType(name)] = r.entity(name, e)
	}
	uids := make([]types.EntityUID, 0, len(r.actions))
	for uid := range r.actions {
		uids = append(uids, uid)
	}
	sort.Slice(uids, func(i, j int) bool {
		if uids[i].Type != uids[j].Type {
			return uids[i].Type < uids[j].Type
		}
		return uids[i].ID < uids[j].ID
	})
	for _, uid := range uids {
		s.Actions[uid] = r.action(uid, r.actions[uid])
	}
	r.checkActionCycles(s, uids)
	if len(r.errs) > 0 {
		sort.SliceStable(r.errs, func(i, j int) bool { return r.errs[i].Span.Start < r.errs[j].Span.Start })
		prune(s, uids)
		return s, r.errs
	}
	return s, nil
}

type commonDecl struct {
	ns       string
	decl     *syntax.TypeDecl
	state    uint8 // 0 unvisited, 1 resolving, 2 done
	resolved Type
}

type entityDecl struct {
	ns   string
	name *syntax.Name
	decl *syntax.EntityDecl
}

type actionDecl struct {
	ns   string
	name *syntax.Name
	decl *syntax.ActionDecl
}

type resolver struct {
	common   map[string]*commonDecl
	entities map[string]*entityDecl
	actions  map[types.EntityUID]*actionDecl
	errs     []source.Diagnostic
}

func (r *resolver) errorf(span source.Span, format string, args ...any) {
	r.errs = append(r.errs, source.Diagnostic{Span: span, Code: source.CodeSchema, Message: fmt.Sprintf(format, args...)})
}

func qualify(ns, name string) string {
	if ns == "" {
		return name
	}
	return ns + "::" + name
}

func actionType(ns string) types.EntityType { return types.EntityType(qualify(ns, "Action")) }

// collect indexes the declarations by qualified name; Check has reported
// duplicates, and the last declaration wins as in official Cedar.
func (r *resolver) collect(f *syntax.File) {
	for _, ns := range f.Namespaces {
		name := ns.NameText()
		for _, d := range ns.Decls {
			switch d := d.(type) {
			case *syntax.TypeDecl:
				r.common[qualify(name, d.Name.Value)] = &commonDecl{ns: name, decl: d}
			case *syntax.EntityDecl:
				for _, n := range d.Names {
					if n.Value == "Action" {
						r.errorf(n.Span, "`Action` cannot name an entity type: it is the type of actions")
					}
					r.entities[qualify(name, n.Value)] = &entityDecl{ns: name, name: n, decl: d}
				}
			case *syntax.ActionDecl:
				for _, n := range d.Names {
					r.actions[types.NewEntityUID(actionType(name), n.Value)] = &actionDecl{ns: name, name: n, decl: d}
				}
			}
		}
	}
}

// checkShadowing rejects a declaration in a namespace whose basename is
// declared in the empty namespace: unqualified references inside the
// namespace would silently change meaning.
func (r *resolver) checkShadowing() {
	inEmpty := func(base string) bool {
		_, c := r.common[base]
		_, e := r.entities[base]
		return c || e
	}
	check := func(ns string, n *syntax.Name) {
		if ns != "" && inEmpty(n.Value) {
			r.errorf(n.Span, "`%s` shadows `%s` declared in the empty namespace; rename one of them", qualify(ns, n.Value), n.Value)
		}
	}
	for _, c := range r.common {
		check(c.ns, c.decl.Name)
	}
	for _, e := range r.entities {
		check(e.ns, e.name)
	}
	for uid, a := range r.actions {
		if a.ns == "" {
			continue
		}
		if _, ok := r.actions[types.NewEntityUID("Action", uid.ID)]; ok {
			r.errorf(a.name.Span, "action %s shadows action %s declared in the empty namespace; rename one of them", uid, types.NewEntityUID("Action", uid.ID))
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (r *resolver) resolveCommon(c *commonDecl) Type {
	switch c.state {
	case 1:
		return nil // a cycle, reported by the declaration that started it
	case 2:
		return c.resolved
	}
	c.state = 1
	t := r.typ(c.decl.Type, c.ns)
	if c.state == 1 {
		c.state = 2
		c.resolved = t
	}
	return c.resolved
}

var builtinTypes = map[string]Type{
	"Long": Primitive{Kind: Long}, "String": Primitive{Kind: String}, "Bool": Primitive{Kind: Bool},
	"ipaddr": Extension{Name: "ipaddr"}, "decimal": Extension{Name: "decimal"},
	"datetime": Extension{Name: "datetime"}, "duration": Extension{Name: "duration"},
}

// candidates lists the qualified names an unqualified name may mean, in
// the order they are tried; a qualified name means only itself.
func candidates(ns, name string) []string {
	if strings.Contains(name, "::") || ns == "" {
		return []string{name}
	}
	return []string{qualify(ns, name), name}
}

// commonRef resolves a common type by qualified name, reporting cycles.
func (r *resolver) commonRef(c *commonDecl, span source.Span) Type {
	if c.state == 1 {
		r.errorf(c.decl.Span, "common type `%s` refers to itself (a cycle of common type references)", qualify(c.ns, c.decl.Name.Value))
		c.state = 2
		c.resolved = &Record{Attrs: map[string]*Attribute{}}
		return c.resolved
	}
	return r.resolveCommon(c)
}

func (r *resolver) typ(t syntax.Type, ns string) Type {
	switch t := t.(type) {
	case *syntax.NamedType:
		return r.named(t, ns)
	case *syntax.SetType:
		return Set{Elem: r.typ(t.Elem, ns)}
	case *syntax.RecordType:
		return r.record(t, ns)
	}
	return nil
}

func (r *resolver) record(t *syntax.RecordType, ns string) *Record {
	rec := &Record{Attrs: map[string]*Attribute{}}
	for _, a := range t.Attrs {
		rec.Attrs[a.Name.Value] = &Attribute{
			Type:        r.typ(a.Type, ns),
			Required:    !a.Optional,
			Annotations: annotations(a.Annotations),
			Span:        a.Name.Span,
		}
	}
	return rec
}

func (r *resolver) named(t *syntax.NamedType, ns string) Type {
	name := t.Path.Text
	switch t.Kind {
	case syntax.RefPrimitive:
		if name == "Boolean" {
			return Primitive{Kind: Bool}
		}
		return builtinTypes[name]
	case syntax.RefExtension:
		if b, ok := builtinTypes[name]; ok {
			return b
		}
		r.errorf(t.Path.Span, "unknown extension type `%s`", name)
		return Extension{Name: name}
	case syntax.RefEntity:
		if e, ok := r.entityRef(t.Path, ns); ok {
			return EntityRef{Name: e}
		}
		return EntityRef{Name: types.EntityType(name)}
	}
	for _, q := range candidates(ns, name) {
		if c, ok := r.common[q]; ok {
			return r.commonRef(c, t.Path.Span)
		}
		if t.Kind == syntax.RefEntityOrCommon {
			if _, ok := r.entities[q]; ok {
				return EntityRef{Name: types.EntityType(q)}
			}
		}
	}
	builtin := name
	if strings.HasPrefix(name, "__cedar::") {
		builtin = strings.TrimPrefix(name, "__cedar::")
	} else if strings.Contains(name, "::") {
		builtin = ""
	}
	if b, ok := builtinTypes[builtin]; ok {
		return b
	}
	if t.Kind == syntax.RefCommon {
		r.errorf(t.Path.Span, "undeclared common type `%s`", name)
	} else {
		r.errorf(t.Path.Span, "undeclared type `%s`: not a common type, entity type, primitive or extension type", name)
	}
	return nil // reported; the schema is rejected
}

// entityRef resolves a name where only an entity type may stand.
func (r *resolver) entityRef(p *syntax.Path, ns string) (types.EntityType, bool) {
	for _, q := range candidates(ns, p.Text) {
		if _, ok := r.entities[q]; ok {
			return types.EntityType(q), true
		}
	}
	if _, ok := r.common[qualify(ns, p.Text)]; ok {
		r.errorf(p.Span, "`%s` is a common type; an entity type is required here", p.Text)
	} else {
		r.errorf(p.Span, "undeclared entity type `%s`", p.Text)
	}
	return "", false
}

func (r *resolver) entityList(ps []*syntax.Path, ns string) []types.EntityType {
	var out []types.EntityType
	for _, p := range ps {
		if e, ok := r.entityRef(p, ns); ok {
			out = append(out, e)
		}
	}
	return out
}

func annotations(annos []*syntax.Annotation) map[string]string {
	if len(annos) == 0 {
		return nil
	}
	m := make(map[string]string, len(annos))
	for _, a := range annos {
		m[a.Key.Value] = a.ValueText()
	}
	return m
}

func (r *resolver) entity(name string, e *entityDecl) *Entity {
	d := e.decl
	ent := &Entity{
		Name:        types.EntityType(name),
		MemberOf:    r.entityList(d.MemberOf, e.ns),
		Shape:       &Record{Attrs: map[string]*Attribute{}},
		Annotations: annotations(d.Annotations),
		Span:        e.name.Span,
	}
	if d.Shape != nil {
		if t := r.typ(d.Shape, e.ns); t == nil {
			// undeclared, already reported
		} else if rec, ok := t.(*Record); ok {
			ent.Shape = rec
		} else {
			r.errorf(d.Shape.TypeSpan(), "the shape of entity type `%s` must be a record type", name)
		}
	}
	if d.Tags != nil {
		ent.Tags = r.typ(d.Tags, e.ns)
	}
	if d.IsEnum {
		ent.Enum = make([]string, 0, len(d.Enum))
		for _, id := range d.Enum {
			ent.Enum = append(ent.Enum, id.Value)
		}
	}
	return ent
}

func (r *resolver) action(uid types.EntityUID, a *actionDecl) *Action {
	d := a.decl
	act := &Action{
		UID:         uid,
		Context:     &Record{Attrs: map[string]*Attribute{}},
		Annotations: annotations(d.Annotations),
		Span:        a.name.Span,
	}
	for _, ref := range d.MemberOf {
		if parent, ok := r.actionRef(ref, a.ns); ok {
			act.MemberOf = append(act.MemberOf, parent)
		}
	}
	if at := d.AppliesTo; at != nil {
		act.Principals = r.entityList(at.Principals, a.ns)
		act.Resources = r.entityList(at.Resources, a.ns)
		if at.Context != nil {
			if t := r.typ(at.Context, a.ns); t == nil {
				// undeclared, already reported
			} else if rec, ok := t.(*Record); ok {
				act.Context = rec
			} else {
				r.errorf(at.Context.TypeSpan(), "the context of action %s must be a record type", uid)
			}
		}
		// Applying to no principal or no resource is applying to nothing.
		if len(act.Principals) == 0 || len(act.Resources) == 0 {
			act.Principals, act.Resources = nil, nil
		}
	}
	return act
}

// actionRef resolves an action group: an unqualified type (or none) is the
// declaring namespace's, falling back to the empty namespace's.
func (r *resolver) actionRef(ref *syntax.ActionRef, ns string) (types.EntityUID, bool) {
	typ := "Action"
	if ref.Type != nil {
		typ = ref.Type.Text
	}
	var tried types.EntityUID
	for i, q := range candidates(ns, typ) {
		uid := types.NewEntityUID(types.EntityType(q), ref.ID.Value)
		if i == 0 {
			tried = uid
		}
		if _, ok := r.actions[uid]; ok {
			return uid, true
		}
	}
	r.errorf(ref.Span, "undeclared action %s in the action groups", tried)
	return types.EntityUID{}, false
}

// checkActionCycles rejects an action that is, through its groups, in
// itself.
func (r *resolver) checkActionCycles(s *Schema, uids []types.EntityUID) {
	const (
		unvisited = iota
		active
		finished
	)
	state := map[types.EntityUID]int{}
	reported := false
	var visit func(uid types.EntityUID)
	visit = func(uid types.EntityUID) {
		state[uid] = active
		if a, ok := s.Actions[uid]; ok {
			for _, p := range a.MemberOf {
				switch state[p] {
				case unvisited:
					visit(p)
				case active:
					if !reported {
						reported = true
						span := source.Span{}
						if d, ok := r.actions[p]; ok {
							span = d.name.Span
						}
						r.errorf(span, "action %s is in a cycle of action groups", p)
					}
				}
			}
		}
		state[uid] = finished
	}
	for _, uid := range uids {
		if state[uid] == unvisited {
			visit(uid)
		}
	}
}
