package extension

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/types"
)

func init() {
	register("ip", false, []types.Kind{types.KindString}, types.KindIPAddr, func(args []types.Value) (types.Value, error) {
		return ParseIPAddr(string(args[0].(types.String)))
	})
	predicate := func(name string, holds func(netip.Prefix) bool) {
		register(name, true, []types.Kind{types.KindIPAddr}, types.KindBool, func(args []types.Value) (types.Value, error) {
			return types.Bool(holds(args[0].(types.IPAddr).Prefix)), nil
		})
	}
	predicate("isIpv4", func(p netip.Prefix) bool { return p.Addr().Is4() })
	predicate("isIpv6", func(p netip.Prefix) bool { return p.Addr().Is6() })
	predicate("isLoopback", func(p netip.Prefix) bool {
		return rangeWithin(p, loopbackV4) || rangeWithin(p, loopbackV6)
	})
	predicate("isMulticast", func(p netip.Prefix) bool {
		return rangeWithin(p, multicastV4) || rangeWithin(p, multicastV6)
	})
	register("isInRange", true, []types.Kind{types.KindIPAddr, types.KindIPAddr}, types.KindBool, func(args []types.Value) (types.Value, error) {
		return types.Bool(rangeWithin(args[0].(types.IPAddr).Prefix, args[1].(types.IPAddr).Prefix)), nil
	})
}

var (
	loopbackV4  = netip.MustParsePrefix("127.0.0.0/8")
	loopbackV6  = netip.MustParsePrefix("::1/128")
	multicastV4 = netip.MustParsePrefix("224.0.0.0/4")
	multicastV6 = netip.MustParsePrefix("ff00::/8")
)

// rangeWithin reports whether every address of inner's network is in
// outer's network. Host bits below a prefix length are ignored, and IPv4
// and IPv6 ranges never contain each other.
func rangeWithin(inner, outer netip.Prefix) bool {
	return inner.Addr().BitLen() == outer.Addr().BitLen() &&
		inner.Bits() >= outer.Bits() &&
		outer.Contains(inner.Addr())
}

// ParseIPAddr parses ip()'s argument: an IPv4 dotted quad (no leading
// zeros) or an IPv6 address (no zone, no embedded IPv4), optionally
// followed by "/length". Host bits are kept as written: ip("10.0.0.1/8") is
// not equal to ip("10.0.0.0/8"), matching official Cedar.
func ParseIPAddr(s string) (types.IPAddr, error) {
	// Official Cedar rejects anything with two colons and two dots up front,
	// wherever they are, before looking at the parts.
	if strings.Count(s, ":") >= 2 && strings.Count(s, ".") >= 2 {
		return types.IPAddr{}, evalErr("ipaddr", "error parsing IP address from string: We do not accept IPv4 embedded in IPv6 (e.g., ::ffff:127.0.0.1). Found: `%s`", s)
	}
	addrText, prefixText, hasPrefix := strings.Cut(s, "/")
	addr, ok := parseAddr(addrText)
	if !ok {
		if hasPrefix {
			return types.IPAddr{}, evalErr("ipaddr", "error parsing IP address from the string `%s`: invalid IP address syntax", addrText)
		}
		return types.IPAddr{}, evalErr("ipaddr", "invalid IP address: %s", s)
	}
	if !hasPrefix {
		return types.IPAddr{Prefix: netip.PrefixFrom(addr, addr.BitLen())}, nil
	}
	bits, err := parsePrefixLength(prefixText, addr.BitLen())
	if err != nil {
		return types.IPAddr{}, err
	}
	return types.IPAddr{Prefix: netip.PrefixFrom(addr, bits)}, nil
}

// parseAddr accepts what Rust's std address parser accepts once embedded
// IPv4 has been excluded; netip agrees except for zones, which Cedar does
// not allow.
func parseAddr(s string) (netip.Addr, bool) {
	if strings.Contains(s, "%") {
		return netip.Addr{}, false
	}
	addr, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}, false
	}
	return addr, true
}

// parsePrefixLength checks the length text in the order official Cedar
// does: size, then digits, then leading zeros, then range.
func parsePrefixLength(s string, maxBits int) (int, error) {
	maxLen := 2
	if maxBits == 128 {
		maxLen = 3
	}
	if len(s) > maxLen {
		return 0, evalErr("ipaddr", "error parsing prefix: string length %d is too large", len(s))
	}
	if s == "" {
		return 0, evalErr("ipaddr", "error parsing prefix from the string ``: cannot parse integer from empty string")
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, evalErr("ipaddr", "error parsing prefix `%s`: encountered non-digit", s)
		}
	}
	if len(s) > 1 && s[0] == '0' {
		return 0, evalErr("ipaddr", "error parsing prefix `%s`: leading zero(s)", s)
	}
	n, _ := strconv.Atoi(s) // at most three ASCII digits
	if n > 255 {
		return 0, evalErr("ipaddr", "error parsing prefix from the string `%s`: number too large to fit in target type", s)
	}
	if n > maxBits {
		return 0, evalErr("ipaddr", "error parsing prefix: %d is larger than the limit %d", n, maxBits)
	}
	return n, nil
}
