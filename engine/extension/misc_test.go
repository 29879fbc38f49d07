package extension

import (
	"errors"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/types"
)

// miscCases cover Call's dispatch: kinds of non-extension arguments and
// names used in the wrong role.
var miscCases = []callCase{
	fails("type error: expected string, got set", "decimal", types.NewSet(types.Long(1))),
	fails("type error: expected string, got record", "ip", types.NewRecord(map[string]types.Value{"x": types.Long(1)})),
	fails("type error: expected string, got bool", "datetime", types.True),
	fails("type error: expected string, got (entity of type `U`)", "duration", types.NewEntityUID("U", "a")),
	fails("type error: expected duration, got decimal", "toDays", dec("1.0")),
	fails("type error: expected ipaddr, got string", "isIpv4", str("x")),
}

func TestMisc(t *testing.T) { runCallCases(t, miscCases) }

func TestNames(t *testing.T) {
	functions := []string{"decimal", "ip", "datetime", "duration"}
	methods := []string{"lessThan", "lessThanOrEqual", "greaterThan", "greaterThanOrEqual",
		"isIpv4", "isIpv6", "isLoopback", "isMulticast", "isInRange",
		"offset", "durationSince", "toDate", "toTime",
		"toDays", "toHours", "toMinutes", "toSeconds", "toMilliseconds"}
	for _, n := range functions {
		if !IsFunction(n) || IsMethod(n) {
			t.Errorf("%s: IsFunction=%v IsMethod=%v, want function", n, IsFunction(n), IsMethod(n))
		}
	}
	for _, n := range methods {
		if IsFunction(n) || !IsMethod(n) {
			t.Errorf("%s: IsFunction=%v IsMethod=%v, want method", n, IsFunction(n), IsMethod(n))
		}
	}
	for _, n := range []string{"ipaddr", "foo", "", "Decimal", "contains"} {
		if IsFunction(n) || IsMethod(n) {
			t.Errorf("%q should be neither function nor method", n)
		}
	}
	if got := len(functions) + len(methods); got != len(specs) {
		t.Errorf("registered %d names, test knows %d", len(specs), got)
	}
}

func TestLookup(t *testing.T) {
	s, found := Lookup("offset")
	if !found || !s.IsMethod || s.Result != types.KindDatetime ||
		len(s.Params) != 2 || s.Params[0] != types.KindDatetime || s.Params[1] != types.KindDuration {
		t.Errorf("Lookup(offset) = %+v, %v", s, found)
	}
	s, found = Lookup("ip")
	if !found || s.IsMethod || s.Result != types.KindIPAddr || len(s.Params) != 1 || s.Params[0] != types.KindString {
		t.Errorf("Lookup(ip) = %+v, %v", s, found)
	}
	if _, found := Lookup("ipaddr"); found {
		t.Error("Lookup(ipaddr) found a function official Cedar does not have")
	}
}

func TestCallErrorsAreTyped(t *testing.T) {
	_, err := Call("nope", nil)
	var unknown *UnknownFunctionError
	if !errors.As(err, &unknown) || err.Error() != "extension function `nope` does not exist" {
		t.Errorf("unknown function error = %v", err)
	}
	_, err = Call("decimal", []types.Value{types.Long(1)})
	var typeErr *TypeError
	if !errors.As(err, &typeErr) || typeErr.Want != types.KindString || typeErr.Got.Kind() != types.KindLong {
		t.Errorf("type error = %#v", err)
	}
	_, err = Call("decimal", nil)
	var arity *ArityError
	if !errors.As(err, &arity) || arity.Want != 1 || arity.Got != 0 {
		t.Errorf("arity error = %#v", err)
	}
	_, err = Call("ip", []types.Value{str("nope")})
	var evalError *EvalError
	if !errors.As(err, &evalError) || evalError.Ext != "ipaddr" || evalError.Msg != "invalid IP address: nope" {
		t.Errorf("eval error = %#v", err)
	}
	if _, err := Call("isIpv4", []types.Value{nil}); err == nil {
		t.Error("nil argument accepted")
	}
}

func TestFromExtn(t *testing.T) {
	cases := []struct {
		fn   string
		arg  types.Value
		want types.Value
		err  string
	}{
		{"decimal", str("1.50"), scaled(15000), ""},
		{"ip", str("10.0.0.1/8"), ipa("10.0.0.1/8"), ""},
		{"datetime", str("2024-01-01"), dtMs(1704067200000), ""},
		{"duration", str("1h"), durMs(3600000), ""},
		// Official accepts methods as well, e.g. toDate of an __extn datetime.
		{"toDate", dt("2024-01-01T10:00:00Z"), dtMs(1704067200000), ""},
		{"toDays", dur("2d"), types.Long(2), ""},
		{"ipaddr", str("10.0.0.1"), nil, "extension function `ipaddr` does not exist"},
		{"decimal", types.Long(1), nil, "type error: expected string, got long"},
		{"decimal", str("1.55555"), nil, decErr("too many digits after the decimal in `1.55555`")},
		{"lessThan", dec("1.0"), nil, "wrong number of arguments provided to extension function `lessThan`: expected 2, got 1"},
	}
	for _, c := range cases {
		got, err := FromExtn(c.fn, c.arg)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("FromExtn(%s, %v) error = %v, want %q", c.fn, c.arg, err, c.err)
			}
			continue
		}
		if err != nil || !got.Equal(c.want) {
			t.Errorf("FromExtn(%s, %v) = %v, %v; want %v", c.fn, c.arg, got, err, c.want)
		}
	}
}

type compareCase struct {
	a, b types.Value
	cmp  int
	ok   bool
}

var compareCases = []compareCase{
	{dt("2024-01-01"), dt("2024-01-02"), -1, true},
	{dt("2024-01-01T00:00:00+0100"), dt("2023-12-31T23:00:00Z"), 0, true},
	{dt("2024-01-01T00:00:00.001Z"), dt("2024-01-01"), 1, true},
	{dtMs(-1), dtMs(0), -1, true},
	{dur("1h"), dur("60m"), 0, true},
	{dur("-1ms"), dur("0ms"), -1, true},
	{durMs(9223372036854775807), durMs(-9223372036854775808), 1, true},
	{dec("1.0"), dec("2.0"), 0, false},
	{ipa("1.2.3.4"), ipa("1.2.3.5"), 0, false},
	{dt("2024-01-01"), dur("1h"), 0, false},
	{dur("1h"), dt("2024-01-01"), 0, false},
	{dur("1h"), types.Long(1), 0, false},
	{types.Long(1), dur("1h"), 0, false},
}

func (c compareCase) oracle() []oracleCase {
	a, b := "("+c.a.String()+")", "("+c.b.String()+")"
	if !c.ok {
		return []oracleCase{{Expr: a + " < " + b, Want: "ERR*"}}
	}
	boolText := map[bool]string{true: "true", false: "false"}
	expr := "(" + a + " < " + b + ") == " + boolText[c.cmp < 0] +
		" && (" + a + " <= " + b + ") == " + boolText[c.cmp <= 0] +
		" && (" + a + " > " + b + ") == " + boolText[c.cmp > 0] +
		" && (" + a + " >= " + b + ") == " + boolText[c.cmp >= 0]
	return []oracleCase{{Expr: expr, Want: "true"}}
}

func TestCompare(t *testing.T) {
	for _, c := range compareCases {
		cmp, ok := Compare(c.a, c.b)
		if cmp != c.cmp || ok != c.ok {
			t.Errorf("Compare(%v, %v) = %d, %v; want %d, %v", c.a, c.b, cmp, ok, c.cmp, c.ok)
		}
	}
}
