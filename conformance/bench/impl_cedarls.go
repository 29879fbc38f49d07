package bench

import (
	"errors"
	"fmt"

	"github.com/cedar-ls/cedar-ls/engine/authz"
	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/eval"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// cedarLSPolicySet parses policy text into a policy set.
func cedarLSPolicySet(policies []byte) (*authz.PolicySet, error) {
	file, errs := parse.Policies(policies)
	if len(errs) > 0 {
		return nil, errors.New(errs[0].Message)
	}
	ps := authz.NewPolicySet()
	for _, p := range file.Policies {
		if err := ps.Add(p); err != nil {
			return nil, err
		}
	}
	return ps, nil
}

var cedarLS = impl{
	name: "cedar-ls",
	parse: func(policies []byte) error {
		_, err := cedarLSPolicySet(policies)
		return err
	},
	prepare: func(in input) (func(int) bool, error) {
		ps, err := cedarLSPolicySet(in.Policies)
		if err != nil {
			return nil, err
		}
		ents, err := entitiesjson.Parse(in.Entities)
		if err != nil {
			return nil, fmt.Errorf("cedar-ls entities: %w", err)
		}
		store, err := entities.NewStore(ents)
		if err != nil {
			return nil, fmt.Errorf("cedar-ls entities: %w", err)
		}
		uid := func(u uid) types.EntityUID { return types.NewEntityUID(types.EntityType(u.Type), u.ID) }
		reqs := make([]eval.Request, len(in.Requests))
		for i, r := range in.Requests {
			reqs[i] = eval.Request{
				Principal: uid(r.Principal),
				Action:    uid(r.Action),
				Resource:  uid(r.Resource),
				Context:   types.NewRecord(map[string]types.Value{"n": types.Long(r.N)}),
			}
		}
		return func(i int) bool {
			return ps.Authorize(store, &reqs[i]).Decision == authz.Allow
		}, nil
	},
}
