package eval

import (
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

const testEntities = `[
  {"uid": {"type": "User", "id": "alice"},
   "attrs": {"age": 30, "name": "Alice", "manager": {"__entity": {"type": "User", "id": "bob"}},
             "addr": {"city": "Paris", "zip": {"code": 75}}},
   "parents": [{"type": "Group", "id": "eng"}],
   "tags": {"level": 3}},
  {"uid": {"type": "User", "id": "bob"}, "attrs": {}, "parents": []},
  {"uid": {"type": "Group", "id": "eng"}, "attrs": {}, "parents": [{"type": "Group", "id": "all"}]},
  {"uid": {"type": "Action", "id": "view"}, "attrs": {}, "parents": [{"type": "Action", "id": "read"}]}
]`

func testEnv(t *testing.T) (*Request, *entities.Store) {
	t.Helper()
	ents, err := entitiesjson.Parse([]byte(testEntities))
	if err != nil {
		t.Fatal(err)
	}
	store, err := entities.NewStore(ents)
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := entitiesjson.ParseContext([]byte(`{"n": 5, "flag": true, "s": [1, 2], "ip": {"__extn": {"fn": "ip", "arg": "10.0.0.1"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	return &Request{
		Principal: types.NewEntityUID("User", "alice"),
		Action:    types.NewEntityUID("Action", "view"),
		Resource:  types.NewEntityUID("Doc", "d1"), // not in the store
		Context:   ctx,
	}, store
}

func TestEval(t *testing.T) {
	req, store := testEnv(t)
	tests := []struct {
		expr string
		want string // the value's Cedar text, or "error: <substring>"
	}{
		// literals, variables, equality
		{`1 == 1`, "true"},
		{`1 == "1"`, "false"},
		{`principal == User::"alice"`, "true"},
		{`User::"alice" == principal`, "true"},
		{`principal != User::"bob"`, "true"},
		{`principal == 1`, "false"},
		{`[1, 2] == [2, 1, 1]`, "true"},
		{`{a: 1, b: [true]} == {b: [true], a: 1}`, "true"},
		{`context.n`, "5"},
		{`resource`, `Doc::"d1"`},
		// boolean operators short-circuit
		{`false && (1 + "a" == 2)`, "false"},
		{`true || (1 + "a" == 2)`, "true"},
		{`true && 1`, "error: type error: expected bool, got long"},
		{`1 || true`, "error: type error: expected bool, got long"},
		{`!true`, "false"},
		{`!1`, "error: type error: expected bool, got long"},
		{`if context.flag then "y" else 1 + "a"`, `"y"`},
		{`if 1 then 2 else 3`, "error: type error: expected bool, got long"},
		// arithmetic and overflow
		{`1 + 2 * 3 - 4`, "3"},
		{`-context.n`, "-5"},
		{`9223372036854775807 + 1`, "error: integer overflow while attempting to add the values `9223372036854775807` and `1`"},
		{`-9223372036854775808 - 1`, "error: integer overflow while attempting to subtract"},
		{`4611686018427387904 * 2`, "error: integer overflow while attempting to multiply"},
		{`-9223372036854775808 * -1`, "error: integer overflow while attempting to multiply"},
		{`-(-9223372036854775807 - 1)`, "error: integer overflow while attempting to negate the value `-9223372036854775808`"},
		{`1 + "a"`, "error: type error: expected long, got string"},
		// comparison
		{`1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 4`, "false"},
		{`1 < "a"`, "error: type error: expected long, got string"},
		{`decimal("1.0") < decimal("2.0")`, "error: type error: expected one of [long, datetime, duration], got decimal"},
		{`datetime("2024-01-01") < datetime("2024-01-02")`, "true"},
		{`duration("1h") >= duration("60m")`, "true"},
		// in
		{`principal in Group::"all"`, "true"},
		{`principal in principal`, "true"},
		{`principal in [Group::"x", Group::"eng"]`, "true"},
		{`principal in [principal, 1]`, "error: type error: expected (entity of type `any_entity_type`), got long"},
		{`principal in 1`, "error: type error: expected one of [set, (entity of type `any_entity_type`)], got long"},
		{`1 in [1]`, "error: type error: expected (entity of type `any_entity_type`), got long"},
		{`resource in Group::"all"`, "false"},
		{`resource in resource`, "true"},
		{`action in Action::"read"`, "true"},
		{`Group::"eng" in principal`, "false"},
		// attributes and has
		{`principal.age`, "30"},
		{`principal["name"]`, `"Alice"`},
		{`principal.manager == User::"bob"`, "true"},
		{`principal.nope`, "error: `User::\"alice\"` does not have the attribute `nope`"},
		{`resource.x`, "error: entity `Doc::\"d1\"` does not exist"},
		{`context.nope`, "error: record does not have the attribute `nope`"},
		{`context.n.x`, "error: type error: expected one of [record, (entity of type `any_entity_type`)], got long"},
		{`principal has age`, "true"},
		{`principal has nope`, "false"},
		{`resource has x`, "false"},
		{`principal has addr.zip.code`, "true"},
		{`principal has addr.zip.nope`, "false"},
		{`principal has addr.nope.code`, "false"},
		{`principal has age.x`, "error: type error: expected one of [record, (entity of type `any_entity_type`)], got long"},
		{`1 has x`, "error: type error"},
		// like and is
		{`"abc" like "a*c"`, "true"},
		{`"abc" like "a*b"`, "false"},
		{`"a*c" like "a\*c"`, "true"},
		{`"abXc" like "a\*c"`, "false"},
		{`"" like "*"`, "true"},
		{`1 like "a"`, "error: type error: expected string, got long"},
		{`principal is User`, "true"},
		{`principal is Group`, "false"},
		{`principal is User in Group::"all"`, "true"},
		{`principal is Group in (1 + "a")`, "false"},
		{`principal is User in (1 + "a")`, "error: type error: expected long, got string"},
		{`1 is User`, "error: type error: expected (entity of type `any_entity_type`), got long"},
		// sets
		{`context.s.contains(2)`, "true"},
		{`context.s.containsAll([1])`, "true"},
		{`context.s.containsAll([1, 3])`, "false"},
		{`context.s.containsAny([3, 1])`, "true"},
		{`context.s.containsAny([])`, "false"},
		{`[].isEmpty()`, "true"},
		{`1.contains(1)`, "error: type error: expected set, got long"},
		{`context.s.containsAll(1)`, "error: type error: expected set, got long"},
		{`[1, 1 + 1]`, "[1, 2]"},
		{`{a: 1 + "a"}`, "error: type error"},
		// tags
		{`principal.hasTag("level")`, "true"},
		{`principal.hasTag("x")`, "false"},
		{`resource.hasTag("x")`, "false"},
		{`principal.getTag("level")`, "3"},
		{`principal.getTag("x")`, "error: `User::\"alice\"` does not have the tag `x`"},
		{`resource.getTag("x")`, "error: entity `Doc::\"d1\"` does not exist"},
		{`principal.hasTag(1)`, "error: type error: expected string, got long"},
		{`context.hasTag("x")`, "error: type error: expected (entity of type `any_entity_type`), got record"},
		// extensions
		{`context.ip.isLoopback()`, "false"},
		{`context.ip.isInRange(ip("10.0.0.0/8"))`, "true"},
		{`decimal("1.5").lessThan(decimal("2"))`, "error: "},
		{`decimal("1.5").lessThan(decimal("2.0"))`, "true"},
		{`decimal("x")`, "error: error while evaluating `decimal` extension function"},
		{`decimal(context.n)`, "error: type error: expected string, got long"},
	}
	for _, tc := range tests {
		t.Run(tc.expr, func(t *testing.T) {
			e, errs := parse.Expr([]byte(tc.expr))
			if len(errs) > 0 {
				t.Fatalf("parse: %v", errs)
			}
			v, err := Eval(e, req, store)
			if msg, isErr := strings.CutPrefix(tc.want, "error: "); isErr {
				if err == nil {
					t.Fatalf("got %v, want an error containing %q", v, msg)
				}
				if !strings.Contains(err.Error(), msg) {
					t.Fatalf("error %q, want it to contain %q", err, msg)
				}
				return
			}
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if v.String() != tc.want {
				t.Fatalf("got %s, want %s", v, tc.want)
			}
		})
	}
}

func TestErrorsCarrySpans(t *testing.T) {
	req, store := testEnv(t)
	src := `true && (principal.nope == 1)`
	e, errs := parse.Expr([]byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	_, err := Eval(e, req, store)
	se, ok := err.(Error)
	if !ok {
		t.Fatalf("error %T, want eval.Error", err)
	}
	if got := src[se.Span.Start:se.Span.End]; got != "principal.nope" {
		t.Fatalf("error span covers %q, want principal.nope", got)
	}
}

func TestUnlinkedSlotIsAnError(t *testing.T) {
	req, store := testEnv(t)
	_, err := Eval(&ast.SlotExpr{Slot: ast.SlotPrincipal}, req, store)
	if err == nil || !strings.Contains(err.Error(), "?principal") {
		t.Fatalf("got %v, want an unlinked-slot error", err)
	}
}
