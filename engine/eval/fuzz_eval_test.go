package eval_test

import (
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/eval"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/internal/refmodel"
)

// fuzzEntities is a small hierarchy with attributes of every kind and tags,
// so fuzzed expressions reach attribute access, `in` and tags.
const fuzzEntities = `[
  {"uid": {"type": "User", "id": "alice"}, "parents": [{"type": "Group", "id": "g"}],
   "attrs": {"age": 42, "name": "alice", "admin": true, "tags": ["a", "b"],
             "addr": {"city": "X", "zip": 1}, "boss": {"__entity": {"type": "User", "id": "bob"}},
             "ip": {"__extn": {"fn": "ip", "arg": "10.0.0.1"}},
             "limit": {"__extn": {"fn": "decimal", "arg": "1.5"}},
             "born": {"__extn": {"fn": "datetime", "arg": "2000-01-01"}}},
   "tags": {"level": 3}},
  {"uid": {"type": "User", "id": "bob"}, "parents": [], "attrs": {}},
  {"uid": {"type": "Group", "id": "g"}, "parents": [{"type": "Group", "id": "root"}], "attrs": {}},
  {"uid": {"type": "Action", "id": "view"}, "parents": [], "attrs": {}}
]`

// FuzzEval evaluates arbitrary expressions with the production evaluator
// and the reference model: neither may panic, and they must agree on
// whether evaluation fails and, if not, on the value.
func FuzzEval(f *testing.F) {
	for _, seed := range []string{
		`principal.age + 1 < 100 && principal in Group::"root"`,
		`principal.boss has name || principal.addr.city like "*X"`,
		`if principal.admin then principal.tags.contains("a") else false`,
		`principal.hasTag("level") && principal.getTag("level") == 3`,
		`principal.ip.isInRange(ip("10.0.0.0/8")) && principal.limit.lessThan(decimal("2.0"))`,
		`principal.born.offset(duration("1d")) > datetime("2000-01-01")`,
		`[1, 2, [3]].containsAny([2]) && {a: 1}.a == 1`,
		`9223372036854775807 + 1`,
		`context.missing`,
		`resource is User in principal`,
		`-(-9223372036854775808)`,
	} {
		f.Add(seed)
	}
	list, err := entitiesjson.Parse([]byte(fuzzEntities))
	if err != nil {
		f.Fatal(err)
	}
	store, err := entities.NewStore(list)
	if err != nil {
		f.Fatal(err)
	}
	specList := make([]refmodel.Entity, len(list))
	for i, e := range list {
		specList[i] = refmodel.Entity(*e)
	}
	specEnts, err := refmodel.Entities(specList)
	if err != nil {
		f.Fatal(err)
	}
	ctx, err := entitiesjson.ParseContext([]byte(`{"n": 5, "s": "x", "set": [1, 2]}`))
	if err != nil {
		f.Fatal(err)
	}
	req := eval.Request{
		Principal: list[0].UID, Action: list[3].UID, Resource: list[1].UID, Context: ctx,
	}
	f.Fuzz(func(t *testing.T, text string) {
		expr, errs := parse.Expr([]byte(text))
		if len(errs) > 0 || expr == nil {
			return
		}
		got, gotErr := eval.Eval(expr, &req, store)
		want, wantErr := refmodel.Evaluate(expr, refmodel.Request(req), specEnts)
		switch {
		case (gotErr != nil) != (wantErr != nil):
			t.Fatalf("%s\nproduction: %v, %v\nspec:       %v, %v", text, got, gotErr, want, wantErr)
		case gotErr == nil && !got.Equal(want):
			t.Fatalf("%s\nproduction: %v\nspec:       %v", text, got, want)
		}
	})
}
