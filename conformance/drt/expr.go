package drt

import (
	"fmt"
	"math"
	"strings"
)

// attrSpec is an attribute the universe uses with (mostly) one kind, so
// policies that read it usually type-check; elem is a set's element kind.
type attrSpec struct {
	name string
	kind valueKind
	elem valueKind
}

var attrPool = []attrSpec{
	{name: "name", kind: kString},
	{name: "age", kind: kLong},
	{name: "n", kind: kLong},
	{name: "active", kind: kBool},
	{name: "owner", kind: kEntity},
	{name: "labels", kind: kSet, elem: kString},
	{name: "nums", kind: kSet, elem: kLong},
	{name: "friends", kind: kSet, elem: kEntity},
	{name: "info", kind: kRecord},
	{name: "score", kind: kDecimal},
	{name: "addr", kind: kIP},
	{name: "since", kind: kDatetime},
	{name: "ttl", kind: kDuration},
	{name: "weird key", kind: kString},
}

// infoFields is the shape of the "info" record (fields may be absent).
var infoFields = []attrSpec{
	{name: "level", kind: kLong},
	{name: "tag", kind: kString},
	{name: "inner", kind: kRecord},
}

var tagKeys = []string{"color", "t0", "t1"}

var (
	stringPool   = []string{"", "a", "ab", "abc", "hello", "hello world", "*", "a*b", "ünï", "tab\there", "alice", "nul\x00", "it's"}
	decimalPool  = []string{"0.0", "1.5", "-2.25", "12.3456", "0.0001", "922337203685477.5807", "-922337203685477.5808", "3.0", "1.50", "-0.0"}
	ipPool       = []string{"10.0.0.1", "10.0.0.0/8", "192.168.1.1", "127.0.0.1", "::1", "ff02::1", "224.0.0.1", "2001:db8::/32", "0.0.0.0/0", "10.1.2.3", "10.0.0.1/24", "10.0.0.1/32", "127.0.0.0/8"}
	datetimePool = []string{"2024-01-01", "2024-02-29T12:00:00Z", "2024-10-15T11:38:02.123Z", "2024-10-15T11:38:02+0100", "1970-01-01", "1969-12-31T23:59:59Z", "2024-10-15T10:38:02.123Z", "2024-10-15T12:38:02.123+0100"}
	durationPool = []string{"1h", "2d3h", "-1d", "30m", "1s", "500ms", "1d2h3m4s5ms", "0ms", "60m", "3600000ms", "-1h30m"}
	// badExt are arguments the extension constructors reject; they only
	// appear in policy text, where they are evaluation errors.
	badExt = map[valueKind][]string{
		kDecimal:  {"1.23456", "abc", "1e3"},
		kIP:       {"10.0.0.256", "::g", "1.2.3.4/33", "::ffff:10.0.0.1"},
		kDatetime: {"2024-13-01", "2024-01-01T25:00:00Z", "yesterday"},
		kDuration: {"1x", "", "5"},
	}
)

// longJSON is a long that survives JSON in JavaScript (|n| ≤ 2^53), since
// the oracle's entity and context JSON goes through JS numbers.
func (cg *caseGen) longJSON() int64 {
	if cg.chance(0.1) {
		return pick(cg.r, []int64{1 << 53, -(1 << 53), 1 << 40})
	}
	return int64(cg.r.IntN(30) - 5)
}

// longText is a long for policy text, including overflow-prone ones.
func (cg *caseGen) longText() int64 {
	if cg.chance(0.15) {
		return pick(cg.r, []int64{math.MaxInt64, math.MinInt64, 1 << 62, 3037000500, -3037000500, math.MaxInt64 - 1})
	}
	return cg.longJSON()
}

// attrs is a random record of pool attributes, each present with
// probability p; a few take a value of another kind.
func (cg *caseGen) attrs(p float64) []field {
	var fs []field
	for _, a := range attrPool {
		if !cg.chance(p) {
			continue
		}
		k, elem := a.kind, a.elem
		if cg.chance(0.04) {
			k, elem = valueKind(cg.r.IntN(int(numKinds))), valueKind(cg.r.IntN(int(kRecord)))
		}
		fs = append(fs, field{a.name, cg.value(k, elem, 2)})
	}
	return fs
}

func (cg *caseGen) tags() []field {
	k := pick(cg.r, []valueKind{kString, kLong, kBool, kString})
	var fs []field
	for _, key := range tagKeys {
		if cg.chance(0.5) {
			fs = append(fs, field{key, cg.value(k, kString, 1)})
		}
	}
	return fs
}

// value is a random value of kind k for entity or context JSON (so longs
// stay JS-safe and extension arguments are valid).
func (cg *caseGen) value(k, elem valueKind, depth int) value {
	v := value{kind: k}
	switch k {
	case kBool:
		v.b = cg.chance(0.5)
	case kLong:
		v.n = cg.longJSON()
	case kString:
		v.s = pick(cg.r, stringPool)
	case kEntity:
		v.uid = cg.anyUID(allTypes)
	case kSet:
		if elem == kSet || elem == kRecord || depth <= 0 {
			elem = kLong
		}
		for range cg.r.IntN(4) {
			v.elems = append(v.elems, cg.value(elem, kLong, depth-1))
		}
	case kRecord:
		for _, f := range infoFields {
			if !cg.chance(0.7) {
				continue
			}
			if f.kind == kRecord {
				if depth <= 0 {
					continue
				}
				inner := value{kind: kRecord}
				if cg.chance(0.7) {
					inner.fields = append(inner.fields, field{"ok", cg.value(kBool, 0, 0)})
				}
				if cg.chance(0.5) {
					inner.fields = append(inner.fields, field{"ids", cg.value(kSet, kLong, 1)})
				}
				v.fields = append(v.fields, field{f.name, inner})
				continue
			}
			v.fields = append(v.fields, field{f.name, cg.value(f.kind, 0, depth-1)})
		}
	case kDecimal:
		v.s = pick(cg.r, decimalPool)
	case kIP:
		v.s = pick(cg.r, ipPool)
	case kDatetime:
		v.s = pick(cg.r, datetimePool)
	case kDuration:
		v.s = pick(cg.r, durationPool)
	}
	return v
}

// expr is a random expression meant to have kind k. A few subexpressions
// deliberately have another kind, so type errors show up too.
func (cg *caseGen) expr(k valueKind, depth int) string {
	if cg.chance(0.03) {
		k = valueKind(cg.r.IntN(int(numKinds)))
	}
	if depth <= 0 || cg.chance(0.2) {
		return cg.leaf(k)
	}
	d := depth - 1
	switch k {
	case kBool:
		return cg.boolExpr(d)
	case kLong:
		switch cg.r.IntN(7) {
		case 0:
			return fmt.Sprintf("(%s + %s)", cg.expr(kLong, d), cg.expr(kLong, d))
		case 1:
			return fmt.Sprintf("(%s - %s)", cg.expr(kLong, d), cg.expr(kLong, d))
		case 2:
			return fmt.Sprintf("(%s * %s)", cg.expr(kLong, d), cg.expr(kLong, d))
		case 3:
			return "(-" + unaryOperand(cg.expr(kLong, d), '!') + ")"
		case 4:
			return cg.ite(kLong, d)
		case 5:
			return fmt.Sprintf("%s.%s()", cg.expr(kDuration, d), pick(cg.r, []string{"toMilliseconds", "toSeconds", "toMinutes", "toHours", "toDays"}))
		default:
			return cg.leaf(kLong)
		}
	case kString:
		switch cg.r.IntN(3) {
		case 0:
			return cg.ite(kString, d)
		case 1:
			return fmt.Sprintf("%s.getTag(%s)", cg.expr(kEntity, d), quote(pick(cg.r, tagKeys)))
		default:
			return cg.leaf(kString)
		}
	case kEntity:
		if cg.chance(0.3) {
			return cg.ite(kEntity, d)
		}
		return cg.leaf(kEntity)
	case kSet:
		if cg.chance(0.5) {
			elem := pick(cg.r, []valueKind{kLong, kString, kEntity, kBool, kDecimal})
			n := cg.r.IntN(4)
			parts := make([]string, n)
			for i := range parts {
				parts[i] = cg.expr(elem, d)
			}
			return "[" + strings.Join(parts, ", ") + "]"
		}
		return cg.leaf(kSet)
	case kRecord:
		if cg.chance(0.4) {
			var parts []string
			for _, f := range infoFields[:2] {
				if cg.chance(0.7) {
					parts = append(parts, f.name+": "+cg.expr(f.kind, d))
				}
			}
			return "{" + strings.Join(parts, ", ") + "}"
		}
		return cg.leaf(kRecord)
	case kDatetime:
		switch cg.r.IntN(4) {
		case 0:
			return fmt.Sprintf("%s.offset(%s)", cg.expr(kDatetime, d), cg.expr(kDuration, d))
		case 1:
			return cg.expr(kDatetime, d) + ".toDate()"
		default:
			return cg.leaf(kDatetime)
		}
	case kDuration:
		switch cg.r.IntN(4) {
		case 0:
			return fmt.Sprintf("%s.durationSince(%s)", cg.expr(kDatetime, d), cg.expr(kDatetime, d))
		case 1:
			return cg.expr(kDatetime, d) + ".toTime()"
		default:
			return cg.leaf(kDuration)
		}
	}
	return cg.leaf(k)
}

// unaryOperand parenthesizes an operand starting with the other unary
// operator: Cedar does not parse `-!x` or `!-x`.
func unaryOperand(e string, other byte) string {
	if strings.HasPrefix(e, string(other)) {
		return "(" + e + ")"
	}
	return e
}

func (cg *caseGen) ite(k valueKind, d int) string {
	return fmt.Sprintf("(if %s then %s else %s)", cg.expr(kBool, d), cg.expr(k, d), cg.expr(k, d))
}

// boolExpr parenthesizes relations: Cedar's ==, <, in, like, has, is do
// not chain, so `a == b == c` would not parse.
func (cg *caseGen) boolExpr(d int) string {
	switch cg.r.IntN(20) {
	case 0, 1:
		return fmt.Sprintf("(%s %s %s)", cg.expr(kLong, d), pick(cg.r, []string{"<", "<=", ">", ">="}), cg.expr(kLong, d))
	case 2, 3:
		k := pick(cg.r, []valueKind{kLong, kString, kEntity, kEntity, kBool, kSet, kRecord, kDecimal, kIP, kDatetime, kDuration})
		op := "=="
		if cg.chance(0.3) {
			op = "!="
		}
		return fmt.Sprintf("(%s %s %s)", cg.expr(k, d), op, cg.expr(k, d))
	case 4, 5:
		if cg.chance(0.3) {
			return fmt.Sprintf("(%s in %s)", cg.expr(kEntity, d), cg.expr(kSet, d))
		}
		return fmt.Sprintf("(%s in %s)", cg.expr(kEntity, d), cg.entityLit())
	case 6, 7:
		return "(" + cg.hasExpr() + ")"
	case 8:
		return fmt.Sprintf("(%s like %s)", cg.expr(kString, d), cg.pattern())
	case 9:
		if cg.chance(0.5) {
			return fmt.Sprintf("(%s is %s)", cg.expr(kEntity, d), pick(cg.r, allTypes))
		}
		return fmt.Sprintf("(%s is %s in %s)", cg.expr(kEntity, d), pick(cg.r, allTypes), cg.expr(kEntity, d))
	case 10:
		set := cg.expr(kSet, d)
		switch cg.r.IntN(4) {
		case 0:
			return set + ".isEmpty()"
		case 1:
			return fmt.Sprintf("%s.contains(%s)", set, cg.expr(pick(cg.r, []valueKind{kLong, kString, kEntity}), d))
		case 2:
			return fmt.Sprintf("%s.containsAll(%s)", set, cg.expr(kSet, d))
		default:
			return fmt.Sprintf("%s.containsAny(%s)", set, cg.expr(kSet, d))
		}
	case 11:
		ent := cg.expr(kEntity, d)
		if cg.chance(0.6) {
			return fmt.Sprintf("%s.hasTag(%s)", ent, cg.expr(kString, d))
		}
		return fmt.Sprintf("%s.getTag(%s)", ent, quote(pick(cg.r, tagKeys)))
	case 12:
		return fmt.Sprintf("(%s && %s)", cg.expr(kBool, d), cg.expr(kBool, d))
	case 13:
		return fmt.Sprintf("(%s || %s)", cg.expr(kBool, d), cg.expr(kBool, d))
	case 14:
		return "!" + unaryOperand(cg.expr(kBool, d), '-')
	case 15:
		return cg.ite(kBool, d)
	case 16:
		return fmt.Sprintf("%s.%s(%s)", cg.expr(kDecimal, d), pick(cg.r, []string{"lessThan", "lessThanOrEqual", "greaterThan", "greaterThanOrEqual"}), cg.expr(kDecimal, d))
	case 17:
		ip := cg.expr(kIP, d)
		if cg.chance(0.4) {
			return fmt.Sprintf("%s.isInRange(%s)", ip, cg.expr(kIP, d))
		}
		return fmt.Sprintf("%s.%s()", ip, pick(cg.r, []string{"isIpv4", "isIpv6", "isLoopback", "isMulticast"}))
	case 18:
		k := pick(cg.r, []valueKind{kDatetime, kDuration, kDecimal})
		return fmt.Sprintf("(%s %s %s)", cg.expr(k, d), pick(cg.r, []string{"<", "<=", ">", ">="}), cg.expr(k, d))
	default:
		return cg.guarded(d)
	}
}

// guarded is `V has a && <test of V.a>`: the common idiom, which keeps
// missing attributes from turning every policy into an error.
func (cg *caseGen) guarded(d int) string {
	a := pick(cg.r, attrPool)
	base := cg.varName()
	acc := access(base, a.name)
	var test string
	switch a.kind {
	case kBool:
		test = acc
	case kLong:
		test = fmt.Sprintf("%s %s %s", acc, pick(cg.r, []string{"<", "<=", ">", ">=", "=="}), cg.expr(kLong, d))
	case kString:
		test = fmt.Sprintf("%s like %s", acc, cg.pattern())
	case kEntity:
		test = fmt.Sprintf("%s in %s", acc, cg.expr(kEntity, d))
	case kSet:
		test = fmt.Sprintf("%s.contains(%s)", acc, cg.expr(a.elem, d))
	case kRecord:
		return fmt.Sprintf("(%s has info.level && %s.info.level > %s)", base, base, cg.expr(kLong, d))
	case kDecimal:
		test = fmt.Sprintf("%s.greaterThan(%s)", acc, cg.leaf(kDecimal))
	case kIP:
		test = fmt.Sprintf("%s.isInRange(%s)", acc, cg.leaf(kIP))
	case kDatetime:
		test = fmt.Sprintf("%s < %s", acc, cg.leaf(kDatetime))
	case kDuration:
		test = fmt.Sprintf("%s >= %s", acc, cg.leaf(kDuration))
	}
	return fmt.Sprintf("(%s has %s && %s)", base, attrName(a.name), test)
}

// access is base.name, or base["name"] when name is not an identifier or
// at random.
func access(base, name string) string {
	if !isIdent(name) {
		return base + "[" + quote(name) + "]"
	}
	return base + "." + name
}

func attrName(name string) string {
	if !isIdent(name) {
		return quote(name)
	}
	return name
}

func isIdent(s string) bool {
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

func (cg *caseGen) varName() string {
	switch x := cg.r.Float64(); {
	case x < 0.38:
		return "principal"
	case x < 0.76:
		return "resource"
	case x < 0.97:
		return "context"
	default:
		return "action" // actions have no attributes here: an error
	}
}

func (cg *caseGen) hasExpr() string {
	base := cg.varName()
	switch cg.r.IntN(6) {
	case 5:
		// has on a record literal or a non-record (an error).
		return fmt.Sprintf("%s has %s", cg.expr(pick(cg.r, []valueKind{kRecord, kRecord, kEntity, kLong}), 1), pick(cg.r, []string{"level", "tag", "x"}))
	case 0:
		return fmt.Sprintf("%s has info.%s", base, pick(cg.r, []string{"level", "tag", "inner", "inner.ok", "inner.ids", "nope.x"}))
	case 1:
		return fmt.Sprintf("%s.owner has %s", base, attrName(pick(cg.r, attrPool).name))
	default:
		return fmt.Sprintf("%s has %s", base, attrName(pick(cg.r, attrPool).name))
	}
}

// pattern is a `like` pattern from pool strings, wildcards and escaped
// stars.
func (cg *caseGen) pattern() string {
	var b strings.Builder
	b.WriteByte('"')
	for range 1 + cg.r.IntN(3) {
		switch cg.r.IntN(4) {
		case 0:
			b.WriteString("*")
		case 1:
			b.WriteString(`\*`)
		default:
			s := pick(cg.r, stringPool)
			q := quote(s)
			b.WriteString(strings.ReplaceAll(q[1:len(q)-1], "*", `\*`))
		}
	}
	b.WriteByte('"')
	return b.String()
}

func (cg *caseGen) entityLit() string {
	if cg.chance(0.3) {
		return pick(cg.r, cg.actions).Cedar()
	}
	return cg.anyUID(allTypes).Cedar()
}

// leaf is a literal or an attribute read of kind k.
func (cg *caseGen) leaf(k valueKind) string {
	if k != kEntity && cg.chance(0.5) {
		if s, ok := cg.attrRead(k); ok {
			return s
		}
	}
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
	case kEntity:
		switch cg.r.IntN(8) {
		case 0, 1:
			return "principal"
		case 2, 3:
			return "resource"
		case 4:
			return "action"
		case 5:
			if s, ok := cg.attrRead(kEntity); ok {
				return s
			}
		}
		return cg.entityLit()
	case kSet, kRecord:
		if s, ok := cg.attrRead(k); ok {
			return s
		}
		if k == kRecord {
			return "context"
		}
		return cg.value(kSet, pick(cg.r, []valueKind{kLong, kString, kEntity}), 1).cedar()
	case kDecimal, kIP, kDatetime, kDuration:
		pool := map[valueKind][]string{kDecimal: decimalPool, kIP: ipPool, kDatetime: datetimePool, kDuration: durationPool}[k]
		arg := pick(cg.r, pool)
		if cg.chance(0.03) {
			arg = pick(cg.r, badExt[k])
		}
		return extFunc[k] + "(" + quote(arg) + ")"
	}
	return "true"
}

// escapedQuote is quote, but sometimes spells characters with Cedar's
// other escapes (\u{…}, \'), which must mean the same string.
func (cg *caseGen) escapedQuote(s string) string {
	if !cg.chance(0.3) {
		return quote(s)
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\'':
			b.WriteString(`\'`)
		case r > 0x7e || r == 'a':
			fmt.Fprintf(&b, `\u{%x}`, r)
		default:
			q := quote(string(r))
			b.WriteString(q[1 : len(q)-1])
		}
	}
	return `"` + b.String() + `"`
}

// attrRead is an attribute access whose attribute usually has kind k.
func (cg *caseGen) attrRead(k valueKind) (string, bool) {
	var cands []string
	for _, a := range attrPool {
		if a.kind == k {
			cands = append(cands, a.name)
		}
	}
	base := cg.varName()
	if cg.chance(0.05) {
		// Reads from a record literal.
		base = fmt.Sprintf("{level: %d, tag: %s, inner: {ok: %t}}", cg.longJSON(), quote(pick(cg.r, stringPool)), cg.chance(0.5))
		if cg.chance(0.5) {
			base = "{tag: \"only\"}"
		}
	}
	switch k {
	case kLong:
		if cg.chance(0.25) {
			return base + ".info.level", true
		}
	case kString:
		if cg.chance(0.2) {
			return base + `["info"].tag`, true
		}
	case kBool:
		if cg.chance(0.3) {
			return base + ".info.inner.ok", true
		}
	case kSet:
		if cg.chance(0.2) {
			return base + ".info.inner.ids", true
		}
	}
	if len(cands) == 0 {
		return "", false
	}
	return access(base, pick(cg.r, cands)), true
}
