package validate

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// benchSchema is a realistic application schema: 30 entity types in a
// membership hierarchy, with required and optional attributes, records,
// sets, tags, and 40 actions (in groups) applying to a few types each.
func benchSchema() *schema.Schema {
	s := &schema.Schema{Entities: map[types.EntityType]*schema.Entity{}, Actions: map[types.EntityUID]*schema.Action{}}
	name := func(i int) types.EntityType { return types.EntityType(fmt.Sprintf("App::T%d", i)) }
	for i := 0; i < 30; i++ {
		e := &schema.Entity{Name: name(i), Shape: rec(
			req("name", tString),
			req("level", tLong),
			opt("owner", tEntity(string(name((i+1)%30)))),
			req("labels", tSet(tString)),
			opt("address", rec(req("city", tString), opt("zip", tLong))),
			opt("ip", tExt("ipaddr")),
		)}
		if i%3 == 0 {
			e.Tags = tString
		}
		if i+1 < 30 && i%5 != 4 {
			e.MemberOf = []types.EntityType{name(i + 1)}
		}
		s.Entities[e.Name] = e
	}
	for i := 0; i < 40; i++ {
		uid := types.EntityUID{Type: "App::Action", ID: fmt.Sprintf("a%d", i)}
		a := &schema.Action{UID: uid,
			Principals: []types.EntityType{name(i % 30), name((i + 7) % 30)},
			Resources:  []types.EntityType{name((i + 3) % 30), name((i + 11) % 30), name((i + 19) % 30)},
			Context:    rec(req("authenticated", tBool), opt("mfa", tBool), req("now", tExt("datetime"))),
		}
		if i%4 != 0 {
			a.MemberOf = []types.EntityUID{{Type: "App::Action", ID: fmt.Sprintf("a%d", i-i%4)}}
		}
		s.Actions[uid] = a
	}
	return s
}

// benchPolicies are 1,000 policies in a dozen common shapes.
func benchPolicies(tb testing.TB) []*ast.Policy {
	shapes := []string{
		`permit(principal, action == App::Action::"a%[1]d", resource) when { resource has owner && resource.owner == principal };`,
		`permit(principal is App::T%[2]d, action in App::Action::"a%[3]d", resource) when { principal.level > %[1]d && context.authenticated };`,
		`forbid(principal, action, resource) unless { context has mfa && context.mfa };`,
		`permit(principal in App::T%[2]d::"g%[1]d", action, resource) when { resource.labels.contains("public") };`,
		`permit(principal, action in [App::Action::"a%[3]d", App::Action::"a%[4]d"], resource) when { principal.name like "admin*" || principal.level >= 10 };`,
		`permit(principal, action, resource is App::T%[2]d) when { resource has address.zip && resource.address.zip == %[1]d };`,
		`permit(principal, action == App::Action::"a%[1]d", resource) when { if principal has ip then principal.ip.isInRange(ip("10.0.0.0/8")) else false };`,
		`permit(principal, action, resource) when { context.now < datetime("2030-01-01") && principal.labels.containsAny(resource.labels) };`,
		`forbid(principal, action, resource) when { principal has owner && principal.owner.level < resource.level };`,
		`permit(principal, action, resource) when { principal in resource || resource.name == principal.name };`,
		`permit(principal, action, resource) when { resource.hasTag("k%[1]d") && resource.getTag("k%[1]d") == "v" };`,
		`permit(principal == App::T%[2]d::"u%[1]d", action, resource) when { { a: principal.level, b: [1, 2, 3] }.b.contains(resource.level) };`,
	}
	var b strings.Builder
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&b, `@id("p%[1]d") `+shapes[i%len(shapes)]+"\n", i, i%30, i%40, (i+5)%40)
	}
	f, errs := parse.Policies([]byte(b.String()))
	if len(errs) > 0 {
		tb.Fatal(errs[0].Message)
	}
	return f.Policies
}

// BenchmarkValidate validates the 1,000 policies as one set and one
// policy at a time, with a Validator built once and reused ("reused") and
// through the package functions, which build the schema index for every
// call ("per-call", the only path before Validator existed).
func BenchmarkValidate(b *testing.B) {
	s := benchSchema()
	ps := benchPolicies(b)
	ctx := context.Background()
	b.Run("set/reused", func(b *testing.B) {
		v := New(s, Options{})
		b.ReportAllocs()
		for b.Loop() {
			if _, err := v.Validate(ctx, ps); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("set/per-call", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Validate(s, ps, Strict)
		}
	})
	b.Run("each/reused", func(b *testing.B) {
		v := New(s, Options{})
		b.ReportAllocs()
		for b.Loop() {
			for _, p := range ps {
				v.ValidatePolicy(p)
			}
		}
	})
	b.Run("each/per-call", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, p := range ps {
				ValidatePolicy(s, p, Strict)
			}
		}
	})
}

// TestBenchPoliciesMostlyValid keeps the benchmark honest: the generated
// policies must mostly typecheck, so the benchmark measures full checks
// rather than early failures.
func TestBenchPoliciesMostlyValid(t *testing.T) {
	res := Validate(benchSchema(), benchPolicies(t), Strict)
	bad := map[string]bool{}
	for _, d := range res.Errors {
		bad[d.PolicyID] = true
	}
	if len(bad) > 200 {
		t.Errorf("%d of 1000 benchmark policies are invalid; first error: %v", len(bad), res.Errors[0])
	}
}
