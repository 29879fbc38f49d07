package bench

import (
	"bytes"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine"
)

// TestOOPSLAWorkloads checks what the OOPSLA applications' generators
// promise beyond TestImplementationsAgree (where cedar-ls and cedar-go must
// both match every request's modelled decision): the workloads are
// deterministic, the requests mix allows and denies, and the policies and
// entities are valid by the application's schema, so the generated data is
// the application's and not an accident the engines happen to agree on;
// so are the requests.
func TestOOPSLAWorkloads(t *testing.T) {
	again := oopslaInputs()
	for k, in := range oopslaInputs() {
		t.Run(in.Name, func(t *testing.T) {
			if !bytes.Equal(in.Entities, again[k].Entities) || len(in.Requests) != len(again[k].Requests) {
				t.Fatal("two generations differ")
			}
			for i, r := range in.Requests {
				if r.Principal != again[k].Requests[i].Principal || r.Action != again[k].Requests[i].Action || r.Resource != again[k].Requests[i].Resource {
					t.Fatalf("two generations differ at request %d", i)
				}
			}
			allows := 0
			for _, r := range in.Requests {
				if r.Allow {
					allows++
				}
			}
			t.Logf("%d requests, %d allowed", len(in.Requests), allows)
			if n := len(in.Requests); allows*10 < n || (n-allows)*10 < n {
				t.Errorf("%d of %d requests allowed: want at least 10%% of each decision", allows, n)
			}

			schema, err := engine.ParseSchema(in.Name+".cedarschema", in.Schema, engine.SchemaCedar)
			if err != nil {
				t.Fatal(err)
			}
			ps, err := engine.ParsePolicies(in.Name+".cedar", in.Policies)
			if err != nil {
				t.Fatal(err)
			}
			if res := engine.Validate(schema, ps, engine.Strict); len(res.Errors) != 0 {
				t.Errorf("policies do not validate: %v", res.Errors)
			}
			if _, err := engine.LoadEntities(in.Name+".json", in.Entities, schema); err != nil {
				t.Errorf("entities do not conform to the schema: %v", err)
			}
			for i, r := range in.Requests {
				uid := func(u uid) *engine.EntityUID {
					v := engine.NewEntityUID(engine.EntityType(u.Type), u.ID)
					return &v
				}
				parts := engine.RequestParts{Principal: uid(r.Principal), Action: uid(r.Action), Resource: uid(r.Resource), Context: r.contextJSON()}
				if _, err := engine.NewRequest(parts, engine.RequestOptions{Schema: schema, Validate: true}); err != nil {
					t.Fatalf("request %d (%v) is not valid by the schema: %v", i, r, err)
				}
			}
		})
	}
}
