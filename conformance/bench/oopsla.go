package bench

import (
	"bytes"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
)

// The OOPSLA 2024 paper's applications (Cutler et al., "Cedar: A New
// Language for Expressive, Fast, Safe, and Analyzable Authorization",
// §5): gdrive and github come from OpenFGA's sample stores, tinytodo is
// Cedar's TinyTodo. Their Cedar policies, schemas and Python entity
// generators are public in cedar-policy/cedar-examples, folder
// oopsla2024-benchmarks; the generators here are our own and follow the
// same setup:
//
//   - every entity type the generator takes a count for gets
//     oopslaEntitiesPerType entities (the paper ran --num-entities
//     5,10,15,20,30,40,50; we take the largest, 50), derived entities
//     (gdrive's View, github's permission groups) follow from those;
//   - every possible edge of the hierarchy (membership, ownership, view
//     grant) exists with probability oopslaConnection (0.05, as apps.rs
//     passes), and "X in Y" edges between entities of one type go only to
//     smaller indexes, so the hierarchy is a DAG;
//   - oopslaRequests requests (the paper's --num-requests 500): an action
//     drawn uniformly from the schema's, a principal and a resource drawn
//     uniformly from the existing entities of the types the action applies
//     to, the empty context (none of the three schemas declares one).
//
// Deviations: one hierarchy per application instead of the paper's 200
// (the benchmark times many passes over one request list instead), drawn
// from our fixed-seed generator, not from Python's random; and the action
// entities (which the paper's harness takes from the schema) are written
// into entities.json, as the benchmark loads entities without a schema.
//
// The expected decisions come from a direct Go model of each
// application's policies over the generated hierarchy (the allow
// functions), so every engine is checked against it as the other
// workloads' engines are against theirs.
const (
	oopslaEntitiesPerType = 50
	oopslaConnection      = 0.05
	oopslaRequests        = 500
)

// oopslaInputs are the three applications' workloads, each generated from
// its own fixed seed so adding one changes none of the others.
func oopslaInputs() []input {
	return []input{gdriveInput(), githubInput(), tinyTodoAppInput()}
}

// oopslaRand is the deterministic random source of one application.
type oopslaRand struct{ *rand.Rand }

func newOopslaRand(seed uint64) oopslaRand {
	return oopslaRand{rand.New(rand.NewPCG(seed, 0x0095_1a2024))}
}

// connected reports whether one possible edge of the hierarchy exists.
func (r oopslaRand) connected() bool { return r.Float64() < oopslaConnection }

func (r oopslaRand) pick(uids []uid) uid { return uids[r.IntN(len(uids))] }

// entityGraph is a generated entity store: the entities in the order they
// are written, their attributes as Cedar entity JSON values, and their
// parents, with the transitive `in` the models decide by.
type entityGraph struct {
	order     []uid
	attrs     map[uid]map[string]any
	parents   map[uid][]uid
	ancestors map[uid]map[uid]bool // memo of in
}

func newEntityGraph() *entityGraph {
	return &entityGraph{attrs: map[uid]map[string]any{}, parents: map[uid][]uid{}, ancestors: map[uid]map[uid]bool{}}
}

func (g *entityGraph) add(u uid, attrs map[string]any, parents []uid) {
	if attrs == nil {
		attrs = map[string]any{}
	}
	g.order = append(g.order, u)
	g.attrs[u] = attrs
	g.parents[u] = parents
}

// addActions adds action entities; each is in the next one of chain
// (github's read ∈ triage ∈ write ∈ …) when chained is true.
func (g *entityGraph) addActions(chained bool, ids ...string) {
	for i, id := range ids {
		var parents []uid
		if chained && i+1 < len(ids) {
			parents = []uid{{"Action", ids[i+1]}}
		}
		g.add(uid{"Action", id}, nil, parents)
	}
}

// in is Cedar's `a in b` between entities: a is b or b is an ancestor of
// a.
func (g *entityGraph) in(a, b uid) bool { return a == b || g.ancestorsOf(a)[b] }

// ancestorsOf is u's transitive parents (the hierarchy is a DAG).
func (g *entityGraph) ancestorsOf(u uid) map[uid]bool {
	if anc, ok := g.ancestors[u]; ok {
		return anc
	}
	anc := map[uid]bool{}
	for _, p := range g.parents[u] {
		anc[p] = true
		maps.Copy(anc, g.ancestorsOf(p))
	}
	g.ancestors[u] = anc
	return anc
}

// inAny is `a in set`: a is in some element of the set.
func (g *entityGraph) inAny(a uid, set []uid) bool {
	return slices.ContainsFunc(set, func(b uid) bool { return g.in(a, b) })
}

func (g *entityGraph) json() []byte {
	ents := make([]entityJSON, len(g.order))
	for i, u := range g.order {
		parents := make([]map[string]string, len(g.parents[u]))
		for j, p := range g.parents[u] {
			parents[j] = ref(p.Type, p.ID)
		}
		ents[i] = entityJSON{UID: ref(u.Type, u.ID), Attrs: g.attrs[u], Parents: parents}
	}
	// One entity a line, so an error's position shows the entity.
	var b bytes.Buffer
	b.WriteString("[\n")
	for i, e := range ents {
		b.Write(mustJSON(e))
		if i+1 < len(ents) {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]\n")
	return b.Bytes()
}

// uidsJSON is a set of entities as an attribute value.
func uidsJSON(uids []uid) []any {
	out := make([]any, len(uids))
	for i, u := range uids {
		out[i] = entRef(u.Type, u.ID)
	}
	return out
}

// numbered is the entities typ::"prefixI" for I < n, as the paper's
// generators name them.
func numbered(typ, prefix string, n int) []uid {
	out := make([]uid, n)
	for i := range out {
		out[i] = uid{typ, prefix + strconv.Itoa(i)}
	}
	return out
}

// drawRequests draws oopslaRequests requests: an action uniformly from
// actions, then principal and resource uniformly from the entities the
// action applies to; allow is the model's decision.
func drawRequests(r oopslaRand, actions []string, principals func(action string) []uid, resources func(action string) []uid, allow func(request) bool) []request {
	reqs := make([]request, oopslaRequests)
	for i := range reqs {
		a := actions[r.IntN(len(actions))]
		req := request{Principal: r.pick(principals(a)), Action: uid{"Action", a}, Resource: r.pick(resources(a))}
		req.Allow = allow(req)
		reqs[i] = req
	}
	return reqs
}
