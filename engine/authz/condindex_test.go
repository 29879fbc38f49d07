package authz

import (
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/eval"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// TestConditionIndexAgreesWithFullEvaluation authorizes random requests
// against random sets of unscoped policies, most starting with an
// indexable `V.attr == literal` test, with the condition index and by
// evaluating every policy, and requires the same decision, reasons and
// errors (messages and spans included). Attributes are sometimes missing,
// of another type, or on entities absent from the store, so the erroring
// and type-mismatch paths are exercised.
func TestConditionIndexAgreesWithFullEvaluation(t *testing.T) {
	rng := rand.New(rand.NewSource(14))
	indexed := 0
	for round := 0; round < 40; round++ {
		ps := policySet(t, randomUnscopedPolicies(rng, linearScanMax+1+rng.Intn(80)))
		for _, g := range ps.upToDateIndex().byCond.groups {
			indexed += len(g.all)
		}
		s := randomAttrStore(t, rng)
		for k := 0; k < 40; k++ {
			req := randomAttrRequest(rng)
			got := ps.Authorize(s, req)
			want := linearAuthorizeFull(ps, s, req)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("round %d request %+v:\nindexed %+v\nfull    %+v", round, req, got, want)
			}
			// Explain bypasses the condition index but must agree too.
			if x := ps.Explain(s, req); !reflect.DeepEqual(x.Response, want) {
				t.Fatalf("round %d request %+v: Explain %+v, full %+v", round, req, x.Response, want)
			}
		}
	}
	if indexed == 0 {
		t.Fatal("no policy was filed in the condition index: the test exercises nothing")
	}
}

var (
	attrNames   = []string{"dept", "level", "flag", "missing"}
	attrLiteral = []string{`"d1"`, `"d2"`, `1`, `2`, `-1`, `true`, `false`}
)

// randomLeading is a first test, indexable or not.
func randomLeading(rng *rand.Rand) string {
	v := []string{"principal", "resource", "context", "action"}[rng.Intn(4)]
	attr := attrNames[rng.Intn(len(attrNames))]
	lit := attrLiteral[rng.Intn(len(attrLiteral))]
	switch rng.Intn(8) {
	case 0:
		return fmt.Sprintf("%s == %s.%s", lit, v, attr) // literal first
	case 1:
		return fmt.Sprintf("(%s[%q] == %s)", v, attr, lit)
	case 2:
		return fmt.Sprintf("%s.%s != %s", v, attr, lit) // not indexable
	case 3:
		return fmt.Sprintf("%s has %s", v, attr) // not indexable
	}
	return fmt.Sprintf("%s.%s == %s", v, attr, lit)
}

// randomRest is a further conjunct, which may fail.
func randomRest(rng *rand.Rand) string {
	switch rng.Intn(5) {
	case 0:
		return "principal.level > 0" // fails when level is missing or not a long
	case 1:
		return "context.missing"
	case 2:
		return `resource.dept like "d*"`
	case 3:
		return "1 + 1 == 2"
	}
	return randomLeading(rng)
}

func randomUnscopedPolicies(rng *rand.Rand, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		effect := "permit"
		if rng.Intn(6) == 0 {
			effect = "forbid"
		}
		scope := "principal, action, resource"
		if rng.Intn(8) == 0 {
			scope = `principal is User, action, resource`
		}
		parts := []string{randomLeading(rng)}
		for j := rng.Intn(3); j > 0; j-- {
			parts = append(parts, randomRest(rng))
		}
		clause := "when"
		if rng.Intn(8) == 0 {
			clause = "unless"
		}
		fmt.Fprintf(&b, "%s(%s) %s { %s }", effect, scope, clause, strings.Join(parts, " && "))
		if rng.Intn(4) == 0 {
			fmt.Fprintf(&b, " when { %s }", randomRest(rng))
		}
		b.WriteString(";\n")
	}
	return b.String()
}

// randomAttrValue is a JSON attribute value of any of several types.
func randomAttrValue(rng *rand.Rand) string {
	return []string{`"d1"`, `"d2"`, `"d3"`, `1`, `2`, `-1`, `true`, `false`, `[1]`, `{"a": 1}`, `{"__entity": {"type": "User", "id": "u0"}}`}[rng.Intn(11)]
}

func randomAttrs(rng *rand.Rand) string {
	var fields []string
	for _, a := range attrNames[:3] {
		if rng.Intn(5) > 0 {
			fields = append(fields, fmt.Sprintf("%q: %s", a, randomAttrValue(rng)))
		}
	}
	return "{" + strings.Join(fields, ", ") + "}"
}

func randomAttrStore(t *testing.T, rng *rand.Rand) *entities.Store {
	t.Helper()
	var ents []string
	for i := 0; i < 4; i++ {
		ents = append(ents, fmt.Sprintf(`{"uid": {"type": "User", "id": "u%d"}, "attrs": %s, "parents": []}`, i, randomAttrs(rng)))
		ents = append(ents, fmt.Sprintf(`{"uid": {"type": "Doc", "id": "d%d"}, "attrs": %s, "parents": []}`, i, randomAttrs(rng)))
	}
	parsed, err := entitiesjson.Parse([]byte("[" + strings.Join(ents, ",") + "]"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := entities.NewStore(parsed)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// randomAttrRequest names entities u0..u4 and d0..d4: the fifth of each
// is not in the store.
func randomAttrRequest(rng *rand.Rand) *eval.Request {
	ctx := map[string]types.Value{}
	values := []types.Value{types.String("d1"), types.String("d2"), types.Long(1), types.Long(2), types.True, types.NewSet(nil)}
	for _, a := range attrNames[:3] {
		if rng.Intn(4) > 0 {
			ctx[a] = values[rng.Intn(len(values))]
		}
	}
	return &eval.Request{
		Principal: types.NewEntityUID("User", fmt.Sprint("u", rng.Intn(5))),
		Action:    types.NewEntityUID("Action", "view"),
		Resource:  types.NewEntityUID("Doc", fmt.Sprint("d", rng.Intn(5))),
		Context:   types.NewRecord(ctx),
	}
}

// linearAuthorizeFull is Authorize evaluating every policy, without any
// index, with complete errors.
func linearAuthorizeFull(ps *PolicySet, s *entities.Store, req *eval.Request) Response {
	small := &PolicySet{}
	out := Response{Reasons: []string{}}
	var permits, forbids []string
	for _, e := range ps.entries {
		small.entries = []*entry{e}
		r := small.Authorize(s, req)
		switch {
		case len(r.Errors) > 0:
			out.Errors = append(out.Errors, r.Errors...)
		case r.Decision == Allow:
			permits = append(permits, e.policy.ID)
		case len(r.Reasons) > 0:
			forbids = append(forbids, e.policy.ID)
		}
	}
	sort.Strings(permits)
	sort.Strings(forbids)
	sort.Slice(out.Errors, func(i, j int) bool { return out.Errors[i].PolicyID < out.Errors[j].PolicyID })
	switch {
	case len(forbids) > 0:
		out.Reasons = forbids
	case len(permits) > 0:
		out.Decision, out.Reasons = Allow, permits
	}
	return out
}
