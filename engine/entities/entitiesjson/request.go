package entitiesjson

import (
	"github.com/cedar-ls/cedar-ls/engine/types"
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
// objects. "context" is optional and defaults to the empty record. The
// error, when not nil, is an Errors.
//
// It is ParseRequestWithSchema without a schema: one decoder reads every
// request.
func ParseRequest(data []byte) (*Request, error) {
	return ParseRequestWithSchema(data, nil, false)
}
