package drt

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// Schema-directed generation, as Cedar's own DRT does it: a random schema
// first, then entities and requests that conform to it and policies that
// mostly type-check against it. These cases feed the validator targets
// (official and production verdicts, and the soundness property) and, since
// they reach deeper into attributes than the unconstrained generator, the
// authorization targets too.

// sType is a schema type. kEntity types name their entity type; kSet has
// an element type; kRecord has attributes.
type sType struct {
	kind  valueKind
	ent   string
	elem  *sType
	attrs []sAttr
}

type sAttr struct {
	name     string
	t        *sType
	required bool
}

type sEntity struct {
	name     string // qualified, e.g. "App::User"
	short    string // as declared inside the namespace
	memberOf []string
	attrs    []sAttr
	tags     *sType
	enum     []string
}

type sAction struct {
	id         string
	memberOf   []string
	principals []string
	resources  []string
	context    *sType
	shared     bool // context is the common type Ctx
}

// Schema is a generated schema: its model (for generating conforming
// inputs) and its Cedar text.
type genSchema struct {
	ns        string // "" or "App"
	entities  []*sEntity
	actions   []*sAction
	commonCtx *sType
}

func (s *genSchema) qual(short string) string {
	if s.ns == "" {
		return short
	}
	return s.ns + "::" + short
}

func (s *genSchema) actionType() string { return s.qual("Action") }

func (s *genSchema) entity(name string) *sEntity {
	for _, e := range s.entities {
		if e.name == name {
			return e
		}
	}
	return nil
}

func (s *genSchema) action(id string) *sAction {
	for _, a := range s.actions {
		if a.id == id {
			return a
		}
	}
	return nil
}

var (
	schemaTypeNames = []string{"User", "Group", "Doc", "Folder", "Team", "Device"}
	schemaAttrNames = []string{"name", "age", "active", "owner", "tags", "info", "score", "addr", "since", "ttl", "level", "nums", "peer", "weird key"}
	enumIDs         = []string{"red", "green", "blue"}
)

// genSchemaModel draws a schema: 3–5 entity types (one possibly an enum)
// with attributes, tags and memberOf edges, and 2–5 actions in an action
// hierarchy with appliesTo lists and contexts.
func (cg *caseGen) genSchemaModel() *genSchema {
	s := &genSchema{}
	if cg.chance(0.5) {
		s.ns = "App"
	}
	names := slices.Clone(schemaTypeNames)
	cg.r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	n := 3 + cg.r.IntN(3)
	for i, short := range names[:n] {
		e := &sEntity{name: s.qual(short), short: short}
		if i == n-1 && cg.chance(0.4) {
			e.enum = enumIDs[:1+cg.r.IntN(len(enumIDs))]
		}
		s.entities = append(s.entities, e)
	}
	for _, e := range s.entities {
		if e.enum != nil {
			continue
		}
		for _, p := range s.entities {
			if p.enum == nil && cg.chance(0.3) {
				e.memberOf = append(e.memberOf, p.name)
			}
		}
		e.attrs = cg.schemaAttrs(s, 2)
		if cg.chance(0.3) {
			e.tags = cg.schemaType(s, 0)
		}
	}
	s.commonCtx = &sType{kind: kRecord, attrs: cg.schemaAttrs(s, 1)}
	nonEnum := func() string {
		for {
			if e := pick(cg.r, s.entities); e.enum == nil || cg.chance(0.3) {
				return e.name
			}
		}
	}
	groups := []string{"all"}
	s.actions = append(s.actions, &sAction{id: "all"})
	for i := range 2 + cg.r.IntN(4) {
		a := &sAction{id: pick(cg.r, []string{"read", "write", "view", "edit", "share", "delete"}) + fmt.Sprint(i)}
		if cg.chance(0.7) {
			a.memberOf = []string{pick(cg.r, groups)}
		}
		if cg.chance(0.2) {
			// An action that is also a group for later ones.
			groups = append(groups, a.id)
		}
		for range 1 + cg.r.IntN(2) {
			if p := nonEnum(); !slices.Contains(a.principals, p) {
				a.principals = append(a.principals, p)
			}
			if r := nonEnum(); !slices.Contains(a.resources, r) {
				a.resources = append(a.resources, r)
			}
		}
		if cg.chance(0.7) {
			a.context, a.shared = s.commonCtx, true
		} else {
			a.context = &sType{kind: kRecord, attrs: cg.schemaAttrs(s, 1)}
		}
		s.actions = append(s.actions, a)
	}
	return s
}

// schemaAttrs draws a record's attributes, some optional.
func (cg *caseGen) schemaAttrs(s *genSchema, depth int) []sAttr {
	var out []sAttr
	for _, name := range schemaAttrNames {
		if !cg.chance(0.4) {
			continue
		}
		out = append(out, sAttr{name: name, t: cg.schemaType(s, depth), required: cg.chance(0.6)})
	}
	return out
}

// schemaType draws an attribute type of any kind.
func (cg *caseGen) schemaType(s *genSchema, depth int) *sType {
	k := pick(cg.r, []valueKind{kBool, kLong, kLong, kString, kString, kEntity, kEntity, kSet, kRecord, kDecimal, kIP, kDatetime, kDuration})
	switch k {
	case kEntity:
		return &sType{kind: kEntity, ent: pick(cg.r, s.entities).name}
	case kSet:
		if depth <= 0 {
			return &sType{kind: kSet, elem: &sType{kind: pick(cg.r, []valueKind{kLong, kString})}}
		}
		return &sType{kind: kSet, elem: cg.schemaType(s, depth-1)}
	case kRecord:
		if depth <= 0 {
			return &sType{kind: kString}
		}
		return &sType{kind: kRecord, attrs: cg.schemaAttrs(s, depth-1)}
	}
	return &sType{kind: k}
}

// cedarText writes the schema in Cedar schema syntax.
func (s *genSchema) cedarText() string {
	var b strings.Builder
	indent := ""
	if s.ns != "" {
		fmt.Fprintf(&b, "namespace %s {\n", s.ns)
		indent = "  "
	}
	fmt.Fprintf(&b, "%stype Ctx = %s;\n", indent, s.typeText(s.commonCtx, indent))
	for _, e := range s.entities {
		fmt.Fprintf(&b, "%sentity %s", indent, e.short)
		if e.enum != nil {
			q := make([]string, len(e.enum))
			for i, id := range e.enum {
				q[i] = quote(id)
			}
			fmt.Fprintf(&b, " enum [%s];\n", strings.Join(q, ", "))
			continue
		}
		if len(e.memberOf) > 0 {
			fmt.Fprintf(&b, " in [%s]", strings.Join(s.shortNames(e.memberOf), ", "))
		}
		fmt.Fprintf(&b, " = %s", s.typeText(&sType{kind: kRecord, attrs: e.attrs}, indent))
		if e.tags != nil {
			fmt.Fprintf(&b, " tags %s", s.typeText(e.tags, indent))
		}
		b.WriteString(";\n")
	}
	for _, a := range s.actions {
		fmt.Fprintf(&b, "%saction %s", indent, quote(a.id))
		if len(a.memberOf) > 0 {
			q := make([]string, len(a.memberOf))
			for i, m := range a.memberOf {
				q[i] = quote(m)
			}
			fmt.Fprintf(&b, " in [%s]", strings.Join(q, ", "))
		}
		if len(a.principals) > 0 {
			ctx := "Ctx"
			if !a.shared {
				ctx = s.typeText(a.context, indent+"  ")
			}
			fmt.Fprintf(&b, " appliesTo {\n%s  principal: [%s],\n%s  resource: [%s],\n%s  context: %s\n%s}",
				indent, strings.Join(s.shortNames(a.principals), ", "), indent, strings.Join(s.shortNames(a.resources), ", "), indent, ctx, indent)
		}
		b.WriteString(";\n")
	}
	if s.ns != "" {
		b.WriteString("}\n")
	}
	return b.String()
}

func (s *genSchema) shortNames(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = s.entity(n).short
	}
	return out
}

func (s *genSchema) typeText(t *sType, indent string) string {
	switch t.kind {
	case kBool:
		return "Bool"
	case kLong:
		return "Long"
	case kString:
		return "String"
	case kEntity:
		return s.entity(t.ent).short
	case kSet:
		return "Set<" + s.typeText(t.elem, indent) + ">"
	case kRecord:
		if len(t.attrs) == 0 {
			return "{}"
		}
		var b strings.Builder
		b.WriteString("{\n")
		for _, a := range t.attrs {
			opt := ""
			if !a.required {
				opt = "?"
			}
			fmt.Fprintf(&b, "%s  %s%s: %s,\n", indent, attrName(a.name), opt, s.typeText(a.t, indent+"  "))
		}
		b.WriteString(indent + "}")
		return b.String()
	case kDecimal:
		return "decimal"
	case kIP:
		return "ipaddr"
	case kDatetime:
		return "datetime"
	default:
		return "duration"
	}
}

// schemaUniverse creates the entities of a schema: a few of each non-enum
// type, every enum member, and the actions. Parents are entities created
// earlier, so the hierarchy is acyclic; entity attributes point at existing
// entities, so conforming policies never read a missing entity.
func (cg *caseGen) schemaUniverse(s *genSchema) {
	// All UIDs first, so attribute values can refer to any of them.
	for _, e := range s.entities {
		cg.absent = append(cg.absent, UID{e.name, "nobody"})
		if e.enum != nil {
			for _, id := range e.enum {
				ent := &Entity{UID: UID{e.name, id}}
				cg.byType[e.name] = append(cg.byType[e.name], ent)
			}
			continue
		}
		used := map[string]bool{}
		for range 1 + cg.r.IntN(cg.opts.MaxEntitiesByType) {
			id := pick(cg.r, idPool)
			if used[id] {
				continue
			}
			used[id] = true
			cg.byType[e.name] = append(cg.byType[e.name], &Entity{UID: UID{e.name, id}})
		}
	}
	var order []*Entity
	for _, e := range s.entities {
		order = append(order, cg.byType[e.name]...)
	}
	cg.r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	for i, ent := range order {
		et := s.entity(ent.UID.Type)
		for _, p := range order[:i] {
			if slices.Contains(et.memberOf, p.UID.Type) && cg.chance(0.4) {
				ent.Parents = append(ent.Parents, p.UID)
			}
		}
		if et.enum == nil {
			ent.Attrs = cg.conformingFields(s, et.attrs)
			if et.tags != nil {
				for _, k := range tagKeys {
					if cg.chance(0.5) {
						ent.Tags = append(ent.Tags, field{k, cg.conformingValue(s, et.tags)})
					}
				}
			}
		}
		cg.entities = append(cg.entities, ent)
	}
	at := s.actionType()
	for _, a := range s.actions {
		ent := &Entity{UID: UID{at, a.id}}
		for _, m := range a.memberOf {
			ent.Parents = append(ent.Parents, UID{at, m})
		}
		cg.entities = append(cg.entities, ent)
		cg.actions = append(cg.actions, ent.UID)
	}
}

func (cg *caseGen) conformingFields(s *genSchema, attrs []sAttr) []field {
	var fs []field
	for _, a := range attrs {
		if a.required || cg.chance(0.6) {
			fs = append(fs, field{a.name, cg.conformingValue(s, a.t)})
		}
	}
	return fs
}

// conformingValue is a value of schema type t (JS-safe longs, valid
// extension arguments, existing entities).
func (cg *caseGen) conformingValue(s *genSchema, t *sType) value {
	switch t.kind {
	case kEntity:
		return value{kind: kEntity, uid: pick(cg.r, cg.byType[t.ent]).UID}
	case kSet:
		v := value{kind: kSet}
		for range cg.r.IntN(4) {
			v.elems = append(v.elems, cg.conformingValue(s, t.elem))
		}
		return v
	case kRecord:
		return value{kind: kRecord, fields: cg.conformingFields(s, t.attrs)}
	}
	return cg.value(t.kind, 0, 0)
}

// schemaRequest is a request one of the actions' appliesTo allows, with a
// conforming context.
func (cg *caseGen) schemaRequest(s *genSchema) Request {
	var applicable []*sAction
	for _, a := range s.actions {
		if len(a.principals) > 0 {
			applicable = append(applicable, a)
		}
	}
	a := pick(cg.r, applicable)
	r := Request{
		Principal: pick(cg.r, cg.byType[pick(cg.r, a.principals)]).UID,
		Action:    UID{s.actionType(), a.id},
		Resource:  pick(cg.r, cg.byType[pick(cg.r, a.resources)]).UID,
		ctxFields: cg.conformingFields(s, a.context.attrs),
	}
	r.Context = contextJSON(r.ctxFields)
	return r
}

// ancestorsOf lists the entity types an entity of type t can be in
// (transitively), t included.
func (s *genSchema) ancestorsOf(t string) []string {
	out := []string{t}
	for i := 0; i < len(out); i++ {
		for _, m := range s.entity(out[i]).memberOf {
			if !slices.Contains(out, m) {
				out = append(out, m)
			}
		}
	}
	return out
}

// descendantsOf lists the entity types whose entities can be in an entity
// of type t, t included.
func (s *genSchema) descendantsOf(t string) []string {
	out := []string{t}
	for i := 0; i < len(out); i++ {
		for _, e := range s.entities {
			if slices.Contains(e.memberOf, out[i]) && !slices.Contains(out, e.name) {
				out = append(out, e.name)
			}
		}
	}
	return out
}

func shuffled[T any](r *rand.Rand, xs []T) []T {
	out := slices.Clone(xs)
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// offSchemaRequest is a request the schema does not allow: any entities
// (or a missing one), any action, a context of the fixed attribute pool.
func (cg *caseGen) offSchemaRequest(s *genSchema) Request {
	anyEntity := func() UID {
		if cg.chance(0.1) {
			return UID{pick(cg.r, s.entities).name, "nobody"}
		}
		return pick(cg.r, cg.byType[pick(cg.r, s.entities).name]).UID
	}
	return Request{Principal: anyEntity(), Action: pick(cg.r, cg.actions), Resource: anyEntity(), Context: contextJSON(cg.attrs(0.5))}
}
