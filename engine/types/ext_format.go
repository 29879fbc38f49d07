package types

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// Text is the address as ip() accepts it: a bare address for a full-length
// prefix, otherwise "address/length". IPv6 uses the RFC 5952 short form
// but never the dotted IPv4 tail, which Cedar's ip() rejects.
func (a IPAddr) Text() string {
	addr := a.Prefix.Addr()
	if !addr.IsValid() {
		return "invalid"
	}
	text := formatAddr(addr)
	if a.Prefix.Bits() == addr.BitLen() {
		return text
	}
	return text + "/" + strconv.Itoa(a.Prefix.Bits())
}

func formatAddr(addr netip.Addr) string {
	if addr.Is4() {
		return addr.String()
	}
	b := addr.As16()
	var groups [8]uint16
	for i := range groups {
		groups[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	// RFC 5952: compress the longest run (the first one on ties) of two or
	// more zero groups.
	bestStart, bestLen := -1, 1
	for i := 0; i < 8; {
		if groups[i] != 0 {
			i++
			continue
		}
		j := i
		for j < 8 && groups[j] == 0 {
			j++
		}
		if j-i > bestLen {
			bestStart, bestLen = i, j-i
		}
		i = j
	}
	var sb strings.Builder
	for i := 0; i < 8; i++ {
		if i == bestStart {
			sb.WriteString("::")
			i += bestLen - 1
			continue
		}
		if i > 0 && i != bestStart+bestLen {
			sb.WriteByte(':')
		}
		sb.WriteString(strconv.FormatUint(uint64(groups[i]), 16))
	}
	return sb.String()
}

// Text is the duration as datetime offsets print it: whole milliseconds,
// e.g. "-90000ms". duration() accepts it for every int64.
func (d Duration) Text() string { return strconv.FormatInt(d.Millis, 10) + "ms" }

// ISO8601 is the datetime in the shortest form datetime() accepts:
// "YYYY-MM-DD" at midnight UTC, else "YYYY-MM-DDThh:mm:ssZ", with ".SSS"
// when there are milliseconds. Instants within a day outside years
// 0000-9999 UTC, which datetime() reaches through its offsets, are written
// with a +2359 or -2359 offset. ok is false for anything farther out, which
// only offset() can produce (String still renders those).
func (d Datetime) ISO8601() (text string, ok bool) {
	const minMillis = -62167219200000 // 0000-01-01T00:00:00Z
	const maxMillis = 253402300799999 // 9999-12-31T23:59:59.999Z
	const maxOffset = 86340000        // 23h59m
	local, zone := d.Millis, "Z"
	switch {
	case d.Millis < minMillis-maxOffset || d.Millis > maxMillis+maxOffset:
		return "", false
	case d.Millis < minMillis:
		local, zone = d.Millis+maxOffset, "+2359"
	case d.Millis > maxMillis:
		local, zone = d.Millis-maxOffset, "-2359"
	}
	t := time.UnixMilli(local).UTC()
	date := fmt.Sprintf("%04d-%02d-%02d", t.Year(), int(t.Month()), t.Day())
	ms := t.Nanosecond() / int(time.Millisecond)
	clock := fmt.Sprintf("T%02d:%02d:%02d", t.Hour(), t.Minute(), t.Second())
	switch {
	case zone == "Z" && clock == "T00:00:00" && ms == 0:
		return date, true
	case ms == 0:
		return date + clock + zone, true
	default:
		return date + clock + fmt.Sprintf(".%03d", ms) + zone, true
	}
}
