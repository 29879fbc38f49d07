package ast

import (
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

func lit(v types.Value) Expr          { return &Literal{Value: v} }
func long(n int64) Expr               { return lit(types.Long(n)) }
func bin(op BinaryOp, l, r Expr) Expr { return &Binary{Op: op, Left: l, Right: r} }
func not(e Expr) Expr                 { return &Unary{Op: OpNot, Arg: e} }
func neg(e Expr) Expr                 { return &Unary{Op: OpNeg, Arg: e} }

var (
	ctx  = &VarExpr{Var: VarContext}
	prin = &VarExpr{Var: VarPrincipal}
	tru  = lit(types.True)
)

func TestExprText(t *testing.T) {
	ifExpr := &If{Cond: tru, Then: long(1), Else: long(2)}
	tests := []struct {
		name string
		e    Expr
		want string
	}{
		{"left-assoc sum", bin(OpSub, bin(OpSub, long(1), long(2)), long(3)), "1 - 2 - 3"},
		{"right-nested sum", bin(OpSub, long(1), bin(OpSub, long(2), long(3))), "1 - (2 - 3)"},
		{"mul binds tighter", bin(OpAdd, long(1), bin(OpMul, long(2), long(3))), "1 + 2 * 3"},
		{"sum under mul", bin(OpMul, bin(OpAdd, long(1), long(2)), long(3)), "(1 + 2) * 3"},
		{"relations do not chain", bin(OpEq, bin(OpEq, long(1), long(2)), tru), "(1 == 2) == true"},
		{"and under or", bin(OpOr, bin(OpAnd, tru, tru), tru), "true && true || true"},
		{"or under and", bin(OpAnd, bin(OpOr, tru, tru), tru), "(true || true) && true"},
		{"if as operand", bin(OpAdd, ifExpr, long(3)), "(if true then 1 else 2) + 3"},
		{"if as argument", &SetExpr{Elems: []Expr{ifExpr}}, "[if true then 1 else 2]"},
		{"nested if", &If{Cond: ifExpr, Then: long(1), Else: ifExpr}, "if if true then 1 else 2 then 1 else if true then 1 else 2"},
		{"not run", not(not(not(tru))), "!!!true"},
		{"not run over limit", not(not(not(not(not(tru))))), "!!!!(!true)"},
		{"mixed unary", not(neg(prin)), "!(-principal)"},
		{"neg of positive literal", neg(long(1)), "-(1)"},
		{"neg of negative literal", neg(long(-1)), "--1"},
		{"neg run with literal over limit", neg(neg(neg(neg(long(-1))))), "----(-1)"},
		{"not of negative literal", not(long(-1)), "!(-1)"},
		{"negative literal receiver", &GetAttr{Arg: long(-1), Attr: "a"}, "(-1).a"},
		{"unary receiver", &GetAttr{Arg: not(ctx), Attr: "a"}, "(!context).a"},
		{"unary of member", neg(&GetAttr{Arg: ctx, Attr: "x"}), "-context.x"},
		{"unary of sum", neg(bin(OpAdd, long(1), long(2))), "-(1 + 2)"},
		{"attr forms", &GetAttr{Arg: &GetAttr{Arg: &GetAttr{Arg: ctx, Attr: "a b"}, Attr: "if"}, Attr: "c", Bracket: true}, `context["a b"]["if"]["c"]`},
		{"method on set", &MethodCall{Recv: &SetExpr{Elems: []Expr{long(1)}}, Name: "contains", Args: []Expr{long(-1)}}, "[1].contains(-1)"},
		{"method on relation", &MethodCall{Recv: bin(OpLess, long(1), long(2)), Name: "isEmpty"}, "(1 < 2).isEmpty()"},
		{"has", &Has{Arg: ctx, Path: []string{"a", "b"}}, "context has a.b"},
		{"has string", &Has{Arg: ctx, Path: []string{"a b"}}, `context has "a b"`},
		{"has non-identifier path", &Has{Arg: ctx, Path: []string{"a", "b c"}}, `(context has a && context.a has "b c")`},
		{"has under eq", bin(OpEq, &Has{Arg: ctx, Path: []string{"a"}}, tru), "(context has a) == true"},
		{"like escapes", &Like{Arg: prin, Pattern: []PatternPart{{Literal: `a*"\`}, {Wildcard: true}, {Literal: "\n"}}}, `principal like "a\*\"\\*\n"`},
		{"is in", &Is{Arg: prin, Type: "A::B", In: ifExpr}, "principal is A::B in (if true then 1 else 2)"},
		{"in operand sum", bin(OpIn, prin, bin(OpAdd, long(1), long(2))), "principal in 1 + 2"},
		{"record keys", &RecordExpr{Entries: []RecordEntry{{Key: "a", Value: long(1)}, {Key: "b", Quoted: true, Value: long(2)}, {Key: "if", Value: long(3)}, {Key: "", Value: long(4)}}}, `{a: 1, "b": 2, "if": 3, "": 4}`},
		{"call and entity", &Call{Name: "ip", Args: []Expr{lit(types.String("::1"))}}, `ip("::1")`},
		{"entity", &EntityLit{UID: types.NewEntityUID("A::B", "x\"y")}, `A::B::"x\"y"`},
		{"paren kept", &Paren{Inner: bin(OpMul, long(1), long(2))}, "(1 * 2)"},
		{"slot", &SlotExpr{Slot: SlotResource}, "?resource"},
		{"min long", long(-9223372036854775808), "-9223372036854775808"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ExprText(tt.e); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestPolicyText(t *testing.T) {
	p := &Policy{
		Annotations: []Annotation{{Key: "id", Value: "a\"b", HasValue: true}, {Key: "flag"}},
		Effect:      Forbid,
		Principal:   Scope{Var: VarPrincipal, Op: ScopeIsIn, Type: "User", Entity: EntityRef{Slot: SlotPrincipal}},
		Action:      Scope{Var: VarAction, Op: ScopeInSet, Entities: []EntityRef{{UID: types.NewEntityUID("Action", "a")}, {UID: types.NewEntityUID("NS::Action", "b")}}},
		Resource:    Scope{Var: VarResource, Op: ScopeEq, Entity: EntityRef{UID: types.NewEntityUID("Doc", "d")}},
		Conditions: []Condition{
			{Body: bin(OpAnd, tru, tru)},
			{Unless: true, Body: &Has{Arg: ctx, Path: []string{"x"}}},
		},
	}
	want := "@id(\"a\\\"b\")\n@flag\n" +
		`forbid(principal is User in ?principal, action in [Action::"a", NS::Action::"b"], resource == Doc::"d") when { true && true } unless { context has x };`
	if got := PolicyText(p); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	static := &Policy{Principal: Scope{Var: VarPrincipal, Op: ScopeIn, Entity: EntityRef{UID: types.NewEntityUID("G", "g")}}, Action: Scope{Var: VarAction}, Resource: Scope{Var: VarResource, Op: ScopeIs, Type: "T"}}
	if got, want := PolicyText(static), `permit(principal in G::"g", action, resource is T);`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// TestPartialTreeText: printing a partial tree (see Policy) shows what is
// missing instead of text that would read as valid Cedar.
func TestPartialTreeText(t *testing.T) {
	v := &VarExpr{Var: VarPrincipal}
	for _, tc := range []struct {
		e    Expr
		want string
	}{
		{&GetAttr{Arg: v, Missing: true}, "principal.<missing>"},
		{&GetAttr{Arg: v, Attr: "", AttrSpan: source.Span{Start: 3, End: 5}, Bracket: true}, `principal[""]`},
		// From policy JSON: no positions, and the empty name is a name.
		{&GetAttr{Arg: v, Attr: ""}, `principal[""]`},
		{&Has{Arg: v, Path: []string{""}}, `principal has ""`},
		{&Has{Arg: v, Path: []string{""}, Missing: true}, "principal has <missing>"},
		{&Has{Arg: v, Path: []string{"a", ""}, PathSpan: source.Span{Start: 1, End: 3}, Missing: true}, "principal has a.<missing>"},
		{&Binary{Op: OpAnd, Left: v, Right: &BadExpr{}}, "principal && <bad>"},
	} {
		if got := ExprText(tc.e); got != tc.want {
			t.Errorf("%s, want %s", got, tc.want)
		}
	}
}
