package entitiesjson

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/extension"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/internal/jsontree"
)

// Errors is every problem found in one entities or context JSON text,
// in input order. Decoding with a schema goes on after a problem so that one
// run reports them all; malformed JSON still stops at the first error.
type Errors []*Error

func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Diagnostics is every error as a diagnostic, in input order.
func (es Errors) Diagnostics() []source.Diagnostic {
	out := make([]source.Diagnostic, len(es))
	for i, e := range es {
		out[i] = e.Diagnostic
	}
	return out
}

// Unwrap lets errors.As find the first *Error.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// maxSchemaErrors bounds the errors collected from one input, so a huge
// wrong file gives a readable report.
const maxSchemaErrors = 100

// ParseWithSchema decodes entities JSON the way official Cedar does when
// given a schema, and checks the entities against it:
//
//   - attribute and tag values are read by their declared types: a string
//     where an extension type is declared is the constructor's argument
//     ("10.0.0.1" for an ipaddr), and an entity reference may be written
//     {"type", "id"} without the __entity escape where an entity type is
//     declared;
//   - entity types must be declared; attributes must be declared, required
//     ones present and every value of its declared type; tags only on types
//     that declare them, of the declared type; parents of the types the
//     entity's type is memberOf; ids of enumerated types among the declared
//     ones;
//   - an action entity in the JSON must be declared and equal to its schema
//     declaration: no attributes or tags, and the same ancestors (through
//     the JSON's entities) as the schema's hierarchy gives it.
//
// The result holds the schema's action entities, with their hierarchy, after
// the JSON's entities, as official Cedar adds them. Entities that occur twice
// identically are kept once (official accepts such repeats); differing
// repeats are an error. The error, when not nil, is a Errors listing
// every problem with its position in data.
func ParseWithSchema(data []byte, s *schema.Schema) ([]*entities.Entity, error) {
	d := &schemaDecoder{decoder: decoder{src: data}, s: s}
	root, err := d.parse()
	if err != nil {
		return nil, Errors{err.(*Error)}
	}
	if root.Kind != jsontree.Array {
		return nil, Errors{d.errAtSpan(root.Start, root.End, "expected an array of entities, found %s", root.Kind)}
	}
	type seenEntity struct {
		e   *entities.Entity
		off int
	}
	seen := map[types.EntityUID]seenEntity{}
	ents := make([]*entities.Entity, 0, len(root.Elems)+len(s.Actions))
	for _, n := range root.Elems {
		e := d.entity(n)
		if d.full() {
			break
		}
		if e == nil {
			continue
		}
		if prev, dup := seen[e.UID]; dup {
			if !prev.e.Equal(e) {
				d.reportSpan(n.Start, n.End, "duplicate entity entry `%s`", e.UID)
			}
			continue
		}
		seen[e.UID] = seenEntity{e, n.Start}
		ents = append(ents, e)
	}
	d.checkActionHierarchy(ents)
	if len(d.errs) > 0 {
		return nil, d.errs
	}
	for _, a := range SchemaActions(s) {
		if _, given := seen[a.UID]; !given {
			ents = append(ents, a)
		}
	}
	return ents, nil
}

// SchemaActions returns the schema's actions as entities: no attributes or
// tags, parents the action groups each is declared in. They are ordered by
// UID so results are deterministic.
func SchemaActions(s *schema.Schema) []*entities.Entity {
	uids := make([]types.EntityUID, 0, len(s.Actions))
	for uid := range s.Actions {
		uids = append(uids, uid)
	}
	slices.SortFunc(uids, compareUID)
	out := make([]*entities.Entity, 0, len(uids))
	for _, uid := range uids {
		a := s.Actions[uid]
		out = append(out, &entities.Entity{
			UID:     uid,
			Attrs:   types.NewRecord(nil),
			Parents: slices.Clone(a.MemberOf),
			Tags:    types.NewRecord(nil),
		})
	}
	return out
}

func compareUID(a, b types.EntityUID) int {
	if c := strings.Compare(string(a.Type), string(b.Type)); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// IsActionType reports whether entities of type t are actions: Cedar's
// action types are `Action` and `NS::Action`.
func IsActionType(t types.EntityType) bool {
	return t == "Action" || strings.HasSuffix(string(t), "::Action")
}

func sameUIDSet(a, b []types.EntityUID) bool {
	in := func(x []types.EntityUID, u types.EntityUID) bool { return slices.Contains(x, u) }
	for _, u := range a {
		if !in(b, u) {
			return false
		}
	}
	for _, u := range b {
		if !in(a, u) {
			return false
		}
	}
	return true
}

// schemaDecoder decodes JSON by declared types, collecting errors.
type schemaDecoder struct {
	decoder
	s       *schema.Schema
	errs    Errors
	actions []givenAction
	// skipTypeChecks is set while decoding a context without request
	// validation: official Cedar then only applies the schema's record
	// shapes and extension constructors, and lets values of other types
	// through.
	skipTypeChecks bool
}

func (d *schemaDecoder) report(off int, format string, args ...any) {
	d.reportSpan(off, off+1, format, args...)
}

// reportSpan records an error about the JSON text from start to end.
func (d *schemaDecoder) reportSpan(start, end int, format string, args ...any) {
	if !d.full() {
		d.errs = append(d.errs, d.errAtSpan(start, end, format, args...))
	}
}

func (d *schemaDecoder) full() bool { return len(d.errs) >= maxSchemaErrors }

// add records an error returned by the plain decoder.
func (d *schemaDecoder) add(err error) {
	if je, ok := err.(*Error); ok && !d.full() {
		d.errs = append(d.errs, je)
	}
}

// entity decodes and checks one entity; nil when it could not be decoded
// at all (the error is recorded).
func (d *schemaDecoder) entity(n *jsontree.Value) *entities.Entity {
	if n.Kind != jsontree.Object {
		d.reportSpan(n.Start, n.End, "expected an entity object, found %s", n.Kind)
		return nil
	}
	if err := d.noDuplicateKeys(n, "entity field"); err != nil {
		d.add(err)
		return nil
	}
	uidM := n.Member("uid")
	if uidM == nil {
		d.reportSpan(n.Start, n.End, "missing field `uid`")
		return nil
	}
	uid, err := d.uid(uidM.Value, "in uid field of <unknown entity>")
	if err != nil {
		d.add(err)
		return nil
	}
	attrsM, parentsM, tagsM := n.Member("attrs"), n.Member("parents"), n.Member("tags")
	if attrsM == nil {
		d.reportSpan(n.Start, n.End, "missing field `attrs` in entity `%s`", uid)
		return nil
	}
	if attrsM.Value.Kind != jsontree.Object {
		d.reportSpan(attrsM.Value.Start, attrsM.Value.End, "in attrs field of `%s`, expected a JSON object, found %s", uid, attrsM.Value.Kind)
		return nil
	}
	if parentsM == nil {
		d.reportSpan(n.Start, n.End, "missing field `parents` in entity `%s`", uid)
		return nil
	}
	if parentsM.Value.Kind != jsontree.Array {
		d.reportSpan(parentsM.Value.Start, parentsM.Value.End, "in parents field of `%s`, expected an array, found %s", uid, parentsM.Value.Kind)
		return nil
	}
	if tagsM != nil && tagsM.Value.Kind != jsontree.Object {
		d.reportSpan(tagsM.Value.Start, tagsM.Value.End, "in tags field of `%s`, expected a JSON object, found %s", uid, tagsM.Value.Kind)
		return nil
	}
	errsBefore := len(d.errs)
	e := &entities.Entity{UID: uid, Tags: types.NewRecord(nil)}
	if IsActionType(uid.Type) {
		d.action(e, uidM.Value, attrsM.Value, parentsM.Value, tagsM)
	} else if et, ok := d.s.Entities[uid.Type]; ok {
		d.checkUID(uid, uidM.Value)
		d.typedEntity(e, et, attrsM.Value, parentsM.Value, tagsM)
	} else {
		d.reportSpan(uidM.Value.Start, uidM.Value.End, "entity `%s` has type `%s` which is not declared in the schema", uid, uid.Type)
	}
	if len(d.errs) > errsBefore {
		return nil
	}
	return e
}

// typedEntity decodes the attributes, parents and tags of an entity of a
// declared type.
func (d *schemaDecoder) typedEntity(e *entities.Entity, et *schema.Entity, attrs, parents *jsontree.Value, tagsM *jsontree.Member) {
	var shape map[string]*schema.Attribute
	if et.Shape != nil {
		shape = et.Shape.Attrs
	}
	where := func(key string) string { return fmt.Sprintf("in attribute `%s` on `%s`", key, e.UID) }
	e.Attrs = d.typedMembers(attrs, shape, where,
		func(key string) string {
			return fmt.Sprintf("attribute `%s` on `%s` should not exist according to the schema", key, e.UID)
		},
		func(key string) string {
			return fmt.Sprintf("expected entity `%s` to have attribute `%s`, but it does not", e.UID, key)
		})

	e.Parents = make([]types.EntityUID, 0, len(parents.Elems))
	for _, p := range parents.Elems {
		puid, err := d.uid(p, fmt.Sprintf("in parents field of `%s`", e.UID))
		if err != nil {
			d.add(err)
			continue
		}
		e.Parents = append(e.Parents, puid)
		if !d.checkUID(puid, p) {
			continue
		}
		if !slices.Contains(et.MemberOf, puid.Type) {
			d.reportSpan(p.Start, p.End, "`%s` is not allowed to have an ancestor of type `%s` according to the schema", e.UID, puid.Type)
		}
	}

	if tagsM == nil {
		return
	}
	if et.Tags == nil {
		if len(tagsM.Value.Members) > 0 {
			m := tagsM.Value.Members[0]
			d.reportSpan(m.KeyStart, m.KeyEnd, "found a tag `%s` on `%s`, but no tags should exist on `%s` according to the schema", m.Key, e.UID, e.UID)
		}
		return
	}
	tags := make(map[string]types.Value, len(tagsM.Value.Members))
	for _, m := range tagsM.Value.Members {
		where := fmt.Sprintf("in tag `%s` on `%s`", m.Key, e.UID)
		if _, dup := tags[m.Key]; dup {
			d.reportSpan(m.KeyStart, m.KeyEnd, "%s, the key `%s` occurs two or more times in the same JSON object", where, m.Key)
			continue
		}
		if v := d.typed(m.Value, et.Tags, where, []string{pathRoot(m.Key)}); v != nil {
			tags[m.Key] = v
		}
	}
	e.Tags = types.NewRecord(tags)
}

// typedMembers decodes a JSON object against a record shape. where names a
// member for errors, extra and missing word the errors for undeclared and
// absent attributes.
func (d *schemaDecoder) typedMembers(n *jsontree.Value, shape map[string]*schema.Attribute, where, extra, missing func(string) string) types.Record {
	attrs := make(map[string]types.Value, len(n.Members))
	for _, m := range n.Members {
		if _, dup := attrs[m.Key]; dup {
			d.reportSpan(m.KeyStart, m.KeyEnd, "%s, the key `%s` occurs two or more times in the same JSON object", where(m.Key), m.Key)
			continue
		}
		a, declared := shape[m.Key]
		if !declared {
			d.reportSpan(m.KeyStart, m.KeyEnd, "%s", extra(m.Key))
			continue
		}
		if v := d.typed(m.Value, a.Type, where(m.Key), []string{pathRoot(m.Key)}); v != nil {
			attrs[m.Key] = v
		}
	}
	for _, key := range sortedAttrNames(shape) {
		if shape[key].Required && n.Member(key) == nil {
			d.reportSpan(n.Start, n.End, "%s", missing(key))
		}
	}
	return types.NewRecord(attrs)
}

func sortedAttrNames(shape map[string]*schema.Attribute) []string {
	keys := make([]string, 0, len(shape))
	for k := range shape {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// action decodes an action entity given in the JSON and checks it against
// the schema's declaration.
func (d *schemaDecoder) action(e *entities.Entity, uidNode *jsontree.Value, attrs, parents *jsontree.Value, tagsM *jsontree.Member) {
	if _, declared := d.s.Actions[e.UID]; !declared {
		d.reportSpan(uidNode.Start, uidNode.End, "found action entity `%s`, but it was not declared as an action in the schema", e.UID)
		return
	}
	var err error
	if e.Attrs, err = d.record(attrs, func(k string) string {
		return fmt.Sprintf("in attribute `%s` on `%s`", k, e.UID)
	}); err != nil {
		d.add(err)
		return
	}
	if tagsM != nil {
		if e.Tags, err = d.record(tagsM.Value, func(k string) string {
			return fmt.Sprintf("in tag `%s` on `%s`", k, e.UID)
		}); err != nil {
			d.add(err)
			return
		}
	}
	for _, p := range parents.Elems {
		puid, err := d.uid(p, fmt.Sprintf("in parents field of `%s`", e.UID))
		if err != nil {
			d.add(err)
			return
		}
		if !IsActionType(puid.Type) {
			d.reportSpan(p.Start, p.End, "action `%s` has a non-action parent `%s`; parents of actions need to have type `Action` themselves, perhaps namespaced", e.UID, puid)
			return
		}
		if !d.checkUID(puid, p) {
			return
		}
		e.Parents = append(e.Parents, puid)
	}
	if e.Attrs.Len() > 0 || e.Tags.Len() > 0 {
		d.actionMismatch(uidNode, e.UID)
		return
	}
	// The hierarchy can be compared only once every entity is read.
	d.actions = append(d.actions, givenAction{e, uidNode})
}

func (d *schemaDecoder) actionMismatch(uidNode *jsontree.Value, uid types.EntityUID) {
	d.reportSpan(uidNode.Start, uidNode.End, "definition of action `%s` does not match its schema declaration; to use the schema's definition of `%s`, omit it from the entities", uid, uid)
}

// givenAction is an action entity the JSON gives, and where.
type givenAction struct {
	e   *entities.Entity
	uid *jsontree.Value // the entity's uid in the JSON text
}

// checkActionHierarchy compares each given action's ancestors with the
// schema's. Official Cedar takes the ancestors through the JSON's entities
// alone, so an action listing only its direct parents, whose own entries are
// left out, does not match.
func (d *schemaDecoder) checkActionHierarchy(ents []*entities.Entity) {
	given := make(map[types.EntityUID][]types.EntityUID, len(ents))
	for _, e := range ents {
		given[e.UID] = e.Parents
	}
	declared := make(map[types.EntityUID][]types.EntityUID, len(d.s.Actions))
	for uid, a := range d.s.Actions {
		declared[uid] = a.MemberOf
	}
	for _, a := range d.actions {
		if !sameUIDSet(ancestors(given, a.e.UID), ancestors(declared, a.e.UID)) {
			d.actionMismatch(a.uid, a.e.UID)
		}
	}
}

// ancestors lists the entities reachable from uid through parents.
func ancestors(parents map[types.EntityUID][]types.EntityUID, uid types.EntityUID) []types.EntityUID {
	seen := map[types.EntityUID]bool{}
	var out []types.EntityUID
	queue := slices.Clone(parents[uid])
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		if seen[u] {
			continue
		}
		seen[u] = true
		out = append(out, u)
		queue = append(queue, parents[u]...)
	}
	return out
}

// checkUID applies the rules every entity reference obeys: an action must be
// declared, and the id of an enumerated type must be one of its ids. It
// reports whether the reference passed.
func (d *schemaDecoder) checkUID(uid types.EntityUID, n *jsontree.Value) bool {
	return d.checkUIDAt(uid, n, "")
}

// checkUIDAt is checkUID with a prefix for its errors that says where the
// reference is.
func (d *schemaDecoder) checkUIDAt(uid types.EntityUID, n *jsontree.Value, where string) bool {
	if d.skipTypeChecks {
		return true
	}
	if IsActionType(uid.Type) {
		if _, ok := d.s.Actions[uid]; !ok {
			d.reportSpan(n.Start, n.End, "%sfound action entity `%s`, but it was not declared as an action in the schema", where, uid)
			return false
		}
		return true
	}
	if msg := enumViolation(d.s, uid); msg != "" {
		d.reportSpan(n.Start, n.End, "%s%s", where, msg)
		return false
	}
	return true
}

// enumViolation describes why uid is not a valid entity of its enumerated
// type, or returns "".
func enumViolation(s *schema.Schema, uid types.EntityUID) string {
	et, ok := s.Entities[uid.Type]
	if !ok || et.Enum == nil || slices.Contains(et.Enum, uid.ID) {
		return ""
	}
	valid := make([]string, len(et.Enum))
	for i, id := range et.Enum {
		valid[i] = types.Quote(id)
	}
	return fmt.Sprintf("entity `%s` is of an enumerated entity type, but `%s` is not declared as a valid eid (valid eids: %s)", uid, types.Quote(uid.ID), strings.Join(valid, ", "))
}

// typed decodes n as a value of type t. where names the attribute or tag,
// path is its name and the steps inside it (record keys and set indexes),
// for errors. It returns
// nil after recording an error.
func (d *schemaDecoder) typed(n *jsontree.Value, t schema.Type, where string, path []string) types.Value {
	// path[0] is the attribute's name, so a path is worth printing only
	// when it goes deeper.
	at := func() string {
		if len(path) < 2 {
			return where
		}
		return where + ", at `" + strings.Join(path, "") + "`"
	}
	switch t := t.(type) {
	case *schema.Record:
		if n.Kind != jsontree.Object {
			return d.mismatchAfterDecode(n, t, at())
		}
		var shape map[string]*schema.Attribute
		if t != nil {
			shape = t.Attrs
		}
		attrs := make(map[string]types.Value, len(n.Members))
		for _, m := range n.Members {
			sub := append(slices.Clip(path), pathKey(m.Key))
			if _, dup := attrs[m.Key]; dup {
				d.reportSpan(m.KeyStart, m.KeyEnd, "%s, the key `%s` occurs two or more times in the same JSON object", at(), m.Key)
				continue
			}
			a, declared := shape[m.Key]
			if !declared {
				d.reportSpan(m.KeyStart, m.KeyEnd, "%s, record attribute `%s` should not exist according to the schema", at(), m.Key)
				continue
			}
			if v := d.typed(m.Value, a.Type, where, sub); v != nil {
				attrs[m.Key] = v
			}
		}
		ok := len(attrs) == len(n.Members)
		for _, key := range sortedAttrNames(shape) {
			if shape[key].Required && n.Member(key) == nil {
				d.reportSpan(n.Start, n.End, "%s, expected the record to have an attribute `%s`, but it does not", at(), key)
				ok = false
			}
		}
		if !ok {
			return nil
		}
		return types.NewRecord(attrs)
	case schema.Set:
		if n.Kind != jsontree.Array {
			return d.mismatchAfterDecode(n, t, at())
		}
		elems := make([]types.Value, 0, len(n.Elems))
		ok := true
		for i, el := range n.Elems {
			v := d.typed(el, t.Elem, where, append(slices.Clip(path), fmt.Sprintf("[%d]", i)))
			if v == nil {
				ok = false
				continue
			}
			elems = append(elems, v)
		}
		if !ok {
			return nil
		}
		return types.NewSet(elems...)
	case schema.EntityRef:
		uid, ok := entityRef(n)
		if !ok {
			d.reportSpan(n.Start, n.End, "%s, expected a literal entity reference like {\"type\": \"User\", \"id\": \"alice\"}, found %s", at(), describeNode(n))
			return nil
		}
		if msg := checkName(string(uid.Type)); msg != "" {
			d.reportSpan(n.Start, n.End, "%s, invalid entity type `%s`: %s", at(), uid.Type, msg)
			return nil
		}
		if !d.skipTypeChecks && uid.Type != t.Name {
			d.reportSpan(n.Start, n.End, "%s, type mismatch: value was expected to have type `%s`, but it actually has type (entity of type `%s`): `%s`", at(), t.Name, uid.Type, uid)
			return nil
		}
		if !d.checkUIDAt(uid, n, at()+", ") {
			return nil
		}
		return uid
	case schema.Extension:
		var v types.Value
		switch {
		case n.Kind == jsontree.String:
			fn := extensionConstructor(t.Name)
			x, err := extensionFromString(fn, n.Text)
			if err != nil {
				d.reportSpan(n.Start, n.End, "%s, %v", at(), err)
				return nil
			}
			return x
		case implicitExtnCall(n):
			// {"fn": …, "arg": …} without the `__extn` wrapper: official
			// Cedar accepts the bare call where an extension type is
			// expected (other members are ignored, as serde does).
			x, err := d.extn(n, at())
			if err != nil {
				d.add(err)
				return nil
			}
			v = x
		case n.Kind == jsontree.Object && n.Member("__extn") != nil && n.Member("__extn").Value.Kind == jsontree.Object:
			// The explicit escape; under an extension type official Cedar
			// ignores members beside it.
			x, err := d.extn(n.Member("__extn").Value, at())
			if err != nil {
				d.add(err)
				return nil
			}
			v = x
		default:
			x, err := d.value(n, at())
			if err != nil {
				d.add(err)
				return nil
			}
			d.reportSpan(n.Start, n.End, "%s, expected a string to give to `%s`, found a %s", at(), extensionConstructor(t.Name), describeKind(x))
			return nil
		}
		return d.checkKind(n, v, t, at())
	case schema.Primitive:
		v, err := d.value(n, at())
		if err != nil {
			d.add(err)
			return nil
		}
		return d.checkKind(n, v, t, at())
	}
	// No declared type: decode as without a schema.
	v, err := d.value(n, at())
	if err != nil {
		d.add(err)
		return nil
	}
	return v
}

// implicitExtnCall reports whether n is an extension call written without
// the `__extn` wrapper: an object with a string "fn" and an "arg" or "args".
func implicitExtnCall(n *jsontree.Value) bool {
	if n.Kind != jsontree.Object {
		return false
	}
	fm := n.Member("fn")
	if fm == nil || fm.Value.Kind != jsontree.String || (n.Member("arg") == nil && n.Member("args") == nil) {
		return false
	}
	// With a repeated key it is left to the record decoder, which reports
	// the repetition.
	seen := make(map[string]bool, len(n.Members))
	for _, m := range n.Members {
		if seen[m.Key] {
			return false
		}
		seen[m.Key] = true
	}
	return true
}

// mismatchAfterDecode reports a value whose JSON shape cannot be of type t
// (a record type given a non-object, a set type a non-array). Official Cedar
// reports these even where it skips type checks.
func (d *schemaDecoder) mismatchAfterDecode(n *jsontree.Value, t schema.Type, where string) types.Value {
	v, err := d.value(n, where)
	if err != nil {
		d.add(err)
		return nil
	}
	d.reportSpan(n.Start, n.End, "%s, type mismatch: value was expected to have type %s, but it actually has type %s: `%s`", where, TypeString(t), describeKind(v), v)
	return nil
}

// checkKind checks a decoded leaf value against a primitive or extension
// type.
func (d *schemaDecoder) checkKind(n *jsontree.Value, v types.Value, t schema.Type, where string) types.Value {
	if d.skipTypeChecks || kindMatches(v, t) {
		return v
	}
	d.reportSpan(n.Start, n.End, "%s, type mismatch: value was expected to have type %s, but it actually has type %s: `%s`", where, TypeString(t), describeKind(v), v)
	return nil
}

func kindMatches(v types.Value, t schema.Type) bool {
	switch t := t.(type) {
	case schema.Primitive:
		switch t.Kind {
		case schema.Bool:
			return v.Kind() == types.KindBool
		case schema.Long:
			return v.Kind() == types.KindLong
		case schema.String:
			return v.Kind() == types.KindString
		}
	case schema.Extension:
		return v.Kind().String() == t.Name
	}
	return false
}

// entityRef reads an entity reference where the schema declares an entity
// type: {"__entity": {"type", "id"}} or {"type", "id"}; other members
// beside these are ignored, as in official Cedar.
func entityRef(n *jsontree.Value) (types.EntityUID, bool) {
	if n.Kind != jsontree.Object {
		return types.EntityUID{}, false
	}
	if m := n.Member("__entity"); m != nil {
		n = m.Value
		if n.Kind != jsontree.Object {
			return types.EntityUID{}, false
		}
	}
	tm, im := n.Member("type"), n.Member("id")
	if tm == nil || im == nil || tm.Value.Kind != jsontree.String || im.Value.Kind != jsontree.String {
		return types.EntityUID{}, false
	}
	return types.EntityUID{Type: types.EntityType(tm.Value.Text), ID: im.Value.Text}, true
}

// pathRoot renders an attribute name as the start of a path.
func pathRoot(key string) string {
	if key != "" && checkIdent(key) {
		return key
	}
	return types.Quote(key)
}

// pathKey renders a record key as a path step: `.name` for identifiers,
// `["some key"]` otherwise.
func pathKey(key string) string {
	if key != "" && checkIdent(key) {
		return "." + key
	}
	return "[" + types.Quote(key) + "]"
}

func checkIdent(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		isLetter := c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		if !isLetter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// describeKind names a value's type the way official Cedar's type-mismatch
// errors do.
func describeKind(v types.Value) string {
	if u, ok := v.(types.EntityUID); ok {
		return fmt.Sprintf("(entity of type `%s`)", u.Type)
	}
	return v.Kind().String()
}

// TypeString renders a schema type as official Cedar's errors do: `long`,
// `[long]` for a set, the name in backquotes for an entity type, and
// `{ "a" => (required) long }` for a record.
func TypeString(t schema.Type) string {
	switch t := t.(type) {
	case schema.Primitive:
		return strings.ToLower(t.Kind.String())
	case schema.Set:
		return "[" + TypeString(t.Elem) + "]"
	case schema.EntityRef:
		return "`" + string(t.Name) + "`"
	case schema.Extension:
		return t.Name
	case *schema.Record:
		if t == nil || len(t.Attrs) == 0 {
			return "{  }"
		}
		parts := make([]string, 0, len(t.Attrs))
		for _, k := range sortedAttrNames(t.Attrs) {
			a := t.Attrs[k]
			req := "(optional)"
			if a.Required {
				req = "(required)"
			}
			parts = append(parts, types.Quote(k)+" => "+req+" "+TypeString(a.Type))
		}
		return "{ " + strings.Join(parts, ", ") + " }"
	}
	return "unknown"
}

// extensionConstructor is the function that builds values of an extension
// type from a string.
func extensionConstructor(typeName string) string {
	if typeName == "ipaddr" {
		return "ip"
	}
	return typeName
}

func extensionFromString(fn, arg string) (types.Value, error) {
	return extension.Call(fn, []types.Value{types.String(arg)})
}
