package extension

import (
	"math"
	"time"

	"github.com/cedar-ls/cedar-ls/engine/types"
)

const millisPerDay = 86_400_000

func init() {
	register("datetime", false, []types.Kind{types.KindString}, types.KindDatetime, func(args []types.Value) (types.Value, error) {
		return ParseDatetime(string(args[0].(types.String)))
	})
	register("duration", false, []types.Kind{types.KindString}, types.KindDuration, func(args []types.Value) (types.Value, error) {
		return ParseDuration(string(args[0].(types.String)))
	})
	register("offset", true, []types.Kind{types.KindDatetime, types.KindDuration}, types.KindDatetime, func(args []types.Value) (types.Value, error) {
		return Offset(args[0].(types.Datetime), args[1].(types.Duration))
	})
	register("durationSince", true, []types.Kind{types.KindDatetime, types.KindDatetime}, types.KindDuration, func(args []types.Value) (types.Value, error) {
		return DurationSince(args[0].(types.Datetime), args[1].(types.Datetime))
	})
	register("toDate", true, []types.Kind{types.KindDatetime}, types.KindDatetime, func(args []types.Value) (types.Value, error) {
		return ToDate(args[0].(types.Datetime))
	})
	register("toTime", true, []types.Kind{types.KindDatetime}, types.KindDuration, func(args []types.Value) (types.Value, error) {
		return ToTime(args[0].(types.Datetime)), nil
	})
	per := func(name string, unit int64) {
		register(name, true, []types.Kind{types.KindDuration}, types.KindLong, func(args []types.Value) (types.Value, error) {
			// Go's division truncates toward zero, as official's does.
			return types.Long(args[0].(types.Duration).Millis / unit), nil
		})
	}
	per("toDays", millisPerDay)
	per("toHours", 3_600_000)
	per("toMinutes", 60_000)
	per("toSeconds", 1_000)
	per("toMilliseconds", 1)
}

// Offset is datetime.offset(duration): the instant shifted by the span.
func Offset(d types.Datetime, by types.Duration) (types.Datetime, error) {
	sum := d.Millis + by.Millis
	if (by.Millis > 0 && sum < d.Millis) || (by.Millis < 0 && sum > d.Millis) {
		return types.Datetime{}, evalErr("offset", "overflows when adding an offset: %s+(%s)", d, by.Text())
	}
	return types.Datetime{Millis: sum}, nil
}

// DurationSince is a.durationSince(b): the span from b to a.
func DurationSince(a, b types.Datetime) (types.Duration, error) {
	diff := a.Millis - b.Millis
	if (b.Millis < 0 && diff < a.Millis) || (b.Millis > 0 && diff > a.Millis) {
		return types.Duration{}, evalErr("durationSince", "overflows when computing the duration between %s and %s", a, b)
	}
	return types.Duration{Millis: diff}, nil
}

// ToDate is datetime.toDate(): midnight UTC of the instant's day, rounding
// down for instants before the epoch.
func ToDate(d types.Datetime) (types.Datetime, error) {
	days := d.Millis / millisPerDay
	if d.Millis%millisPerDay < 0 {
		days--
	}
	if days < math.MinInt64/millisPerDay {
		return types.Datetime{}, evalErr("toDate", "overflows when computing the date of %s", d)
	}
	return types.Datetime{Millis: days * millisPerDay}, nil
}

// ToTime is datetime.toTime(): the span since that day's midnight UTC,
// always in [0, 1d).
func ToTime(d types.Datetime) types.Duration {
	ms := d.Millis % millisPerDay
	if ms < 0 {
		ms += millisPerDay
	}
	return types.Duration{Millis: ms}
}

// ParseDatetime parses datetime()'s argument, one of
//
//	YYYY-MM-DD
//	YYYY-MM-DDThh:mm:ssZ
//	YYYY-MM-DDThh:mm:ss.SSSZ
//	YYYY-MM-DDThh:mm:ss(+|-)hhmm
//	YYYY-MM-DDThh:mm:ss.SSS(+|-)hhmm
//
// with ASCII digits. As in official Cedar the shape of the whole string is
// checked before the date, then the time, then the offset are range
// checked; the error names the first failure in that order.
func ParseDatetime(s string) (types.Datetime, error) {
	fail := func(format string, args ...any) (types.Datetime, error) {
		return types.Datetime{}, evalErr("datetime", format, args...)
	}
	if len(s) < 10 || !digitsAt(s, 0, 4) || s[4] != '-' || !digitsAt(s, 5, 2) || s[7] != '-' || !digitsAt(s, 8, 2) {
		return fail("invalid date pattern")
	}
	year, month, day := atoi(s[0:4]), atoi(s[5:7]), atoi(s[8:10])
	var hour, minute, second, millis, offsetSign, offsetHour, offsetMinute int
	if len(s) > 10 {
		if len(s) < 19 || s[10] != 'T' || !digitsAt(s, 11, 2) || s[13] != ':' || !digitsAt(s, 14, 2) || s[16] != ':' || !digitsAt(s, 17, 2) {
			return fail("invalid hour/minute/second pattern")
		}
		hour, minute, second = atoi(s[11:13]), atoi(s[14:16]), atoi(s[17:19])
		rest := s[19:]
		if len(rest) >= 4 && rest[0] == '.' && digitsAt(rest, 1, 3) {
			millis = atoi(rest[1:4])
			rest = rest[4:]
		}
		switch {
		case rest == "Z":
		case len(rest) == 5 && (rest[0] == '+' || rest[0] == '-') && digitsAt(rest, 1, 4):
			offsetSign = 1
			if rest[0] == '-' {
				offsetSign = -1
			}
			offsetHour, offsetMinute = atoi(rest[1:3]), atoi(rest[3:5])
		default:
			return fail("invalid millisecond and/or offset pattern")
		}
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, month) {
		return fail("invalid date: %s", s[:10])
	}
	if hour > 23 || minute > 59 || second > 59 {
		return fail("invalid hour/minute/second: %s", s[11:19])
	}
	if offsetHour > 23 || offsetMinute > 59 {
		// Official prints the two numbers back to back, unpadded.
		return fail("invalid offset range: %d%d", offsetHour, offsetMinute)
	}
	local := time.Date(year, time.Month(month), day, hour, minute, second, millis*int(time.Millisecond), time.UTC).UnixMilli()
	// The local time is ahead of UTC by the offset; years 0000-9999 keep
	// this far from int64 limits.
	return types.Datetime{Millis: local - int64(offsetSign)*int64(offsetHour*3_600_000+offsetMinute*60_000)}, nil
}

func digitsAt(s string, at, n int) bool {
	if at+n > len(s) {
		return false
	}
	for i := at; i < at+n; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// atoi converts a short run of ASCII digits already checked by digitsAt.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func daysIn(year, month int) int {
	// Day 0 of the next month is the last day of this one.
	return time.Date(year, time.Month(month+1), 0, 0, 0, 0, 0, time.UTC).Day()
}

// durationUnits are the suffixes duration() accepts, in the order they must
// appear, with their length in milliseconds. "ms" precedes "m" so that the
// longer suffix wins.
var durationUnits = []struct {
	suffix string
	millis uint64
}{
	{"d", millisPerDay},
	{"h", 3_600_000},
	{"m", 60_000},
	{"s", 1_000},
	{"ms", 1},
}

// ParseDuration parses duration()'s argument: an optional '-', then one or
// more ASCII-digit quantities with the units d, h, m, s, ms, each unit at
// most once and in that order, e.g. "1d2h3m4s5ms" or "-90s". The total
// must fit an int64 of milliseconds (so "-9223372036854775808ms" is fine).
func ParseDuration(s string) (types.Duration, error) {
	badPattern := func() (types.Duration, error) {
		return types.Duration{}, evalErr("duration", "invalid duration pattern")
	}
	rest := s
	neg := false
	if len(rest) > 0 && rest[0] == '-' {
		neg, rest = true, rest[1:]
	}
	if rest == "" {
		return badPattern()
	}
	limit := uint64(math.MaxInt64)
	if neg {
		limit++
	}
	// Check the whole pattern before reporting overflow, as official does.
	var total uint64
	overflow := false
	nextUnit := 0
	for rest != "" {
		n := 0
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 0 {
			return badPattern()
		}
		digits := rest[:n]
		rest = rest[n:]
		unit := -1
		for u := nextUnit; u < len(durationUnits); u++ {
			suf := durationUnits[u].suffix
			if len(rest) >= len(suf) && rest[:len(suf)] == suf && !(suf == "m" && len(rest) > 1 && rest[1] == 's') {
				unit = u
				break
			}
		}
		if unit < 0 {
			return badPattern()
		}
		rest = rest[len(durationUnits[unit].suffix):]
		nextUnit = unit + 1
		if overflow {
			continue
		}
		quantity, ok := parseUint(digits, limit)
		if ok {
			quantity, ok = mulUint(quantity, durationUnits[unit].millis, limit)
		}
		if ok && total > limit-quantity {
			ok = false
		}
		if !ok {
			overflow = true
			continue
		}
		total += quantity
	}
	if overflow {
		return types.Duration{}, evalErr("duration", "Duration overflows internal representation")
	}
	if neg {
		return types.Duration{Millis: int64(-total)}, nil // wraps correctly for 2^63
	}
	return types.Duration{Millis: int64(total)}, nil
}

// parseUint converts ASCII digits (any number of leading zeros) to a value
// no larger than limit.
func parseUint(digits string, limit uint64) (uint64, bool) {
	var n uint64
	for i := 0; i < len(digits); i++ {
		d := uint64(digits[i] - '0')
		if n > (limit-d)/10 {
			return 0, false
		}
		n = n*10 + d
	}
	return n, true
}

func mulUint(a, b, limit uint64) (uint64, bool) {
	if b != 0 && a > limit/b {
		return 0, false
	}
	return a * b, true
}
