package extension

import (
	"math"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/types"
)

func decErr(msg string) string { return extErr("decimal", msg) }

func scaled(n int64) types.Value { return types.Decimal{Scaled: n} }

var decimalCases = []callCase{
	// Valid literals.
	ok(scaled(10000), "decimal", str("1.0")),
	ok(scaled(15000), "decimal", str("1.5")),
	ok(scaled(15000), "decimal", str("1.50")),
	ok(scaled(12345), "decimal", str("1.2345")),
	ok(scaled(-15000), "decimal", str("-1.5")),
	ok(scaled(0), "decimal", str("-0.0")),
	ok(scaled(0), "decimal", str("0.0000")),
	ok(scaled(1), "decimal", str("0.0001")),
	ok(scaled(-1), "decimal", str("-0.0001")),
	ok(scaled(15000), "decimal", str("00001.5")),
	ok(scaled(10000), "decimal", str("0000000000000000000000001.0")),
	ok(scaled(math.MaxInt64), "decimal", str("922337203685477.5807")),
	ok(scaled(math.MinInt64), "decimal", str("-922337203685477.5808")),
	ok(scaled(9223372036854775800), "decimal", str("922337203685477.580")),
	// Malformed shapes.
	fails(decErr("`1` is not a well-formed decimal value"), "decimal", str("1")),
	fails(decErr("`.5` is not a well-formed decimal value"), "decimal", str(".5")),
	fails(decErr("`1.` is not a well-formed decimal value"), "decimal", str("1.")),
	fails(decErr("`+1.5` is not a well-formed decimal value"), "decimal", str("+1.5")),
	fails(decErr("`-.5` is not a well-formed decimal value"), "decimal", str("-.5")),
	fails(decErr("`--1.0` is not a well-formed decimal value"), "decimal", str("--1.0")),
	fails(decErr("` 1.0` is not a well-formed decimal value"), "decimal", str(" 1.0")),
	fails(decErr("`1.0 ` is not a well-formed decimal value"), "decimal", str("1.0 ")),
	fails(decErr("`1.0\n` is not a well-formed decimal value"), "decimal", str("1.0\n")),
	fails(decErr("`1e3` is not a well-formed decimal value"), "decimal", str("1e3")),
	fails(decErr("`1,5` is not a well-formed decimal value"), "decimal", str("1,5")),
	fails(decErr("`1.-5` is not a well-formed decimal value"), "decimal", str("1.-5")),
	fails(decErr("`1.5.5` is not a well-formed decimal value"), "decimal", str("1.5.5")),
	fails(decErr("`` is not a well-formed decimal value"), "decimal", str("")),
	fails(decErr("`-` is not a well-formed decimal value"), "decimal", str("-")),
	// Too many fraction digits; the limit counts bytes.
	fails(decErr("too many digits after the decimal in `1.23456`"), "decimal", str("1.23456")),
	fails(decErr("too many digits after the decimal in `0.00000`"), "decimal", str("0.00000")),
	fails(decErr("too many digits after the decimal in `1.٠٠٠`"), "decimal", str("1.٠٠٠")),
	fails(decErr("too many digits after the decimal in `922337203685477.58070`"), "decimal", str("922337203685477.58070")),
	fails(decErr("too many digits after the decimal in `00000000000000000000000000001.55555`"), "decimal", str("00000000000000000000000000001.55555")),
	// The whole part is converted before the fraction's length is checked.
	fails(decErr("overflow when converting to decimal"), "decimal", str("١.٠٠٠")),
	fails(decErr("overflow when converting to decimal"), "decimal", str("9223372036854775807.55555")),
	fails(decErr("overflow when converting to decimal"), "decimal", str("-9223372036854775808.55555")),
	fails(decErr("overflow when converting to decimal"), "decimal", str("922337203685478.55555")),
	// Out of range, and non-ASCII digits, which official reports as overflow.
	fails(decErr("overflow when converting to decimal"), "decimal", str("922337203685477.5808")),
	fails(decErr("overflow when converting to decimal"), "decimal", str("-922337203685477.5809")),
	fails(decErr("overflow when converting to decimal"), "decimal", str("922337203685478.0")),
	fails(decErr("overflow when converting to decimal"), "decimal", str("9999999999999999999999.0")),
	fails(decErr("overflow when converting to decimal"), "decimal", str("١.٠")),
	fails(decErr("overflow when converting to decimal"), "decimal", str("1.٠٠")),
	fails(decErr("overflow when converting to decimal"), "decimal", str("1.𝟎")),
	// Argument checks.
	fails("type error: expected string, got long", "decimal", types.Long(1)),
	fails("type error: expected string, got decimal", "decimal", dec("1.0")),
	fails("wrong number of arguments provided to extension function `decimal`: expected 1, got 2", "decimal", str("1.0"), str("2.0")),
	fails("wrong number of arguments provided to extension function `decimal`: expected 1, got 2", "decimal", types.Long(1), types.Long(2)),
	fails("wrong number of arguments provided to extension function `decimal`: expected 1, got 0", "decimal"),
	// Comparison methods.
	ok(types.True, "lessThan", dec("1.5"), dec("1.6")),
	ok(types.False, "lessThan", dec("1.6"), dec("1.6")),
	ok(types.False, "lessThan", dec("1.7"), dec("1.6")),
	ok(types.True, "lessThan", dec("-922337203685477.5808"), dec("922337203685477.5807")),
	ok(types.True, "lessThanOrEqual", dec("1.6"), dec("1.60")),
	ok(types.False, "lessThanOrEqual", dec("1.6001"), dec("1.6")),
	ok(types.True, "greaterThan", dec("0.0"), dec("-0.0001")),
	ok(types.False, "greaterThan", dec("-0.0"), dec("0.0")),
	ok(types.True, "greaterThanOrEqual", dec("-0.0"), dec("0.0")),
	ok(types.False, "greaterThanOrEqual", dec("-1.0"), dec("1.0")),
	fails("type error: expected decimal, got long", "lessThan", dec("1.0"), types.Long(1)),
	fails("type error: expected decimal, got long", "lessThan", types.Long(1), types.Long(2)),
	fails("type error: expected decimal, got ipaddr", "greaterThan", dec("1.0"), ipa("1.2.3.4")),
	fails("type error: expected decimal, got ipaddr", "lessThan", ipa("1.2.3.4"), ipa("1.2.3.4")),
	fails("wrong number of arguments provided to extension function `lessThan`: expected 2, got 1", "lessThan", dec("1.0")),
	fails("wrong number of arguments provided to extension function `lessThanOrEqual`: expected 2, got 3", "lessThanOrEqual", dec("1.0"), dec("1.0"), dec("1.0")),
}

func TestDecimal(t *testing.T) { runCallCases(t, decimalCases) }

func TestDecimalText(t *testing.T) {
	for _, c := range []struct {
		scaled int64
		text   string
	}{
		{0, "0.0"},
		{10000, "1.0"},
		{15000, "1.5"},
		{12345, "1.2345"},
		{-1, "-0.0001"},
		{-12300, "-1.23"},
		{math.MaxInt64, "922337203685477.5807"},
		{math.MinInt64, "-922337203685477.5808"},
	} {
		d := types.Decimal{Scaled: c.scaled}
		if got := d.Text(); got != c.text {
			t.Errorf("Decimal{%d}.Text() = %q, want %q", c.scaled, got, c.text)
		}
		if got, want := d.String(), `decimal("`+c.text+`")`; got != want {
			t.Errorf("Decimal{%d}.String() = %q, want %q", c.scaled, got, want)
		}
		back, err := ParseDecimal(c.text)
		if err != nil || back != d {
			t.Errorf("ParseDecimal(%q) = %v, %v; want %v", c.text, back, err, d)
		}
	}
}
