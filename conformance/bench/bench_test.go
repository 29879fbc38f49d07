package bench

import (
	"fmt"
	"testing"
)

// TestImplementationsAgree checks every input's expected decisions with
// every implementation, so the benchmarks measure working setups.
func TestImplementationsAgree(t *testing.T) {
	for _, in := range inputs() {
		for _, im := range impls {
			authorize, err := im.prepare(in)
			if err != nil {
				t.Fatalf("%s %s: %v", im.name, in.Name, err)
			}
			for i, r := range in.Requests {
				if got := authorize(i); got != r.Allow {
					t.Errorf("%s %s request %d (%v): allow = %v, want %v", im.name, in.Name, i, r, got, r.Allow)
				}
			}
		}
	}
}

func BenchmarkAuthorize(b *testing.B) {
	for _, in := range inputs() {
		for _, im := range impls {
			b.Run(fmt.Sprintf("impl=%s/%s", im.name, in.Name), func(b *testing.B) {
				authorize, err := im.prepare(in)
				if err != nil {
					b.Fatal(err)
				}
				n := len(in.Requests)
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					authorize(i % n)
				}
			})
		}
	}
}

func BenchmarkParse(b *testing.B) {
	for _, in := range inputs() {
		for _, im := range impls {
			b.Run(fmt.Sprintf("impl=%s/%s", im.name, in.Name), func(b *testing.B) {
				b.SetBytes(int64(len(in.Policies)))
				b.ReportAllocs()
				for b.Loop() {
					if err := im.parse(in.Policies); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
