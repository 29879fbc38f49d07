package entities

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/extension"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// JSONError is a problem in an entities, context or value JSON text, at the
// line and column where the offending JSON value starts.
type JSONError struct {
	Offset int        // byte offset into the input
	Pos    source.Pos // 1-based line:col of Offset
	Msg    string
}

func (e *JSONError) Error() string { return e.Pos.String() + ": " + e.Msg }

// decoder turns a parsed JSON tree into Cedar values, remembering the
// input so errors can be given a position.
type decoder struct {
	src   []byte
	lines *source.Lines
}

func (d *decoder) errAt(off int, format string, args ...any) *JSONError {
	if d.lines == nil {
		d.lines = source.NewLines(d.src)
	}
	return &JSONError{Offset: off, Pos: d.lines.Pos(off), Msg: fmt.Sprintf(format, args...)}
}

func (d *decoder) parse() (*jsonNode, error) {
	n, serr := parseJSONTree(d.src)
	if serr != nil {
		return nil, d.errAt(serr.off, "invalid JSON: %s", serr.msg)
	}
	return n, nil
}

// ParseJSON decodes the official entities JSON: an array of
// {"uid", "attrs", "parents", "tags"} objects. "attrs" and "parents" are
// required and "tags" optional, as in official Cedar; other fields are
// ignored. Duplicate UIDs are reported by NewStore, not here.
func ParseJSON(data []byte) ([]*Entity, error) {
	d := &decoder{src: data}
	root, err := d.parse()
	if err != nil {
		return nil, err
	}
	if root.kind != jsonArray {
		return nil, d.errAt(root.off, "expected an array of entities, found %s", root.kind)
	}
	ents := make([]*Entity, 0, len(root.elems))
	for _, n := range root.elems {
		e, err := d.entity(n)
		if err != nil {
			return nil, err
		}
		ents = append(ents, e)
	}
	return ents, nil
}

func (d *decoder) entity(n *jsonNode) (*Entity, error) {
	if n.kind != jsonObject {
		return nil, d.errAt(n.off, "expected an entity object, found %s", n.kind)
	}
	if err := d.noDuplicateKeys(n, "entity field"); err != nil {
		return nil, err
	}
	uidM := n.member("uid")
	if uidM == nil {
		return nil, d.errAt(n.off, "missing field `uid`")
	}
	uid, err := d.uid(uidM.value, "in uid field of <unknown entity>")
	if err != nil {
		return nil, err
	}
	e := &Entity{UID: uid}
	attrsM := n.member("attrs")
	if attrsM == nil {
		return nil, d.errAt(n.off, "missing field `attrs` in entity `%s`", uid)
	}
	if e.Attrs, err = d.record(attrsM.value, func(k string) string {
		return fmt.Sprintf("in attribute `%s` on `%s`", k, uid)
	}); err != nil {
		return nil, err
	}
	parentsM := n.member("parents")
	if parentsM == nil {
		return nil, d.errAt(n.off, "missing field `parents` in entity `%s`", uid)
	}
	if parentsM.value.kind != jsonArray {
		return nil, d.errAt(parentsM.value.off, "in parents field of `%s`, expected an array, found %s", uid, parentsM.value.kind)
	}
	e.Parents = make([]types.EntityUID, 0, len(parentsM.value.elems))
	for _, p := range parentsM.value.elems {
		puid, err := d.uid(p, fmt.Sprintf("in parents field of `%s`", uid))
		if err != nil {
			return nil, err
		}
		e.Parents = append(e.Parents, puid)
	}
	if tagsM := n.member("tags"); tagsM != nil {
		if e.Tags, err = d.record(tagsM.value, func(k string) string {
			return fmt.Sprintf("in tag `%s` on `%s`", k, uid)
		}); err != nil {
			return nil, err
		}
	} else {
		e.Tags = types.NewRecord(nil)
	}
	return e, nil
}

func (d *decoder) noDuplicateKeys(n *jsonNode, what string) error {
	if len(n.members) < 2 {
		return nil
	}
	seen := make(map[string]struct{}, len(n.members))
	for _, m := range n.members {
		if _, dup := seen[m.key]; dup {
			return d.errAt(m.keyOff, "duplicate %s `%s`", what, m.key)
		}
		seen[m.key] = struct{}{}
	}
	return nil
}

// uid decodes an entity reference: {"type": T, "id": I} or
// {"__entity": {"type": T, "id": I}}. Official Cedar rejects the string
// form `T::"I"` here.
func (d *decoder) uid(n *jsonNode, where string) (types.EntityUID, error) {
	if n.kind == jsonObject {
		if m := n.member("__entity"); m != nil && len(n.members) == 1 {
			n = m.value
		}
	}
	if n.kind == jsonObject {
		tm, im := n.member("type"), n.member("id")
		if tm != nil && im != nil {
			if tm.value.kind != jsonString {
				return types.EntityUID{}, d.errAt(tm.value.off, "%s, entity type must be a string, found %s", where, tm.value.kind)
			}
			if im.value.kind != jsonString {
				return types.EntityUID{}, d.errAt(im.value.off, "%s, entity id must be a string, found %s", where, im.value.kind)
			}
			if msg := checkName(tm.value.text); msg != "" {
				return types.EntityUID{}, d.errAt(tm.value.off, "%s, invalid entity type `%s`: %s", where, tm.value.text, msg)
			}
			return types.EntityUID{Type: types.EntityType(tm.value.text), ID: im.value.text}, nil
		}
	}
	return types.EntityUID{}, d.errAt(n.off, "%s, expected a literal entity reference like {\"type\": \"User\", \"id\": \"alice\"}, found %s", where, describeNode(n))
}

func describeNode(n *jsonNode) string {
	switch n.kind {
	case jsonString:
		return "the string " + strconv.Quote(n.text)
	case jsonNumber:
		return "the number " + n.text
	}
	return "a JSON " + n.kind.String()
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
func (d *decoder) record(n *jsonNode, where func(key string) string) (types.Record, error) {
	if n.kind != jsonObject {
		return types.Record{}, d.errAt(n.off, "expected a JSON object, found %s", n.kind)
	}
	attrs := make(map[string]types.Value, len(n.members))
	for _, m := range n.members {
		if _, dup := attrs[m.key]; dup {
			return types.Record{}, d.errAt(m.keyOff, "%s, the key `%s` occurs two or more times in the same JSON object", where(m.key), m.key)
		}
		v, err := d.value(m.value, where(m.key))
		if err != nil {
			return types.Record{}, err
		}
		attrs[m.key] = v
	}
	return types.NewRecord(attrs), nil
}

// value decodes one Cedar value in its JSON form.
func (d *decoder) value(n *jsonNode, where string) (types.Value, error) {
	switch n.kind {
	case jsonNull:
		return nil, d.errAt(n.off, "%s, found a `null`; JSON `null`s are not allowed in Cedar", where)
	case jsonBool:
		return types.Bool(n.boolean), nil
	case jsonString:
		return types.String(n.text), nil
	case jsonNumber:
		if strings.ContainsAny(n.text, ".eE") {
			return nil, d.errAt(n.off, "%s, found the number %s; Cedar has integers only", where, n.text)
		}
		i, err := strconv.ParseInt(n.text, 10, 64)
		if err != nil {
			return nil, d.errAt(n.off, "%s, the integer %s does not fit in 64 bits", where, n.text)
		}
		return types.Long(i), nil
	case jsonArray:
		elems := make([]types.Value, 0, len(n.elems))
		for _, e := range n.elems {
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
	if len(n.members) == 1 {
		m := n.members[0]
		switch m.key {
		case "__entity":
			return d.uid(m.value, where)
		case "__extn":
			return d.extn(m.value, where)
		case "__expr":
			return nil, d.errAt(n.off, "%s, the `__expr` escape is no longer supported", where)
		}
	}
	return d.record(n, func(k string) string { return where })
}

// extn decodes {"fn": F, "arg": A} or {"fn": F, "args": [A, …]}.
func (d *decoder) extn(n *jsonNode, where string) (types.Value, error) {
	if n.kind != jsonObject {
		return nil, d.errAt(n.off, "%s, expected {\"fn\": …, \"arg\": …} in `__extn`, found %s", where, n.kind)
	}
	fm := n.member("fn")
	if fm == nil || fm.value.kind != jsonString {
		return nil, d.errAt(n.off, "%s, `__extn` needs a string field `fn`", where)
	}
	fn := fm.value.text
	var args []types.Value
	if am := n.member("arg"); am != nil {
		v, err := d.value(am.value, where)
		if err != nil {
			return nil, err
		}
		args = []types.Value{v}
	} else if am := n.member("args"); am != nil {
		if am.value.kind != jsonArray {
			return nil, d.errAt(am.value.off, "%s, `args` of `__extn` must be an array", where)
		}
		for _, e := range am.value.elems {
			v, err := d.value(e, where)
			if err != nil {
				return nil, err
			}
			args = append(args, v)
		}
	} else {
		return nil, d.errAt(n.off, "%s, `__extn` needs a field `arg` or `args`", where)
	}
	var v types.Value
	var err error
	if len(args) == 1 {
		v, err = extension.FromExtn(fn, args[0])
	} else {
		v, err = extension.Call(fn, args)
	}
	if err != nil {
		return nil, d.errAt(n.off, "%s: %v", where, err)
	}
	return v, nil
}

// ParseValueJSON decodes a single Cedar value in its JSON form.
func ParseValueJSON(data []byte) (types.Value, error) {
	d := &decoder{src: data}
	root, err := d.parse()
	if err != nil {
		return nil, err
	}
	return d.value(root, "in value")
}

// ParseContextJSON decodes a request context: a JSON object of Cedar
// values. Empty or blank input is the empty context.
func ParseContextJSON(data []byte) (types.Record, error) {
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

func (d *decoder) contextNode(n *jsonNode) (types.Record, error) {
	if n.kind != jsonObject {
		return types.Record{}, d.errAt(n.off, "expected the context to be a JSON object, found %s", n.kind)
	}
	return d.record(n, func(k string) string { return fmt.Sprintf("in context attribute `%s`", k) })
}
