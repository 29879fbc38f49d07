package analysis

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/cedar-ls/cedar-ls/engine"
	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
)

// The inputs of inline authorization (tests files, request files, the
// coverage of policies, explain, evaluate): which policies, schema and
// entities a file is authorized against. The rules, documented in
// docs/lsp-protocol.md:
//
//   - Policies: the policy files (*.cedar, *.cedar.json) of the nearest
//     folder at or above the file that holds any, read as if concatenated
//     in path order (so policies without @id are policy0, policy1, … across
//     the files, as `cat *.cedar | cedar authorize` would number them).
//     Policies with parse errors are skipped (the file's diagnostics show
//     them). Template links come from the file's links files.
//   - Schema: SchemaFor, as for diagnostics; requests and entities are read
//     by it and validated against it, as `authorize -s` does.
//   - Entities: the entities files of the association (merged), or for a
//     test, the test's own `entities`.

// PolicyRef is where one policy of a policy source is written.
type PolicyRef struct {
	ID     string
	Effect ast.Effect
	File   *File
	// Span is the whole policy; Head its effect keyword; Conditions its
	// when/unless clauses (zero when it has none). All zero for policies
	// read from JSON, which carry no positions.
	Span, Head, Conditions Span
	// Template is the template a linked policy instantiates.
	Template string
	Policy   *ast.Policy
}

// AuthzPolicies is the policy set a file is authorized against, with where
// each policy is written.
type AuthzPolicies struct {
	Set   *engine.PolicySet
	Files []*File
	// Refs lists static policies, templates and links in order.
	Refs []*PolicyRef
	byID map[string]*PolicyRef
	// Problems are reasons policies were left out (parse errors, duplicate
	// ids, bad links), for the editor to mention.
	Problems []string
	key      string
	// byAST maps each policy as parsed (before renaming) to its ref, for
	// the next build to reuse; prev is that previous build, during a build.
	byAST map[*ast.Policy]*PolicyRef
	prev  *AuthzPolicies
	slab  []PolicyRef // the refs of the policies, allocated at once
}

// Ref is the policy with the id, or nil.
func (ps *AuthzPolicies) Ref(id string) *PolicyRef { return ps.byID[id] }

// Covers reports whether the policy file at path is part of the source.
func (ps *AuthzPolicies) Covers(path string) bool {
	for _, f := range ps.Files {
		if f.Path == path {
			return true
		}
	}
	return false
}

// Key identifies the source's content, for caches.
func (ps *AuthzPolicies) Key() string { return ps.key }

// PolicyFilesFor lists the policy files a file at path is authorized
// against by default: those of the nearest folder at or above it holding
// any.
func (s *Snapshot) PolicyFilesFor(path string) []*File {
	var files []*File
	s.walkUp(path, func(dir string) bool {
		for _, n := range s.namesIn(dir) {
			p := filepath.Join(dir, n)
			if k := s.KindOf(p); k == KindPolicy || k == KindPolicyJSON {
				if f := s.FileAt(p); f != nil {
					files = append(files, f)
				}
			}
		}
		return len(files) > 0
	})
	return files
}

// AuthzPoliciesFor builds (or finds in the cache) the policy source of the
// given policy files with the links files of the file at path.
func (s *Snapshot) AuthzPoliciesFor(path string, files []*File) *AuthzPolicies {
	links := s.AssociationFor(path).Links
	var key strings.Builder
	for _, f := range files {
		fmt.Fprintf(&key, "%s\x00%x\x01", f.Path, f.Hash())
	}
	var linkFiles []*File
	for _, p := range links {
		if f := s.FileAt(p); f != nil {
			linkFiles = append(linkFiles, f)
			fmt.Fprintf(&key, "L%s\x00%x\x01", f.Path, f.Hash())
		}
	}
	k := key.String()
	if ps, ok := authzPolicySets.get(k); ok {
		return ps.(*AuthzPolicies)
	}
	// The last set built from the same files lends the policies that did
	// not change their compiled form (an edit recompiles one policy).
	var paths strings.Builder
	for _, f := range files {
		paths.WriteString(f.Path + "\x00")
	}
	var prev *AuthzPolicies
	if v, ok := lastAuthzPolicies.get(paths.String()); ok {
		prev = v.(*AuthzPolicies)
	}
	ps := buildPolicySource(files, linkFiles, prev)
	ps.key = k
	authzPolicySets.put(k, ps)
	lastAuthzPolicies.put(paths.String(), ps)
	return ps
}

func buildPolicySource(files, linkFiles []*File, prev *AuthzPolicies) *AuthzPolicies {
	size := 0
	for _, f := range files {
		if pf := f.Policies(); pf != nil {
			size += len(pf.AST.Policies)
		}
	}
	ps := &AuthzPolicies{
		Set: mustEmptySet(), Files: files, Refs: make([]*PolicyRef, 0, size), slab: make([]PolicyRef, 0, size),
		byID: make(map[string]*PolicyRef, size), byAST: make(map[*ast.Policy]*PolicyRef, size), prev: prev,
	}
	ps.Set.Grow(size)
	renumber := len(files) > 1
	n := 0
	for _, f := range files {
		if f.Kind == KindPolicyJSON {
			set, err := engine.ParsePoliciesJSON(f.Path, f.Text)
			if err != nil {
				ps.Problems = append(ps.Problems, fmt.Sprintf("%s is left out: it has errors", filepath.Base(f.Path)))
				continue
			}
			for _, p := range set.Written() {
				ps.add(f, p, p.ID, Span{}, false)
				n++
			}
			continue
		}
		pf := f.Policies()
		broken := 0
		for _, p := range pf.AST.Policies {
			id := p.ID
			if renumber {
				id = "policy" + strconv.Itoa(n)
			}
			n++
			if p.HasErrors() {
				broken++
				continue
			}
			ps.add(f, p, id, Span(p.Span), true)
		}
		if broken > 0 {
			ps.Problems = append(ps.Problems, fmt.Sprintf("%s of %s with parse errors left out", plural(broken, "policy", "policies"), filepath.Base(f.Path)))
		}
	}
	for _, lf := range linkFiles {
		links, err := engine.ParseTemplateLinks(lf.Path, lf.Text)
		if err != nil {
			ps.Problems = append(ps.Problems, fmt.Sprintf("%s is left out: it has errors", filepath.Base(lf.Path)))
			continue
		}
		for _, l := range links {
			if err := engine.Link(ps.Set, l); err != nil {
				ps.Problems = append(ps.Problems, err.Error())
				continue
			}
			ref := &PolicyRef{ID: l.LinkID, File: lf, Span: Span(l.Span), Head: Span(l.Span), Template: l.TemplateID}
			if t := ps.byID[l.TemplateID]; t != nil {
				ref.Effect, ref.Policy = t.Effect, t.Policy
			}
			ps.Refs = append(ps.Refs, ref)
			ps.byID[ref.ID] = ref
		}
	}
	ps.prev = nil
	return ps
}

// add puts a policy into the set under the id its @id annotation gives it
// (else id), as engine.NewPolicySet does; a policy the previous set holds
// unchanged (the same syntax tree) is taken from it as compiled there.
func (ps *AuthzPolicies) add(f *File, p *ast.Policy, id string, span Span, positioned bool) {
	parsed := p
	id = idOf(p, id)
	reused := false
	if old := ps.prev.astRef(p); old != nil && old.ID == id {
		ok, err := ps.Set.AddFrom(ps.prev.Set, id, old.Policy)
		if err != nil {
			ps.Problems = append(ps.Problems, fmt.Sprintf("policy %s of %s is left out: %v", id, filepath.Base(f.Path), err))
			return
		}
		if ok {
			p, reused = old.Policy, true
		}
	}
	if !reused {
		if id != p.ID {
			renamed := *p
			renamed.ID = id
			p = &renamed
		}
		if err := ps.Set.Add(p); err != nil {
			ps.Problems = append(ps.Problems, fmt.Sprintf("policy %s of %s is left out: %v", id, filepath.Base(f.Path), err))
			return
		}
	}
	var ref *PolicyRef
	if len(ps.slab) < cap(ps.slab) {
		ps.slab = append(ps.slab, PolicyRef{ID: id, Effect: p.Effect, File: f, Span: span, Policy: p})
		ref = &ps.slab[len(ps.slab)-1]
	} else {
		ref = &PolicyRef{ID: id, Effect: p.Effect, File: f, Span: span, Policy: p}
	}
	if positioned {
		ref.Head = Span(p.EffectSpan)
		if len(p.Conditions) > 0 {
			ref.Conditions = Span{p.Conditions[0].Span.Start, p.Conditions[len(p.Conditions)-1].Span.End}
		}
	}
	ps.Refs = append(ps.Refs, ref)
	ps.byID[id] = ref
	ps.byAST[parsed] = ref
}

// astRef is the ref of the policy parsed as p (nil when none, or ps is nil).
func (ps *AuthzPolicies) astRef(p *ast.Policy) *PolicyRef {
	if ps == nil {
		return nil
	}
	return ps.byAST[p]
}

// idOf is the id a policy takes: its @id annotation's value, else id.
func idOf(p *ast.Policy, id string) string {
	for _, a := range p.Annotations {
		if a.Key == "id" && a.HasValue {
			id = a.Value
		}
	}
	return id
}

// AuthzSchema is the schema requests and entities of a file are read by:
// nil when there is none; an error when the schema has errors (nothing is
// decided then, as `authorize -s` decides nothing with a broken schema).
func (s *Snapshot) AuthzSchema(uri string) (*engine.Schema, error) {
	sc := s.SchemaFor(uri)
	if sc == nil {
		return nil, nil
	}
	if sc.Resolved == nil {
		return nil, fmt.Errorf("the schema has %s; fix it to authorize", plural(len(sc.Errors), "error", "errors"))
	}
	return sc.Resolved, nil
}

// requestOptions read requests by the schema and validate them against
// it, as `authorize -s` does by default.
func requestOptions(s *engine.Schema) engine.RequestOptions {
	return engine.RequestOptions{Schema: s, Validate: s != nil}
}

// LoadEntitiesFiles reads and merges entities files by the schema; the
// error is the first file's problems, with positions.
func (s *Snapshot) LoadEntitiesFiles(paths []string, sch *engine.Schema) (*engine.Entities, error) {
	var files []*File
	for _, p := range paths {
		f := s.FileAt(p)
		if f == nil {
			return nil, fmt.Errorf("entities file %s cannot be read", p)
		}
		files = append(files, f)
	}
	var key strings.Builder
	fmt.Fprintf(&key, "%p\x01", sch)
	for _, f := range files {
		fmt.Fprintf(&key, "%s\x00%x\x01", f.Path, f.Hash())
	}
	if v, ok := entityStores.get(key.String()); ok {
		if r := v.(entitiesResult); r.schema == sch {
			return r.store, r.err
		}
	}
	r := entitiesResult{schema: sch}
	switch len(files) {
	case 0:
		r.store, r.err = engine.NewEntities(nil, sch)
	case 1:
		r.store, r.err = engine.LoadEntities(files[0].Path, files[0].Text, sch)
	default:
		var list []*engine.Entity
		for _, f := range files {
			var part []*engine.Entity
			var err error
			if sch != nil {
				part, err = entitiesjson.ParseWithSchema(f.Text, sch)
			} else {
				part, err = entitiesjson.Parse(f.Text)
			}
			if err != nil {
				r.err = engine.InputError(f.Path, f.Text, err)
				break
			}
			list = append(list, part...)
		}
		if r.err == nil {
			r.store, r.err = engine.NewEntities(list, sch)
		}
	}
	entityStores.put(key.String(), r)
	return r.store, r.err
}

// loadEntitiesText reads entities given inline (a test's array).
func loadEntitiesText(name string, text []byte, sch *engine.Schema) (*engine.Entities, error) {
	key := fmt.Sprintf("%p\x01inline\x00%s", sch, text)
	if v, ok := entityStores.get(key); ok {
		if r := v.(entitiesResult); r.schema == sch {
			return r.store, r.err
		}
	}
	r := entitiesResult{schema: sch}
	r.store, r.err = engine.LoadEntities(name, text, sch)
	entityStores.put(key, r)
	return r.store, r.err
}

// entitiesResult is a cached read of entities; it keeps the schema it was
// read by, which the cache key names by address.
type entitiesResult struct {
	schema *engine.Schema
	store  *engine.Entities
	err    error
}

// NearestRequestFile is the request file of a file: the file itself when
// it is one, else the first (by name) request file of the nearest folder
// at or above it holding any; nil when there is none.
func (s *Snapshot) NearestRequestFile(path string) *File {
	if s.KindOf(path) == KindRequest {
		return s.FileAt(path)
	}
	var found *File
	s.walkUp(path, func(dir string) bool {
		names := s.namesIn(dir)
		sort.Strings(names)
		for _, n := range names {
			p := filepath.Join(dir, n)
			if s.KindOf(p) == KindRequest {
				if found = s.FileAt(p); found != nil {
					return true
				}
			}
		}
		return false
	})
	return found
}

// lru is a small cache of recent results by key (content-addressed, so it
// can be shared by every snapshot and workspace).
type lru struct {
	mu    sync.Mutex
	max   int
	byKey map[string]any
	order []string
}

func newLRU(max int) *lru { return &lru{max: max, byKey: map[string]any{}} }

func (c *lru) get(k string) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.byKey[k]
	return v, ok
}

func (c *lru) put(k string, v any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byKey[k]; !ok {
		c.order = append(c.order, k)
	}
	c.byKey[k] = v
	for len(c.order) > c.max {
		delete(c.byKey, c.order[0])
		c.order = c.order[1:]
	}
}

var (
	authzPolicySets   = newLRU(4)
	lastAuthzPolicies = newLRU(4) // by the policy files' paths
	entityStores      = newLRU(64)
)

func mustEmptySet() *engine.PolicySet {
	ps, _ := engine.NewPolicySet(nil) // no policies, no errors
	return ps
}
