package bench

import (
	"fmt"

	"github.com/cedar-ls/cedar-ls/engine"
)

// cedar-ls is measured through its front door, the path a Go user takes.
var cedarLS = impl{
	name: "cedar-ls",
	parse: func(policies []byte) error {
		_, err := engine.ParsePolicies("policies.cedar", policies)
		return err
	},
	prepare: func(in input) (func(int) bool, error) {
		ps, err := engine.ParsePolicies("policies.cedar", in.Policies)
		if err != nil {
			return nil, err
		}
		store, err := engine.LoadEntities("entities.json", in.Entities, nil)
		if err != nil {
			return nil, fmt.Errorf("cedar-ls entities: %w", err)
		}
		uid := func(u uid) *engine.EntityUID {
			v := engine.NewEntityUID(engine.EntityType(u.Type), u.ID)
			return &v
		}
		reqs := make([]engine.Request, len(in.Requests))
		for i, r := range in.Requests {
			req, err := engine.NewRequest(engine.RequestParts{
				Principal: uid(r.Principal), Action: uid(r.Action), Resource: uid(r.Resource),
				Context: r.contextJSON(), ContextName: fmt.Sprintf("request %d context", i),
			}, engine.RequestOptions{})
			if err != nil {
				return nil, fmt.Errorf("cedar-ls %s: %w", in.Name, err)
			}
			reqs[i] = *req
		}
		return func(i int) bool {
			return engine.Authorize(ps, store, &reqs[i]).Decision == engine.Allow
		}, nil
	},
}
