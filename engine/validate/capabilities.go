package validate

import (
	"strconv"

	"github.com/cedar-ls/cedar-ls/engine/ast"
)

// capability is a fact established by a `has` or `hasTag` test that came
// out true: attribute (or tag) attr of the expression whose key is key is
// present.
type capability struct {
	key, attr string
	tag       bool
}

// capSet is an immutable list of capabilities; union and intersection
// build new lists.
type capSet []capability

func (cs capSet) has(key, attr string, tag bool) bool {
	for _, c := range cs {
		if c.key == key && c.attr == attr && c.tag == tag {
			return true
		}
	}
	return false
}

func union(a, b capSet) capSet {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := make(capSet, 0, len(a)+len(b))
	out = append(out, a...)
	for _, c := range b {
		if !out.has(c.key, c.attr, c.tag) {
			out = append(out, c)
		}
	}
	return out
}

func intersect(a, b capSet) capSet {
	var out capSet
	for _, c := range a {
		if b.has(c.key, c.attr, c.tag) {
			out = append(out, c)
		}
	}
	return out
}

// hasPathKeys lists the capability key of each prefix of a `has` test's
// path before its last attribute: keys[i] is the key of the expression
// whose attribute Path[i] is tested. They are built once per policy, not
// in every environment.
func (c *checker) hasPathKeys(n *ast.Has) []string {
	if keys, ok := c.run.hasKeys[n]; ok {
		return keys
	}
	keys := make([]string, len(n.Path))
	key := c.key(n.Arg)
	for i, attr := range n.Path {
		keys[i] = key
		key = key + "." + strconv.Quote(attr)
	}
	c.run.hasKeys[n] = keys
	return keys
}
