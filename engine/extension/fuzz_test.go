package extension

import (
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/types"
)

// The fuzz targets check that no input panics and that every parsed value
// prints back (Text / ISO8601) to a string that parses to the same value.

func seedFrom(f *testing.F, fn string, tables ...[]callCase) {
	for _, table := range tables {
		for _, c := range table {
			if c.fn == fn && len(c.args) == 1 {
				if s, isString := c.args[0].(types.String); isString {
					f.Add(string(s))
				}
			}
		}
	}
}

func FuzzParseDecimal(f *testing.F) {
	seedFrom(f, "decimal", decimalCases)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDecimal(s)
		if err != nil {
			return
		}
		back, err := ParseDecimal(d.Text())
		if err != nil || back != d {
			t.Fatalf("ParseDecimal(%q) = %v; its text %q parses to %v, %v", s, d, d.Text(), back, err)
		}
	})
}

func FuzzParseIPAddr(f *testing.F) {
	seedFrom(f, "ip", ipCases)
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseIPAddr(s)
		if err != nil {
			return
		}
		back, err := ParseIPAddr(a.Text())
		if err != nil || back != a {
			t.Fatalf("ParseIPAddr(%q) = %v; its text %q parses to %v, %v", s, a, a.Text(), back, err)
		}
	})
}

func FuzzParseDatetime(f *testing.F) {
	seedFrom(f, "datetime", datetimeCases)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDatetime(s)
		if err != nil {
			return
		}
		iso, ok := d.ISO8601()
		if !ok {
			t.Fatalf("ParseDatetime(%q) = %v, which has no ISO 8601 text", s, d)
		}
		back, err := ParseDatetime(iso)
		if err != nil || back != d {
			t.Fatalf("ParseDatetime(%q) = %v; its text %q parses to %v, %v", s, d, iso, back, err)
		}
		// Every parsed datetime can be taken apart without overflow.
		date, err := ToDate(d)
		if err != nil || date.Millis > d.Millis || d.Millis-date.Millis != ToTime(d).Millis {
			t.Fatalf("toDate/toTime of %v: %v + %v, %v", d, date, ToTime(d), err)
		}
	})
}

func FuzzParseDuration(f *testing.F) {
	seedFrom(f, "duration", durationCases)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration(s)
		if err != nil {
			return
		}
		back, err := ParseDuration(d.Text())
		if err != nil || back != d {
			t.Fatalf("ParseDuration(%q) = %v; its text %q parses to %v, %v", s, d, d.Text(), back, err)
		}
	})
}
