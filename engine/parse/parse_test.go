package parse

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

const condPrefix = "permit(principal, action, resource) when { "

// TestOfficialAcceptance checks that exactly the inputs official Cedar
// accepts parse without errors.
func TestOfficialAcceptance(t *testing.T) {
	for _, tc := range officialVerdicts {
		src := tc.src
		if src == "" {
			src = condPrefix + tc.cond + " };"
		}
		f, errs := Policies([]byte(src))
		if got := len(errs) == 0; got != tc.ok {
			t.Errorf("%s\n  official ok=%v, ours: %v", src, tc.ok, errs)
		}
		if tc.ok && len(f.Policies) == 0 && strings.Contains(src, "permit") {
			t.Errorf("%s: accepted but no policy returned", src)
		}
		checkSpans(t, src, f, errs)
	}
}

// TestScopeReservedTypeName: a reserved word cannot start the type of a
// scope entity, as everywhere else (official Cedar 4.13, cedar-wasm,
// rejects the first two, which the scope's entity fast path accepted).
func TestScopeReservedTypeName(t *testing.T) {
	for _, src := range []string{
		`permit (principal == in::"x", action, resource);`,
		`permit (principal == if::"x", action, resource);`,
		`permit (principal == __cedar::"x", action, resource);`,
	} {
		if _, errs := Policies([]byte(src)); len(errs) == 0 {
			t.Errorf("%s: accepted", src)
		}
	}
}

// TestLongChains: official Cedar accepts long flat chains; they are
// loops here, not recursion, so they are not limited by MaxNesting.
func TestLongChains(t *testing.T) {
	for _, cond := range []string{
		strings.Repeat("1 + ", 5000) + "1",
		strings.Repeat("true && ", 5000) + "true",
		strings.Repeat("false || ", 5000) + "true",
		"context" + strings.Repeat(".a", 5000),
		"[" + strings.Repeat("1, ", 5000) + "]",
	} {
		if _, errs := Policies([]byte(condPrefix + cond + " };")); len(errs) != 0 {
			t.Errorf("%.40s…: %v", cond, errs)
		}
	}
}

func TestNestingLimit(t *testing.T) {
	ok := strings.Repeat("(", MaxNesting-1) + "1" + strings.Repeat(")", MaxNesting-1)
	if _, errs := Expr([]byte(ok)); len(errs) != 0 {
		t.Fatalf("%d levels: %v", MaxNesting-1, errs)
	}
	for _, deep := range []string{
		strings.Repeat("(", 10000) + "1" + strings.Repeat(")", 10000),
		strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
		strings.Repeat("{a: ", 10000) + "1" + strings.Repeat("}", 10000),
		strings.Repeat("if true then ", 10000) + "1" + strings.Repeat(" else 2", 10000),
		strings.Repeat("-(", 10000) + "1" + strings.Repeat(")", 10000),
		strings.Repeat("(", 10000),
	} {
		f, errs := Policies([]byte(condPrefix + deep + " };\npermit(principal, action, resource);"))
		if len(errs) != 1 || !strings.Contains(errs[0].Message, "nested too deeply") {
			t.Errorf("%.20s…: want one nesting error, got %v", deep, errs)
		}
		if goodIDs(f) != "policy1" || len(f.Policies) != 2 {
			t.Errorf("%.20s…: the policy after the deep one is lost", deep)
		}
	}
}

// sexpr renders an expression's shape compactly for table tests.
func sexpr(e ast.Expr) string {
	switch n := e.(type) {
	case nil:
		return "<nil>"
	case *ast.Literal:
		return n.Value.String()
	case *ast.EntityLit:
		return n.UID.String()
	case *ast.VarExpr:
		return n.Var.String()
	case *ast.SlotExpr:
		return n.Slot.String()
	case *ast.Unary:
		op := "!"
		if n.Op == ast.OpNeg {
			op = "neg"
		}
		return "(" + op + " " + sexpr(n.Arg) + ")"
	case *ast.Binary:
		return "(" + n.Op.String() + " " + sexpr(n.Left) + " " + sexpr(n.Right) + ")"
	case *ast.Has:
		return "(has " + sexpr(n.Arg) + " " + strings.Join(n.Path, ".") + ")"
	case *ast.Like:
		var b strings.Builder
		for _, p := range n.Pattern {
			if p.Wildcard {
				b.WriteString("*")
			} else {
				b.WriteString("<" + p.Literal + ">")
			}
		}
		return "(like " + sexpr(n.Arg) + " " + b.String() + ")"
	case *ast.Is:
		if n.In != nil {
			return "(is " + sexpr(n.Arg) + " " + string(n.Type) + " in " + sexpr(n.In) + ")"
		}
		return "(is " + sexpr(n.Arg) + " " + string(n.Type) + ")"
	case *ast.If:
		return "(if " + sexpr(n.Cond) + " " + sexpr(n.Then) + " " + sexpr(n.Else) + ")"
	case *ast.GetAttr:
		if n.Bracket {
			return "(index " + sexpr(n.Arg) + " " + types.Quote(n.Attr) + ")"
		}
		return "(. " + sexpr(n.Arg) + " " + n.Attr + ")"
	case *ast.MethodCall:
		return "(." + n.Name + " " + sexpr(n.Recv) + list(n.Args) + ")"
	case *ast.Call:
		return "(" + n.Name + list(n.Args) + ")"
	case *ast.SetExpr:
		return "[" + strings.TrimPrefix(list(n.Elems), " ") + "]"
	case *ast.RecordExpr:
		var parts []string
		for _, en := range n.Entries {
			k := en.Key
			if en.Quoted {
				k = types.Quote(k)
			}
			parts = append(parts, k+": "+sexpr(en.Value))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case *ast.Paren:
		return "(paren " + sexpr(n.Inner) + ")"
	}
	return fmt.Sprintf("%T", e)
}

func list(es []ast.Expr) string {
	var b strings.Builder
	for _, e := range es {
		b.WriteString(" " + sexpr(e))
	}
	return b.String()
}

func TestExprShapes(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		// precedence: || < && < relations < + - < * < unary < member
		{`1 + 2 * 3`, `(+ 1 (* 2 3))`},
		{`1 * 2 + 3`, `(+ (* 1 2) 3)`},
		{`1 - 2 - 3`, `(- (- 1 2) 3)`},
		{`1 + 2 < 3 * 4`, `(< (+ 1 2) (* 3 4))`},
		{`a || b && c`, ``}, // invalid variables: see TestExprErrors
		{`true || false && true`, `(|| true (&& false true))`},
		{`true && false || true`, `(|| (&& true false) true)`},
		{`1 == 2 && 3 != 4`, `(&& (== 1 2) (!= 3 4))`},
		{`!true && false`, `(&& (! true) false)`},
		{`!context.a`, `(! (. context a))`},
		{`-context.n * 2`, `(* (neg (. context n)) 2)`},
		{`(1 + 2) * 3`, `(* (paren (+ 1 2)) 3)`},
		{`principal in resource.owners`, `(in principal (. resource owners))`},
		{`1 <= 2`, `(<= 1 2)`}, {`1 >= 2`, `(>= 1 2)`}, {`1 > 2`, `(> 1 2)`},
		// negative literals fold only onto a bare integer literal
		{`-5`, `-5`},
		{`- 5`, `-5`},
		{`--5`, `(neg -5)`},
		{`-(5)`, `(neg (paren 5))`},
		{`-5.a`, `(neg (. 5 a))`},
		{`-9223372036854775808`, `-9223372036854775808`},
		{`--9223372036854775808`, `(neg -9223372036854775808)`},
		{`9223372036854775807`, `9223372036854775807`},
		{`007`, `7`},
		{`!!!!true`, `(! (! (! (! true))))`},
		{`1 - -1`, `(- 1 -1)`},
		// literals and primaries
		{`"a\n\"b\u{1F600}\x41"`, `"a\n\"b😀A"`},
		{`App::User::"alice"`, `App::User::"alice"`},
		{`User :: "a"`, `User::"a"`},
		{`A :: B // c` + "\n" + `:: "x"`, `A::B::"x"`},
		{`principal::"a"`, `principal::"a"`},
		{`[]`, `[]`},
		{`[1, "a", [true],]`, `[1 "a" [true]]`},
		{`{}`, `{}`},
		{`{a: 1, "b c": 2,}`, `{a: 1, "b c": 2}`},
		{`{permit: 1, when: 2}`, `{permit: 1, when: 2}`},
		{`if true then 1 else 2 + 3`, `(if true 1 (+ 2 3))`},
		{`if if true then false else true then 1 else if false then 2 else 3`, `(if (if true false true) 1 (if false 2 3))`},
		{`(if true then 1 else 2) + 3`, `(+ (paren (if true 1 2)) 3)`},
		// member access
		{`context.a.b["c d"].e`, `(. (index (. (. context a) b) "c d") e)`},
		{`context.permit`, `(. context permit)`},
		{`principal.isEmpty`, `(. principal isEmpty)`},
		{`[1].contains(1)`, `(.contains [1] 1)`},
		{`principal.tags.hasTag("a",)`, `(.hasTag (. principal tags) "a")`},
		{`ip("10.0.0.1").isInRange(ip("10.0.0.0/8"))`, `(.isInRange (ip "10.0.0.1") (ip "10.0.0.0/8"))`},
		{`decimal("1.0").lessThan(decimal("2.0"))`, `(.lessThan (decimal "1.0") (decimal "2.0"))`},
		{`datetime("2024-01-01").offset(duration("1h")).toDate()`, `(.toDate (.offset (datetime "2024-01-01") (duration "1h")))`},
		{`decimal()`, `(decimal)`}, // arity of extension functions is checked at evaluation, as officially
		// has, like, is
		{`principal has name`, `(has principal name)`},
		{`principal has "a b"`, `(has principal a b)`},
		{`context has a.b.c`, `(has context a.b.c)`},
		{`principal has permit`, `(has principal permit)`},
		{`context has a.b && true`, `(&& (has context a.b) true)`},
		{`principal.name like "a*b\*c\u{2a}"`, `(like (. principal name) <a>*<b*c>*)`},
		{`"" like "\x2a\*"`, `(like "" *<*>)`},
		{`"" like "\\*"`, `(like "" <\>*)`},
		{`"" like "**"`, `(like "" **)`},
		{`principal is User`, `(is principal User)`},
		{`principal is App::User in Group::"g"`, `(is principal App::User in App::Group::"g")`},
		{`principal is User in resource.owners`, `(is principal User in (. resource owners))`},
		{`1 + 2 is T`, `(is (+ 1 2) T)`},
		{`(1 < 2) < 3`, `(< (paren (< 1 2)) 3)`},
	} {
		if tc.want == "" {
			continue
		}
		e, errs := Expr([]byte(tc.src))
		if len(errs) != 0 {
			t.Errorf("%s: %v", tc.src, errs)
			continue
		}
		want := strings.ReplaceAll(tc.want, "App::Group", "Group")
		if got := sexpr(e); got != want {
			t.Errorf("%s\n got %s\nwant %s", tc.src, got, want)
		}
	}
}

func TestExprErrors(t *testing.T) {
	for _, tc := range []struct{ src, msg string }{
		{`a || b`, "unknown variable `a`"},
		{`1 < 2 < 3`, "relational operators do not chain"},
		{`1 +`, "expected an expression, found end of input"},
		{`(1`, "expected `)` to close the parenthesis, found end of input"},
		{`1 = 1`, "`=` is not a Cedar operator"},
		{`1 / 2`, "no division"},
		{`?principal`, "template slot `?principal` can only be used in the policy scope"},
		{`foo(1)`, "unknown function `foo`"},
		{`principal.foo()`, "unknown method `foo`"},
		{`principal.contains()`, "`contains` takes 1 argument, but 0 were given"},
		{`{a: 1, a: 2}`, `duplicate key "a"`},
		{`"\q"`, "invalid escape sequence `\\q`"},
		{`"abc`, "unterminated string literal"},
		{`1 2`, "expected end of input after the expression, found `2`"},
		{`context.é`, `unexpected character "é"`},
		{`!!!!!true`, "too many `!`"},
	} {
		_, errs := Expr([]byte(tc.src))
		if len(errs) == 0 || !strings.Contains(errs[0].Message, tc.msg) {
			t.Errorf("%s: want error containing %q, got %v", tc.src, tc.msg, errs)
		}
		for _, err := range errs {
			if err.Span.Start < 0 || err.Span.End > len(tc.src) || err.Span.Start > err.Span.End {
				t.Errorf("%s: error span %v out of range", tc.src, err.Span)
			}
		}
	}
}

func TestScopes(t *testing.T) {
	src := `@id("t1") @advice
permit(
  principal is App::User in ?principal,
  action in [Action::"read", App::Action::"write",],
  resource == ?resource
) when { context.ok } unless { false };
forbid(principal == User::"a", action == Action::"x", resource is Doc);
permit(principal in Group::"g", action in Action::"all", resource in (Folder::"f"));
permit(principal, action, resource is Doc in Folder::"f");`
	f, errs := Policies([]byte(src))
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if len(f.Policies) != 4 {
		t.Fatalf("got %d policies", len(f.Policies))
	}
	p := f.Policies[0]
	if !p.IsTemplate() || p.Effect != ast.Permit || len(p.Annotations) != 2 {
		t.Errorf("policy0 header: %+v", p)
	}
	if a := p.Annotations[0]; a.Key != "id" || a.Value != "t1" || !a.HasValue || src[a.Span.Start:a.Span.End] != `@id("t1")` || src[a.KeySpan.Start:a.KeySpan.End] != "id" {
		t.Errorf("annotation 0: %+v", a)
	}
	if a := p.Annotations[1]; a.Key != "advice" || a.HasValue {
		t.Errorf("annotation 1: %+v", a)
	}
	pr := p.Principal
	if pr.Op != ast.ScopeIsIn || pr.Type != "App::User" || pr.Entity.Slot != ast.SlotPrincipal ||
		src[pr.Span.Start:pr.Span.End] != "principal is App::User in ?principal" ||
		src[pr.TypeSpan.Start:pr.TypeSpan.End] != "App::User" || src[pr.VarSpan.Start:pr.VarSpan.End] != "principal" {
		t.Errorf("principal scope: %+v", pr)
	}
	ac := p.Action
	if ac.Op != ast.ScopeInSet || len(ac.Entities) != 2 || ac.Entities[1].UID != types.NewEntityUID("App::Action", "write") ||
		src[ac.Entities[0].Span.Start:ac.Entities[0].Span.End] != `Action::"read"` {
		t.Errorf("action scope: %+v", ac)
	}
	if r := p.Resource; r.Op != ast.ScopeEq || r.Entity.Slot != ast.SlotResource {
		t.Errorf("resource scope: %+v", r)
	}
	if len(p.Conditions) != 2 || p.Conditions[0].Unless || !p.Conditions[1].Unless ||
		src[p.Conditions[1].Span.Start:p.Conditions[1].Span.End] != "unless { false }" ||
		src[p.Conditions[1].KeywordSpan.Start:p.Conditions[1].KeywordSpan.End] != "unless" {
		t.Errorf("conditions: %+v", p.Conditions)
	}
	q := f.Policies[1]
	if q.Effect != ast.Forbid || q.IsTemplate() || q.Principal.Op != ast.ScopeEq || q.Principal.Entity.UID != types.NewEntityUID("User", "a") ||
		q.Action.Op != ast.ScopeEq || q.Resource.Op != ast.ScopeIs || q.Resource.Type != "Doc" {
		t.Errorf("policy1: %+v", q)
	}
	if src[q.EffectSpan.Start:q.EffectSpan.End] != "forbid" || !strings.HasPrefix(src[q.Span.Start:q.Span.End], "forbid(") || src[q.Span.End-1] != ';' {
		t.Errorf("policy1 spans: %v %v", q.EffectSpan, q.Span)
	}
	r := f.Policies[2]
	if r.Principal.Op != ast.ScopeIn || r.Action.Op != ast.ScopeIn || r.Resource.Op != ast.ScopeIn || r.Resource.Entity.UID.ID != "f" {
		t.Errorf("policy2: %+v", r)
	}
	if s := f.Policies[3]; s.Principal.Op != ast.ScopeAll || s.Action.Op != ast.ScopeAll || s.Resource.Op != ast.ScopeIsIn {
		t.Errorf("policy3: %+v", s)
	}
	if p.Span.Start != 0 {
		t.Errorf("policy0 span should start at its first annotation: %v", p.Span)
	}
}

// TestRecovery: three broken policies give three errors at the right
// places, the good ones are returned, and IDs count the broken ones.
func TestRecovery(t *testing.T) {
	src := `permit(principal, action, resource);
permit(principal, action, resource) when { 1 + };
forbid(principal, action, resource) when { context.a };
permit(principal action, resource);
@id("x")
permit(principal, action, resource) when { context.b }
permit(principal, action, resource) when { [1, 2 };
permit(principal, action, resource) unless { false };
`
	f, errs := Policies([]byte(src))
	lines := source.NewLines([]byte(src))
	var got []string
	for _, e := range errs {
		got = append(got, lines.Pos(e.Span.Start).String()+": "+e.Message)
	}
	want := []string{
		"2:48: expected an expression, found `}`",
		"4:18: expected `==`, `in`, `is`, `,` or `)` after `principal`, found `action`",
		"7:1: expected `;` at the end of the policy, found `permit`",
		"7:50: expected `,` or `]` in the set, found `}`",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if ids := goodIDs(f); ids != "policy0 policy2 policy6" {
		t.Errorf("ids of good policies: %v", ids)
	}
	if len(f.Policies) != 7 {
		t.Errorf("%d policies, want all 7 with the broken ones", len(f.Policies))
	}
}

// goodIDs lists the ids of the policies without errors.
func goodIDs(f *ast.File) string {
	var ids []string
	for _, p := range f.Policies {
		if !p.HasErrors() {
			ids = append(ids, p.ID)
		}
	}
	return strings.Join(ids, " ")
}

func TestRecoveryStartOfFile(t *testing.T) {
	for _, tc := range []struct {
		src  string
		errs int
		ids  string
	}{
		{"allow(principal, action, resource); permit(principal, action, resource);", 1, "policy1"},
		{";;permit(principal, action, resource);", 2, "policy2"},
		{`@a("x" permit(principal, action, resource); forbid(principal, action, resource);`, 1, "policy1"},
		{"permit(principal, action, resource) when { )))) }; permit(principal, action, resource);", 1, "policy1"},
		{"permit(principal, action, resource) when { x.y == { }; @id(\"b\") permit(principal, action, resource);", 1, "policy1"},
		{"}}}}", 1, ""},
		{"permit", 1, ""},
		{`"`, 1, ""},
	} {
		f, errs := Policies([]byte(tc.src))
		if ids := goodIDs(f); len(errs) != tc.errs || ids != tc.ids {
			t.Errorf("%s: got %d errors %v, ids %v", tc.src, len(errs), errs, ids)
		}
		checkSpans(t, tc.src, f, errs)
	}
}

func TestComments(t *testing.T) {
	src := "// head\npermit(principal, // p\n action, resource) // tail\r\n;//end"
	f, errs := Policies([]byte(src))
	if len(errs) != 0 || len(f.Policies) != 1 {
		t.Fatal(errs)
	}
	var got []string
	for _, c := range f.Comments {
		if src[c.Span.Start:c.Span.End] != c.Text {
			t.Errorf("comment %q has span %v", c.Text, c.Span)
		}
		got = append(got, c.Text)
	}
	if strings.Join(got, "|") != "// head|// p|// tail|//end" {
		t.Errorf("comments: %q", got)
	}
}

func TestEmptyInputs(t *testing.T) {
	for _, src := range []string{"", "  \n\t", "// only a comment", "\u00a0\u2028"} {
		f, errs := Policies([]byte(src))
		if len(errs) != 0 || len(f.Policies) != 0 {
			t.Errorf("%q: %v %v", src, f.Policies, errs)
		}
	}
}

func TestEntityUID(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want types.EntityUID
		ok   bool
	}{
		{`User::"alice"`, types.NewEntityUID("User", "alice"), true},
		{`App::NS::Action::"view \"x\""`, types.NewEntityUID("App::NS::Action", `view "x"`), true},
		{` A :: "" `, types.NewEntityUID("A", ""), true},
		{`User`, types.EntityUID{}, false},
		{`User::"a" x`, types.EntityUID{}, false},
		{`"a"`, types.EntityUID{}, false},
		{`if::"a"`, types.EntityUID{}, false},
		{`A::true::"a"`, types.EntityUID{}, false},
		{`__cedar::"a"`, types.EntityUID{}, false},
		{`User::"\q"`, types.EntityUID{}, false},
		{`ip("1")`, types.EntityUID{}, false},
		{``, types.EntityUID{}, false},
	} {
		got, err := EntityUID(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("%s: got %v, %v", tc.in, got, err)
		}
	}
}

// TestCorpusSamples parses policy files copied from the official corpus.
func TestCorpusSamples(t *testing.T) {
	files, _ := filepath.Glob("testdata/corpus/*.cedar")
	if len(files) == 0 {
		t.Fatal("no corpus samples")
	}
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, errs := Policies(src)
		if len(errs) != 0 || len(f.Policies) == 0 {
			t.Errorf("%s: %d policies, errors %v", name, len(f.Policies), errs)
		}
		checkSpans(t, string(src), f, errs)
	}
}

// checkSpans asserts the fuzz invariants: errors and every node lie
// within the source, and children lie within their parents.
func checkSpans(t testing.TB, src string, f *ast.File, errs []source.Diagnostic) {
	t.Helper()
	in := func(s, outer source.Span) bool {
		return s.Start >= outer.Start && s.End <= outer.End && s.Start <= s.End
	}
	whole := source.Span{Start: 0, End: len(src)}
	for _, e := range errs {
		if !in(e.Span, whole) {
			t.Fatalf("%q: error %q span %v outside [0,%d]", src, e.Message, e.Span, len(src))
		}
	}
	if f == nil {
		return
	}
	for _, c := range f.Comments {
		if !in(c.Span, whole) {
			t.Fatalf("%q: comment span %v", src, c.Span)
		}
	}
	for i, p := range f.Policies {
		if p.ID != "policy"+strconv.Itoa(i) {
			t.Fatalf("%q: policy %d has id %q", src, i, p.ID)
		}
		if i > 0 && p.Span.Start < f.Policies[i-1].Span.End {
			t.Fatalf("%q: policy spans %v and %v overlap", src, f.Policies[i-1].Span, p.Span)
		}
		if !in(p.Span, whole) {
			t.Fatalf("%q: policy span %v", src, p.Span)
		}
		checkPolicySpans(t, src, p)
	}
	// Policies with errors are exactly those the errors fall in.
	n := 0
	for _, p := range f.Policies {
		n += len(p.Errors)
	}
	if n != len(errs) {
		t.Fatalf("%q: %d errors, %d kept on policies", src, len(errs), n)
	}
}

// checkPolicySpans asserts that every node of a policy, partial or not,
// lies within its parent and its sub-spans (names, keywords) within it;
// only nodes of a policy with errors may be empty (a missing expression
// or name sits at the error), and printing and walking do not panic.
func checkPolicySpans(t testing.TB, src string, p *ast.Policy) {
	t.Helper()
	in := func(s, outer source.Span) bool {
		return s.Start >= outer.Start && s.End <= outer.End && s.Start <= s.End
	}
	_ = ast.PolicyText(p)
	ast.InspectNode(p, func(n ast.Node) bool {
		s := n.Loc()
		if s.Start > s.End || s.Start == s.End && !p.HasErrors() {
			t.Fatalf("%q: %T has span %v", src, n, s)
		}
		for _, sub := range subSpans(n) {
			if sub != (source.Span{}) && !in(sub, s) {
				t.Fatalf("%q: %T %v has a sub-span %v outside it", src, n, s, sub)
			}
		}
		ast.InspectNode(n, func(c ast.Node) bool {
			if c != n && !in(c.Loc(), s) {
				t.Fatalf("%q: child %T %v outside parent %T %v", src, c, c.Loc(), n, s)
			}
			return c == n
		})
		if e, ok := n.(ast.Expr); ok {
			_ = ast.ExprText(e)
		}
		return true
	})
	for _, pos := range []int{p.Span.Start, (p.Span.Start + p.Span.End) / 2, p.Span.End} {
		path := ast.PathInPolicy(p, pos)
		if len(path) == 0 || path[0] != ast.Node(p) {
			t.Fatalf("%q: no path at %d in policy %v", src, pos, p.Span)
		}
	}
}

// subSpans lists the spans a node holds besides its own.
func subSpans(n ast.Node) []source.Span {
	switch n := n.(type) {
	case *ast.Policy:
		return []source.Span{n.EffectSpan}
	case *ast.Annotation:
		return []source.Span{n.KeySpan}
	case *ast.Scope:
		return []source.Span{n.VarSpan, n.TypeSpan}
	case *ast.Condition:
		return []source.Span{n.KeywordSpan}
	case *ast.Binary:
		return []source.Span{n.OpSpan}
	case *ast.Has:
		return []source.Span{n.PathSpan}
	case *ast.Like:
		return []source.Span{n.PatSpan}
	case *ast.Is:
		return []source.Span{n.TypeSpan}
	case *ast.GetAttr:
		return []source.Span{n.AttrSpan}
	case *ast.MethodCall:
		return []source.Span{n.NameSpan}
	case *ast.Call:
		return []source.Span{n.NameSpan}
	case *ast.EntityLit:
		return []source.Span{n.TypeSpan}
	case *ast.RecordExpr:
		spans := make([]source.Span, len(n.Entries))
		for i, en := range n.Entries {
			spans[i] = en.KeySpan
		}
		return spans
	}
	return nil
}

func checkExprSpans(t testing.TB, src string, e ast.Expr, outer source.Span) {
	t.Helper()
	ast.Inspect(e, func(n ast.Expr) bool {
		s := n.Loc()
		if s.Start < outer.Start || s.End > outer.End || s.Start >= s.End {
			t.Fatalf("%q: %T span %v outside %v", src, n, s, outer)
		}
		ast.Inspect(n, func(c ast.Expr) bool {
			if c != n {
				cs := c.Loc()
				if cs.Start < s.Start || cs.End > s.End {
					t.Fatalf("%q: child %T %v outside parent %T %v", src, c, cs, n, s)
				}
			}
			return c == n
		})
		return true
	})
}

// TestSpans checks that each node's span covers exactly its source text.
func TestSpans(t *testing.T) {
	src := `if !(context has a.b) then -5 else App::User::"x".f["g"].contains(-context.n * 2) || principal is App::T in [1, {k: "v"}] && ip("1.2.3.4") like "*a"`
	e, errs := Expr([]byte(src))
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	var got []string
	ast.Inspect(e, func(n ast.Expr) bool {
		s := n.Loc()
		got = append(got, fmt.Sprintf("%T %s", n, src[s.Start:s.End]))
		return true
	})
	want := []string{
		`*ast.If ` + src,
		`*ast.Unary !(context has a.b)`,
		`*ast.Paren (context has a.b)`,
		`*ast.Has context has a.b`,
		`*ast.VarExpr context`,
		`*ast.Literal -5`,
		`*ast.Binary App::User::"x".f["g"].contains(-context.n * 2) || principal is App::T in [1, {k: "v"}] && ip("1.2.3.4") like "*a"`,
		`*ast.MethodCall App::User::"x".f["g"].contains(-context.n * 2)`,
		`*ast.GetAttr App::User::"x".f["g"]`,
		`*ast.GetAttr App::User::"x".f`,
		`*ast.EntityLit App::User::"x"`,
		`*ast.Binary -context.n * 2`,
		`*ast.Unary -context.n`,
		`*ast.GetAttr context.n`,
		`*ast.VarExpr context`,
		`*ast.Literal 2`,
		`*ast.Binary principal is App::T in [1, {k: "v"}] && ip("1.2.3.4") like "*a"`,
		`*ast.Is principal is App::T in [1, {k: "v"}]`,
		`*ast.VarExpr principal`,
		`*ast.SetExpr [1, {k: "v"}]`,
		`*ast.Literal 1`,
		`*ast.RecordExpr {k: "v"}`,
		`*ast.Literal "v"`,
		`*ast.Like ip("1.2.3.4") like "*a"`,
		`*ast.Call ip("1.2.3.4")`,
		`*ast.Literal "1.2.3.4"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("spans:\n%s", strings.Join(got, "\n"))
	}
	// Sub-spans of the nodes that have them.
	has := ast.Unparen(e.(*ast.If).Cond.(*ast.Unary).Arg).(*ast.Has)
	is := e.(*ast.If).Else.(*ast.Binary).Right.(*ast.Binary).Left.(*ast.Is)
	call := e.(*ast.If).Else.(*ast.Binary).Left.(*ast.MethodCall)
	for _, sp := range []struct {
		span source.Span
		want string
	}{
		{has.PathSpan, "a.b"},
		{is.TypeSpan, "App::T"},
		{call.NameSpan, "contains"},
		{call.Recv.(*ast.GetAttr).AttrSpan, `"g"`},
		{call.Recv.(*ast.GetAttr).Arg.(*ast.GetAttr).AttrSpan, "f"},
		{call.Recv.(*ast.GetAttr).Arg.(*ast.GetAttr).Arg.(*ast.EntityLit).TypeSpan, "App::User"},
	} {
		if got := src[sp.span.Start:sp.span.End]; got != sp.want {
			t.Errorf("sub-span %q, want %q", got, sp.want)
		}
	}
}
