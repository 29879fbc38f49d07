package refmodel

import (
	"math/big"
	"net/netip"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// anyKind in a signature accepts a value of every kind.
const anyKind types.Kind = 255

// method is a method's signature (receiver first) and its meaning.
type method struct {
	params []types.Kind
	apply  func(args []Value) (Value, error)
}

const (
	set      = types.KindSet
	dec      = types.KindDecimal
	ipaddr   = types.KindIPAddr
	datetime = types.KindDatetime
	duration = types.KindDuration
)

// methods are the methods that do not read entities: the set methods and
// the extension types' methods (hasTag and getTag are env.tagMethod).
var methods = map[string]method{
	"contains": {[]types.Kind{set, anyKind}, func(a []Value) (Value, error) {
		return types.Bool(a[0].(types.Set).Contains(a[1])), nil
	}},
	"containsAll": {[]types.Kind{set, set}, func(a []Value) (Value, error) {
		return types.Bool(countIn(a[1].(types.Set), a[0].(types.Set)) == a[1].(types.Set).Len()), nil
	}},
	"containsAny": {[]types.Kind{set, set}, func(a []Value) (Value, error) {
		return types.Bool(countIn(a[1].(types.Set), a[0].(types.Set)) > 0), nil
	}},
	"isEmpty": {[]types.Kind{set}, func(a []Value) (Value, error) {
		return types.Bool(a[0].(types.Set).Len() == 0), nil
	}},

	"lessThan":           decimalTest(func(a, b int64) bool { return a < b }),
	"lessThanOrEqual":    decimalTest(func(a, b int64) bool { return a <= b }),
	"greaterThan":        decimalTest(func(a, b int64) bool { return a > b }),
	"greaterThanOrEqual": decimalTest(func(a, b int64) bool { return a >= b }),

	"isIpv4": ipTest(func(p netip.Prefix) bool { return p.Addr().Is4() }),
	"isIpv6": ipTest(func(p netip.Prefix) bool { return p.Addr().Is6() }),
	"isLoopback": ipTest(func(p netip.Prefix) bool {
		return rangeWithin(p, netip.MustParsePrefix("127.0.0.0/8")) || rangeWithin(p, netip.MustParsePrefix("::1/128"))
	}),
	"isMulticast": ipTest(func(p netip.Prefix) bool {
		return rangeWithin(p, netip.MustParsePrefix("224.0.0.0/4")) || rangeWithin(p, netip.MustParsePrefix("ff00::/8"))
	}),
	"isInRange": {[]types.Kind{ipaddr, ipaddr}, func(a []Value) (Value, error) {
		return types.Bool(rangeWithin(a[0].(types.IPAddr).Prefix, a[1].(types.IPAddr).Prefix)), nil
	}},

	"offset": {[]types.Kind{datetime, duration}, func(a []Value) (Value, error) {
		t := big.NewInt(a[0].(types.Datetime).Millis)
		ms, err := fitInt64(t.Add(t, big.NewInt(a[1].(types.Duration).Millis)), "offset overflows")
		return types.Datetime{Millis: ms}, err
	}},
	"durationSince": {[]types.Kind{datetime, datetime}, func(a []Value) (Value, error) {
		t := big.NewInt(a[0].(types.Datetime).Millis)
		ms, err := fitInt64(t.Sub(t, big.NewInt(a[1].(types.Datetime).Millis)), "durationSince overflows")
		return types.Duration{Millis: ms}, err
	}},
	// toDate rounds down to midnight UTC (also before 1970); toTime is the
	// time since that midnight. big.Int's Div and Mod are Euclidean, which
	// for a positive divisor is flooring.
	"toDate": {[]types.Kind{datetime}, func(a []Value) (Value, error) {
		day := big.NewInt(msPerDay)
		d := new(big.Int).Div(big.NewInt(a[0].(types.Datetime).Millis), day)
		ms, err := fitInt64(d.Mul(d, day), "toDate overflows")
		return types.Datetime{Millis: ms}, err
	}},
	"toTime": {[]types.Kind{datetime}, func(a []Value) (Value, error) {
		ms := new(big.Int).Mod(big.NewInt(a[0].(types.Datetime).Millis), big.NewInt(msPerDay))
		return types.Duration{Millis: ms.Int64()}, nil
	}},
	// The conversions truncate toward zero.
	"toDays":         durationIn(msPerDay),
	"toHours":        durationIn(3_600_000),
	"toMinutes":      durationIn(60_000),
	"toSeconds":      durationIn(1_000),
	"toMilliseconds": durationIn(1),
}

const msPerDay = 86_400_000

// countIn is how many elements of a are in b.
func countIn(a, b types.Set) int {
	n := 0
	for _, x := range a.Elements() {
		if b.Contains(x) {
			n++
		}
	}
	return n
}

func decimalTest(holds func(a, b int64) bool) method {
	return method{[]types.Kind{dec, dec}, func(a []Value) (Value, error) {
		return types.Bool(holds(a[0].(types.Decimal).Scaled, a[1].(types.Decimal).Scaled)), nil
	}}
}

func ipTest(holds func(netip.Prefix) bool) method {
	return method{[]types.Kind{ipaddr}, func(a []Value) (Value, error) {
		return types.Bool(holds(a[0].(types.IPAddr).Prefix)), nil
	}}
}

// rangeWithin reports whether every address of inner's range lies in
// outer's range. Host bits (as in 10.0.0.1/8) do not matter here, and IPv4
// and IPv6 ranges never contain each other.
func rangeWithin(inner, outer netip.Prefix) bool {
	return inner.Addr().BitLen() == outer.Addr().BitLen() &&
		inner.Bits() >= outer.Bits() &&
		outer.Contains(inner.Addr())
}

func durationIn(unit int64) method {
	return method{[]types.Kind{duration}, func(a []Value) (Value, error) {
		return types.Long(a[0].(types.Duration).Millis / unit), nil
	}}
}

// method applies a method to its evaluated receiver and arguments.
func (v *env) method(n *ast.MethodCall, args []Value) (Value, error) {
	if n.Name == "hasTag" || n.Name == "getTag" {
		return v.tagMethod(n, args)
	}
	m, ok := methods[n.Name]
	if !ok {
		return nil, errorf(n, "unknown method %s", n.Name)
	}
	if err := checkArgs(n, n.Name, m.params, args); err != nil {
		return nil, err
	}
	r, err := m.apply(args)
	if err != nil {
		return nil, errorf(n, "%s: %v", n.Name, err)
	}
	return r, nil
}

// tagMethod is entity.hasTag(name) or entity.getTag(name). An entity
// missing from the store has no tags; reading a tag that is not there is
// an error.
func (v *env) tagMethod(n *ast.MethodCall, args []Value) (Value, error) {
	if err := checkArgs(n, n.Name, []types.Kind{types.KindEntity, types.KindString}, args); err != nil {
		return nil, err
	}
	uid, name := args[0].(types.EntityUID), string(args[1].(types.String))
	e, exists := v.ents[uid]
	var tag Value
	found := false
	if exists {
		tag, found = e.Tags.Get(name)
	}
	switch {
	case n.Name == "hasTag":
		return types.Bool(found), nil
	case !exists:
		return nil, errorf(n, "entity %s does not exist", uid)
	case !found:
		return nil, errorf(n, "%s does not have the tag %q", uid, name)
	}
	return tag, nil
}

// checkArgs checks the argument count, then each argument's kind in order.
func checkArgs(at ast.Expr, name string, params []types.Kind, args []Value) error {
	if len(args) != len(params) {
		return errorf(at, "%s takes %d arguments, got %d", name, len(params), len(args))
	}
	for i, want := range params {
		if want != anyKind && args[i].Kind() != want {
			return errorf(at, "type error: %s expected %s, got %s", name, want, args[i].Kind())
		}
	}
	return nil
}

// callFunction applies one of the extension constructors, which all take a
// string.
func callFunction(n *ast.Call, args []Value) (Value, error) {
	construct, ok := constructors[n.Name]
	if !ok {
		return nil, errorf(n, "unknown function %s", n.Name)
	}
	if err := checkArgs(n, n.Name, []types.Kind{types.KindString}, args); err != nil {
		return nil, err
	}
	r, err := construct(string(args[0].(types.String)))
	if err != nil {
		return nil, errorf(n, "%s: %v", n.Name, err)
	}
	return r, nil
}
