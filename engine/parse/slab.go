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

// new returns a pointer to a zero value in the slab. Callers fill it in
// with a composite literal of the concrete type, which the compiler
// writes field by field; copying a value in here (generic code) would go
// through a slower typed copy.
func (s *slab[T]) new() *T { return &s.single()[0] }

// single returns a one-element slice of the slab holding a zero value.
// Its capacity is one, so appending to it moves it out of the slab.
func (s *slab[T]) single() []T {
	if len(s.free) == 0 {
		s.free = make([]T, min(max(s.n, 1), maxNodeSlab))
	}
	s.n++
	out := s.free[:1:1]
	s.free = s.free[1:]
	return out
}

// policyIDs makes the default policy ids "policy0", "policy1", … a block
// at a time: one string holds the next block's ids back to back, and each
// id is a substring of it.
type policyIDs struct {
	next  int // the number of the next id to make
	block string
	ends  [maxNodeSlab]int // where each id of block ends
	n, i  int              // ids in block; the index of the next one
	start int              // where the next id of block starts
}

func (ids *policyIDs) id() string {
	if ids.i == ids.n {
		n := min(max(ids.next, 1), maxNodeSlab)
		var text [maxNodeSlab * len("policy-9223372036854775808")]byte
		buf := text[:0]
		for i := range n {
			buf = append(buf, "policy"...)
			buf = strconv.AppendInt(buf, int64(ids.next+i), 10)
			ids.ends[i] = len(buf)
		}
		ids.block, ids.n, ids.i, ids.start = string(buf), n, 0, 0
	}
	end := ids.ends[ids.i]
	id := ids.block[ids.start:end]
	ids.start, ids.i = end, ids.i+1
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
