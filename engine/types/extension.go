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

// String renders the decimal as its constructor call with four fraction digits.
func (d Decimal) String() string { return `decimal("` + d.Text() + `")` }

// Text is the decimal's literal text, e.g. "-1.2300".
func (d Decimal) Text() string {
	n := d.Scaled
	neg := n < 0
	u := uint64(n)
	if neg {
		u = uint64(-n) // -MinInt64 wraps to itself, and uint64 of it is right
	}
	whole, frac := u/10000, u%10000
	s := strconv.FormatUint(whole, 10) + "." + fmt.Sprintf("%04d", frac)
	if neg {
		s = "-" + s
	}
	return s
}

func (a IPAddr) String() string { return `ip("` + a.Prefix.String() + `")` }

func (d Datetime) String() string { return `datetime("` + strconv.FormatInt(d.Millis, 10) + `")` }

func (d Duration) String() string { return `duration("` + strconv.FormatInt(d.Millis, 10) + `ms")` }
