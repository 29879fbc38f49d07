package extension

import (
	"math"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/types"
)

func dtErr(msg string) string  { return extErr("datetime", msg) }
func durErr(msg string) string { return extErr("duration", msg) }

var datetimeCases = []callCase{
	ok(dtMs(1704067200000), "datetime", str("2024-01-01")),
	ok(dtMs(1704067200000), "datetime", str("2024-01-01T00:00:00Z")),
	ok(dtMs(1704067200123), "datetime", str("2024-01-01T00:00:00.123Z")),
	ok(dtMs(1704063600000), "datetime", str("2024-01-01T00:00:00+0100")),
	ok(dtMs(1704072600123), "datetime", str("2024-01-01T00:00:00.123-0130")),
	ok(dtMs(1704067200000), "datetime", str("2024-01-01T00:00:00-0000")),
	ok(dtMs(1704067200000), "datetime", str("2024-01-01T00:00:00.000+0000")),
	ok(dtMs(1703980860000), "datetime", str("2024-01-01T00:00:00+2359")),
	ok(dtMs(86340999), "datetime", str("1970-01-01T00:00:00.999-2359")),
	ok(dtMs(-3600000), "datetime", str("1969-12-31T23:00:00Z")),
	ok(dtMs(1709164800000), "datetime", str("2024-02-29")),
	ok(dtMs(951782400000), "datetime", str("2000-02-29")),
	ok(dtMs(-62162121600000), "datetime", str("0000-02-29")),
	ok(dtMs(-62167219200000), "datetime", str("0000-01-01")),
	ok(dtMs(-62167305540000), "datetime", str("0000-01-01T00:00:00+2359")),
	ok(dtMs(253402300799999), "datetime", str("9999-12-31T23:59:59.999Z")),
	ok(dtMs(253402387139999), "datetime", str("9999-12-31T23:59:59.999-2359")),
	// Shape errors, reported in the order date, time, rest.
	fails(dtErr("invalid date pattern"), "datetime", str("")),
	fails(dtErr("invalid date pattern"), "datetime", str("2024-1-01")),
	fails(dtErr("invalid date pattern"), "datetime", str("2024-01-0")),
	fails(dtErr("invalid date pattern"), "datetime", str("2024x01-01")),
	fails(dtErr("invalid date pattern"), "datetime", str("10000-01-01")),
	fails(dtErr("invalid date pattern"), "datetime", str("-001-01-01")),
	fails(dtErr("invalid date pattern"), "datetime", str("+2024-01-01")),
	fails(dtErr("invalid date pattern"), "datetime", str("２０２４-01-01")),
	fails(dtErr("invalid date pattern"), "datetime", str("2024-01-0é")),
	fails(dtErr("invalid date pattern"), "datetime", str("é024-01-01")),
	fails(dtErr("invalid hour/minute/second pattern"), "datetime", str("2024-01-01X")),
	fails(dtErr("invalid hour/minute/second pattern"), "datetime", str("2024-01-01Z")),
	fails(dtErr("invalid hour/minute/second pattern"), "datetime", str("2024-01-01T")),
	fails(dtErr("invalid hour/minute/second pattern"), "datetime", str("2024-01-01T00:00Z")),
	fails(dtErr("invalid hour/minute/second pattern"), "datetime", str("2024-01-01t00:00:00Z")),
	fails(dtErr("invalid hour/minute/second pattern"), "datetime", str("2024-01-01 00:00:00Z")),
	fails(dtErr("invalid hour/minute/second pattern"), "datetime", str("2024-01-01T0０:00:00Z")),
	fails(dtErr("invalid hour/minute/second pattern"), "datetime", str("2024-01-01T00:00:0é")),
	fails(dtErr("invalid hour/minute/second pattern"), "datetime", str("2024-02-30T00:00Z")),
	fails(dtErr("invalid millisecond and/or offset pattern"), "datetime", str("2024-01-01T00:00:00")),
	fails(dtErr("invalid millisecond and/or offset pattern"), "datetime", str("2024-01-01T00:00:00.12Z")),
	fails(dtErr("invalid millisecond and/or offset pattern"), "datetime", str("2024-01-01T00:00:00.1234Z")),
	fails(dtErr("invalid millisecond and/or offset pattern"), "datetime", str("2024-01-01T00:00:00+01:00")),
	fails(dtErr("invalid millisecond and/or offset pattern"), "datetime", str("2024-01-01T00:00:00+01")),
	fails(dtErr("invalid millisecond and/or offset pattern"), "datetime", str("2024-01-01T00:00:00z")),
	fails(dtErr("invalid millisecond and/or offset pattern"), "datetime", str("2024-01-01T00:00:00Z ")),
	fails(dtErr("invalid millisecond and/or offset pattern"), "datetime", str("2024-01-01T00:00:00.000")),
	fails(dtErr("invalid millisecond and/or offset pattern"), "datetime", str("2024-01-01T00:00:00.Z")),
	fails(dtErr("invalid millisecond and/or offset pattern"), "datetime", str("2024-01-01T00:00:00+-100")),
	fails(dtErr("invalid millisecond and/or offset pattern"), "datetime", str("2024-01-01T00:00:00+0a00")),
	fails(dtErr("invalid millisecond and/or offset pattern"), "datetime", str("2024-01-01T00:00:00.0０0Z")),
	fails(dtErr("invalid millisecond and/or offset pattern"), "datetime", str("2024-01-01T00:00:00.000Z1")),
	fails(dtErr("invalid millisecond and/or offset pattern"), "datetime", str("2024-01-01T00:00:00+2400x")),
	fails(dtErr("invalid millisecond and/or offset pattern"), "datetime", str("2024-01-01T25:00:00")),
	fails(dtErr("invalid millisecond and/or offset pattern"), "datetime", str("2024-01-01T00:00:00Z+0100")),
	// Range errors, in the order date, time, offset.
	fails(dtErr("invalid date: 2024-02-30"), "datetime", str("2024-02-30")),
	fails(dtErr("invalid date: 2023-02-29"), "datetime", str("2023-02-29")),
	fails(dtErr("invalid date: 1900-02-29"), "datetime", str("1900-02-29")),
	fails(dtErr("invalid date: 2024-13-01"), "datetime", str("2024-13-01")),
	fails(dtErr("invalid date: 2024-00-01"), "datetime", str("2024-00-01")),
	fails(dtErr("invalid date: 2024-01-00"), "datetime", str("2024-01-00")),
	fails(dtErr("invalid date: 2024-04-31"), "datetime", str("2024-04-31T00:00:00Z")),
	fails(dtErr("invalid date: 2024-02-30"), "datetime", str("2024-02-30T25:00:00+2400")),
	fails(dtErr("invalid hour/minute/second: 24:00:00"), "datetime", str("2024-01-01T24:00:00Z")),
	fails(dtErr("invalid hour/minute/second: 23:60:00"), "datetime", str("2024-01-01T23:60:00Z")),
	fails(dtErr("invalid hour/minute/second: 23:59:60"), "datetime", str("2024-01-01T23:59:60Z")),
	fails(dtErr("invalid hour/minute/second: 25:00:00"), "datetime", str("2024-01-01T25:00:00.000+2400")),
	fails(dtErr("invalid offset range: 240"), "datetime", str("2024-01-01T00:00:00+2400")),
	fails(dtErr("invalid offset range: 240"), "datetime", str("2024-01-01T00:00:00-2400")),
	fails(dtErr("invalid offset range: 060"), "datetime", str("2024-01-01T00:00:00+0060")),
	fails(dtErr("invalid offset range: 160"), "datetime", str("2024-01-01T00:00:00.000+0160")),
	fails(dtErr("invalid offset range: 9999"), "datetime", str("2024-01-01T00:00:00+9999")),
	fails("type error: expected string, got long", "datetime", types.Long(1)),
	fails("wrong number of arguments provided to extension function `datetime`: expected 1, got 0", "datetime"),
}

var durationCases = []callCase{
	ok(durMs(93784005), "duration", str("1d2h3m4s5ms")),
	ok(durMs(-86400000), "duration", str("-1d")),
	ok(durMs(0), "duration", str("0ms")),
	ok(durMs(0), "duration", str("-0ms")),
	ok(durMs(0), "duration", str("-0d0h0m0s0ms")),
	ok(durMs(0), "duration", str("0d")),
	ok(durMs(3600000), "duration", str("01h")),
	ok(durMs(60001), "duration", str("1m1ms")),
	ok(durMs(3600000), "duration", str("1h0m")),
	ok(durMs(176400000), "duration", str("1d25h")),
	ok(durMs(90000), "duration", str("90s")),
	ok(durMs(1), "duration", str("00000000000000000000001ms")),
	ok(durMs(math.MaxInt64), "duration", str("9223372036854775807ms")),
	ok(durMs(math.MaxInt64), "duration", str("9223372036854775s807ms")),
	ok(durMs(math.MaxInt64), "duration", str("106751991167d7h12m55s807ms")),
	ok(durMs(math.MinInt64), "duration", str("-9223372036854775808ms")),
	ok(durMs(math.MinInt64), "duration", str("-9223372036854775s808ms")),
	ok(durMs(math.MinInt64), "duration", str("-106751991167d7h12m55s808ms")),
	ok(durMs(9223372036828800000), "duration", str("106751991167d")),
	fails(durErr("invalid duration pattern"), "duration", str("")),
	fails(durErr("invalid duration pattern"), "duration", str("-")),
	fails(durErr("invalid duration pattern"), "duration", str("1")),
	fails(durErr("invalid duration pattern"), "duration", str("d")),
	fails(durErr("invalid duration pattern"), "duration", str("1x")),
	fails(durErr("invalid duration pattern"), "duration", str("1D")),
	fails(durErr("invalid duration pattern"), "duration", str("1H")),
	fails(durErr("invalid duration pattern"), "duration", str("1.5h")),
	fails(durErr("invalid duration pattern"), "duration", str("+1h")),
	fails(durErr("invalid duration pattern"), "duration", str("1h ")),
	fails(durErr("invalid duration pattern"), "duration", str(" 1h")),
	fails(durErr("invalid duration pattern"), "duration", str("1h1d")),
	fails(durErr("invalid duration pattern"), "duration", str("1d1d")),
	fails(durErr("invalid duration pattern"), "duration", str("1ms1s")),
	fails(durErr("invalid duration pattern"), "duration", str("1ms1ms")),
	fails(durErr("invalid duration pattern"), "duration", str("1s1m")),
	fails(durErr("invalid duration pattern"), "duration", str("-1d-1h")),
	fails(durErr("invalid duration pattern"), "duration", str("1d-1h")),
	fails(durErr("invalid duration pattern"), "duration", str("١h")),
	fails(durErr("invalid duration pattern"), "duration", str("1ms2")),
	fails(durErr("invalid duration pattern"), "duration", str("2mss")),
	fails(durErr("invalid duration pattern"), "duration", str("99999999999999999999ms1x")),
	fails(durErr("invalid duration pattern"), "duration", str("99999999999999999999d1h1h")),
	fails(durErr("Duration overflows internal representation"), "duration", str("9223372036854775808ms")),
	fails(durErr("Duration overflows internal representation"), "duration", str("-9223372036854775809ms")),
	fails(durErr("Duration overflows internal representation"), "duration", str("106751991168d")),
	fails(durErr("Duration overflows internal representation"), "duration", str("106751991167d7h12m55s808ms")),
	fails(durErr("Duration overflows internal representation"), "duration", str("9223372036854776s")),
	fails(durErr("Duration overflows internal representation"), "duration", str("99999999999999999999ms")),
	fails(durErr("Duration overflows internal representation"), "duration", str("-99999999999999999999d1ms")),
	fails("type error: expected string, got long", "duration", types.Long(1)),
	// Conversions truncate toward zero.
	ok(types.Long(1), "toDays", dur("1d23h")),
	ok(types.Long(-1), "toDays", dur("-1d23h")),
	ok(types.Long(0), "toDays", dur("23h")),
	ok(types.Long(24), "toHours", dur("1d")),
	ok(types.Long(-1), "toHours", dur("-1h1ms")),
	ok(types.Long(1440), "toMinutes", dur("1d")),
	ok(types.Long(0), "toMinutes", dur("-59s")),
	ok(types.Long(86400), "toSeconds", dur("1d")),
	ok(types.Long(-1), "toSeconds", dur("-1500ms")),
	ok(types.Long(math.MinInt64), "toMilliseconds", durMs(math.MinInt64)),
	ok(types.Long(-106751991167), "toDays", durMs(math.MinInt64)),
	ok(types.Long(93784005), "toMilliseconds", dur("1d2h3m4s5ms")),
	fails("type error: expected duration, got datetime", "toHours", dt("2024-01-01")),
	fails("wrong number of arguments provided to extension function `toSeconds`: expected 1, got 2", "toSeconds", dur("1s"), dur("1s")),
}

const epochOffsetOf = `datetime("1970-01-01").offset(duration("`

var datetimeMethodCases = []callCase{
	ok(dt("2024-01-01T01:00:00Z"), "offset", dt("2024-01-01"), dur("1h")),
	ok(dt("2023-12-31"), "offset", dt("2024-01-01"), dur("-1d")),
	ok(dtMs(math.MaxInt64), "offset", dtMs(0), durMs(math.MaxInt64)),
	ok(dtMs(math.MinInt64), "offset", dtMs(0), durMs(math.MinInt64)),
	ok(dtMs(-1), "offset", dtMs(math.MaxInt64), durMs(math.MinInt64)),
	fails(extErr("offset", "overflows when adding an offset: "+epochOffsetOf+"1ms\"))+(9223372036854775807ms)"), "offset", dtMs(1), durMs(math.MaxInt64)),
	fails(extErr("offset", "overflows when adding an offset: "+epochOffsetOf+"1704067200000ms\"))+(9223372036828800000ms)"), "offset", dt("2024-01-01"), dur("106751991167d")),
	fails(extErr("offset", "overflows when adding an offset: "+epochOffsetOf+"-9223370332761600000ms\"))+(-9223372036828800000ms)"), "offset", dtMs(-9223370332761600000), dur("-106751991167d")),
	fails("type error: expected duration, got long", "offset", dt("2024-01-01"), types.Long(1)),
	fails("type error: expected datetime, got duration", "offset", dur("1h"), dur("1h")),
	ok(dur("1d"), "durationSince", dt("2024-01-02"), dt("2024-01-01")),
	ok(dur("-1d"), "durationSince", dt("2024-01-01"), dt("2024-01-02")),
	ok(dur("1h"), "durationSince", dt("2024-01-01T00:00:00Z"), dt("2024-01-01T00:00:00+0100")),
	ok(durMs(math.MinInt64), "durationSince", dtMs(math.MinInt64), dtMs(0)),
	ok(durMs(math.MaxInt64), "durationSince", dtMs(-1), dtMs(math.MinInt64)),
	fails(extErr("durationSince", "overflows when computing the duration between "+epochOffsetOf+"-9223372036854775808ms\")) and "+epochOffsetOf+"1ms\"))"), "durationSince", dtMs(math.MinInt64), dtMs(1)),
	fails(extErr("durationSince", "overflows when computing the duration between "+epochOffsetOf+"9223372036854775807ms\")) and "+epochOffsetOf+"-1ms\"))"), "durationSince", dtMs(math.MaxInt64), dtMs(-1)),
	fails(extErr("durationSince", "overflows when computing the duration between "+epochOffsetOf+"0ms\")) and "+epochOffsetOf+"-9223372036854775808ms\"))"), "durationSince", dtMs(0), dtMs(math.MinInt64)),
	fails("type error: expected datetime, got duration", "durationSince", dt("2024-01-01"), dur("1h")),
	ok(dt("1969-12-31"), "toDate", dt("1969-12-31T23:00:00Z")),
	ok(dt("2024-01-01"), "toDate", dt("2024-01-01T10:00:00+0100")),
	ok(dt("2023-12-31"), "toDate", dt("2024-01-01T00:30:00+0100")),
	ok(dt("1969-12-31"), "toDate", dtMs(-1)),
	ok(dt("1970-01-01"), "toDate", dtMs(86399999)),
	ok(dtMs(9223372036828800000), "toDate", dtMs(math.MaxInt64)),
	ok(dtMs(-9223372036828800000), "toDate", dtMs(-9223372036828800000)),
	fails(extErr("toDate", "overflows when computing the date of "+epochOffsetOf+"-9223372036828800001ms\"))"), "toDate", dtMs(-9223372036828800001)),
	fails(extErr("toDate", "overflows when computing the date of "+epochOffsetOf+"-9223372036854775808ms\"))"), "toDate", dtMs(math.MinInt64)),
	ok(dur("23h"), "toTime", dt("1969-12-31T23:00:00Z")),
	ok(dur("0ms"), "toTime", dt("1969-12-31")),
	ok(dur("23h59m59s999ms"), "toTime", dtMs(-1)),
	ok(dur("10h"), "toTime", dt("2024-01-01T11:00:00+0100")),
	ok(durMs(60424192), "toTime", dtMs(math.MinInt64)),
	ok(durMs(25975807), "toTime", dtMs(math.MaxInt64)),
	fails("type error: expected datetime, got string", "toTime", str("2024-01-01")),
	fails("wrong number of arguments provided to extension function `toDate`: expected 1, got 0", "toDate"),
}

func TestDatetime(t *testing.T)        { runCallCases(t, datetimeCases) }
func TestDuration(t *testing.T)        { runCallCases(t, durationCases) }
func TestDatetimeMethods(t *testing.T) { runCallCases(t, datetimeMethodCases) }

func TestDatetimeText(t *testing.T) {
	for _, c := range []struct {
		ms  int64
		iso string
	}{
		{0, "1970-01-01"},
		{1704067200000, "2024-01-01"},
		{1704067201000, "2024-01-01T00:00:01Z"},
		{1704067200123, "2024-01-01T00:00:00.123Z"},
		{-1, "1969-12-31T23:59:59.999Z"},
		{-62167219200000, "0000-01-01"},
		{253402300799999, "9999-12-31T23:59:59.999Z"},
		{-62167219200001, "0000-01-01T23:58:59.999+2359"},
		{-62167305540000, "0000-01-01T00:00:00+2359"},
		{253402300800000, "9999-12-31T00:01:00-2359"},
		{253402387139999, "9999-12-31T23:59:59.999-2359"},
	} {
		d := types.Datetime{Millis: c.ms}
		got, ok := d.ISO8601()
		if !ok || got != c.iso {
			t.Errorf("Datetime{%d}.ISO8601() = %q, %v; want %q", c.ms, got, ok, c.iso)
		}
		if back, err := ParseDatetime(got); err != nil || back != d {
			t.Errorf("ParseDatetime(%q) = %v, %v; want %v", got, back, err, d)
		}
	}
	for _, ms := range []int64{-62167305540001, 253402387140000, math.MinInt64, math.MaxInt64} {
		if text, ok := (types.Datetime{Millis: ms}).ISO8601(); ok {
			t.Errorf("Datetime{%d}.ISO8601() = %q, want not representable", ms, text)
		}
	}
	if got, want := (types.Datetime{Millis: -5}).String(), `datetime("1970-01-01").offset(duration("-5ms"))`; got != want {
		t.Errorf("String() = %s, want %s", got, want)
	}
	if got, want := (types.Duration{Millis: -5}).String(), `duration("-5ms")`; got != want {
		t.Errorf("String() = %s, want %s", got, want)
	}
}
