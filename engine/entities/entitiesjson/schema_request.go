package entitiesjson

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/internal/jsontree"
)

// ParseContextWithSchema decodes a request context by the context type
// the schema declares for action, as official Cedar does when given a
// schema: the action must be declared, the context may hold only declared
// attributes and must hold the required ones, and strings become extension
// values where an extension type is declared. With validate (official's
// request validation) every value must also be of its declared type;
// without it, values of other types pass as they are. Empty or blank input
// is the empty context. The error, when not nil, is a Errors.
func ParseContextWithSchema(data []byte, s *schema.Schema, action types.EntityUID, validate bool) (types.Record, error) {
	d := &schemaDecoder{decoder: decoder{src: data}, s: s, skipTypeChecks: !validate}
	root := &jsontree.Value{Kind: jsontree.Object}
	if strings.TrimSpace(string(data)) != "" {
		var err error
		if root, err = d.parse(); err != nil {
			return types.Record{}, Errors{err.(*Error)}
		}
	}
	ctx := d.context(root, action)
	if len(d.errs) > 0 {
		return types.Record{}, d.errs
	}
	return ctx, nil
}

// ParseRequestWithSchema decodes a request as ParseRequest does, reading
// the context by the schema as ParseContextWithSchema does when s is not
// nil (without a schema, as ParseContext does). It does not check the
// principal and resource types: see ValidateRequest.
func ParseRequestWithSchema(data []byte, s *schema.Schema, validate bool) (*Request, error) {
	d := &schemaDecoder{decoder: decoder{src: data}, s: s, skipTypeChecks: !validate}
	root, err := d.parse()
	if err != nil {
		return nil, Errors{err.(*Error)}
	}
	if root.Kind != jsontree.Object {
		return nil, Errors{d.errAtSpan(root.Start, root.End, "expected the request to be a JSON object, found %s", root.Kind)}
	}
	if err := d.noDuplicateKeys(root, "request field"); err != nil {
		return nil, Errors{err.(*Error)}
	}
	req := &Request{}
	for _, f := range []struct {
		name string
		dst  *types.EntityUID
	}{{"principal", &req.Principal}, {"action", &req.Action}, {"resource", &req.Resource}} {
		m := root.Member(f.name)
		if m == nil {
			d.reportSpan(root.Start, root.End, "missing field `%s` in request", f.name)
			continue
		}
		if m.Value.Kind == jsontree.String {
			uid, err := parse.EntityUID(m.Value.Text)
			if err != nil {
				d.reportSpan(m.Value.Start, m.Value.End, "in request field `%s`: %v", f.name, err)
				continue
			}
			*f.dst = uid
			continue
		}
		uid, err := d.uid(m.Value, "in request field `"+f.name+"`")
		if err != nil {
			d.add(err)
			continue
		}
		*f.dst = uid
	}
	if len(d.errs) > 0 {
		return nil, d.errs
	}
	ctxNode := &jsontree.Value{Kind: jsontree.Object, Start: root.Start}
	if m := root.Member("context"); m != nil {
		ctxNode = m.Value
	}
	if s == nil {
		ctx, err := d.contextNode(ctxNode)
		if err != nil {
			var je *Error
			if !errors.As(err, &je) {
				je = d.errAtSpan(ctxNode.Start, ctxNode.End, "%v", err)
			}
			return nil, Errors{je}
		}
		req.Context = ctx
		return req, nil
	}
	req.Context = d.context(ctxNode, req.Action)
	if len(d.errs) > 0 {
		return nil, d.errs
	}
	return req, nil
}

// context decodes a context node for action, recording errors.
func (d *schemaDecoder) context(n *jsontree.Value, action types.EntityUID) types.Record {
	decl, ok := d.s.Actions[action]
	if !ok {
		d.reportSpan(n.Start, n.End, "action `%s` does not exist in the supplied schema", action)
		return types.Record{}
	}
	if n.Kind != jsontree.Object {
		d.reportSpan(n.Start, n.End, "expected the context to be a JSON object, found %s", n.Kind)
		return types.Record{}
	}
	var shape map[string]*schema.Attribute
	if decl.Context != nil {
		shape = decl.Context.Attrs
	}
	return d.typedMembers(n, shape,
		func(key string) string { return fmt.Sprintf("in context attribute `%s`", key) },
		func(key string) string {
			return fmt.Sprintf("while parsing context, record attribute `%s` should not exist according to the schema", key)
		},
		func(key string) string {
			return fmt.Sprintf("while parsing context, expected the record to have an attribute `%s`, but it does not", key)
		})
}

// ValidateRequest is official Cedar's request validation: the action is
// declared, the principal and resource are of declared types the action
// applies to (and valid ids of enumerated types), and the context is of the
// action's context type. It returns every problem found, joined.
func ValidateRequest(s *schema.Schema, principal, action, resource types.EntityUID, context types.Record) error {
	decl, ok := s.Actions[action]
	if !ok {
		return fmt.Errorf("action `%s` does not exist in the supplied schema", action)
	}
	var problems []error
	for _, v := range []struct {
		role    string
		uid     types.EntityUID
		allowed []types.EntityType
	}{{"principal", principal, decl.Principals}, {"resource", resource, decl.Resources}} {
		if _, declared := s.Entities[v.uid.Type]; !declared {
			problems = append(problems, fmt.Errorf("%s type `%s` is not declared in the schema", v.role, v.uid.Type))
			continue
		}
		if msg := enumViolation(s, v.uid); msg != "" {
			problems = append(problems, errors.New(msg))
			continue
		}
		if !slices.Contains(v.allowed, v.uid.Type) {
			problems = append(problems, fmt.Errorf("%s type `%s` is not valid for `%s`", v.role, v.uid.Type, action))
		}
	}
	ctxType := decl.Context
	if ctxType == nil {
		ctxType = &schema.Record{}
	}
	if msg := valueProblem(s, context, ctxType, ""); msg != "" {
		problems = append(problems, fmt.Errorf("context `%s` is not valid for `%s`: %s", context, action, msg))
	}
	return errors.Join(problems...)
}

// valueProblem describes the first way v is not of type t, or returns "";
// path locates v inside the value being checked.
func valueProblem(s *schema.Schema, v types.Value, t schema.Type, path string) string {
	at := ""
	if path != "" {
		at = "at `" + path + "`, "
	}
	mismatch := func() string {
		return fmt.Sprintf("%stype mismatch: value was expected to have type %s, but it actually has type %s: `%s`", at, TypeString(t), describeKind(v), v)
	}
	switch t := t.(type) {
	case schema.Primitive, schema.Extension:
		if !kindMatches(v, t) {
			return mismatch()
		}
	case schema.EntityRef:
		uid, ok := v.(types.EntityUID)
		if !ok || uid.Type != t.Name {
			return mismatch()
		}
		if msg := enumViolation(s, uid); msg != "" {
			return at + msg
		}
	case schema.Set:
		set, ok := v.(types.Set)
		if !ok {
			return mismatch()
		}
		for i, el := range set.Elements() {
			if msg := valueProblem(s, el, t.Elem, fmt.Sprintf("%s[%d]", path, i)); msg != "" {
				return msg
			}
		}
	case *schema.Record:
		rec, ok := v.(types.Record)
		if !ok {
			return mismatch()
		}
		var shape map[string]*schema.Attribute
		if t != nil {
			shape = t.Attrs
		}
		for _, k := range rec.Keys() {
			a, declared := shape[k]
			if !declared {
				return fmt.Sprintf("%srecord attribute `%s` should not exist according to the schema", at, k)
			}
			x, _ := rec.Get(k)
			sub := pathRoot(k)
			if path != "" {
				sub = path + pathKey(k)
			}
			if msg := valueProblem(s, x, a.Type, sub); msg != "" {
				return msg
			}
		}
		for _, k := range sortedAttrNames(shape) {
			if _, present := rec.Get(k); shape[k].Required && !present {
				return fmt.Sprintf("%sexpected the record to have an attribute `%s`, but it does not", at, k)
			}
		}
	}
	return ""
}
