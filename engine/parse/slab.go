package parse

import (
	"strconv"

	"github.com/cedar-ls/cedar-ls/engine/ast"
)

// maxNodeSlab is the most nodes of one type allocated together: large
// files then allocate a block per maxNodeSlab nodes instead of one per
// node, while a kept node pins at most a few kilobytes.
const maxNodeSlab = 64

// slab hands out values of one type from blocks allocated ahead. Blocks
// double from one up to maxNodeSlab, so a short text allocates no more
// than it needs.
type slab[T any] struct {
	free []T
	n    int // values handed out
}

// new returns a pointer to a copy of v in the slab.
func (s *slab[T]) new(v T) *T { return &s.single(v)[0] }

// single returns a one-element slice of the slab holding v. Its capacity
// is one, so appending to it moves it out of the slab.
func (s *slab[T]) single(v T) []T {
	if len(s.free) == 0 {
		s.free = make([]T, min(max(s.n, 1), maxNodeSlab))
	}
	s.n++
	out := s.free[:1:1]
	s.free = s.free[1:]
	out[0] = v
	return out
}

// policyIDs makes the default policy ids "policy0", "policy1", … a block
// at a time: one string holds the next block's ids back to back, and each
// id is a substring of it.
type policyIDs struct {
	next  int // the number of the next id to make
	block string
	ends  []int // where each id of block ends
	start int   // where the next id of block starts
}

func (ids *policyIDs) id() string {
	if len(ids.ends) == 0 {
		n := min(max(ids.next, 1), maxNodeSlab)
		var buf []byte
		for i := range n {
			buf = append(buf, "policy"...)
			buf = strconv.AppendInt(buf, int64(ids.next+i), 10)
			ids.ends = append(ids.ends, len(buf))
		}
		ids.block, ids.start = string(buf), 0
	}
	id := ids.block[ids.start:ids.ends[0]]
	ids.start, ids.ends = ids.ends[0], ids.ends[1:]
	ids.next++
	return id
}

// nodeSlabs are the slabs of the expression nodes policies use most.
type nodeSlabs struct {
	binary    slab[ast.Binary]
	unary     slab[ast.Unary]
	getAttr   slab[ast.GetAttr]
	literal   slab[ast.Literal]
	varExpr   slab[ast.VarExpr]
	paren     slab[ast.Paren]
	entityLit slab[ast.EntityLit]
	cond      slab[ast.Condition]
}
