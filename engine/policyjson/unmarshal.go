package policyjson

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/internal/jsontree"
)

// Error is malformed policy JSON: a diagnostic (code
// source.CodePolicyJSON, or source.CodeJSONSyntax for JSON that does not
// parse) and the line:col where its span starts.
type Error struct {
	source.Diagnostic
	Pos source.Pos
}

// Error is the message after the line:col.
func (e *Error) Error() string { return e.Pos.String() + ": " + e.Message }

// Unmarshal reads one policy or template in the JSON policy format. It
// accepts what official Cedar accepts, including `{"__entity": …}` and
// plain `{"type","id"}` entity references, `has` with an attribute list,
// extension calls as `{"ip": [args]}`, and any JSON value (`__entity`,
// `__extn`, sets, records) under "Value". The policy's ID is left empty.
func Unmarshal(data []byte) (*ast.Policy, error) {
	d, root, err := newDecoder(data)
	if err != nil {
		return nil, err
	}
	var p *ast.Policy
	err = d.run(func() { p = d.policy(root) })
	return p, err
}

// decodeFailure carries an *Error up the decoder's recursion; it is
// recovered at the package's API boundary and never escapes.
type decodeFailure struct{ err *Error }

type decoder struct {
	src   []byte
	lines *source.Lines
}

// maxJSONDepth bounds how deeply arrays and objects may nest.
const maxJSONDepth = 10000

// syntaxMessage words malformed JSON. This package's messages have no
// "invalid JSON" prefix, so the end of input is called the end of JSON input.
func syntaxMessage(e *jsontree.SyntaxError) string {
	if e.AtEOF {
		return "unexpected end of JSON input, expected " + e.Want.String()
	}
	return e.Msg
}

func newDecoder(data []byte) (*decoder, *jsontree.Value, error) {
	d := &decoder{src: data}
	root, jerr := jsontree.Parse(data, maxJSONDepth)
	if jerr != nil {
		err := d.errorAt(jerr.Offset, jerr.Offset+1, syntaxMessage(jerr))
		err.Code = source.CodeJSONSyntax
		return nil, nil, err
	}
	return d, root, nil
}

// errorAt is an error about the JSON text from start to end.
func (d *decoder) errorAt(start, end int, msg string) *Error {
	if d.lines == nil {
		d.lines = source.NewLines(d.src)
	}
	return &Error{Diagnostic: source.Diagnostic{Span: source.Span{Start: start, End: end}, Code: source.CodePolicyJSON, Message: msg}, Pos: d.lines.Pos(start)}
}

func (d *decoder) run(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			df, ok := r.(decodeFailure)
			if !ok {
				panic(r)
			}
			err = df.err
		}
	}()
	f()
	return nil
}

// fail stops decoding with an error about the byte at off.
func (d *decoder) fail(off int, format string, args ...any) {
	d.failSpan(off, off+1, format, args...)
}

// failSpan stops decoding with an error about the JSON text from start to
// end: the offending value or key.
func (d *decoder) failSpan(start, end int, format string, args ...any) {
	panic(decodeFailure{d.errorAt(start, end, fmt.Sprintf(format, args...))})
}

func (d *decoder) expectKind(v *jsontree.Value, k jsontree.Kind, what string) {
	if v.Kind != k {
		d.failSpan(v.Start, v.End, "%s: expected a JSON %s, found %s", what, k, v.Kind)
	}
}

func (d *decoder) str(v *jsontree.Value, what string) string {
	d.expectKind(v, jsontree.String, what)
	return v.Text
}

// structFields reads an object whose members are fixed fields: duplicates
// are errors, and so are unknown fields unless lenient (official Cedar
// ignores extra fields in scope constraints and entity references).
func (d *decoder) structFields(v *jsontree.Value, what string, lenient bool, allowed ...string) map[string]*jsontree.Value {
	d.expectKind(v, jsontree.Object, what)
	out := make(map[string]*jsontree.Value, len(v.Members))
	for _, m := range v.Members {
		known := false
		for _, a := range allowed {
			known = known || a == m.Key
		}
		if !known {
			if lenient {
				continue
			}
			d.failSpan(m.KeyStart, m.KeyEnd, "%s: unknown field `%s`, expected %s", what, m.Key, listFields(allowed))
		}
		if _, dup := out[m.Key]; dup {
			d.failSpan(m.KeyStart, m.KeyEnd, "%s: duplicate field `%s`", what, m.Key)
		}
		out[m.Key] = m.Value
	}
	return out
}

func listFields(fields []string) string {
	q := make([]string, len(fields))
	for i, f := range fields {
		q[i] = "`" + f + "`"
	}
	if len(q) == 1 {
		return q[0]
	}
	return "one of " + strings.Join(q, ", ")
}

func (d *decoder) need(fields map[string]*jsontree.Value, obj *jsontree.Value, key, what string) *jsontree.Value {
	v, ok := fields[key]
	if !ok {
		d.failSpan(obj.Start, obj.End, "%s: missing field `%s`", what, key)
	}
	return v
}

// mapMembers reads an object used as a map: a repeated key keeps its first
// position and its last value, as serde_json's maps do.
func mapMembers(v *jsontree.Value) []jsontree.Member {
	index := make(map[string]int, len(v.Members))
	var out []jsontree.Member
	for _, m := range v.Members {
		if i, ok := index[m.Key]; ok {
			out[i].Value = m.Value
			continue
		}
		index[m.Key] = len(out)
		out = append(out, m)
	}
	return out
}

func (d *decoder) policy(v *jsontree.Value) *ast.Policy {
	f := d.structFields(v, "policy", false, "effect", "principal", "action", "resource", "conditions", "annotations")
	p := &ast.Policy{}
	effect := d.need(f, v, "effect", "policy")
	switch d.str(effect, "effect") {
	case "permit":
		p.Effect = ast.Permit
	case "forbid":
		p.Effect = ast.Forbid
	default:
		d.failSpan(effect.Start, effect.End, "unknown effect `%s`, expected `permit` or `forbid`", effect.Text)
	}
	p.Principal = d.scope(d.need(f, v, "principal", "policy"), ast.VarPrincipal)
	p.Action = d.scope(d.need(f, v, "action", "policy"), ast.VarAction)
	p.Resource = d.scope(d.need(f, v, "resource", "policy"), ast.VarResource)
	conds := d.need(f, v, "conditions", "policy")
	d.expectKind(conds, jsontree.Array, "conditions")
	for _, c := range conds.Elems {
		p.Conditions = append(p.Conditions, d.condition(c))
	}
	if annos, ok := f["annotations"]; ok {
		d.expectKind(annos, jsontree.Object, "annotations")
		for _, m := range mapMembers(annos) {
			if !isIdentShape(m.Key) {
				d.failSpan(m.KeyStart, m.KeyEnd, "invalid annotation key `%s`: it must be an identifier", m.Key)
			}
			a := ast.Annotation{Key: m.Key}
			switch m.Value.Kind {
			case jsontree.Null:
			case jsontree.String:
				a.Value, a.HasValue = m.Value.Text, true
			default:
				d.failSpan(m.Value.Start, m.Value.End, "annotation `%s`: expected a string or null, found %s", m.Key, m.Value.Kind)
			}
			p.Annotations = append(p.Annotations, a)
		}
	}
	return p
}

func (d *decoder) condition(v *jsontree.Value) ast.Condition {
	f := d.structFields(v, "condition", false, "kind", "body")
	kind := d.need(f, v, "kind", "condition")
	var c ast.Condition
	switch d.str(kind, "condition kind") {
	case "when":
	case "unless":
		c.Unless = true
	default:
		d.failSpan(kind.Start, kind.End, "unknown condition kind `%s`, expected `when` or `unless`", kind.Text)
	}
	c.Body = d.expr(d.need(f, v, "body", "condition"))
	return c
}

func (d *decoder) scope(v *jsontree.Value, which ast.Var) ast.Scope {
	what := which.String() + " constraint"
	f := d.structFields(v, what, true, "op", "entity", "slot", "entity_type", "in", "entities")
	s := ast.Scope{Var: which}
	op := d.need(f, v, "op", what)
	switch d.str(op, what+" op") {
	case "All", "all":
		s.Op = ast.ScopeAll
	case "==":
		s.Op = ast.ScopeEq
		s.Entity = d.scopeTarget(v, f, which, what)
	case "in":
		s.Op = ast.ScopeIn
		if which == ast.VarAction {
			if _, ok := f["entity"]; !ok {
				list, ok := f["entities"]
				if !ok {
					d.failSpan(v.Start, v.End, "%s: `in` needs `entity` or `entities`", what)
				}
				d.expectKind(list, jsontree.Array, "entities")
				s.Op = ast.ScopeInSet
				s.Entities = []ast.EntityRef{}
				for _, e := range list.Elems {
					s.Entities = append(s.Entities, ast.EntityRef{UID: d.actionUID(e)})
				}
				return s
			}
		}
		s.Entity = d.scopeTarget(v, f, which, what)
	case "is":
		if which == ast.VarAction {
			d.failSpan(op.Start, op.End, "%s: unknown op `is`, expected one of `All`, `==`, `in`", what)
		}
		s.Op = ast.ScopeIs
		s.Type = d.entityType(d.need(f, v, "entity_type", what))
		if in, ok := f["in"]; ok {
			s.Op = ast.ScopeIsIn
			inFields := d.structFields(in, what+" `in`", true, "entity", "slot")
			s.Entity = d.scopeTarget(in, inFields, which, what+" `in`")
		}
	default:
		d.failSpan(op.Start, op.End, "%s: unknown op `%s`, expected one of `All`, `==`, `in`, `is`", what, op.Text)
	}
	return s
}

// scopeTarget is the entity or slot of ==, in and is…in; an entity wins
// over a slot when both are given, as in official Cedar.
func (d *decoder) scopeTarget(obj *jsontree.Value, f map[string]*jsontree.Value, which ast.Var, what string) ast.EntityRef {
	if e, ok := f["entity"]; ok {
		if which == ast.VarAction {
			return ast.EntityRef{UID: d.actionUID(e)}
		}
		return ast.EntityRef{UID: d.entityUID(e)}
	}
	slot, ok := f["slot"]
	if !ok {
		d.failSpan(obj.Start, obj.End, "%s: expected `entity` or `slot`", what)
	}
	name := d.str(slot, "slot")
	switch {
	case which == ast.VarAction:
		d.failSpan(slot.Start, slot.End, "slots are not allowed for actions")
	case which == ast.VarPrincipal && name == "?principal":
		return ast.EntityRef{Slot: ast.SlotPrincipal}
	case which == ast.VarResource && name == "?resource":
		return ast.EntityRef{Slot: ast.SlotResource}
	}
	d.failSpan(slot.Start, slot.End, "invalid slot `%s` for the %s", name, which)
	return ast.EntityRef{}
}

func (d *decoder) actionUID(v *jsontree.Value) types.EntityUID {
	uid := d.entityUID(v)
	if !isActionType(string(uid.Type)) {
		d.failSpan(v.Start, v.End, "expected an entity uid with type `Action` but got `%s`", uid)
	}
	return uid
}

// entityUID reads `{"type": T, "id": I}` or `{"__entity": {…}}`.
func (d *decoder) entityUID(v *jsontree.Value) types.EntityUID {
	d.expectKind(v, jsontree.Object, "entity reference")
	if len(v.Members) == 1 && v.Members[0].Key == "__entity" {
		v = v.Members[0].Value
	}
	f := d.structFields(v, "entity reference", true, "type", "id")
	typ := d.entityType(d.need(f, v, "type", "entity reference"))
	id := d.str(d.need(f, v, "id", "entity reference"), "entity id")
	return types.EntityUID{Type: typ, ID: id}
}

func (d *decoder) entityType(v *jsontree.Value) types.EntityType {
	s := d.str(v, "entity type")
	if msg := checkName(s); msg != "" {
		d.failSpan(v.Start, v.End, "invalid entity type: %s", msg)
	}
	return types.EntityType(s)
}

var binaryOps = map[string]ast.BinaryOp{
	"==": ast.OpEq, "!=": ast.OpNotEq, "<": ast.OpLess, "<=": ast.OpLessEq,
	">": ast.OpGreater, ">=": ast.OpGreaterEq, "in": ast.OpIn, "&&": ast.OpAnd,
	"||": ast.OpOr, "+": ast.OpAdd, "-": ast.OpSub, "*": ast.OpMul,
}

// builtinMethods take `{"left": receiver, "right": argument}` (or `{"arg"}`
// for isEmpty) and become method calls.
var builtinMethods = map[string]bool{
	"contains": true, "containsAll": true, "containsAny": true, "getTag": true, "hasTag": true,
}

const exprKeys = "`Value`, `Var`, `Slot`, `!`, `neg`, `==`, `!=`, `in`, `<`, `<=`, `>`, `>=`, `&&`, `||`, `+`, `-`, `*`, `contains`, `containsAll`, `containsAny`, `isEmpty`, `getTag`, `hasTag`, `.`, `has`, `like`, `is`, `if-then-else`, `Set`, `Record`, or an extension function name"

func (d *decoder) expr(v *jsontree.Value) ast.Expr {
	d.expectKind(v, jsontree.Object, "expression")
	switch len(v.Members) {
	case 0:
		d.failSpan(v.Start, v.End, "empty object is not a valid expression")
	case 1:
	default:
		d.failSpan(v.Members[1].KeyStart, v.Members[1].KeyEnd, "an expression object must have exactly one key, found `%s` and `%s`", v.Members[0].Key, v.Members[1].Key)
	}
	key, arg := v.Members[0].Key, v.Members[0].Value
	if op, ok := binaryOps[key]; ok {
		l, r := d.leftRight(arg, key)
		return &ast.Binary{Op: op, Left: l, Right: r}
	}
	if builtinMethods[key] {
		l, r := d.leftRight(arg, key)
		return &ast.MethodCall{Recv: l, Name: key, Args: []ast.Expr{r}}
	}
	switch key {
	case "Value":
		return d.value(arg)
	case "Var":
		name := d.str(arg, "Var")
		for _, vr := range []ast.Var{ast.VarPrincipal, ast.VarAction, ast.VarResource, ast.VarContext} {
			if vr.String() == name {
				return &ast.VarExpr{Var: vr}
			}
		}
		d.failSpan(arg.Start, arg.End, "unknown variable `%s`, expected one of `principal`, `action`, `resource`, `context`", name)
	case "Slot":
		d.failSpan(v.Start, v.End, "found template slot %s in a condition: slots are allowed only in the policy scope", strconv.Quote(d.str(arg, "Slot")))
	case "!", "neg", "isEmpty":
		f := d.structFields(arg, key, false, "arg")
		operand := d.expr(d.need(f, arg, "arg", key))
		switch key {
		case "!":
			return &ast.Unary{Op: ast.OpNot, Arg: operand}
		case "neg":
			return &ast.Unary{Op: ast.OpNeg, Arg: operand}
		}
		return &ast.MethodCall{Recv: operand, Name: "isEmpty", Args: []ast.Expr{}}
	case ".":
		f := d.structFields(arg, key, false, "left", "attr")
		left := d.expr(d.need(f, arg, "left", key))
		return &ast.GetAttr{Arg: left, Attr: d.str(d.need(f, arg, "attr", key), "attribute")}
	case "has":
		return d.has(arg)
	case "like":
		return d.like(arg)
	case "is":
		f := d.structFields(arg, key, false, "left", "entity_type", "in")
		is := &ast.Is{Arg: d.expr(d.need(f, arg, "left", key)), Type: d.entityType(d.need(f, arg, "entity_type", key))}
		if in, ok := f["in"]; ok {
			is.In = d.expr(in)
		}
		return is
	case "if-then-else":
		f := d.structFields(arg, key, false, "if", "then", "else")
		return &ast.If{
			Cond: d.expr(d.need(f, arg, "if", key)),
			Then: d.expr(d.need(f, arg, "then", key)),
			Else: d.expr(d.need(f, arg, "else", key)),
		}
	case "Set":
		d.expectKind(arg, jsontree.Array, "Set")
		set := &ast.SetExpr{Elems: []ast.Expr{}}
		for _, e := range arg.Elems {
			set.Elems = append(set.Elems, d.expr(e))
		}
		return set
	case "Record":
		d.expectKind(arg, jsontree.Object, "Record")
		rec := &ast.RecordExpr{Entries: []ast.RecordEntry{}}
		for _, m := range mapMembers(arg) {
			rec.Entries = append(rec.Entries, ast.RecordEntry{Key: m.Key, Quoted: !isIdentShape(m.Key) || reservedWords[m.Key], Value: d.expr(m.Value)})
		}
		return rec
	default:
		method, ok := extensionFunctions[key]
		if !ok {
			d.failSpan(v.Members[0].KeyStart, v.Members[0].KeyEnd, "unknown expression `%s`, expected one of %s", key, exprKeys)
		}
		d.expectKind(arg, jsontree.Array, key+" arguments")
		args := make([]ast.Expr, 0, len(arg.Elems))
		for _, e := range arg.Elems {
			args = append(args, d.expr(e))
		}
		return callExpr(key, method, args)
	}
	return nil // unreachable: every failing branch panics
}

// callExpr builds an extension call: methods are called on their first
// argument; a method given no arguments can only be a function call.
func callExpr(name string, method bool, args []ast.Expr) ast.Expr {
	if method && len(args) > 0 {
		return &ast.MethodCall{Recv: args[0], Name: name, Args: args[1:]}
	}
	return &ast.Call{Name: name, Args: args}
}

func (d *decoder) leftRight(v *jsontree.Value, op string) (ast.Expr, ast.Expr) {
	f := d.structFields(v, op, false, "left", "right")
	return d.expr(d.need(f, v, "left", op)), d.expr(d.need(f, v, "right", op))
}

func (d *decoder) has(v *jsontree.Value) ast.Expr {
	f := d.structFields(v, "has", false, "left", "attr")
	h := &ast.Has{Arg: d.expr(d.need(f, v, "left", "has"))}
	attr := d.need(f, v, "attr", "has")
	switch attr.Kind {
	case jsontree.String:
		h.Path = []string{attr.Text}
	case jsontree.Array:
		if len(attr.Elems) == 0 {
			d.failSpan(attr.Start, attr.End, "`has` attribute list must not be empty")
		}
		for _, a := range attr.Elems {
			h.Path = append(h.Path, d.str(a, "has attribute"))
		}
	default:
		d.failSpan(attr.Start, attr.End, "`has` attr: expected a string or a non-empty array of strings, found %s", attr.Kind)
	}
	return h
}

func (d *decoder) like(v *jsontree.Value) ast.Expr {
	f := d.structFields(v, "like", false, "left", "pattern")
	l := &ast.Like{Arg: d.expr(d.need(f, v, "left", "like")), Pattern: []ast.PatternPart{}}
	pat := d.need(f, v, "pattern", "like")
	d.expectKind(pat, jsontree.Array, "like pattern")
	for _, el := range pat.Elems {
		switch {
		case el.Kind == jsontree.String && el.Text == "Wildcard":
			l.Pattern = append(l.Pattern, ast.PatternPart{Wildcard: true})
		case el.Kind == jsontree.Object:
			pf := d.structFields(el, "pattern element", false, "Literal")
			lit := d.str(d.need(pf, el, "Literal", "pattern element"), "pattern literal")
			l.Pattern = appendLiteral(l.Pattern, lit)
		default:
			d.failSpan(el.Start, el.End, "pattern element: expected `\"Wildcard\"` or `{\"Literal\": \"…\"}`")
		}
	}
	return l
}

// appendLiteral adds a literal run to a pattern, merging it with a preceding
// literal: official Cedar writes one element per character, the AST keeps
// runs, and both mean the same.
func appendLiteral(pat []ast.PatternPart, lit string) []ast.PatternPart {
	if lit == "" {
		return pat
	}
	if n := len(pat); n > 0 && !pat[n-1].Wildcard {
		pat[n-1].Literal += lit
		return pat
	}
	return append(pat, ast.PatternPart{Literal: lit})
}

// value converts a Cedar JSON value (the operand of "Value") to an
// expression: literals, `__entity` and `__extn` escapes, sets and records.
func (d *decoder) value(v *jsontree.Value) ast.Expr {
	switch v.Kind {
	case jsontree.Null:
		d.failSpan(v.Start, v.End, "found a `null`; JSON nulls are not allowed in Cedar")
	case jsontree.Bool:
		return &ast.Literal{Value: types.Bool(v.Bool)}
	case jsontree.String:
		return &ast.Literal{Value: types.String(v.Text)}
	case jsontree.Number:
		n, err := v.Int64()
		if err != nil {
			d.failSpan(v.Start, v.End, "`%s` is not a Cedar long: expected an integer in the 64-bit signed range", v.Text)
		}
		return &ast.Literal{Value: types.Long(n)}
	case jsontree.Array:
		set := &ast.SetExpr{Elems: []ast.Expr{}}
		for _, e := range v.Elems {
			set.Elems = append(set.Elems, d.value(e))
		}
		return set
	}
	if len(v.Members) == 1 {
		inner := v.Members[0].Value
		switch v.Members[0].Key {
		case "__entity":
			if tf, ok := stringFields(inner, "type", "id"); ok {
				typ := d.entityType(tf["type"])
				return &ast.EntityLit{UID: types.EntityUID{Type: typ, ID: tf["id"].Text}}
			}
		case "__extn":
			if e := d.extnValue(inner); e != nil {
				return e
			}
		case "__expr":
			d.failSpan(v.Start, v.End, "the `__expr` escape is no longer supported")
		}
	}
	// Anything else, including a malformed escape, is a record.
	rec := &ast.RecordExpr{Entries: []ast.RecordEntry{}}
	for _, m := range mapMembers(v) {
		rec.Entries = append(rec.Entries, ast.RecordEntry{Key: m.Key, Quoted: true, Value: d.value(m.Value)})
	}
	return rec
}

// stringFields reports whether obj is an object with the named members,
// all strings, returning them; other members are ignored.
func stringFields(obj *jsontree.Value, names ...string) (map[string]*jsontree.Value, bool) {
	if obj.Kind != jsontree.Object {
		return nil, false
	}
	out := map[string]*jsontree.Value{}
	for _, m := range obj.Members {
		for _, n := range names {
			if m.Key == n {
				if m.Value.Kind != jsontree.String {
					return nil, false
				}
				out[n] = m.Value
			}
		}
	}
	return out, len(out) == len(names)
}

// extnValue reads `{"fn": name, "arg": v}` or `{"fn": name, "args": [v…]}`;
// nil if the object has neither shape (it is then a record).
func (d *decoder) extnValue(obj *jsontree.Value) ast.Expr {
	if obj.Kind != jsontree.Object {
		return nil
	}
	var fn, arg, args *jsontree.Value
	for _, m := range obj.Members {
		switch m.Key {
		case "fn":
			fn = m.Value
		case "arg":
			arg = m.Value
		case "args":
			args = m.Value
		default:
			return nil
		}
	}
	if fn == nil || fn.Kind != jsontree.String || (arg == nil) == (args == nil) || (args != nil && args.Kind != jsontree.Array) {
		return nil
	}
	if msg := checkName(fn.Text); msg != "" {
		d.failSpan(fn.Start, fn.End, "invalid extension function name: %s", msg)
	}
	var list []ast.Expr
	if arg != nil {
		list = []ast.Expr{d.value(arg)}
	} else {
		list = make([]ast.Expr, 0, len(args.Elems))
		for _, a := range args.Elems {
			list = append(list, d.value(a))
		}
	}
	return callExpr(fn.Text, extensionFunctions[fn.Text], list)
}
