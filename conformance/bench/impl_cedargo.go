package bench

import (
	"encoding/json"
	"fmt"

	cedar "github.com/cedar-policy/cedar-go"
)

// impl is one Cedar implementation under benchmark.
type impl struct {
	name string
	// parse turns policy text into a policy set ready to authorize.
	parse func(policies []byte) error
	// prepare loads an input and returns a function answering request i
	// (allow or not), with all per-request conversion done up front.
	prepare func(in input) (func(i int) bool, error)
}

var cedarGo = impl{
	name: "cedar-go",
	parse: func(policies []byte) error {
		_, err := cedar.NewPolicySetFromBytes("policies.cedar", policies)
		return err
	},
	prepare: func(in input) (func(int) bool, error) {
		ps, err := cedar.NewPolicySetFromBytes("policies.cedar", in.Policies)
		if err != nil {
			return nil, err
		}
		var ents cedar.EntityMap
		if err := json.Unmarshal(in.Entities, &ents); err != nil {
			return nil, fmt.Errorf("cedar-go entities: %w", err)
		}
		reqs := make([]cedar.Request, len(in.Requests))
		for i, r := range in.Requests {
			var context cedar.Record
			if err := json.Unmarshal(r.contextJSON(), &context); err != nil {
				return nil, fmt.Errorf("cedar-go %s request %d context: %w", in.Name, i, err)
			}
			reqs[i] = cedar.Request{
				Principal: cedar.NewEntityUID(cedar.EntityType(r.Principal.Type), cedar.String(r.Principal.ID)),
				Action:    cedar.NewEntityUID(cedar.EntityType(r.Action.Type), cedar.String(r.Action.ID)),
				Resource:  cedar.NewEntityUID(cedar.EntityType(r.Resource.Type), cedar.String(r.Resource.ID)),
				Context:   context,
			}
		}
		return func(i int) bool {
			d, _ := cedar.Authorize(ps, ents, reqs[i])
			return d == cedar.Allow
		}, nil
	},
}

// impls are the implementations compared, cedar-go first so benchstat's
// -col /impl puts it in the base column.
var impls = []impl{cedarGo, cedarLS}
