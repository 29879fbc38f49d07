package refmodel_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/internal/refmodel"
)

// fixture decodes testdata/entities.json and request.json. Production's
// JSON decoder only reads the inputs here; the semantics under test are the
// spec's.
func fixture(t *testing.T) (refmodel.Request, map[types.EntityUID]*refmodel.Entity) {
	t.Helper()
	read := func(name string) []byte {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	decoded, err := entitiesjson.Parse(read("entities.json"))
	if err != nil {
		t.Fatal(err)
	}
	list := make([]refmodel.Entity, len(decoded))
	for i, e := range decoded {
		list[i] = refmodel.Entity(*e) // the same fields, so a plain conversion
	}
	ents, err := refmodel.Entities(list)
	if err != nil {
		t.Fatal(err)
	}
	r, err := entitiesjson.ParseRequest(read("request.json"))
	if err != nil {
		t.Fatal(err)
	}
	return refmodel.Request{Principal: r.Principal, Action: r.Action, Resource: r.Resource, Context: r.Context}, ents
}

func mustParseExpr(t *testing.T, text string) ast.Expr {
	t.Helper()
	e, errs := parse.Expr([]byte(text))
	if len(errs) > 0 {
		t.Fatalf("%s: %v", text, errs[0])
	}
	return e
}

// TestEvalTable runs testdata/eval.txt, whose expectations official Cedar
// confirms (testdata/check_eval.js): each `EXPR => WANT` must evaluate to
// the value of WANT, or fail when WANT is `error`.
func TestEvalTable(t *testing.T) {
	req, ents := fixture(t)
	data, err := os.ReadFile("testdata/eval.txt")
	if err != nil {
		t.Fatal(err)
	}
	cases := 0
	for n, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		exprText, wantText, ok := strings.Cut(line, " => ")
		if !ok {
			t.Fatalf("eval.txt:%d: no ` => `", n+1)
		}
		cases++
		got, err := refmodel.Evaluate(mustParseExpr(t, exprText), req, ents)
		if wantText == "error" {
			if err == nil {
				t.Errorf("eval.txt:%d: %s = %v, want an error", n+1, exprText, got)
			}
			continue
		}
		want, werr := refmodel.Evaluate(mustParseExpr(t, wantText), req, ents)
		switch {
		case werr != nil:
			t.Fatalf("eval.txt:%d: expected value %s: %v", n+1, wantText, werr)
		case err != nil:
			t.Errorf("eval.txt:%d: %s: %v, want %v", n+1, exprText, err, want)
		case !got.Equal(want):
			t.Errorf("eval.txt:%d: %s = %v, want %v", n+1, exprText, got, want)
		}
	}
	if cases < 200 {
		t.Errorf("only %d cases read", cases)
	}
}

// TestErrorsCarrySpans checks that an error points at the failing
// sub-expression.
func TestErrorsCarrySpans(t *testing.T) {
	req, ents := fixture(t)
	text := `true && (principal.nope == 1)`
	_, err := refmodel.Evaluate(mustParseExpr(t, text), req, ents)
	var serr source.Diagnostic
	if !errors.As(err, &serr) {
		t.Fatalf("error %v is not a source.Diagnostic", err)
	}
	if got := text[serr.Span.Start:serr.Span.End]; got != "principal.nope" {
		t.Errorf("error spans %q, want %q", got, "principal.nope")
	}
}

// TestCyclicHierarchy: official Cedar refuses entity graphs with cycles,
// but the spec's walk over parents must still terminate on them.
func TestCyclicHierarchy(t *testing.T) {
	a, b := types.NewEntityUID("G", "a"), types.NewEntityUID("G", "b")
	ents, err := refmodel.Entities([]refmodel.Entity{{UID: a, Parents: []types.EntityUID{b}}, {UID: b, Parents: []types.EntityUID{a}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text string
		want bool
	}{{`G::"a" in G::"b"`, true}, {`G::"b" in G::"a"`, true}, {`G::"a" in G::"c"`, false}} {
		got, err := refmodel.Evaluate(mustParseExpr(t, tc.text), refmodel.Request{}, ents)
		if err != nil || got != types.Bool(tc.want) {
			t.Errorf("%s = %v, %v; want %v", tc.text, got, err, tc.want)
		}
	}
}

func TestEntitiesRejectsDuplicates(t *testing.T) {
	u := types.NewEntityUID("U", "x")
	if _, err := refmodel.Entities([]refmodel.Entity{{UID: u}, {UID: u}}); err == nil {
		t.Error("duplicate UIDs accepted")
	}
}

// TestUnlinkedSlot: a slot can only reach the evaluator through a
// hand-built tree (the parser rejects slots in conditions); it fails.
func TestUnlinkedSlot(t *testing.T) {
	_, err := refmodel.Evaluate(&ast.SlotExpr{Slot: ast.SlotPrincipal}, refmodel.Request{}, nil)
	if err == nil {
		t.Error("an unlinked slot evaluated")
	}
}

func mustParsePolicies(t *testing.T, text string) []*ast.Policy {
	t.Helper()
	f, errs := parse.Policies([]byte(text))
	if len(errs) > 0 {
		t.Fatalf("%s: %v", text, errs[0])
	}
	return f.Policies
}
