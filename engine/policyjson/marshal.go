package policyjson

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// Marshal renders a policy or template in the JSON policy format, compact,
// with the field order official Cedar uses (effect, principal, action,
// resource, conditions, annotations) and its escaping. Parentheses are
// dropped; annotations and record keys come out sorted, as official's maps
// sort them; `like` patterns have one element per character.
func Marshal(p *ast.Policy) ([]byte, error) {
	return marshal(p, false)
}

// MarshalIndent is Marshal pretty-printed with two-space indentation, the
// layout of serde_json's pretty printer that the official CLI uses.
func MarshalIndent(p *ast.Policy) ([]byte, error) {
	return marshal(p, true)
}

func marshal(p *ast.Policy, pretty bool) ([]byte, error) {
	if p != nil && p.HasErrors() {
		return nil, fmt.Errorf("policyjson: policy %q has parse errors", p.ID)
	}
	w := &writer{pretty: pretty}
	if err := w.policy(p); err != nil {
		return nil, err
	}
	return w.buf, nil
}

// writer emits JSON with serde_json's formatting: `"k":v` compact, or
// `"k": v` on indented lines when pretty; empty containers as `[]`/`{}`.
type writer struct {
	buf    []byte
	pretty bool
	// hasItems has one entry per open container: whether it has an item yet.
	hasItems []bool
}

func (w *writer) open(c byte) {
	w.buf = append(w.buf, c)
	w.hasItems = append(w.hasItems, false)
}

func (w *writer) close(c byte) {
	n := len(w.hasItems) - 1
	had := w.hasItems[n]
	w.hasItems = w.hasItems[:n]
	if had && w.pretty {
		w.newline()
	}
	w.buf = append(w.buf, c)
}

func (w *writer) newline() {
	w.buf = append(w.buf, '\n')
	for range len(w.hasItems) {
		w.buf = append(w.buf, ' ', ' ')
	}
}

// item starts the next element of the innermost array or object.
func (w *writer) item() {
	n := len(w.hasItems) - 1
	if w.hasItems[n] {
		w.buf = append(w.buf, ',')
	}
	w.hasItems[n] = true
	if w.pretty {
		w.newline()
	}
}

func (w *writer) key(k string) {
	w.item()
	w.string(k)
	w.buf = append(w.buf, ':')
	if w.pretty {
		w.buf = append(w.buf, ' ')
	}
}

// string writes s quoted the way serde_json does: only `"`, `\` and control
// characters are escaped; everything else, DEL and non-ASCII included, is
// written as is.
func (w *writer) string(s string) {
	w.buf = append(w.buf, '"')
	for _, r := range s {
		switch r {
		case '"':
			w.buf = append(w.buf, '\\', '"')
		case '\\':
			w.buf = append(w.buf, '\\', '\\')
		case '\n':
			w.buf = append(w.buf, '\\', 'n')
		case '\r':
			w.buf = append(w.buf, '\\', 'r')
		case '\t':
			w.buf = append(w.buf, '\\', 't')
		case '\b':
			w.buf = append(w.buf, '\\', 'b')
		case '\f':
			w.buf = append(w.buf, '\\', 'f')
		default:
			if r < 0x20 {
				w.buf = fmt.Appendf(w.buf, `\u%04x`, r)
			} else {
				w.buf = utf8.AppendRune(w.buf, r)
			}
		}
	}
	w.buf = append(w.buf, '"')
}

func (w *writer) stringField(k, v string) {
	w.key(k)
	w.string(v)
}

var errNilPolicy = errors.New("policyjson: nil policy")

func (w *writer) policy(p *ast.Policy) error {
	if p == nil {
		return errNilPolicy
	}
	w.open('{')
	w.stringField("effect", p.Effect.String())
	for _, s := range []struct {
		name  string
		scope *ast.Scope
	}{{"principal", &p.Principal}, {"action", &p.Action}, {"resource", &p.Resource}} {
		w.key(s.name)
		if err := w.scope(s.scope); err != nil {
			return fmt.Errorf("policyjson: %s: %w", s.name, err)
		}
	}
	w.key("conditions")
	w.open('[')
	for _, c := range p.Conditions {
		w.item()
		w.open('{')
		kind := "when"
		if c.Unless {
			kind = "unless"
		}
		w.stringField("kind", kind)
		w.key("body")
		if err := w.expr(c.Body); err != nil {
			return fmt.Errorf("policyjson: %s clause: %w", kind, err)
		}
		w.close('}')
	}
	w.close(']')
	if len(p.Annotations) > 0 {
		// Official Cedar keeps annotations in a sorted map; a repeated key
		// (the parser reports it) keeps its last value here.
		last := map[string]ast.Annotation{}
		for _, a := range p.Annotations {
			last[a.Key] = a
		}
		keys := make([]string, 0, len(last))
		for k := range last {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		w.key("annotations")
		w.open('{')
		for _, k := range keys {
			w.key(k)
			if a := last[k]; a.HasValue {
				w.string(a.Value)
			} else {
				w.buf = append(w.buf, "null"...)
			}
		}
		w.close('}')
	}
	w.close('}')
	return nil
}

func (w *writer) scope(s *ast.Scope) error {
	w.open('{')
	defer w.close('}')
	switch s.Op {
	case ast.ScopeAll:
		w.stringField("op", "All")
	case ast.ScopeEq:
		w.stringField("op", "==")
		return w.entityRef(s.Entity)
	case ast.ScopeIn:
		w.stringField("op", "in")
		return w.entityRef(s.Entity)
	case ast.ScopeIs, ast.ScopeIsIn:
		w.stringField("op", "is")
		w.stringField("entity_type", string(s.Type))
		if s.Op == ast.ScopeIsIn {
			w.key("in")
			w.open('{')
			defer w.close('}')
			return w.entityRef(s.Entity)
		}
	case ast.ScopeInSet:
		w.stringField("op", "in")
		if len(s.Entities) == 1 {
			// Official Cedar writes `action in [A]` as `action in A`.
			return w.entityRef(s.Entities[0])
		}
		w.key("entities")
		w.open('[')
		for _, e := range s.Entities {
			if e.Slot != ast.NoSlot {
				return fmt.Errorf("slot %s in an entity list", e.Slot)
			}
			w.item()
			w.uid(e.UID)
		}
		w.close(']')
	default:
		return fmt.Errorf("unknown scope op %d", s.Op)
	}
	return nil
}

// entityRef writes the `"entity": {…}` or `"slot": "?x"` member.
func (w *writer) entityRef(e ast.EntityRef) error {
	switch e.Slot {
	case ast.NoSlot:
		w.key("entity")
		w.uid(e.UID)
	case ast.SlotPrincipal, ast.SlotResource:
		w.stringField("slot", e.Slot.String())
	default:
		return fmt.Errorf("unknown slot %d", e.Slot)
	}
	return nil
}

func (w *writer) uid(u types.EntityUID) {
	w.open('{')
	w.stringField("type", string(u.Type))
	w.stringField("id", u.ID)
	w.close('}')
}

// wrap writes `{"key": …}` around what f writes.
func (w *writer) wrap(key string, f func() error) error {
	w.open('{')
	w.key(key)
	err := f()
	w.close('}')
	return err
}

// fields writes `{"key": {"name1": e1, …}}`.
func (w *writer) fields(key string, names []string, exprs ...ast.Expr) error {
	return w.wrap(key, func() error {
		w.open('{')
		defer w.close('}')
		for i, n := range names {
			w.key(n)
			if err := w.expr(exprs[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

var (
	leftRight = []string{"left", "right"}
	argOnly   = []string{"arg"}
)

func (w *writer) expr(e ast.Expr) error {
	switch n := e.(type) {
	case *ast.Paren:
		return w.expr(n.Inner)
	case *ast.Literal:
		return w.wrap("Value", func() error { return w.literal(n.Value) })
	case *ast.EntityLit:
		return w.wrap("Value", func() error {
			w.open('{')
			w.key("__entity")
			w.uid(n.UID)
			w.close('}')
			return nil
		})
	case *ast.VarExpr:
		return w.wrap("Var", func() error { w.string(n.Var.String()); return nil })
	case *ast.SlotExpr:
		return w.wrap("Slot", func() error { w.string(n.Slot.String()); return nil })
	case *ast.Unary:
		key := "!"
		if n.Op == ast.OpNeg {
			key = "neg"
		}
		return w.fields(key, argOnly, n.Arg)
	case *ast.Binary:
		if int(n.Op) >= len(binaryOpKeys) {
			return fmt.Errorf("unknown binary operator %d", n.Op)
		}
		return w.fields(binaryOpKeys[n.Op], leftRight, n.Left, n.Right)
	case *ast.GetAttr:
		return w.wrap(".", func() error {
			w.open('{')
			defer w.close('}')
			w.key("left")
			if err := w.expr(n.Arg); err != nil {
				return err
			}
			w.stringField("attr", n.Attr)
			return nil
		})
	case *ast.Has:
		return w.has(n)
	case *ast.Like:
		return w.like(n)
	case *ast.Is:
		return w.wrap("is", func() error {
			w.open('{')
			defer w.close('}')
			w.key("left")
			if err := w.expr(n.Arg); err != nil {
				return err
			}
			w.stringField("entity_type", string(n.Type))
			if n.In != nil {
				w.key("in")
				return w.expr(n.In)
			}
			return nil
		})
	case *ast.If:
		return w.fields("if-then-else", []string{"if", "then", "else"}, n.Cond, n.Then, n.Else)
	case *ast.MethodCall:
		return w.method(n)
	case *ast.Call:
		if _, known := extensionFunctions[n.Name]; !known {
			// Only a `__extn` value names other functions; write it back
			// that way, since `{"name": [...]}` takes known names only.
			return w.wrap("Value", func() error { return w.value(n) })
		}
		return w.call(n.Name, nil, n.Args)
	case *ast.SetExpr:
		return w.wrap("Set", func() error { return w.exprList(nil, n.Elems) })
	case *ast.RecordExpr:
		return w.wrap("Record", func() error { return w.record(n) })
	case nil:
		return errors.New("missing expression")
	}
	return fmt.Errorf("unsupported expression %T", e)
}

var binaryOpKeys = [...]string{"==", "!=", "<", "<=", ">", ">=", "in", "&&", "||", "+", "-", "*"}

func (w *writer) literal(v types.Value) error {
	switch x := v.(type) {
	case types.Bool:
		w.buf = strconv.AppendBool(w.buf, bool(x))
	case types.Long:
		w.buf = strconv.AppendInt(w.buf, int64(x), 10)
	case types.String:
		w.string(string(x))
	default:
		return fmt.Errorf("unsupported literal of kind %v", v.Kind())
	}
	return nil
}

func (w *writer) has(n *ast.Has) error {
	if len(n.Path) == 0 {
		return errors.New("`has` without an attribute")
	}
	return w.wrap("has", func() error {
		w.open('{')
		defer w.close('}')
		w.key("left")
		if err := w.expr(n.Arg); err != nil {
			return err
		}
		w.key("attr")
		if len(n.Path) == 1 {
			w.string(n.Path[0])
			return nil
		}
		w.open('[')
		for _, a := range n.Path {
			w.item()
			w.string(a)
		}
		w.close(']')
		return nil
	})
}

func (w *writer) like(n *ast.Like) error {
	return w.wrap("like", func() error {
		w.open('{')
		defer w.close('}')
		w.key("left")
		if err := w.expr(n.Arg); err != nil {
			return err
		}
		w.key("pattern")
		w.open('[')
		for _, part := range n.Pattern {
			if part.Wildcard {
				w.item()
				w.string("Wildcard")
				continue
			}
			for _, r := range part.Literal {
				w.item()
				w.open('{')
				w.stringField("Literal", string(r))
				w.close('}')
			}
		}
		w.close(']')
		return nil
	})
}

func (w *writer) method(n *ast.MethodCall) error {
	switch n.Name {
	case "contains", "containsAll", "containsAny", "getTag", "hasTag":
		if len(n.Args) != 1 {
			return fmt.Errorf("%s takes 1 argument, got %d", n.Name, len(n.Args))
		}
		return w.fields(n.Name, leftRight, n.Recv, n.Args[0])
	case "isEmpty":
		if len(n.Args) != 0 {
			return fmt.Errorf("isEmpty takes no arguments, got %d", len(n.Args))
		}
		return w.fields("isEmpty", argOnly, n.Recv)
	}
	return w.call(n.Name, n.Recv, n.Args)
}

// call writes an extension function or method as `{"name": [args…]}`,
// the receiver of a method first.
func (w *writer) call(name string, recv ast.Expr, args []ast.Expr) error {
	return w.wrap(name, func() error { return w.exprList(recv, args) })
}

func (w *writer) exprList(first ast.Expr, rest []ast.Expr) error {
	w.open('[')
	defer w.close(']')
	if first != nil {
		w.item()
		if err := w.expr(first); err != nil {
			return err
		}
	}
	for _, e := range rest {
		w.item()
		if err := w.expr(e); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) record(n *ast.RecordExpr) error {
	last := map[string]ast.Expr{}
	for _, en := range n.Entries {
		last[en.Key] = en.Value
	}
	keys := make([]string, 0, len(last))
	for k := range last {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	w.open('{')
	defer w.close('}')
	for _, k := range keys {
		w.key(k)
		if err := w.expr(last[k]); err != nil {
			return err
		}
	}
	return nil
}

// value writes e as a Cedar JSON value (the operand of "Value"): literals,
// entities, sets, records and `__extn` calls of those.
func (w *writer) value(e ast.Expr) error {
	switch n := ast.Unparen(e).(type) {
	case *ast.Literal:
		return w.literal(n.Value)
	case *ast.EntityLit:
		w.open('{')
		w.key("__entity")
		w.uid(n.UID)
		w.close('}')
		return nil
	case *ast.SetExpr:
		w.open('[')
		defer w.close(']')
		for _, el := range n.Elems {
			w.item()
			if err := w.value(el); err != nil {
				return err
			}
		}
		return nil
	case *ast.RecordExpr:
		w.open('{')
		defer w.close('}')
		for _, en := range n.Entries {
			w.key(en.Key)
			if err := w.value(en.Value); err != nil {
				return err
			}
		}
		return nil
	case *ast.Call:
		return w.extnValue(n.Name, nil, n.Args)
	case *ast.MethodCall:
		return w.extnValue(n.Name, n.Recv, n.Args)
	}
	return fmt.Errorf("%T is not a constant value, so it cannot be an argument of %s", e, "an unknown extension function")
}

func (w *writer) extnValue(name string, recv ast.Expr, args []ast.Expr) error {
	all := args
	if recv != nil {
		all = append([]ast.Expr{recv}, args...)
	}
	w.open('{')
	defer w.close('}')
	w.key("__extn")
	w.open('{')
	defer w.close('}')
	w.stringField("fn", name)
	if len(all) == 1 {
		w.key("arg")
		return w.value(all[0])
	}
	w.key("args")
	w.open('[')
	defer w.close(']')
	for _, a := range all {
		w.item()
		if err := w.value(a); err != nil {
			return err
		}
	}
	return nil
}
