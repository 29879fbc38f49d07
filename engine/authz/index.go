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
// in the unindexed list. A request then gathers the policies filed under
// its entities and their ancestors. The index may over-approximate (e.g.
// `==` filed like `in`); the scope matchers make the exact decision.
type scopeIndex struct {
	byUID     [3]map[types.EntityUID][]*entry
	byType    [3]map[types.EntityType][]*entry
	unindexed []*entry
	// multiKey marks entries filed under several UIDs (`action in [...]`),
	// which a request may reach twice.
	multiKey map[*entry]bool
}

// searchOrder is the order in which scope components are tried for
// filing: principals and resources are usually the most selective.
var searchOrder = [3]int{0, 2, 1}

// dimVars are the request variables of the three scope components.
var dimVars = [3]ast.Var{ast.VarPrincipal, ast.VarAction, ast.VarResource}

func scopeOf(e *entry, dim int) ast.Scope {
	switch dim {
	case 0:
		return e.policy.Principal
	case 1:
		return e.policy.Action
	}
	return e.policy.Resource
}

func (ix *scopeIndex) add(e *entry) {
	for _, dim := range searchOrder {
		s := scopeOf(e, dim)
		var keys []types.EntityUID
		switch s.Op {
		case ast.ScopeEq, ast.ScopeIn, ast.ScopeIsIn:
			keys = []types.EntityUID{s.Entity.UID}
		case ast.ScopeInSet:
			if len(s.Entities) == 0 {
				continue // matches nothing; leave it to another component
			}
			for _, r := range s.Entities {
				keys = append(keys, r.UID)
			}
		}
		if len(keys) == 0 {
			continue
		}
		if ix.byUID[dim] == nil {
			ix.byUID[dim] = map[types.EntityUID][]*entry{}
		}
		for _, k := range keys {
			ix.byUID[dim][k] = append(ix.byUID[dim][k], e)
		}
		if len(keys) > 1 {
			if ix.multiKey == nil {
				ix.multiKey = map[*entry]bool{}
			}
			ix.multiKey[e] = true
		}
		return
	}
	for _, dim := range searchOrder {
		if s := scopeOf(e, dim); s.Op == ast.ScopeIs {
			if ix.byType[dim] == nil {
				ix.byType[dim] = map[types.EntityType][]*entry{}
			}
			ix.byType[dim][s.Type] = append(ix.byType[dim][s.Type], e)
			return
		}
	}
	ix.unindexed = append(ix.unindexed, e)
}

// candidates appends to buf every policy whose scope may match req.
func (ix *scopeIndex) candidates(env *evaluator.Env, buf []*entry) []*entry {
	buf = append(buf, ix.unindexed...)
	req := env.Request()
	uids := [3]types.EntityUID{req.Principal, req.Action, req.Resource}
	for dim, uid := range uids {
		if m := ix.byType[dim]; m != nil {
			buf = append(buf, m[uid.Type]...)
		}
		m := ix.byUID[dim]
		if m == nil {
			continue
		}
		buf = ix.appendUnique(buf, m[uid])
		for _, anc := range env.Resolve(dimVars[dim]).Ancestors() {
			buf = ix.appendUnique(buf, m[anc])
		}
	}
	return buf
}

func (ix *scopeIndex) appendUnique(buf, es []*entry) []*entry {
	if ix.multiKey == nil {
		return append(buf, es...)
	}
next:
	for _, e := range es {
		if ix.multiKey[e] {
			for _, have := range buf {
				if have == e {
					continue next
				}
			}
		}
		buf = append(buf, e)
	}
	return buf
}
