package drt

import "slices"

// Shrink makes a failing case smaller while fails keeps reporting true: it
// keeps only request i, then drops policies one at a time. The returned
// case has exactly one request.
func Shrink(c *Case, i int, fails func(*Case) bool) *Case {
	cur := *c
	cur.Requests = []Request{c.Requests[i]}
	if !fails(&cur) {
		// The failure depends on something else (should not happen for
		// deterministic implementations): report the case as it was.
		return &cur
	}
	return shrinkPolicies(&cur, fails)
}

// shrinkPolicies drops static policies, links and templates (with their
// links) one at a time while fails keeps reporting true.
func shrinkPolicies(c *Case, fails func(*Case) bool) *Case {
	cur := *c
	for j := 0; j < len(cur.PolicyList) && len(cur.PolicyList) > 1; {
		next := cur
		next.SetPolicies(slices.Delete(slices.Clone(cur.PolicyList), j, j+1))
		if fails(&next) {
			cur = next
		} else {
			j++
		}
	}
	for j := 0; j < len(cur.Links); {
		next := cur
		next.Links = slices.Delete(slices.Clone(cur.Links), j, j+1)
		if fails(&next) {
			cur = next
		} else {
			j++
		}
	}
	for j := 0; j < len(cur.Templates); {
		next := cur
		id := cur.Templates[j].ID
		next.Templates = slices.Delete(slices.Clone(cur.Templates), j, j+1)
		next.Links = slices.DeleteFunc(slices.Clone(cur.Links), func(l Link) bool { return l.TemplateID == id })
		if fails(&next) {
			cur = next
		} else {
			j++
		}
	}
	return &cur
}
