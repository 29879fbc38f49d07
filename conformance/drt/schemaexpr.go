package drt

import (
	"fmt"
	"slices"
	"strings"
)

// typedGen generates expressions that type-check in one request
// environment of a schema: principal and resource of known entity types,
// a context record type (nil when the policy's actions disagree on it).
type typedGen struct {
	cg        *caseGen
	s         *genSchema
	principal string
	resource  string
	ctx       *sType
	paths     []path
	guards    []string // guards the expression being built needs
	mistakes  float64  // chance of a deliberately ill-typed subexpression
}

// path is an attribute (or tag) read with the `has`/`hasTag` tests that
// make it safe in strict validation.
type path struct {
	expr   string
	t      *sType
	guards []string
}

func sameType(a, b *sType) bool {
	if a.kind != b.kind {
		return false
	}
	switch a.kind {
	case kEntity:
		return a.ent == b.ent
	case kSet:
		return sameType(a.elem, b.elem)
	case kRecord:
		if len(a.attrs) != len(b.attrs) {
			return false
		}
		for i := range a.attrs {
			if a.attrs[i].name != b.attrs[i].name || a.attrs[i].required != b.attrs[i].required || !sameType(a.attrs[i].t, b.attrs[i].t) {
				return false
			}
		}
	}
	return true
}

// collectPaths lists the reads reachable from principal, resource and
// context within a few steps.
func (g *typedGen) collectPaths() {
	var walk func(expr string, t *sType, guards []string, depth int)
	walk = func(expr string, t *sType, guards []string, depth int) {
		g.paths = append(g.paths, path{expr, t, guards})
		if depth <= 0 {
			return
		}
		var attrs []sAttr
		switch t.kind {
		case kRecord:
			attrs = t.attrs
		case kEntity:
			e := g.s.entity(t.ent)
			attrs = e.attrs
			if e.tags != nil {
				k := quote(pick(g.cg.r, tagKeys))
				walk(fmt.Sprintf("%s.getTag(%s)", expr, k), e.tags, append(slices.Clone(guards), fmt.Sprintf("%s.hasTag(%s)", expr, k)), depth-1)
			}
		}
		for _, a := range attrs {
			gs := slices.Clone(guards)
			if !a.required {
				gs = append(gs, fmt.Sprintf("%s has %s", expr, attrName(a.name)))
			}
			walk(access(expr, a.name), a.t, gs, depth-1)
		}
	}
	walk("principal", &sType{kind: kEntity, ent: g.principal}, nil, 3)
	walk("resource", &sType{kind: kEntity, ent: g.resource}, nil, 3)
	if g.ctx != nil {
		walk("context", g.ctx, nil, 3)
	}
}

func (g *typedGen) pathsOf(t *sType) []path {
	var out []path
	for _, p := range g.paths {
		if sameType(p.t, t) {
			out = append(out, p)
		}
	}
	return out
}

// read uses a path of type t, registering its guards; false when none.
func (g *typedGen) read(t *sType) (string, bool) {
	ps := g.pathsOf(t)
	if len(ps) == 0 {
		return "", false
	}
	p := pick(g.cg.r, ps)
	if !g.cg.chance(g.mistakes) { // rarely, an unguarded optional read
		for _, gd := range p.guards {
			if !slices.Contains(g.guards, gd) {
				g.guards = append(g.guards, gd)
			}
		}
	}
	return p.expr, true
}

// cond is a boolean at a guard point: the guards its reads need come first,
// so `&&` gives strict validation the capabilities it needs.
func (g *typedGen) cond(depth int) string {
	saved := g.guards
	g.guards = nil
	e := g.texpr(&sType{kind: kBool}, depth)
	if len(g.guards) > 0 {
		e = "(" + strings.Join(g.guards, " && ") + " && " + e + ")"
	}
	g.guards = saved
	return e
}

var (
	tBool   = &sType{kind: kBool}
	tLong   = &sType{kind: kLong}
	tString = &sType{kind: kString}
)

// texpr is an expression of schema type t.
func (g *typedGen) texpr(t *sType, depth int) string {
	cg := g.cg
	if cg.chance(g.mistakes) {
		return cg.expr(valueKind(cg.r.IntN(int(numKinds))), 1)
	}
	if depth <= 0 || cg.chance(0.25) {
		return g.tleaf(t)
	}
	d := depth - 1
	switch t.kind {
	case kBool:
		return g.tbool(d)
	case kLong:
		switch cg.r.IntN(6) {
		case 0:
			return fmt.Sprintf("(%s %s %s)", g.texpr(tLong, d), pick(cg.r, []string{"+", "-", "*"}), g.texpr(tLong, d))
		case 1:
			return "(-" + unaryOperand(g.texpr(tLong, d), '!') + ")"
		case 2:
			return fmt.Sprintf("%s.%s()", g.texpr(&sType{kind: kDuration}, d), pick(cg.r, []string{"toMilliseconds", "toSeconds", "toMinutes", "toHours", "toDays"}))
		case 3:
			return g.tite(t, d)
		}
	case kDatetime:
		switch cg.r.IntN(4) {
		case 0:
			return fmt.Sprintf("%s.offset(%s)", g.texpr(t, d), g.texpr(&sType{kind: kDuration}, d))
		case 1:
			return g.texpr(t, d) + ".toDate()"
		}
	case kDuration:
		switch cg.r.IntN(4) {
		case 0:
			dt := &sType{kind: kDatetime}
			return fmt.Sprintf("%s.durationSince(%s)", g.texpr(dt, d), g.texpr(dt, d))
		case 1:
			return g.texpr(&sType{kind: kDatetime}, d) + ".toTime()"
		}
	case kSet:
		if cg.chance(0.5) {
			parts := make([]string, 1+cg.r.IntN(3))
			for i := range parts {
				parts[i] = g.texpr(t.elem, d)
			}
			return "[" + strings.Join(parts, ", ") + "]"
		}
	case kRecord:
		return g.recordLit(t, d)
	}
	if cg.chance(0.15) {
		return g.tite(t, d)
	}
	return g.tleaf(t)
}

func (g *typedGen) tite(t *sType, d int) string {
	return fmt.Sprintf("(if %s then %s else %s)", g.cond(d), g.texpr(t, d), g.texpr(t, d))
}

func (g *typedGen) recordLit(t *sType, d int) string {
	var parts []string
	for _, a := range t.attrs {
		if a.required || g.cg.chance(0.5) {
			parts = append(parts, quote(a.name)+": "+g.texpr(a.t, d))
		}
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// tleaf is a read or a literal of type t.
func (g *typedGen) tleaf(t *sType) string {
	cg := g.cg
	if cg.chance(0.6) {
		if s, ok := g.read(t); ok {
			return s
		}
	}
	switch t.kind {
	case kEntity:
		switch {
		case t.ent == g.principal && cg.chance(0.3):
			return "principal"
		case t.ent == g.resource && cg.chance(0.3):
			return "resource"
		}
		return pick(cg.r, cg.byType[t.ent]).UID.Cedar()
	case kSet:
		parts := make([]string, 1+cg.r.IntN(2))
		for i := range parts {
			parts[i] = g.tleaf(t.elem)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case kRecord:
		return g.recordLit(t, 0)
	case kLong:
		return cg.leafLiteral(kLong)
	}
	return cg.leafLiteral(t.kind)
}

// someType is a type to compare or collect: one that paths have, or a
// primitive.
func (g *typedGen) someType() *sType {
	if g.cg.chance(0.6) {
		p := pick(g.cg.r, g.paths)
		if p.t.kind != kRecord {
			return p.t
		}
	}
	return pick(g.cg.r, []*sType{tLong, tString, tBool, {kind: kEntity, ent: g.principal}, {kind: kEntity, ent: g.resource}, {kind: kIP}, {kind: kDecimal}})
}

func (g *typedGen) tbool(d int) string {
	cg := g.cg
	switch cg.r.IntN(16) {
	case 0, 1:
		return fmt.Sprintf("(%s %s %s)", g.texpr(tLong, d), pick(cg.r, []string{"<", "<=", ">", ">="}), g.texpr(tLong, d))
	case 2, 3:
		t := g.someType()
		return fmt.Sprintf("(%s %s %s)", g.texpr(t, d), pick(cg.r, []string{"==", "!="}), g.texpr(t, d))
	case 4:
		// Entity membership, against an entity or a set of entities.
		lt := pick(cg.r, []string{g.principal, g.resource})
		rt := pick(cg.r, g.s.ancestorsOf(lt))
		lhs := g.texpr(&sType{kind: kEntity, ent: lt}, d)
		if cg.chance(0.3) {
			return fmt.Sprintf("(%s in %s)", lhs, g.texpr(&sType{kind: kSet, elem: &sType{kind: kEntity, ent: rt}}, d))
		}
		return fmt.Sprintf("(%s in %s)", lhs, g.texpr(&sType{kind: kEntity, ent: rt}, d))
	case 5:
		lt := pick(cg.r, []string{g.principal, g.resource})
		is := pick(cg.r, g.s.entities).name
		if cg.chance(0.5) {
			return fmt.Sprintf("(%s is %s)", g.texpr(&sType{kind: kEntity, ent: lt}, d), is)
		}
		rt := pick(cg.r, g.s.ancestorsOf(is))
		return fmt.Sprintf("(%s is %s in %s)", g.texpr(&sType{kind: kEntity, ent: lt}, d), is, g.texpr(&sType{kind: kEntity, ent: rt}, d))
	case 6:
		// has on an entity or record read; any attribute name.
		var bases []path
		for _, p := range g.paths {
			if p.t.kind == kRecord || p.t.kind == kEntity && g.s.entity(p.t.ent).enum == nil {
				bases = append(bases, p)
			}
		}
		if len(bases) == 0 {
			return g.tleaf(tBool)
		}
		p := pick(cg.r, bases)
		for _, gd := range p.guards {
			if !slices.Contains(g.guards, gd) {
				g.guards = append(g.guards, gd)
			}
		}
		return fmt.Sprintf("(%s has %s)", p.expr, attrName(pick(cg.r, schemaAttrNames)))
	case 7:
		return fmt.Sprintf("(%s like %s)", g.texpr(tString, d), cg.pattern())
	case 8:
		elem := g.someType()
		set := g.texpr(&sType{kind: kSet, elem: elem}, d)
		switch cg.r.IntN(4) {
		case 0:
			return set + ".isEmpty()"
		case 1:
			return fmt.Sprintf("%s.contains(%s)", set, g.texpr(elem, d))
		case 2:
			return fmt.Sprintf("%s.containsAll(%s)", set, g.texpr(&sType{kind: kSet, elem: elem}, d))
		default:
			return fmt.Sprintf("%s.containsAny(%s)", set, g.texpr(&sType{kind: kSet, elem: elem}, d))
		}
	case 9:
		return fmt.Sprintf("(%s && %s)", g.cond(d), g.cond(d))
	case 10:
		return fmt.Sprintf("(%s || %s)", g.cond(d), g.cond(d))
	case 11:
		return "!" + unaryOperand(g.cond(d), '-')
	case 12:
		dec := &sType{kind: kDecimal}
		return fmt.Sprintf("%s.%s(%s)", g.texpr(dec, d), pick(cg.r, []string{"lessThan", "lessThanOrEqual", "greaterThan", "greaterThanOrEqual"}), g.texpr(dec, d))
	case 13:
		ip := &sType{kind: kIP}
		if cg.chance(0.4) {
			return fmt.Sprintf("%s.isInRange(%s)", g.texpr(ip, d), g.texpr(ip, d))
		}
		return fmt.Sprintf("%s.%s()", g.texpr(ip, d), pick(cg.r, []string{"isIpv4", "isIpv6", "isLoopback", "isMulticast"}))
	case 14:
		t := &sType{kind: pick(cg.r, []valueKind{kDatetime, kDuration})}
		return fmt.Sprintf("(%s %s %s)", g.texpr(t, d), pick(cg.r, []string{"<", "<=", ">", ">="}), g.texpr(t, d))
	default:
		// hasTag on an entity whose type has tags.
		for _, p := range shuffled(cg.r, g.paths) {
			if p.t.kind == kEntity && g.s.entity(p.t.ent).tags != nil {
				for _, gd := range p.guards {
					if !slices.Contains(g.guards, gd) {
						g.guards = append(g.guards, gd)
					}
				}
				return fmt.Sprintf("%s.hasTag(%s)", p.expr, g.texpr(tString, d))
			}
		}
		return g.tite(tBool, d)
	}
}

// leafLiteral is a literal of a primitive or extension kind, with valid
// extension arguments (strict validation rejects invalid literals).
func (cg *caseGen) leafLiteral(k valueKind) string {
	switch k {
	case kBool:
		return pick(cg.r, []string{"true", "false"})
	case kLong:
		n := cg.longText()
		if n < 0 {
			return fmt.Sprintf("(%d)", n)
		}
		return fmt.Sprint(n)
	case kString:
		return cg.escapedQuote(pick(cg.r, stringPool))
	case kDecimal, kIP, kDatetime, kDuration:
		pool := map[valueKind][]string{kDecimal: decimalPool, kIP: ipPool, kDatetime: datetimePool, kDuration: durationPool}[k]
		return extFunc[k] + "(" + quote(pick(cg.r, pool)) + ")"
	}
	return "true"
}

// schemaPolicy is one policy (or template, with the slots it uses) for the
// schema: the scope picks actions and the principal and resource types,
// and the body type-checks for them.
func (cg *caseGen) schemaPolicy(s *genSchema, template bool) (text string, slots []string, principalType, resourceType string) {
	at := s.actionType()
	var applicable []*sAction
	for _, a := range s.actions {
		if len(a.principals) > 0 {
			applicable = append(applicable, a)
		}
	}
	base := pick(cg.r, applicable)
	covered := []*sAction{base}
	var actionScope string
	switch x := cg.r.Float64(); {
	case x < 0.5:
		actionScope = "action == " + UID{at, base.id}.Cedar()
	case x < 0.7 && base.shared:
		refs := []string{UID{at, base.id}.Cedar()}
		for _, a := range applicable {
			if a != base && a.shared && cg.chance(0.5) {
				covered = append(covered, a)
				refs = append(refs, UID{at, a.id}.Cedar())
			}
		}
		actionScope = "action in [" + strings.Join(shuffled(cg.r, refs), ", ") + "]"
	case x < 0.85 && len(base.memberOf) > 0:
		group := base.memberOf[0]
		covered = nil
		for _, a := range applicable {
			if s.actionIn(a.id, group) {
				covered = append(covered, a)
			}
		}
		actionScope = "action in " + UID{at, group}.Cedar()
	default:
		covered = applicable
		actionScope = "action"
	}
	p, r := pick(cg.r, base.principals), pick(cg.r, base.resources)
	onlyP, onlyR := true, true
	var ctx *sType
	allShared := true
	for _, a := range covered {
		onlyP = onlyP && len(a.principals) == 1 && a.principals[0] == p
		onlyR = onlyR && len(a.resources) == 1 && a.resources[0] == r
		allShared = allShared && a.shared
	}
	switch {
	case len(covered) == 1:
		ctx = covered[0].context
	case allShared:
		ctx = s.commonCtx
	}
	slotP, slotR := false, false
	if template {
		slotP = cg.chance(0.6)
		slotR = !slotP || cg.chance(0.4)
	}
	ps := cg.typedScope("principal", p, onlyP, slotP)
	rs := cg.typedScope("resource", r, onlyR, slotR)
	if slotP {
		slots = append(slots, "?principal")
	}
	if slotR {
		slots = append(slots, "?resource")
	}
	g := &typedGen{cg: cg, s: s, principal: p, resource: r, ctx: ctx, mistakes: 0.01}
	g.collectPaths()
	var b strings.Builder
	if cg.chance(0.1) {
		fmt.Fprintf(&b, "@id(%s)\n", quote(pick(cg.r, idPool)))
	}
	effect := "permit"
	if cg.chance(0.25) {
		effect = "forbid"
	}
	fmt.Fprintf(&b, "%s (\n  %s,\n  %s,\n  %s\n)", effect, ps, actionScope, rs)
	for range cg.r.IntN(3) {
		kw := "when"
		if cg.chance(0.25) {
			kw = "unless"
		}
		fmt.Fprintf(&b, "\n%s { %s }", kw, g.cond(cg.opts.MaxDepth))
	}
	b.WriteString(";")
	return b.String(), slots, p, r
}

// actionIn reports whether action id is (transitively) in group.
func (s *genSchema) actionIn(id, group string) bool {
	if id == group {
		return true
	}
	a := s.action(id)
	for _, m := range a.memberOf {
		if s.actionIn(m, group) {
			return true
		}
	}
	return false
}

// typedScope is a principal or resource scope that admits type t (only
// when `only`, i.e. when the policy's actions allow no other type, may the
// scope leave the type open).
func (cg *caseGen) typedScope(v, t string, only, slot bool) string {
	anc := func() string {
		at := pick(cg.r, cg.schema.ancestorsOf(t))
		return pick(cg.r, cg.byType[at]).UID.Cedar()
	}
	if slot {
		if only && cg.chance(0.6) {
			return v + pick(cg.r, []string{" == ", " in "}) + "?" + v
		}
		return v + " is " + t + " in ?" + v
	}
	switch x := cg.r.Float64(); {
	case x < 0.3 && only:
		return v
	case x < 0.5 && only:
		return v + " in " + anc()
	case x < 0.7:
		return v + " is " + t
	case x < 0.85:
		return v + " == " + pick(cg.r, cg.byType[t]).UID.Cedar()
	default:
		return v + " is " + t + " in " + anc()
	}
}

// linkValue is an entity to link a template slot to: of the scope's type
// or one of its ancestors.
func (cg *caseGen) linkValue(t string) UID {
	at := pick(cg.r, cg.schema.ancestorsOf(t))
	return pick(cg.r, cg.byType[at]).UID
}
