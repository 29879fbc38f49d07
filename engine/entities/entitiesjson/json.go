package entitiesjson

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/extension"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/internal/jsontree"
)

// Error is a problem in an entities, context, value or request JSON text:
// a diagnostic (code source.CodeEntitiesJSON, or source.CodeJSONSyntax for
// JSON that does not parse) whose span starts where the offending JSON
// value starts, and the 1-based line:col of that start.
type Error struct {
	source.Diagnostic
	Pos source.Pos
}

// Error is the message after the line:col.
func (e *Error) Error() string { return e.Pos.String() + ": " + e.Message }

// decoder turns a parsed JSON tree into Cedar values, remembering the
// input so errors can be given a position.
type decoder struct {
	src   []byte
	lines *source.Lines
}

// errAt is an error about the byte at off.
func (d *decoder) errAt(off int, format string, args ...any) *Error {
	return d.errAtSpan(off, off+1, format, args...)
}

// errAtSpan is an error about the JSON text from start to end: the
// offending value or key.
func (d *decoder) errAtSpan(start, end int, format string, args ...any) *Error {
	if d.lines == nil {
		d.lines = source.NewLines(d.src)
	}
	return &Error{Diagnostic: source.Diagnostic{Span: source.Span{Start: start, End: end}, Code: source.CodeEntitiesJSON, Message: fmt.Sprintf(format, args...)}, Pos: d.lines.Pos(start)}
}

// maxJSONDepth bounds how deeply arrays and objects may nest.
const maxJSONDepth = 1000

func (d *decoder) parse() (*jsontree.Value, error) {
	n, serr := jsontree.Parse(d.src, maxJSONDepth)
	if serr != nil {
		err := d.errAt(serr.Offset, "invalid JSON: %s", serr.Msg)
		err.Code = source.CodeJSONSyntax
		return nil, err
	}
	return n, nil
}

// Parse decodes the official entities JSON: an array of
// {"uid", "attrs", "parents", "tags"} objects. "attrs" and "parents" are
// required and "tags" optional, as in official Cedar; other fields are
// ignored. Duplicate UIDs are reported by NewStore, not here.
func Parse(data []byte) ([]*entities.Entity, error) {
	d := &decoder{src: data}
	root, err := d.parse()
	if err != nil {
		return nil, err
	}
	if root.Kind != jsontree.Array {
		return nil, d.errAtSpan(root.Start, root.End, "expected an array of entities, found %s", root.Kind)
	}
	ents := make([]*entities.Entity, 0, len(root.Elems))
	for _, n := range root.Elems {
		e, err := d.entity(n)
		if err != nil {
			return nil, err
		}
		ents = append(ents, e)
	}
	return ents, nil
}

func (d *decoder) entity(n *jsontree.Value) (*entities.Entity, error) {
	if n.Kind != jsontree.Object {
		return nil, d.errAtSpan(n.Start, n.End, "expected an entity object, found %s", n.Kind)
	}
	if err := d.noDuplicateKeys(n, "entity field"); err != nil {
		return nil, err
	}
	uidM := n.Member("uid")
	if uidM == nil {
		return nil, d.errAtSpan(n.Start, n.End, "missing field `uid`")
	}
	uid, err := d.uid(uidM.Value, "in uid field of <unknown entity>")
	if err != nil {
		return nil, err
	}
	e := &entities.Entity{UID: uid}
	attrsM := n.Member("attrs")
	if attrsM == nil {
		return nil, d.errAtSpan(n.Start, n.End, "missing field `attrs` in entity `%s`", uid)
	}
	if e.Attrs, err = d.record(attrsM.Value, func(k string) string {
		return fmt.Sprintf("in attribute `%s` on `%s`", k, uid)
	}); err != nil {
		return nil, err
	}
	parentsM := n.Member("parents")
	if parentsM == nil {
		return nil, d.errAtSpan(n.Start, n.End, "missing field `parents` in entity `%s`", uid)
	}
	if parentsM.Value.Kind != jsontree.Array {
		return nil, d.errAtSpan(parentsM.Value.Start, parentsM.Value.End, "in parents field of `%s`, expected an array, found %s", uid, parentsM.Value.Kind)
	}
	e.Parents = make([]types.EntityUID, 0, len(parentsM.Value.Elems))
	for _, p := range parentsM.Value.Elems {
		puid, err := d.uid(p, fmt.Sprintf("in parents field of `%s`", uid))
		if err != nil {
			return nil, err
		}
		e.Parents = append(e.Parents, puid)
	}
	if tagsM := n.Member("tags"); tagsM != nil {
		if e.Tags, err = d.record(tagsM.Value, func(k string) string {
			return fmt.Sprintf("in tag `%s` on `%s`", k, uid)
		}); err != nil {
			return nil, err
		}
	} else {
		e.Tags = types.NewRecord(nil)
	}
	return e, nil
}

func (d *decoder) noDuplicateKeys(n *jsontree.Value, what string) error {
	if m := n.FirstDuplicate(); m != nil {
		return d.errAtSpan(m.KeyStart, m.KeyEnd, "duplicate %s `%s`", what, m.Key)
	}
	return nil
}

// uid decodes an entity reference: {"type": T, "id": I} or
// {"__entity": {"type": T, "id": I}}. Official Cedar rejects the string
// form `T::"I"` here.
func (d *decoder) uid(n *jsontree.Value, where string) (types.EntityUID, error) {
	if n.Kind == jsontree.Object {
		if m := n.Member("__entity"); m != nil && len(n.Members) == 1 {
			n = m.Value
		}
	}
	if n.Kind == jsontree.Object {
		tm, im := n.Member("type"), n.Member("id")
		if tm != nil && im != nil {
			if tm.Value.Kind != jsontree.String {
				return types.EntityUID{}, d.errAtSpan(tm.Value.Start, tm.Value.End, "%s, entity type must be a string, found %s", where, tm.Value.Kind)
			}
			if im.Value.Kind != jsontree.String {
				return types.EntityUID{}, d.errAtSpan(im.Value.Start, im.Value.End, "%s, entity id must be a string, found %s", where, im.Value.Kind)
			}
			if msg := checkName(tm.Value.Text); msg != "" {
				return types.EntityUID{}, d.errAtSpan(tm.Value.Start, tm.Value.End, "%s, invalid entity type `%s`: %s", where, tm.Value.Text, msg)
			}
			return types.EntityUID{Type: types.EntityType(tm.Value.Text), ID: im.Value.Text}, nil
		}
	}
	return types.EntityUID{}, d.errAtSpan(n.Start, n.End, "%s, expected a literal entity reference like {\"type\": \"User\", \"id\": \"alice\"}, found %s", where, describeNode(n))
}

func describeNode(n *jsontree.Value) string {
	switch n.Kind {
	case jsontree.String:
		return "the string " + strconv.Quote(n.Text)
	case jsontree.Number:
		return "the number " + n.Text
	}
	return "a JSON " + n.Kind.String()
}

// reservedIdents may not be used as a name component.
var reservedIdents = map[string]bool{
	"true": true, "false": true, "if": true, "then": true, "else": true,
	"in": true, "is": true, "like": true, "has": true, "__cedar": true,
}

// checkName validates a normalized Cedar name (`A::B::C`); it returns why
// the name is invalid, or "".
func checkName(s string) string {
	if s == "" {
		return "empty name"
	}
	for _, part := range strings.Split(s, "::") {
		if part == "" {
			return "empty name component"
		}
		for i := 0; i < len(part); i++ {
			c := part[i]
			isLetter := c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
			if !isLetter && (i == 0 || c < '0' || c > '9') {
				return "names must be identifiers separated by `::`, without whitespace"
			}
		}
		if reservedIdents[part] {
			if part == "__cedar" {
				return "the name contains `__cedar`, which is reserved"
			}
			return "this identifier is reserved and cannot be used: " + part
		}
	}
	return ""
}

// record decodes a JSON object whose members are Cedar values; where names
// the member for error messages.
func (d *decoder) record(n *jsontree.Value, where func(key string) string) (types.Record, error) {
	if n.Kind != jsontree.Object {
		return types.Record{}, d.errAtSpan(n.Start, n.End, "expected a JSON object, found %s", n.Kind)
	}
	attrs := make(map[string]types.Value, len(n.Members))
	for _, m := range n.Members {
		if _, dup := attrs[m.Key]; dup {
			return types.Record{}, d.errAtSpan(m.KeyStart, m.KeyEnd, "%s, the key `%s` occurs two or more times in the same JSON object", where(m.Key), m.Key)
		}
		v, err := d.value(m.Value, where(m.Key))
		if err != nil {
			return types.Record{}, err
		}
		attrs[m.Key] = v
	}
	return types.NewRecord(attrs), nil
}

// value decodes one Cedar value in its JSON form.
func (d *decoder) value(n *jsontree.Value, where string) (types.Value, error) {
	switch n.Kind {
	case jsontree.Null:
		return nil, d.errAtSpan(n.Start, n.End, "%s, found a `null`; JSON `null`s are not allowed in Cedar", where)
	case jsontree.Bool:
		return types.Bool(n.Bool), nil
	case jsontree.String:
		return types.String(n.Text), nil
	case jsontree.Number:
		i, err := n.Int64()
		if errors.Is(err, jsontree.ErrNotInteger) {
			return nil, d.errAtSpan(n.Start, n.End, "%s, found the number %s; Cedar has integers only", where, n.Text)
		}
		if err != nil {
			return nil, d.errAtSpan(n.Start, n.End, "%s, the integer %s does not fit in 64 bits", where, n.Text)
		}
		return types.Long(i), nil
	case jsontree.Array:
		elems := make([]types.Value, 0, len(n.Elems))
		for _, e := range n.Elems {
			v, err := d.value(e, where)
			if err != nil {
				return nil, err
			}
			elems = append(elems, v)
		}
		return types.NewSet(elems...), nil
	}
	// An object with a single escape key is an entity or extension value;
	// with any other keys (even alongside an escape) it is a record, as in
	// official Cedar.
	if len(n.Members) == 1 {
		m := n.Members[0]
		switch m.Key {
		case "__entity":
			return d.uid(m.Value, where)
		case "__extn":
			return d.extn(m.Value, where)
		case "__expr":
			return nil, d.errAtSpan(n.Start, n.End, "%s, the `__expr` escape is no longer supported", where)
		}
	}
	return d.record(n, func(k string) string { return where })
}

// extn decodes {"fn": F, "arg": A} or {"fn": F, "args": [A, …]}.
func (d *decoder) extn(n *jsontree.Value, where string) (types.Value, error) {
	if n.Kind != jsontree.Object {
		return nil, d.errAtSpan(n.Start, n.End, "%s, expected {\"fn\": …, \"arg\": …} in `__extn`, found %s", where, n.Kind)
	}
	fm := n.Member("fn")
	if fm == nil || fm.Value.Kind != jsontree.String {
		return nil, d.errAtSpan(n.Start, n.End, "%s, `__extn` needs a string field `fn`", where)
	}
	fn := fm.Value.Text
	var args []types.Value
	if am := n.Member("arg"); am != nil {
		v, err := d.value(am.Value, where)
		if err != nil {
			return nil, err
		}
		args = []types.Value{v}
	} else if am := n.Member("args"); am != nil {
		if am.Value.Kind != jsontree.Array {
			return nil, d.errAtSpan(am.Value.Start, am.Value.End, "%s, `args` of `__extn` must be an array", where)
		}
		for _, e := range am.Value.Elems {
			v, err := d.value(e, where)
			if err != nil {
				return nil, err
			}
			args = append(args, v)
		}
	} else {
		return nil, d.errAtSpan(n.Start, n.End, "%s, `__extn` needs a field `arg` or `args`", where)
	}
	var v types.Value
	var err error
	if len(args) == 1 {
		v, err = extension.FromExtn(fn, args[0])
	} else {
		v, err = extension.Call(fn, args)
	}
	if err != nil {
		return nil, d.errAtSpan(n.Start, n.End, "%s: %v", where, err)
	}
	return v, nil
}

// ParseValue decodes a single Cedar value in its JSON form.
func ParseValue(data []byte) (types.Value, error) {
	d := &decoder{src: data}
	root, err := d.parse()
	if err != nil {
		return nil, err
	}
	return d.value(root, "in value")
}

// ParseContext decodes a request context: a JSON object of Cedar
// values. Empty or blank input is the empty context.
func ParseContext(data []byte) (types.Record, error) {
	if strings.TrimSpace(string(data)) == "" {
		return types.NewRecord(nil), nil
	}
	d := &decoder{src: data}
	root, err := d.parse()
	if err != nil {
		return types.Record{}, err
	}
	return d.contextNode(root)
}

func (d *decoder) contextNode(n *jsontree.Value) (types.Record, error) {
	if n.Kind != jsontree.Object {
		return types.Record{}, d.errAtSpan(n.Start, n.End, "expected the context to be a JSON object, found %s", n.Kind)
	}
	return d.record(n, func(k string) string { return fmt.Sprintf("in context attribute `%s`", k) })
}
