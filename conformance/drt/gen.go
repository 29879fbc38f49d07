// Package drt generates random, mutually consistent Cedar inputs (a small
// universe of entities, policies as Cedar text, requests with contexts) for
// differential testing of cedar-ls against official Cedar. Everything is
// derived from a seed, so any case can be regenerated from (seed, index).
package drt

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// Options size the generated cases. Zero fields take the defaults.
type Options struct {
	MaxPolicies       int // policies per case (at least 1)
	RequestsPerCase   int // requests asked against each policy/entity set
	MaxEntitiesByType int // entities of each non-action type
	MaxDepth          int // expression nesting depth
	// Kind chooses the generator: Mixed (the default) alternates between
	// the unconstrained and the schema-directed one by case index.
	Kind GenKind
	// policiesOnly stops a case after its policies and templates (for the
	// targets that use nothing else); they are what they are in the full
	// case, since requests are drawn after them.
	policiesOnly bool
	// LargeOnly makes every case's policy set a large one (20 to 39
	// policies, unscoped condition-indexable ones among them in
	// unconstrained cases) instead of one case in ten, to measure or
	// stress the authorizer's indexes.
	LargeOnly bool
}

// GenKind selects how cases are generated.
type GenKind uint8

const (
	// Mixed: even cases unconstrained, odd cases schema-directed.
	Mixed GenKind = iota
	// Unconstrained draws from a fixed universe without a schema: it
	// reaches evaluation errors of every kind.
	Unconstrained
	// SchemaDirected draws a schema first, then conforming entities and
	// requests and policies that mostly type-check against it.
	SchemaDirected
)

func (o Options) withDefaults() Options {
	if o.MaxPolicies <= 0 {
		o.MaxPolicies = 8
	}
	if o.RequestsPerCase <= 0 {
		o.RequestsPerCase = 50
	}
	if o.MaxEntitiesByType <= 0 {
		o.MaxEntitiesByType = 4
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = 3
	}
	return o
}

// Case is one policy set and entity set with requests to ask against them.
type Case struct {
	Seed, Index uint64
	// Schema is the Cedar schema text the case was generated from; empty
	// for unconstrained cases.
	Schema     string
	Policies   string   // Cedar text; ids are policy0, policy1, …
	PolicyList []string // the policies of Policies, one text each
	Templates  []Template
	Links      []Link
	Entities   json.RawMessage // entities JSON array
	// TypedEntities, for schema-directed cases, is Entities with every
	// extension value and entity reference in a spelling chosen at random
	// among those official Cedar accepts under a schema (see typedJSON).
	TypedEntities json.RawMessage
	Requests      []Request
}

// Template is a policy template with its id.
type Template struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Link instantiates template TemplateID as policy NewID; Values maps
// "?principal"/"?resource" to entities.
type Link struct {
	TemplateID string         `json:"templateId"`
	NewID      string         `json:"newId"`
	Values     map[string]UID `json:"values"`
}

// Request is one authorization request.
type Request struct {
	Principal, Action, Resource UID
	Context                     json.RawMessage // a JSON object
	// Conforms is set when the request conforms to the case's schema
	// (appliesTo and context type), so the soundness property applies.
	Conforms bool `json:"-"`
	// TypedContext, for the first maxSpellingRequests conforming requests
	// (those checkSpellings asks), is Context in the spellings of
	// TypedEntities.
	TypedContext json.RawMessage `json:"-"`
	// ctxFields are the context's values, for writing TypedContext.
	ctxFields []field
}

// Entity is one generated entity.
type Entity struct {
	UID     UID
	Attrs   []field
	Parents []UID
	Tags    []field
}

// Generator produces cases; Case(i) is a pure function of (seed, i).
type Generator struct {
	Seed uint64
	Opts Options
}

// New returns a generator for the seed.
func New(seed uint64, opts Options) *Generator {
	return &Generator{Seed: seed, Opts: opts.withDefaults()}
}

// caseGen holds the state of generating one case.
type caseGen struct {
	r        *rand.Rand
	opts     Options
	entities []*Entity
	byType   map[string][]*Entity
	actions  []UID
	absent   []UID      // well-formed references to entities that do not exist
	schema   *genSchema // set for schema-directed cases
}

// Entity types: a plain and a namespaced one, with a hierarchy
// User ∈ Group ∈ Group and Doc ∈ Folder ∈ Folder, and rare cross links.
var (
	principalTypes = []string{"User", "Group", "Org::Team"}
	resourceTypes  = []string{"Doc", "Folder", "Org::Team"}
	allTypes       = []string{"User", "Group", "Doc", "Folder", "Org::Team"}
	parentTypes    = map[string][]string{
		"User":      {"Group", "Group", "Org::Team"},
		"Group":     {"Group", "Org::Team"},
		"Doc":       {"Folder", "Folder", "Group"},
		"Folder":    {"Folder"},
		"Org::Team": {"Org::Team"},
	}
	idPool     = []string{"alice", "bob", "carol", "dave", "eve", "x", "0", "", "with space", `q"uote`, "ünï"}
	actionPool = []string{"read", "write", "delete", "share", "admin"}
)

// Case generates case number i.
func (g *Generator) Case(i uint64) *Case {
	cg := &caseGen{
		r:      caseRand(g.Seed, i),
		opts:   g.Opts,
		byType: map[string][]*Entity{},
	}
	c := &Case{Seed: g.Seed, Index: i}
	if g.Opts.Kind == SchemaDirected || g.Opts.Kind == Mixed && i%2 == 1 {
		cg.schema = cg.genSchemaModel()
		cg.schemaUniverse(cg.schema)
		c.Schema = cg.schema.cedarText()
	} else {
		cg.universe()
	}
	c.Entities = cg.entitiesJSON()
	c.SetPolicies(cg.policies())
	cg.templates(c)
	if g.Opts.policiesOnly {
		return c
	}
	for range g.Opts.RequestsPerCase {
		if cg.schema != nil {
			if cg.chance(0.05) {
				c.Requests = append(c.Requests, cg.offSchemaRequest(cg.schema))
				continue
			}
			r := cg.schemaRequest(cg.schema)
			r.Conforms = true
			c.Requests = append(c.Requests, r)
			continue
		}
		c.Requests = append(c.Requests, cg.request())
	}
	if cg.schema != nil {
		// Spellings draw from a generator of their own, so the cases stay
		// what they were before spellings were added.
		sr := caseRand(g.Seed^spellingSalt, i)
		c.TypedEntities = cg.entitiesTypedJSON(sr)
		// Only the requests checkSpellings asks get one (the spellings are
		// drawn in request order, so these are what they always were).
		typed := 0
		for k := range c.Requests {
			if r := &c.Requests[k]; r.Conforms && typed < maxSpellingRequests {
				r.TypedContext = mustJSON(fieldsTypedJSON(r.ctxFields, sr))
				typed++
			}
		}
	}
	return c
}

// spellingSalt derives the spelling generator's seed from the case's.
const spellingSalt = 0x5be111e6

func (cg *caseGen) entitiesTypedJSON(r *rand.Rand) json.RawMessage {
	type entityJSON struct {
		UID     any            `json:"uid"`
		Attrs   map[string]any `json:"attrs"`
		Parents []any          `json:"parents"`
		Tags    map[string]any `json:"tags,omitempty"`
	}
	ref := func(u UID) any { return value{kind: kEntity, uid: u}.typedJSON(r) }
	out := make([]entityJSON, len(cg.entities))
	for i, e := range cg.entities {
		out[i] = entityJSON{UID: ref(e.UID), Attrs: fieldsTypedJSON(e.Attrs, r), Parents: []any{}}
		for _, p := range e.Parents {
			out[i].Parents = append(out[i].Parents, ref(p))
		}
		if len(e.Tags) > 0 {
			out[i].Tags = fieldsTypedJSON(e.Tags, r)
		}
	}
	return mustJSON(out)
}

// templates adds up to two templates, each linked up to twice.
func (cg *caseGen) templates(c *Case) {
	for t := range cg.r.IntN(3) {
		if !cg.chance(0.5) {
			continue
		}
		id := fmt.Sprintf("template%d", t)
		var text string
		var slots []string
		var pt, rt string
		if cg.schema != nil {
			text, slots, pt, rt = cg.schemaPolicy(cg.schema, true)
		} else {
			text, slots = cg.unconstrainedTemplate()
		}
		c.Templates = append(c.Templates, Template{ID: id, Text: text})
		for l := range 1 + cg.r.IntN(2) {
			link := Link{TemplateID: id, NewID: fmt.Sprintf("%s_link%d", id, l), Values: map[string]UID{}}
			for _, s := range slots {
				switch {
				case cg.schema != nil && s == "?principal":
					link.Values[s] = cg.linkValue(pt)
				case cg.schema != nil:
					link.Values[s] = cg.linkValue(rt)
				case s == "?principal":
					link.Values[s] = cg.anyUID(ancestorTypes(principalTypes))
				default:
					link.Values[s] = cg.anyUID(ancestorTypes(resourceTypes))
				}
			}
			c.Links = append(c.Links, link)
		}
	}
}

// unconstrainedTemplate is a template over the fixed universe.
func (cg *caseGen) unconstrainedTemplate() (string, []string) {
	p := cg.policy()
	var slots []string
	scope := func(v string, types []string) string {
		if !cg.chance(0.6) {
			return cg.entityScope(v, types)
		}
		slots = append(slots, "?"+v)
		switch cg.r.IntN(3) {
		case 0:
			return v + " == ?" + v
		case 1:
			return v + " in ?" + v
		}
		return v + " is " + pick(cg.r, types) + " in ?" + v
	}
	ps, rs := scope("principal", principalTypes), scope("resource", resourceTypes)
	if len(slots) == 0 {
		ps = "principal == ?principal"
		slots = []string{"?principal"}
	}
	// Replace the generated policy's scope with the slotted one.
	head, rest, _ := strings.Cut(p, "(\n")
	_, body, _ := strings.Cut(rest, "\n)")
	lines := strings.SplitN(rest, "\n", 3)
	return fmt.Sprintf("%s(\n  %s,\n  %s,\n  %s\n)%s", head, ps, strings.TrimSuffix(strings.TrimSpace(lines[1]), ","), rs, body), slots
}

func (cg *caseGen) chance(p float64) bool { return cg.r.Float64() < p }

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// universe builds the entities: each type gets a few ids; an entity's
// parents are entities created before it, so the hierarchy is acyclic but
// can be several levels deep.
func (cg *caseGen) universe() {
	for _, typ := range allTypes {
		cg.absent = append(cg.absent, UID{typ, "nobody"})
	}
	// Actions: a group action containing others, two levels.
	all := UID{"Action", "all"}
	readish := UID{"Action", "readish"}
	cg.entities = append(cg.entities, &Entity{UID: all}, &Entity{UID: readish, Parents: []UID{all}})
	cg.actions = []UID{all, readish}
	for _, a := range actionPool {
		e := &Entity{UID: UID{"Action", a}}
		switch {
		case a == "read" || a == "share":
			e.Parents = []UID{readish}
		case cg.chance(0.7):
			e.Parents = []UID{all}
		}
		cg.entities = append(cg.entities, e)
		cg.actions = append(cg.actions, e.UID)
	}
	// Parents first: groups, folders and teams before their members.
	for _, typ := range []string{"Org::Team", "Folder", "Group", "Doc", "User"} {
		n := 1 + cg.r.IntN(cg.opts.MaxEntitiesByType)
		used := map[string]bool{}
		for range n {
			id := pick(cg.r, idPool)
			if used[id] {
				continue
			}
			used[id] = true
			e := &Entity{UID: UID{typ, id}}
			for _, pt := range parentTypes[typ] {
				cands := cg.byType[pt]
				if len(cands) > 0 && cg.chance(0.55) {
					p := pick(cg.r, cands).UID
					if p != e.UID && !containsUID(e.Parents, p) {
						e.Parents = append(e.Parents, p)
					}
				}
			}
			if cg.chance(0.05) {
				// A parent that is not in the entity set is legal.
				e.Parents = append(e.Parents, UID{pick(cg.r, parentTypes[typ]), "ghost"})
			}
			e.Attrs = cg.attrs(0.6)
			if cg.chance(0.5) {
				e.Tags = cg.tags()
			}
			cg.entities = append(cg.entities, e)
			cg.byType[typ] = append(cg.byType[typ], e)
		}
	}
}

func containsUID(us []UID, u UID) bool {
	for _, x := range us {
		if x == u {
			return true
		}
	}
	return false
}

func (cg *caseGen) entitiesJSON() json.RawMessage {
	type entityJSON struct {
		UID     UID            `json:"uid"`
		Attrs   map[string]any `json:"attrs"`
		Parents []UID          `json:"parents"`
		Tags    map[string]any `json:"tags,omitempty"`
	}
	out := make([]entityJSON, len(cg.entities))
	for i, e := range cg.entities {
		out[i] = entityJSON{UID: e.UID, Attrs: fieldsJSON(e.Attrs), Parents: e.Parents}
		if out[i].Parents == nil {
			out[i].Parents = []UID{}
		}
		if len(e.Tags) > 0 {
			out[i].Tags = fieldsJSON(e.Tags)
		}
	}
	return mustJSON(out)
}

func mustJSON(v any) json.RawMessage {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("drt: encoding generated JSON: %v", err)) // generator bug
	}
	return bytes.TrimSpace(buf.Bytes())
}

// anyUID is a reference for policies and requests: usually an existing
// entity, sometimes one that does not exist.
func (cg *caseGen) anyUID(types []string) UID {
	if cg.chance(0.06) {
		return pick(cg.r, cg.absent)
	}
	typ := pick(cg.r, types)
	if es := cg.byType[typ]; len(es) > 0 {
		return pick(cg.r, es).UID
	}
	return UID{typ, "nobody"}
}

func (cg *caseGen) request() Request {
	req := Request{
		Principal: cg.anyUID(principalTypes),
		Action:    pick(cg.r, cg.actions),
		Resource:  cg.anyUID(resourceTypes),
	}
	if cg.chance(0.03) {
		req.Action = UID{"Action", "unknown"}
	}
	req.Context = contextJSON(cg.attrs(0.7))
	return req
}

func (cg *caseGen) policies() []string {
	n := 1 + cg.r.IntN(cg.opts.MaxPolicies)
	large := cg.chance(0.1) || cg.opts.LargeOnly
	if large {
		// Large policy sets reach the authorizer's scope index, which only
		// serves sets beyond a linear-scan size.
		n = 20 + cg.r.IntN(20)
	}
	out := make([]string, n)
	for i := range out {
		if cg.schema != nil {
			out[i], _, _, _ = cg.schemaPolicy(cg.schema, false)
			continue
		}
		if large && cg.chance(0.4) {
			out[i] = cg.indexablePolicy()
			continue
		}
		out[i] = cg.policy()
	}
	return out
}

// indexablePolicy is a policy of the form the authorizer's condition index
// files (engine/authz/condindex.go): no scope constraint, and a condition
// whose first test is `V.attr == literal` (either way round) with a
// string, long or boolean literal, drawn from the pools entity and context
// values come from so that it often matches. `action` has no attributes,
// so that test is an error, which the index must report as before.
func (cg *caseGen) indexablePolicy() string {
	effect := "permit"
	if cg.chance(0.25) {
		effect = "forbid"
	}
	v := pick(cg.r, []string{"principal", "principal", "resource", "resource", "context", "action"})
	a := pick(cg.r, []attrSpec{{name: "name", kind: kString}, {name: "age", kind: kLong}, {name: "n", kind: kLong}, {name: "active", kind: kBool}, {name: "weird key", kind: kString}})
	k := a.kind
	if cg.chance(0.1) {
		k = pick(cg.r, []valueKind{kString, kLong, kBool})
	}
	lit := cg.value(k, kString, 0).cedar()
	test := access(v, a.name) + " == " + lit
	if cg.chance(0.3) {
		test = lit + " == " + access(v, a.name)
	}
	if cg.chance(0.2) {
		test = "(" + test + ")"
	}
	if cg.chance(0.5) {
		test += " && " + cg.expr(kBool, cg.opts.MaxDepth-1)
	}
	text := fmt.Sprintf("%s (principal, action, resource)\nwhen { %s }", effect, test)
	if cg.chance(0.2) {
		text += fmt.Sprintf("\nunless { %s }", cg.expr(kBool, cg.opts.MaxDepth-1))
	}
	return text + ";"
}

// SetPolicies replaces the case's policies (e.g. when shrinking a failing
// case); policy ids follow the new order.
func (c *Case) SetPolicies(list []string) {
	c.PolicyList = list
	c.Policies = strings.Join(list, "\n") + "\n"
}

func (cg *caseGen) policy() string {
	var b strings.Builder
	if cg.chance(0.1) {
		// Annotations, including @id, do not change the policy id.
		fmt.Fprintf(&b, "@id(%s)\n", quote(pick(cg.r, idPool)))
	}
	effect := "permit"
	if cg.chance(0.25) {
		effect = "forbid"
	}
	fmt.Fprintf(&b, "%s (\n  %s,\n  %s,\n  %s\n)", effect,
		cg.entityScope("principal", principalTypes), cg.actionScope(), cg.entityScope("resource", resourceTypes))
	nConds := 0
	switch x := cg.r.Float64(); {
	case x < 0.3:
	case x < 0.85:
		nConds = 1
	default:
		nConds = 2
	}
	for range nConds {
		kw := "when"
		if cg.chance(0.25) {
			kw = "unless"
		}
		fmt.Fprintf(&b, "\n%s { %s }", kw, cg.expr(kBool, cg.opts.MaxDepth))
	}
	b.WriteString(";")
	return b.String()
}

// entityScope is a principal or resource scope, biased towards entities
// and types that requests use so that scopes match often enough.
func (cg *caseGen) entityScope(v string, types []string) string {
	typ := pick(cg.r, types)
	if cg.chance(0.15) {
		typ = pick(cg.r, allTypes)
	}
	switch x := cg.r.Float64(); {
	case x < 0.5:
		return v
	case x < 0.6:
		return v + " == " + cg.anyUID(types).Cedar()
	case x < 0.75:
		return v + " in " + cg.anyUID(ancestorTypes(types)).Cedar()
	case x < 0.88:
		return v + " is " + typ
	default:
		return v + " is " + typ + " in " + cg.anyUID(ancestorTypes(types)).Cedar()
	}
}

// ancestorTypes are the types that entities of the given types (or they
// themselves) can be in.
func ancestorTypes(types []string) []string {
	out := slices.Clone(types)
	for _, t := range types {
		out = append(out, parentTypes[t]...)
	}
	return out
}

func (cg *caseGen) actionScope() string {
	switch x := cg.r.Float64(); {
	case x < 0.5:
		return "action"
	case x < 0.65:
		return "action == " + pick(cg.r, cg.actions).Cedar()
	case x < 0.8:
		return "action in " + pick(cg.r, cg.actions).Cedar()
	default:
		n := cg.r.IntN(4) // [] is legal and matches nothing
		parts := make([]string, n)
		for i := range parts {
			parts[i] = pick(cg.r, cg.actions).Cedar()
		}
		return "action in [" + strings.Join(parts, ", ") + "]"
	}
}

func caseRand(seed, i uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, i)) }
