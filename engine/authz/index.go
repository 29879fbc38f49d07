package authz

import (
	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/internal/evaluator"
)

// linearScanMax is the policy count up to which Authorize simply tests
// every policy's scope: below it the index costs more than it saves.
const linearScanMax = 16

// scopeIndex finds the policies whose scope can match a request without
// testing every policy. Each policy is filed under one scope component
// (principal, resource, then action, by preference): under the entities
// its `==`/`in` constraint names, else under the type its `is` names, else
// under the first test of its condition (see condIndex), else in the
// unindexed list. A request then gathers the policies filed under
// its entities and their ancestors. The index may over-approximate (e.g.
// `==` filed like `in`); the scope matchers make the exact decision.
type scopeIndex struct {
	byUID  [3]map[types.EntityUID][]*entry
	byType [3]map[types.EntityType][]*entry
	// byCond files the rest by the first test of their condition, when
	// it has a form that tells them apart; see condIndex.
	byCond    condIndex
	unindexed []*entry
	// multiKey marks entries filed under several UIDs (`action in [...]`),
	// which a request may reach twice.
	multiKey map[*entry]bool
	// buckets holds one-entry buckets allocated ahead (see file);
	// nbuckets counts those handed out.
	buckets  []*entry
	nbuckets int
}

// maxBucketBlock is the most one-entry buckets allocated together.
const maxBucketBlock = 256

// file appends e to a bucket. A new bucket is a one-entry slice of a
// block allocated ahead (blocks double up to maxBucketBlock), so a large
// set with a key per policy allocates a block at a time instead of once
// per policy; its capacity is one, so a second entry moves the bucket out
// of the block.
func (ix *scopeIndex) file(bucket []*entry, e *entry) []*entry {
	if bucket != nil {
		return append(bucket, e)
	}
	if len(ix.buckets) == 0 {
		ix.buckets = make([]*entry, min(max(ix.nbuckets, 1), maxBucketBlock))
	}
	ix.nbuckets++
	b := ix.buckets[:1:1]
	ix.buckets = ix.buckets[1:]
	b[0] = e
	return b
}

// searchOrder is the order in which scope components are tried for
// filing: principals and resources are usually the most selective.
var searchOrder = [3]int{0, 2, 1}

// dimVars are the request variables of the three scope components.
var dimVars = [3]ast.Var{ast.VarPrincipal, ast.VarAction, ast.VarResource}

func scopeOf(p *ast.Policy, dim int) *ast.Scope {
	switch dim {
	case 0:
		return &p.Principal
	case 1:
		return &p.Action
	}
	return &p.Resource
}

// uidDim is the scope component under whose entities add files p, and
// how many keys it files there; ok is false when p is filed otherwise.
func uidDim(p *ast.Policy) (dim, nkeys int, ok bool) {
	for _, dim := range searchOrder {
		s := scopeOf(p, dim)
		switch s.Op {
		case ast.ScopeEq, ast.ScopeIn, ast.ScopeIsIn:
			return dim, 1, true
		case ast.ScopeInSet:
			if len(s.Entities) > 0 { // an empty set matches nothing: leave it to another component
				return dim, len(s.Entities), true
			}
		}
	}
	return 0, 0, false
}

// grow sizes the entity tables for the entries about to be added, so
// that a large set does not regrow them along the way (each regrowth
// hashes every key again). The size is the number of keys the entries
// file, an upper bound when they share entities.
func (ix *scopeIndex) grow(entries []*entry) {
	var n [3]int
	for _, e := range entries {
		if dim, k, ok := uidDim(e.policy); ok {
			n[dim] += k
		}
	}
	for dim, k := range n {
		if k > 0 && len(ix.byUID[dim]) == 0 {
			ix.byUID[dim] = make(map[types.EntityUID][]*entry, k)
		}
	}
}

func (ix *scopeIndex) add(e *entry) {
	if dim, nkeys, ok := uidDim(e.policy); ok {
		s := scopeOf(e.policy, dim)
		if ix.byUID[dim] == nil {
			ix.byUID[dim] = map[types.EntityUID][]*entry{}
		}
		m := ix.byUID[dim]
		if s.Op != ast.ScopeInSet {
			m[s.Entity.UID] = ix.file(m[s.Entity.UID], e)
			return
		}
		for _, r := range s.Entities {
			m[r.UID] = ix.file(m[r.UID], e)
		}
		if nkeys > 1 {
			if ix.multiKey == nil {
				ix.multiKey = map[*entry]bool{}
			}
			ix.multiKey[e] = true
		}
		return
	}
	for _, dim := range searchOrder {
		if s := scopeOf(e.policy, dim); s.Op == ast.ScopeIs {
			if ix.byType[dim] == nil {
				ix.byType[dim] = map[types.EntityType][]*entry{}
			}
			ix.byType[dim][s.Type] = ix.file(ix.byType[dim][s.Type], e)
			return
		}
	}
	if !ix.byCond.add(e) {
		ix.unindexed = append(ix.unindexed, e)
	}
}

// each hands d every policy whose scope may match the request env
// describes, less those the condition index proves unsatisfied without
// error, reading the index's buckets in place (no per-request copy).
func (ix *scopeIndex) each(env *evaluator.Env, d *decider) {
	d.considerAll(ix.unindexed)
	ix.byCond.each(env, d)
	req := env.Request()
	uids := [3]types.EntityUID{req.Principal, req.Action, req.Resource}
	// seen holds the multi-key policies already handed over, which another
	// key of the same request may reach again.
	var seenBuf [8]*entry
	seen := seenBuf[:0]
	for dim, uid := range uids {
		if m := ix.byType[dim]; m != nil {
			d.considerAll(m[uid.Type])
		}
		m := ix.byUID[dim]
		if m == nil {
			continue
		}
		seen = ix.considerUnique(d, m[uid], seen)
		for _, anc := range env.Resolve(dimVars[dim]).Ancestors() {
			seen = ix.considerUnique(d, m[anc], seen)
		}
	}
}

func (ix *scopeIndex) considerUnique(d *decider, es []*entry, seen []*entry) []*entry {
	if ix.multiKey == nil {
		d.considerAll(es)
		return seen
	}
next:
	for _, e := range es {
		if ix.multiKey[e] {
			for _, have := range seen {
				if have == e {
					continue next
				}
			}
			seen = append(seen, e)
		}
		d.consider(e)
	}
	return seen
}
