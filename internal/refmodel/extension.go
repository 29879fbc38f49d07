package refmodel

import (
	"errors"
	"fmt"
	"math/big"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/cedar-ls/cedar-ls/engine/types"
)

// constructors are the extension functions: each turns a string into a
// value of its extension type or fails.
var constructors = map[string]func(string) (Value, error){
	"decimal":  parseDecimal,
	"ip":       parseIP,
	"datetime": parseDatetime,
	"duration": parseDuration,
}

// fitInt64 is r if it fits 64 bits, else an error.
func fitInt64(r *big.Int, overflow string) (int64, error) {
	if !r.IsInt64() {
		return 0, errors.New(overflow)
	}
	return r.Int64(), nil
}

// A decimal is "-?digits.digits" with one to four fraction digits; its
// value times 10^4 must fit 64 bits.
var decimalSyntax = regexp.MustCompile(`^(-?)([0-9]+)\.([0-9]+)$`)

func parseDecimal(s string) (Value, error) {
	m := decimalSyntax.FindStringSubmatch(s)
	switch {
	case m == nil:
		return nil, fmt.Errorf("%q is not a well-formed decimal", s)
	case len(m[3]) > 4:
		return nil, fmt.Errorf("%q has more than 4 digits after the point", s)
	}
	scaled, _ := new(big.Int).SetString(m[1]+m[2]+(m[3] + "000")[:4], 10)
	n, err := fitInt64(scaled, "decimal overflows")
	return types.Decimal{Scaled: n}, err
}

// An ip is an IPv4 or IPv6 address, optionally with "/prefix-length"
// (decimal, no leading zeros, at most the address's bit length). Zones and
// IPv4 embedded in IPv6 are rejected. Host bits are kept as written, so
// ip("10.0.0.1/8") != ip("10.0.0.0/8").
var prefixLengthSyntax = regexp.MustCompile(`^(0|[1-9][0-9]*)$`)

func parseIP(s string) (Value, error) {
	addrText, lengthText, hasLength := strings.Cut(s, "/")
	if strings.Contains(addrText, "%") || strings.Contains(addrText, ".") && strings.Contains(addrText, ":") {
		return nil, fmt.Errorf("invalid IP address %q", s)
	}
	addr, err := netip.ParseAddr(addrText)
	if err != nil {
		return nil, fmt.Errorf("invalid IP address %q", s)
	}
	bits := addr.BitLen()
	if hasLength {
		n, err := strconv.Atoi(lengthText)
		if !prefixLengthSyntax.MatchString(lengthText) || err != nil || n > bits {
			return nil, fmt.Errorf("invalid prefix length in %q", s)
		}
		bits = n
	}
	return types.IPAddr{Prefix: netip.PrefixFrom(addr, bits)}, nil
}

// A datetime is "YYYY-MM-DD", optionally followed by "Thh:mm:ss", optional
// ".SSS" milliseconds, and "Z" or a "+hhmm"/"-hhmm" offset from UTC.
var datetimeSyntax = regexp.MustCompile(
	`^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?(?:Z|([+-])(\d{2})(\d{2})))?$`)

func parseDatetime(s string) (Value, error) {
	m := datetimeSyntax.FindStringSubmatch(s)
	if m == nil {
		return nil, fmt.Errorf("%q is not a well-formed datetime", s)
	}
	num := func(i int) int { n, _ := strconv.Atoi(m[i]); return n } // "" is 0
	year, month, day := num(1), num(2), num(3)
	hour, minute, second, milli := num(4), num(5), num(6), num(7)
	offsetMinutes := num(9)*60 + num(10)
	if m[8] == "-" {
		offsetMinutes = -offsetMinutes
	}
	// The day after the last of the month is day 0 of the next month.
	lastDay := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if month < 1 || month > 12 || day < 1 || day > lastDay ||
		hour > 23 || minute > 59 || second > 59 || num(9) > 23 || num(10) > 59 {
		return nil, fmt.Errorf("%q is out of range", s)
	}
	local := time.Date(year, time.Month(month), day, hour, minute, second, milli*1e6, time.UTC).UnixMilli()
	// Local time is UTC plus the offset.
	return types.Datetime{Millis: local - int64(offsetMinutes)*60_000}, nil
}

// A duration is an optional "-" and one or more quantities with the units
// d, h, m, s, ms, each at most once and in that order, e.g. "1d2h3m4s5ms";
// the total in milliseconds must fit 64 bits.
var durationSyntax = regexp.MustCompile(`^(-?)(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$`)

var durationUnits = []int64{msPerDay, 3_600_000, 60_000, 1_000, 1}

func parseDuration(s string) (Value, error) {
	m := durationSyntax.FindStringSubmatch(s)
	if m == nil || strings.TrimPrefix(s, "-") == "" {
		return nil, fmt.Errorf("%q is not a well-formed duration", s)
	}
	total := new(big.Int)
	for i, unit := range durationUnits {
		if q, ok := new(big.Int).SetString(m[i+2], 10); ok {
			total.Add(total, q.Mul(q, big.NewInt(unit)))
		}
	}
	if m[1] == "-" {
		total.Neg(total)
	}
	ms, err := fitInt64(total, "duration overflows")
	return types.Duration{Millis: ms}, err
}
