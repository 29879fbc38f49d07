package extension

import (
	"net/netip"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/types"
)

func ipErr(msg string) string { return extErr("ipaddr", msg) }

func prefix(s string) types.Value { return types.IPAddr{Prefix: netip.MustParsePrefix(s)} }

const embeddedMsg = "error parsing IP address from string: We do not accept IPv4 embedded in IPv6 (e.g., ::ffff:127.0.0.1). Found: `"

var ipCases = []callCase{
	// Valid addresses; a bare address is a full-length prefix.
	ok(prefix("10.0.0.1/32"), "ip", str("10.0.0.1")),
	ok(prefix("10.0.0.1/32"), "ip", str("10.0.0.1/32")),
	ok(prefix("0.0.0.0/32"), "ip", str("0.0.0.0")),
	ok(prefix("255.255.255.255/32"), "ip", str("255.255.255.255")),
	ok(prefix("10.0.0.1/0"), "ip", str("10.0.0.1/0")),
	ok(prefix("10.0.0.1/8"), "ip", str("10.0.0.1/8")), // host bits kept
	ok(prefix("::/128"), "ip", str("::")),
	ok(prefix("::1/128"), "ip", str("::1")),
	ok(prefix("::1/128"), "ip", str("0:0:0:0:0:0:0:1")),
	ok(prefix("::1/128"), "ip", str("::0001")),
	ok(prefix("ffff::1/128"), "ip", str("FFFF::1")),
	ok(prefix("1:2:3:4:5:6:7:0/128"), "ip", str("1:2:3:4:5:6:7::")),
	ok(prefix("0:1:2:3:4:5:6:7/128"), "ip", str("::1:2:3:4:5:6:7")),
	ok(prefix("::ffff:102:304/128"), "ip", str("::ffff:102:304")), // v4-mapped, written in hex
	ok(prefix("::1/127"), "ip", str("::1/127")),
	ok(prefix("::/0"), "ip", str("::/0")),
	ok(prefix("::1/128"), "ip", str("::1/128")),
	ok(prefix("2001:db8::/32"), "ip", str("2001:DB8::/32")),
	// Malformed addresses.
	fails(ipErr("invalid IP address: 10.0.0.256"), "ip", str("10.0.0.256")),
	fails(ipErr("invalid IP address: 010.0.0.1"), "ip", str("010.0.0.1")),
	fails(ipErr("invalid IP address: 1.2.3.04"), "ip", str("1.2.3.04")),
	fails(ipErr("invalid IP address: 1.2.3"), "ip", str("1.2.3")),
	fails(ipErr("invalid IP address: 1.2.3.4."), "ip", str("1.2.3.4.")),
	fails(ipErr("invalid IP address: 1..3.4"), "ip", str("1..3.4")),
	fails(ipErr("invalid IP address: 0x1.2.3.4"), "ip", str("0x1.2.3.4")),
	fails(ipErr("invalid IP address:  10.0.0.1"), "ip", str(" 10.0.0.1")),
	fails(ipErr("invalid IP address: "), "ip", str("")),
	fails(ipErr("invalid IP address: fe80::1%eth0"), "ip", str("fe80::1%eth0")),
	fails(ipErr("invalid IP address: 1::2::3"), "ip", str("1::2::3")),
	fails(ipErr("invalid IP address: 1:2:3:4:5:6:7:8:9"), "ip", str("1:2:3:4:5:6:7:8:9")),
	fails(ipErr("invalid IP address: 1::2:3:4:5:6:7:8"), "ip", str("1::2:3:4:5:6:7:8")),
	fails(ipErr("invalid IP address: 1:2:3:4:5:6:7:8::"), "ip", str("1:2:3:4:5:6:7:8::")),
	fails(ipErr("invalid IP address: ::00001"), "ip", str("::00001")),
	fails(ipErr("invalid IP address: :1"), "ip", str(":1")),
	fails(ipErr("invalid IP address: 1:"), "ip", str("1:")),
	fails(ipErr("invalid IP address: :::"), "ip", str(":::")),
	fails(ipErr("invalid IP address: ::g"), "ip", str("::g")),
	fails(ipErr("invalid IP address: a.b:c"), "ip", str("a.b:c")),
	fails(ipErr("invalid IP address: 1.2.3.4:80"), "ip", str("1.2.3.4:80")),
	fails(ipErr("invalid IP address: 1:2.3.4"), "ip", str("1:2.3.4")),
	fails(ipErr("invalid IP address: 1:2:3.4"), "ip", str("1:2:3.4")),
	fails(ipErr("invalid IP address: １.2.3.4"), "ip", str("１.2.3.4")),
	// Anything with two colons and two dots, anywhere, is refused up front.
	fails(ipErr(embeddedMsg+"::ffff:10.0.0.1`"), "ip", str("::ffff:10.0.0.1")),
	fails(ipErr(embeddedMsg+"::1.2.3.4`"), "ip", str("::1.2.3.4")),
	fails(ipErr(embeddedMsg+"1:2:3:4:5:6:1.2.3.4`"), "ip", str("1:2:3:4:5:6:1.2.3.4")),
	fails(ipErr(embeddedMsg+"::1.2.3`"), "ip", str("::1.2.3")),
	fails(ipErr(embeddedMsg+"1.2.3.4::`"), "ip", str("1.2.3.4::")),
	fails(ipErr(embeddedMsg+"1:2.3.4:5`"), "ip", str("1:2.3.4:5")),
	fails(ipErr(embeddedMsg+"::1/1.2.3`"), "ip", str("::1/1.2.3")),
	fails(ipErr(embeddedMsg+"::ffff:10.0.0.0/104`"), "ip", str("::ffff:10.0.0.0/104")),
	// Prefix lengths: the address is checked first, then the length.
	fails(ipErr("error parsing IP address from the string ``: invalid IP address syntax"), "ip", str("/8")),
	fails(ipErr("error parsing IP address from the string `x`: invalid IP address syntax"), "ip", str("x/33")),
	fails(ipErr("error parsing IP address from the string `x`: invalid IP address syntax"), "ip", str("x/")),
	fails(ipErr("error parsing IP address from the string `1.2.3.4 `: invalid IP address syntax"), "ip", str("1.2.3.4 /8")),
	fails(ipErr("error parsing prefix: 33 is larger than the limit 32"), "ip", str("10.0.0.1/33")),
	fails(ipErr("error parsing prefix: 129 is larger than the limit 128"), "ip", str("::1/129")),
	fails(ipErr("error parsing prefix `08`: leading zero(s)"), "ip", str("10.0.0.1/08")),
	fails(ipErr("error parsing prefix `00`: leading zero(s)"), "ip", str("1.2.3.4/00")),
	fails(ipErr("error parsing prefix `08`: leading zero(s)"), "ip", str("::1/08")),
	fails(ipErr("error parsing prefix `+8`: encountered non-digit"), "ip", str("10.0.0.1/+8")),
	fails(ipErr("error parsing prefix `-0`: encountered non-digit"), "ip", str("1.2.3.4/-0")),
	fails(ipErr("error parsing prefix ` 8`: encountered non-digit"), "ip", str("1.2.3.4/ 8")),
	fails(ipErr("error parsing prefix `1a`: encountered non-digit"), "ip", str("1.2.3.4/1a")),
	fails(ipErr("error parsing prefix `/`: encountered non-digit"), "ip", str("1.2.3.4//")),
	fails(ipErr("error parsing prefix `0a`: encountered non-digit"), "ip", str("::1/0a")),
	fails(ipErr("error parsing prefix `00a`: encountered non-digit"), "ip", str("::1/00a")),
	fails(ipErr("error parsing prefix `1.2`: encountered non-digit"), "ip", str("::1/1.2")),
	fails(ipErr("error parsing prefix `é`: encountered non-digit"), "ip", str("::1/é")),
	fails(ipErr("error parsing prefix: string length 4 is too large"), "ip", str("::1/éé")),
	fails(ipErr("error parsing prefix: string length 3 is too large"), "ip", str("1.2.3.4/100")),
	fails(ipErr("error parsing prefix: string length 3 is too large"), "ip", str("1.2.3.4/8/8")),
	fails(ipErr("error parsing prefix: string length 4 is too large"), "ip", str("::1/0128")),
	fails(ipErr("error parsing prefix: string length 20 is too large"), "ip", str("1.2.3.4/99999999999999999999")),
	fails(ipErr("error parsing prefix from the string ``: cannot parse integer from empty string"), "ip", str("10.0.0.1/")),
	fails(ipErr("error parsing prefix from the string `999`: number too large to fit in target type"), "ip", str("::1/999")),
	fails(ipErr("error parsing prefix from the string `256`: number too large to fit in target type"), "ip", str("::1/256")),
	fails("type error: expected string, got long", "ip", types.Long(1)),
	// Family predicates.
	ok(types.True, "isIpv4", ipa("10.0.0.1")),
	ok(types.False, "isIpv6", ipa("10.0.0.1/0")),
	ok(types.True, "isIpv6", ipa("::")),
	ok(types.True, "isIpv6", ipa("::ffff:102:304")),
	ok(types.False, "isIpv4", ipa("::ffff:102:304")),
	// Loopback and multicast hold when the whole range is inside.
	ok(types.True, "isLoopback", ipa("127.0.0.1")),
	ok(types.True, "isLoopback", ipa("127.0.0.0/8")),
	ok(types.True, "isLoopback", ipa("127.255.255.255/9")),
	ok(types.False, "isLoopback", ipa("127.0.0.0/7")),
	ok(types.False, "isLoopback", ipa("128.0.0.1/1")),
	ok(types.True, "isLoopback", ipa("::1")),
	ok(types.False, "isLoopback", ipa("::1/127")),
	ok(types.False, "isLoopback", ipa("::")),
	ok(types.False, "isLoopback", ipa("::ffff:7f00:1")),
	ok(types.True, "isMulticast", ipa("224.0.0.1")),
	ok(types.True, "isMulticast", ipa("239.255.255.255")),
	ok(types.True, "isMulticast", ipa("224.0.0.0/4")),
	ok(types.False, "isMulticast", ipa("224.0.0.0/3")),
	ok(types.False, "isMulticast", ipa("240.0.0.0")),
	ok(types.True, "isMulticast", ipa("ff00::")),
	ok(types.True, "isMulticast", ipa("ff00::/8")),
	ok(types.True, "isMulticast", ipa("ffff::/8")),
	ok(types.False, "isMulticast", ipa("ff00::/7")),
	fails("type error: expected ipaddr, got decimal", "isIpv4", dec("1.0")),
	fails("wrong number of arguments provided to extension function `isIpv4`: expected 1, got 2", "isIpv4", ipa("1.2.3.4"), types.Long(1)),
	// isInRange: the receiver's range inside the argument's, same family.
	ok(types.True, "isInRange", ipa("10.0.0.1"), ipa("10.0.0.0/8")),
	ok(types.False, "isInRange", ipa("10.0.0.0/8"), ipa("10.0.0.1")),
	ok(types.True, "isInRange", ipa("10.0.0.0/8"), ipa("10.0.0.0/8")),
	ok(types.False, "isInRange", ipa("10.0.0.0/8"), ipa("10.0.0.0/16")),
	ok(types.True, "isInRange", ipa("10.0.0.0/16"), ipa("10.0.0.0/8")),
	ok(types.True, "isInRange", ipa("10.1.2.3/16"), ipa("10.1.5.3/16")),
	ok(types.True, "isInRange", ipa("10.0.0.1/0"), ipa("255.0.0.0/0")),
	ok(types.False, "isInRange", ipa("11.0.0.1"), ipa("10.0.0.0/8")),
	ok(types.False, "isInRange", ipa("0.0.0.0/0"), ipa("::/0")),
	ok(types.False, "isInRange", ipa("::/0"), ipa("0.0.0.0/0")),
	ok(types.False, "isInRange", ipa("::ffff:a00:1"), ipa("10.0.0.0/8")),
	ok(types.True, "isInRange", ipa("::1"), ipa("::/0")),
	ok(types.True, "isInRange", ipa("2001:db8::1"), ipa("2001:db8::/32")),
	ok(types.False, "isInRange", ipa("2001:db9::1"), ipa("2001:db8::/32")),
	fails("type error: expected ipaddr, got long", "isInRange", ipa("1.2.3.4"), types.Long(1)),
	fails("wrong number of arguments provided to extension function `isInRange`: expected 2, got 3", "isInRange", types.Long(1), types.Long(1), types.Long(2)),
	// Equality (via ==) keeps host bits, so these differ.
	ok(types.False, "isIpv4", ipa("::1")),
}

func TestIPAddr(t *testing.T) { runCallCases(t, ipCases) }

func TestIPAddrEquality(t *testing.T) {
	same := [][2]string{{"10.0.0.1", "10.0.0.1/32"}, {"::1", "0:0:0:0:0:0:0:1/128"}}
	differ := [][2]string{{"10.0.0.1/8", "10.0.0.0/8"}, {"10.0.0.0/8", "10.0.0.0/16"}, {"::ffff:a00:1", "10.0.0.1"}}
	for _, p := range same {
		if !ipa(p[0]).Equal(ipa(p[1])) {
			t.Errorf("ip(%q) != ip(%q), official says equal", p[0], p[1])
		}
	}
	for _, p := range differ {
		if ipa(p[0]).Equal(ipa(p[1])) {
			t.Errorf("ip(%q) == ip(%q), official says different", p[0], p[1])
		}
	}
}

func TestIPAddrText(t *testing.T) {
	for _, c := range []struct{ in, text string }{
		{"10.0.0.1", "10.0.0.1"},
		{"10.0.0.1/32", "10.0.0.1"},
		{"10.0.0.1/8", "10.0.0.1/8"},
		{"0:0:0:0:0:0:0:1", "::1"},
		{"::", "::"},
		{"::/0", "::/0"},
		{"FFFF:0:0:1:0:0:0:1", "ffff:0:0:1::1"},
		{"1:0:0:2:0:0:0:3/64", "1:0:0:2::3/64"},
		{"1:0:2:0:3:0:4:0", "1:0:2:0:3:0:4:0"},
		{"1:2:3:4:5:6:7:0", "1:2:3:4:5:6:7:0"},
		{"1:0:0:2:0:0:3:4", "1::2:0:0:3:4"},
		{"::ffff:102:304", "::ffff:102:304"},
	} {
		a := ipa(c.in).(types.IPAddr)
		if got := a.Text(); got != c.text {
			t.Errorf("ip(%q).Text() = %q, want %q", c.in, got, c.text)
		}
		if back, err := ParseIPAddr(a.Text()); err != nil || back != a {
			t.Errorf("ParseIPAddr(%q) = %v, %v; want %v", a.Text(), back, err, a)
		}
	}
}
