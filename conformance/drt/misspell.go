package drt

import (
	"math/rand/v2"
	"regexp"
	"slices"
)

// Names a policy can misspell: an attribute after `.` (not a method call),
// an entity type before `::"`, an action's id.
var (
	attrAccess = regexp.MustCompile(`\.([A-Za-z_][A-Za-z0-9_]*)\b[^(]`)
	entityType = regexp.MustCompile(`\b([A-Z][A-Za-z0-9_]*)::"`)
	actionID   = regexp.MustCompile(`Action::"([A-Za-z0-9_]+)"`)
)

// misspell returns a copy of c in which about half of the policies
// misspell one attribute, entity type or action name (a letter dropped,
// doubled, swapped or recased), so the validator's "did you mean"
// suggestions are exercised.
func misspell(c *Case) *Case {
	r := caseRand(c.Seed^0xd1d, c.Index)
	out := *c
	list := slices.Clone(c.PolicyList)
	for i, p := range list {
		if r.IntN(2) == 0 {
			continue
		}
		re := []*regexp.Regexp{attrAccess, entityType, actionID}[r.IntN(3)]
		ms := re.FindAllStringSubmatchIndex(p, -1)
		if len(ms) == 0 {
			continue
		}
		m := ms[r.IntN(len(ms))]
		name := p[m[2]:m[3]]
		if name == "Action" {
			continue
		}
		list[i] = p[:m[2]] + typo(r, name) + p[m[3]:]
	}
	out.SetPolicies(list)
	return &out
}

// typo changes one letter of name.
func typo(r *rand.Rand, name string) string {
	b := []byte(name)
	i := r.IntN(len(b))
	switch r.IntN(4) {
	case 0:
		if len(b) > 1 {
			return string(append(b[:i:i], b[i+1:]...))
		}
		fallthrough
	case 1:
		return string(b[:i+1]) + string(b[i:])
	case 2:
		if i+1 < len(b) && b[i] != b[i+1] {
			b[i], b[i+1] = b[i+1], b[i]
			return string(b)
		}
		fallthrough
	default:
		switch c := b[i]; {
		case c >= 'a' && c <= 'z':
			b[i] = c - 'a' + 'A'
		case c >= 'A' && c <= 'Z':
			b[i] = c - 'A' + 'a'
		default:
			return name + "x"
		}
		return string(b)
	}
}
