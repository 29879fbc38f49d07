// Package gen generates small random Cedar scenarios (entities, policies
// as syntax trees, requests) over a tiny universe, for the reference
// model's property tests and for differential tests that feed the
// reference model and the production engine the same inputs. The universe
// is small on purpose so that random requests hit random policies often:
// two or three ids per entity type, a handful of attribute names, values of
// every kind (including ones that make evaluation fail).
package gen

import (
	"fmt"
	"math"
	"math/rand"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/internal/refmodel"
)

// Scenario is one generated input: entities, a policy set and requests.
type Scenario struct {
	Entities []refmodel.Entity
	Policies []*ast.Policy
	Requests []refmodel.Request
}

// Gen draws scenarios from a seeded source; the same seed gives the same
// scenarios.
type Gen struct{ r *rand.Rand }

// New returns a generator seeded with seed.
func New(seed int64) *Gen { return &Gen{r: rand.New(rand.NewSource(seed))} }

var (
	ids        = []string{"a", "b", "c"}
	attrNames  = []string{"n", "s", "e", "set", "rec"}
	entityType = []types.EntityType{"User", "Group", "Doc"}
	actions    = []types.EntityUID{{Type: "Action", ID: "view"}, {Type: "Action", ID: "edit"}, {Type: "Action", ID: "all"}}
	strs       = []string{"", "a", "ab", "b*", "x"}
	extArgs    = map[string][]string{
		"decimal":  {"1.0", "-2.5", "0.0001", "1.00001", "x"},
		"ip":       {"10.0.0.1", "10.0.0.0/8", "127.0.0.1", "::1", "1.2.3"},
		"datetime": {"2024-01-01", "2024-01-01T10:00:00Z", "2024-02-30", "1969-12-31T23:59:59.999+0100"},
		"duration": {"1d", "-2h30m", "90s", "1ms", "1x"},
	}
	extMethods = []string{"lessThan", "greaterThanOrEqual", "isIpv4", "isLoopback", "isInRange",
		"offset", "durationSince", "toDate", "toTime", "toHours", "toMilliseconds"}
)

func (g *Gen) pick(n int) int    { return g.r.Intn(n) }
func (g *Gen) chance(p int) bool { return g.r.Intn(100) < p }

func (g *Gen) uid() types.EntityUID {
	return types.NewEntityUID(entityType[g.pick(len(entityType))], ids[g.pick(len(ids))])
}

// Scenario draws entities (some UIDs left out, so they are missing), a
// policy set of one to six policies and a few requests.
func (g *Gen) Scenario() Scenario {
	var s Scenario
	for ti, typ := range entityType {
		for i, id := range ids {
			if g.chance(15) {
				continue
			}
			e := refmodel.Entity{UID: types.NewEntityUID(typ, id), Attrs: g.record(2), Tags: g.record(1)}
			// Parents point to a later type, or to an earlier id of the
			// same type, so the hierarchy is acyclic as Cedar requires.
			for _, p := range []types.EntityUID{g.uid(), g.uid()} {
				pt := indexOf(entityType, p.Type)
				if pt > ti || pt == ti && indexOf(ids, p.ID) < i {
					e.Parents = append(e.Parents, p)
				}
			}
			s.Entities = append(s.Entities, e)
		}
	}
	s.Entities = append(s.Entities, refmodel.Entity{UID: actions[0], Parents: actions[2:]}, refmodel.Entity{UID: actions[1], Parents: actions[2:]})
	for i, n := 0, 1+g.pick(6); i < n; i++ {
		s.Policies = append(s.Policies, g.Policy(fmt.Sprintf("policy%d", i)))
	}
	for i := 0; i < 3; i++ {
		s.Requests = append(s.Requests, refmodel.Request{Principal: g.uid(), Action: actions[g.pick(2)], Resource: g.uid(), Context: g.record(2)})
	}
	return s
}

func indexOf[T comparable](list []T, x T) int {
	for i, y := range list {
		if y == x {
			return i
		}
	}
	return -1
}

// record is a record over a random subset of the attribute names.
func (g *Gen) record(depth int) types.Record {
	attrs := map[string]types.Value{}
	for _, name := range attrNames {
		if g.chance(60) {
			attrs[name] = g.value(depth)
		}
	}
	return types.NewRecord(attrs)
}

func (g *Gen) value(depth int) types.Value {
	switch k := g.pick(6); {
	case k == 0:
		return types.Bool(g.chance(50))
	case k == 1:
		return types.Long(g.pick(5) - 1)
	case k == 2:
		return types.String(strs[g.pick(len(strs))])
	case k == 3 || depth == 0:
		return g.uid()
	case k == 4:
		return types.NewSet(g.value(depth-1), g.value(depth-1))
	}
	return g.record(depth - 1)
}

// Policy draws a policy: a random effect, scope and up to two conditions.
func (g *Gen) Policy(id string) *ast.Policy {
	p := &ast.Policy{ID: id, Effect: ast.Effect(g.pick(2))}
	p.Principal = g.scope(ast.VarPrincipal)
	p.Action = g.scope(ast.VarAction)
	p.Resource = g.scope(ast.VarResource)
	for i, n := 0, g.pick(3); i < n; i++ {
		p.Conditions = append(p.Conditions, ast.Condition{Unless: g.chance(25), Body: g.boolExpr(3)})
	}
	return p
}

func (g *Gen) scope(v ast.Var) ast.Scope {
	s := ast.Scope{Var: v}
	ref := func() ast.EntityRef {
		if v == ast.VarAction {
			return ast.EntityRef{UID: actions[g.pick(len(actions))]}
		}
		return ast.EntityRef{UID: g.uid()}
	}
	switch k := g.pick(6); {
	case k == 1:
		s.Op, s.Entity = ast.ScopeEq, ref()
	case k == 2:
		s.Op, s.Entity = ast.ScopeIn, ref()
	case k == 3 && v == ast.VarAction:
		s.Op, s.Entities = ast.ScopeInSet, []ast.EntityRef{ref(), ref()}
	case k == 3:
		s.Op, s.Type = ast.ScopeIs, entityType[g.pick(len(entityType))]
	case k == 4 && v != ast.VarAction:
		s.Op, s.Type, s.Entity = ast.ScopeIsIn, entityType[g.pick(len(entityType))], ref()
	}
	return s
}

// boolExpr draws an expression that is usually boolean; its operands are
// of random kinds, so some fail to evaluate.
func (g *Gen) boolExpr(depth int) ast.Expr {
	if depth == 0 {
		return lit(types.Bool(g.chance(50)))
	}
	d := depth - 1
	switch g.pick(14) {
	case 0:
		return &ast.Binary{Op: ast.OpAnd, Left: g.boolExpr(d), Right: g.boolExpr(d)}
	case 1:
		return &ast.Binary{Op: ast.OpOr, Left: g.boolExpr(d), Right: g.boolExpr(d)}
	case 2:
		return &ast.Unary{Op: ast.OpNot, Arg: g.boolExpr(d)}
	case 3:
		return &ast.Binary{Op: ast.BinaryOp(g.pick(2)), Left: g.expr(d), Right: g.expr(d)} // == !=
	case 4:
		return &ast.Binary{Op: ast.OpLess + ast.BinaryOp(g.pick(4)), Left: g.expr(d), Right: g.expr(d)}
	case 5:
		return &ast.Binary{Op: ast.OpIn, Left: g.entityExpr(), Right: g.expr(d)}
	case 6:
		return &ast.Has{Arg: g.expr(d), Path: g.path()}
	case 7:
		pat := []ast.PatternPart{{Literal: "a"}, {Wildcard: true}}[g.pick(2):]
		return &ast.Like{Arg: g.expr(d), Pattern: pat}
	case 8:
		is := &ast.Is{Arg: g.entityExpr(), Type: entityType[g.pick(len(entityType))]}
		if g.chance(40) {
			is.In = g.expr(d)
		}
		return is
	case 9:
		return &ast.If{Cond: g.boolExpr(d), Then: g.boolExpr(d), Else: g.boolExpr(d)}
	case 10:
		name := []string{"contains", "containsAll", "containsAny"}[g.pick(3)]
		return &ast.MethodCall{Recv: g.expr(d), Name: name, Args: []ast.Expr{g.expr(d)}}
	case 11:
		return &ast.MethodCall{Recv: g.entityExpr(), Name: "hasTag", Args: []ast.Expr{lit(types.String(attrNames[g.pick(len(attrNames))]))}}
	case 12:
		return &ast.GetAttr{Arg: g.expr(d), Attr: attrNames[g.pick(len(attrNames))]}
	}
	return lit(types.Bool(g.chance(50)))
}

// expr draws an expression of any kind.
func (g *Gen) expr(depth int) ast.Expr {
	if depth == 0 || g.chance(30) {
		switch g.pick(5) {
		case 0:
			return &ast.VarExpr{Var: ast.Var(g.pick(4))}
		case 1:
			return g.entityExpr()
		case 2:
			n := []int64{0, 1, 2, math.MaxInt64, math.MinInt64}[g.pick(5)]
			return lit(types.Long(n))
		case 3:
			return lit(types.String(strs[g.pick(len(strs))]))
		}
		return lit(types.Bool(g.chance(50)))
	}
	d := depth - 1
	switch g.pick(9) {
	case 0:
		return &ast.GetAttr{Arg: g.expr(d), Attr: attrNames[g.pick(len(attrNames))]}
	case 1:
		return &ast.Binary{Op: ast.OpAdd + ast.BinaryOp(g.pick(3)), Left: g.expr(d), Right: g.expr(d)}
	case 2:
		return &ast.Unary{Op: ast.OpNeg, Arg: g.expr(d)}
	case 3:
		return &ast.SetExpr{Elems: []ast.Expr{g.expr(d), g.expr(d)}}
	case 4:
		return &ast.RecordExpr{Entries: []ast.RecordEntry{{Key: "n", Value: g.expr(d)}, {Key: "e", Value: g.entityExpr()}}}
	case 5:
		return &ast.MethodCall{Recv: g.entityExpr(), Name: "getTag", Args: []ast.Expr{lit(types.String(attrNames[g.pick(len(attrNames))]))}}
	case 6:
		return g.extExpr()
	case 7:
		name := extMethods[g.pick(len(extMethods))]
		var args []ast.Expr
		if name == "lessThan" || name == "greaterThanOrEqual" || name == "isInRange" || name == "offset" || name == "durationSince" {
			args = []ast.Expr{g.extExpr()}
		}
		return &ast.MethodCall{Recv: g.extExpr(), Name: name, Args: args}
	}
	return g.boolExpr(d)
}

func (g *Gen) extExpr() ast.Expr {
	names := []string{"decimal", "ip", "datetime", "duration"}
	name := names[g.pick(len(names))]
	args := extArgs[name]
	return &ast.Call{Name: name, Args: []ast.Expr{lit(types.String(args[g.pick(len(args))]))}}
}

func (g *Gen) entityExpr() ast.Expr {
	if g.chance(50) {
		return &ast.VarExpr{Var: ast.Var(g.pick(3))}
	}
	return &ast.EntityLit{UID: g.uid()}
}

func (g *Gen) path() []string {
	p := []string{attrNames[g.pick(len(attrNames))]}
	if g.chance(30) {
		p = append(p, attrNames[g.pick(len(attrNames))])
	}
	return p
}

func lit(v types.Value) ast.Expr { return &ast.Literal{Value: v} }
