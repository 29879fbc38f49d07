package entitiesjson

import (
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/internal/jsontree"
)

// Request is a request as the official CLI's request JSON gives it.
type Request struct {
	Principal, Action, Resource types.EntityUID
	Context                     types.Record
}

// ParseRequest decodes the official CLI's request JSON:
//
//	{"principal": "User::\"alice\"", "action": "Action::\"view\"",
//	 "resource": "Photo::\"a.jpg\"", "context": {…}}
//
// Entities may also be given as {"type", "id"} or {"__entity": …}
// objects. "context" is optional and defaults to the empty record.
func ParseRequest(data []byte) (*Request, error) {
	d := &decoder{src: data}
	root, err := d.parse()
	if err != nil {
		return nil, err
	}
	if root.Kind != jsontree.Object {
		return nil, d.errAt(root.Start, "expected the request to be a JSON object, found %s", root.Kind)
	}
	if err := d.noDuplicateKeys(root, "request field"); err != nil {
		return nil, err
	}
	req := &Request{Context: types.NewRecord(nil)}
	for _, f := range []struct {
		name string
		dst  *types.EntityUID
	}{{"principal", &req.Principal}, {"action", &req.Action}, {"resource", &req.Resource}} {
		m := root.Member(f.name)
		if m == nil {
			return nil, d.errAt(root.Start, "missing field `%s` in request", f.name)
		}
		if m.Value.Kind == jsontree.String {
			uid, err := parse.EntityUID(m.Value.Text)
			if err != nil {
				return nil, d.errAt(m.Value.Start, "in request field `%s`: %v", f.name, err)
			}
			*f.dst = uid
			continue
		}
		uid, err := d.uid(m.Value, "in request field `"+f.name+"`")
		if err != nil {
			return nil, err
		}
		*f.dst = uid
	}
	if m := root.Member("context"); m != nil {
		ctx, err := d.contextNode(m.Value)
		if err != nil {
			return nil, err
		}
		req.Context = ctx
	}
	return req, nil
}
