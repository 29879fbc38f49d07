package types

import (
	"fmt"
	"net/netip"
	"strconv"
)

// Decimal is Cedar's fixed-point decimal: the value times 10^4.
type Decimal struct{ Scaled int64 }

func (Decimal) Kind() Kind { return KindDecimal }
func (d Decimal) Equal(v Value) bool {
	o, ok := v.(Decimal)
	return ok && o == d
}

// IPAddr is an IPv4 or IPv6 address with a prefix length; a bare address is
// a /32 (or /128) range, as in Cedar.
type IPAddr struct{ Prefix netip.Prefix }

func (IPAddr) Kind() Kind { return KindIPAddr }
func (a IPAddr) Equal(v Value) bool {
	o, ok := v.(IPAddr)
	return ok && o.Prefix == a.Prefix
}

// Datetime is an instant: milliseconds since the Unix epoch (UTC).
type Datetime struct{ Millis int64 }

func (Datetime) Kind() Kind { return KindDatetime }
func (d Datetime) Equal(v Value) bool {
	o, ok := v.(Datetime)
	return ok && o == d
}

// Duration is a signed span of time in milliseconds.
type Duration struct{ Millis int64 }

func (Duration) Kind() Kind { return KindDuration }
func (d Duration) Equal(v Value) bool {
	o, ok := v.(Duration)
	return ok && o == d
}

// String renders the decimal as its constructor call. Official Cedar echoes
// the literal a decimal was written with; decimals are never computed, so
// the shortest spelling (Text) is the one most literals use.
func (d Decimal) String() string { return `decimal("` + d.Text() + `")` }

// Text is the decimal's shortest literal text: at least one fraction digit,
// no trailing zeros beyond it, e.g. "-1.23" or "5.0".
func (d Decimal) Text() string {
	n := d.Scaled
	neg := n < 0
	u := uint64(n)
	if neg {
		u = -u // two's complement negation is exact for MinInt64 as well
	}
	whole, frac := u/10000, u%10000
	fracText := fmt.Sprintf("%04d", frac)
	for len(fracText) > 1 && fracText[len(fracText)-1] == '0' {
		fracText = fracText[:len(fracText)-1]
	}
	s := strconv.FormatUint(whole, 10) + "." + fracText
	if neg {
		s = "-" + s
	}
	return s
}

// String renders the address as its constructor call, e.g. ip("10.0.0.0/8").
func (a IPAddr) String() string { return `ip("` + a.Text() + `")` }

// String renders the datetime the way official Cedar prints every datetime
// that is not a literal (and every datetime in its error messages): an
// offset from the epoch, which is valid Cedar for the whole int64 range.
func (d Datetime) String() string {
	return `datetime("1970-01-01").offset(duration("` + strconv.FormatInt(d.Millis, 10) + `ms"))`
}

// String renders the duration as official Cedar prints computed durations.
func (d Duration) String() string { return `duration("` + d.Text() + `")` }
