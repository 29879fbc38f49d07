package authz

import (
	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/eval"
)

// ParseRequestJSON decodes the official CLI's request JSON (see
// entitiesjson.ParseRequest) into a request.
func ParseRequestJSON(data []byte) (*eval.Request, error) {
	r, err := entitiesjson.ParseRequest(data)
	if err != nil {
		return nil, err
	}
	return &eval.Request{Principal: r.Principal, Action: r.Action, Resource: r.Resource, Context: r.Context}, nil
}
