package schemaentities

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/cedar-ls/cedar-ls/conformance/corpusdata"
	"github.com/cedar-ls/cedar-ls/conformance/oracle"
	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// Bounds of the differential test: corpus tests mutated, and mutants of
// each, so the run takes seconds.
const (
	diffTests   = 120
	diffMutants = 6
)

// TestMutatedEntitiesAgainstOfficial mutates corpus entities and contexts
// (wrong value types, missing and undeclared attributes, parents and tags
// the schema forbids, undeclared types and actions, enum ids, ...) and
// checks that schema-based decoding accepts exactly what official Cedar's
// checkParseEntities and checkParseContext accept.
func TestMutatedEntitiesAgainstOfficial(t *testing.T) {
	c, err := corpusdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	files := c.Files
	o, err := oracle.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()

	rng := rand.New(rand.NewPCG(1, 2))
	step := len(c.Tests) / diffTests
	var cases, rejected, disagreements int
	for i := 0; i < len(c.Tests) && i/step < diffTests; i += step {
		ct := c.Tests[i]
		schemaText := string(files[ct.Schema])
		s, serrs := schema.Load(ct.Schema, files[ct.Schema])
		if len(serrs) > 0 {
			t.Fatalf("%s: %v", ct.Schema, serrs[0])
		}
		m := newMutator(rng, s)
		for k := 0; k < diffMutants; k++ {
			ents := decodeGeneric(t, files[ct.Entities])
			desc := m.mutateEntities(&ents)
			src, err := json.Marshal(ents)
			if err != nil {
				t.Fatal(err)
			}
			_, ours := entitiesjson.ParseWithSchema(src, s)
			theirs := o.CheckParseEntities(src, schemaText)
			cases++
			if theirs != nil {
				rejected++
			}
			if d := disagreement(ours, theirs); d != "" {
				disagreements++
				if disagreements <= 20 {
					t.Errorf("%s, entities mutated by %s: %s\n%s", ct.Name, desc, d, clip(src))
				}
			}
		}
		for _, r := range ct.Requests[:min(2, len(ct.Requests))] {
			ctx := decodeGeneric(t, r.Context)
			desc := m.mutateContext(&ctx, r.Action.EntityUID())
			src, err := json.Marshal(ctx)
			if err != nil {
				t.Fatal(err)
			}
			_, ours := entitiesjson.ParseContextWithSchema(src, s, r.Action.EntityUID(), true)
			action := oracle.UID(r.Action.Type, r.Action.ID)
			theirs := o.CheckParseContext(src, schemaText, &action)
			cases++
			if theirs != nil {
				rejected++
			}
			if d := disagreement(ours, theirs); d != "" {
				disagreements++
				if disagreements <= 20 {
					t.Errorf("%s, context for %s mutated by %s: %s\n%s", ct.Name, r.Action.EntityUID(), desc, d, clip(src))
				}
			}
		}
	}
	t.Logf("%d mutated inputs, %d rejected by official Cedar, %d disagreements", cases, rejected, disagreements)
	if rejected == 0 || rejected == cases {
		t.Errorf("the mutations should give both accepted and rejected inputs (%d of %d rejected)", rejected, cases)
	}
}

func disagreement(ours, theirs error) string {
	var f *oracle.Failure
	if theirs != nil && !errors.As(theirs, &f) {
		return "oracle call failed: " + theirs.Error()
	}
	switch {
	case ours == nil && theirs != nil:
		return "we accept, official rejects: " + theirs.Error()
	case ours != nil && theirs == nil:
		return "we reject, official accepts: " + ours.Error()
	}
	return ""
}

func clip(b []byte) string {
	if len(b) > 1500 {
		return string(b[:1500]) + "…"
	}
	return string(b)
}

// decodeGeneric decodes JSON keeping numbers exact.
func decodeGeneric(t *testing.T, src []byte) any {
	t.Helper()
	if len(bytes.TrimSpace(src)) == 0 {
		return map[string]any{}
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// mutator makes one random change to an entities or context JSON value,
// choosing names from the schema so many changes are near misses.
type mutator struct {
	rng     *rand.Rand
	s       *schema.Schema
	types   []string
	actions []types.EntityUID
}

func newMutator(rng *rand.Rand, s *schema.Schema) *mutator {
	m := &mutator{rng: rng, s: s}
	for name := range s.Entities {
		m.types = append(m.types, string(name))
	}
	sort.Strings(m.types)
	m.types = append(m.types, "Undeclared")
	for uid := range s.Actions {
		m.actions = append(m.actions, uid)
	}
	sort.Slice(m.actions, func(i, j int) bool { return m.actions[i].String() < m.actions[j].String() })
	return m
}

func (m *mutator) pick(n int) int { return m.rng.IntN(n) }

func (m *mutator) uidJSON() map[string]any {
	if len(m.actions) > 0 && m.pick(4) == 0 {
		a := m.actions[m.pick(len(m.actions))]
		return map[string]any{"type": string(a.Type), "id": a.ID}
	}
	id := []string{"", "a", "red"}[m.pick(3)]
	return map[string]any{"type": m.types[m.pick(len(m.types))], "id": id}
}

// value is a random JSON value of many shapes, including the implicit forms
// schema-based parsing accepts.
func (m *mutator) value() any {
	switch m.pick(14) {
	case 0:
		return "x"
	case 1:
		return json.Number("7")
	case 2:
		return true
	case 3:
		return []any{}
	case 4:
		return map[string]any{}
	case 5:
		return m.uidJSON()
	case 6:
		return map[string]any{"__entity": m.uidJSON()}
	case 7:
		return "10.0.0.1"
	case 8:
		return "1.5"
	case 9:
		return "2024-01-01"
	case 10:
		return map[string]any{"__extn": map[string]any{"fn": "ip", "arg": "::1"}}
	case 11:
		return []any{json.Number("1"), "x"}
	case 12:
		return map[string]any{"a": json.Number("1")}
	}
	return nil
}

// mutateEntities changes *ents in place and says how.
func (m *mutator) mutateEntities(ents *any) string {
	list, _ := (*ents).([]any)
	if len(list) == 0 {
		*ents = []any{map[string]any{"uid": m.uidJSON(), "attrs": map[string]any{}, "parents": []any{}}}
		return "adding an entity to an empty list"
	}
	e, _ := list[m.pick(len(list))].(map[string]any)
	attrs, _ := e["attrs"].(map[string]any)
	parents, _ := e["parents"].([]any)
	keys := make([]string, 0, len(attrs))
	for k := range attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	switch op := m.pick(11); {
	case op <= 2 && len(keys) > 0:
		k := keys[m.pick(len(keys))]
		attrs[k] = m.value()
		return fmt.Sprintf("replacing attribute %q", k)
	case op == 3 && len(keys) > 0:
		k := keys[m.pick(len(keys))]
		delete(attrs, k)
		return fmt.Sprintf("removing attribute %q", k)
	case op == 4:
		attrs["zzUndeclared"] = json.Number("1")
		return "adding an undeclared attribute"
	case op == 5:
		e["parents"] = append(parents, m.uidJSON())
		return "adding a parent"
	case op == 6 && len(parents) > 0:
		e["parents"] = parents[1:]
		return "removing a parent"
	case op == 7:
		e["uid"] = m.uidJSON()
		return "changing the uid"
	case op == 8:
		e["tags"] = map[string]any{"t": m.value()}
		return "adding a tag"
	case op == 9 && len(m.actions) > 0:
		a := m.actions[m.pick(len(m.actions))]
		ps := []any{}
		for _, p := range m.s.Actions[a].MemberOf {
			ps = append(ps, map[string]any{"type": string(p.Type), "id": p.ID})
		}
		if m.pick(2) == 0 && len(m.actions) > 0 {
			p := m.actions[m.pick(len(m.actions))]
			ps = append(ps, map[string]any{"type": string(p.Type), "id": p.ID})
		}
		*ents = append(list, map[string]any{"uid": map[string]any{"type": string(a.Type), "id": a.ID}, "attrs": map[string]any{}, "parents": ps})
		return "adding an action entity"
	default:
		// Copy through JSON with exact numbers: a rounded copy would be a
		// differing repeat.
		cp, _ := json.Marshal(e)
		dec := json.NewDecoder(bytes.NewReader(cp))
		dec.UseNumber()
		var dup map[string]any
		if err := dec.Decode(&dup); err != nil {
			panic(err)
		}
		if a, ok := dup["attrs"].(map[string]any); ok && len(keys) > 0 && m.pick(2) == 0 {
			a[keys[0]] = m.value()
		}
		*ents = append(list, dup)
		return "repeating an entity"
	}
}

// mutateContext changes *ctx in place and says how.
func (m *mutator) mutateContext(ctx *any, action types.EntityUID) string {
	rec, ok := (*ctx).(map[string]any)
	if !ok {
		return "nothing"
	}
	var keys []string
	for k := range rec {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	switch op := m.pick(4); {
	case op <= 1 && len(keys) > 0:
		k := keys[m.pick(len(keys))]
		rec[k] = m.value()
		return fmt.Sprintf("replacing %q", k)
	case op == 2 && len(keys) > 0:
		k := keys[m.pick(len(keys))]
		delete(rec, k)
		return fmt.Sprintf("removing %q", k)
	default:
		if a, ok := m.s.Actions[action]; ok && a.Context != nil {
			for _, k := range sortedNames(a.Context.Attrs) {
				if _, present := rec[k]; !present {
					rec[k] = m.value()
					return fmt.Sprintf("adding optional %q", k)
				}
			}
		}
		rec["zzUndeclared"] = true
		return "adding an undeclared attribute"
	}
}

func sortedNames(attrs map[string]*schema.Attribute) []string {
	names := make([]string, 0, len(attrs))
	for k := range attrs {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}
