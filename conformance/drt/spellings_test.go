package drt

import (
	"encoding/json"
	"testing"

	"github.com/cedar-ls/cedar-ls/conformance/oracle"
)

// TestSpellingsAgainstOfficial runs schema-directed cases with their
// entities and contexts in the spellings official Cedar accepts only with a
// schema (bare strings for extension values, {"fn", "arg"}, {"__extn": …},
// entity references with and without `__entity`), through the front door,
// and compares the answers with official Cedar's given the same schema.
func TestSpellingsAgainstOfficial(t *testing.T) {
	n, seed := drtSettings(t)
	o, err := oracle.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	rn := &Runner{O: o, Seed: seed, Opts: Options{Kind: SchemaDirected}}
	g := rn.gen(SchemaDirected)
	cases := max(n/(g.Opts.RequestsPerCase*20), 10)
	var checks, mismatches int
	var spellings spellingCount
	for i := range uint64(cases) {
		c := g.Case(i)
		spellings.add(t, c.Entities, c.TypedEntities)
		for _, r := range c.Requests {
			if r.TypedContext != nil { // the conforming requests checkSpellings asks
				spellings.add(t, r.Context, r.TypedContext)
			}
		}
		k, ms, err := rn.checkSpellings(c)
		if err != nil {
			t.Fatal(err)
		}
		checks += k
		for _, m := range ms {
			mismatches++
			if mismatches <= maxReports {
				t.Errorf("case %d: %s", i, m.Summary)
			}
		}
	}
	t.Logf("seed %d: %d cases, %d requests asked in schema-only spellings, %d mismatches; spellings written: %+v", seed, cases, checks, mismatches, spellings)
	if checks == 0 {
		t.Fatal("no request was checked")
	}
	for name, k := range map[string]int{"bare string": spellings.BareString, "fn/arg": spellings.FnArg, "__extn": spellings.Extn, "type/id": spellings.TypeID, "__entity": spellings.Entity} {
		if k == 0 {
			t.Errorf("no %s spelling was generated", name)
		}
	}
}

// spellingCount counts the spellings of extension values and entity
// references a typed JSON text uses.
type spellingCount struct {
	BareString, FnArg, Extn, TypeID, Entity int
}

// add counts the spellings of typed, the same values as canonical (where
// every extension value is an `__extn` object): the extension values not
// written as objects are bare strings.
func (sc *spellingCount) add(t *testing.T, canonical, typed json.RawMessage) {
	var c, ty any
	if err := json.Unmarshal(canonical, &c); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(typed, &ty); err != nil {
		t.Fatal(err)
	}
	var extns spellingCount
	extns.walk(c)
	before := *sc
	sc.walk(ty)
	sc.BareString += extns.Extn - (sc.FnArg - before.FnArg) - (sc.Extn - before.Extn)
}

func (sc *spellingCount) walk(v any) {
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			sc.walk(e)
		}
	case map[string]any:
		_, fn := v["fn"]
		_, typ := v["type"]
		switch {
		case v["__extn"] != nil:
			sc.Extn++
			return
		case v["__entity"] != nil:
			sc.Entity++
			return
		case fn && len(v) == 2:
			sc.FnArg++
			return
		case typ && len(v) == 2:
			sc.TypeID++
			return
		}
		for _, e := range v {
			sc.walk(e)
		}
	}
}
