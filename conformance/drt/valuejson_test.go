package drt

import (
	"bytes"
	"testing"
)

// The direct context encoding is byte for byte the encoding/json one, so
// the cases a seed generates stay what they were.
func TestContextJSONMatchesEncodingJSON(t *testing.T) {
	for _, opts := range []Options{{}, {Kind: SchemaDirected}, {MaxDepth: 5}} {
		g := New(42, opts)
		for i := range uint64(300) {
			cg := &caseGen{r: caseRand(g.Seed, i), opts: g.Opts, byType: map[string][]*Entity{}}
			cg.universe()
			for range 20 {
				fs := cg.attrs(0.7)
				if got, want := contextJSON(fs), mustJSON(fieldsJSON(fs)); !bytes.Equal(got, want) {
					t.Fatalf("case %d:\n got %s\nwant %s", i, got, want)
				}
			}
		}
	}
	dup := []field{{name: "b", val: value{kind: kLong, n: 1}}, {name: "a", val: value{kind: kString, s: "nul\x00 ünï \"q\" <&>"}}, {name: "b", val: value{kind: kBool, b: true}}}
	if got, want := contextJSON(dup), mustJSON(fieldsJSON(dup)); !bytes.Equal(got, want) {
		t.Fatalf("repeated names:\n got %s\nwant %s", got, want)
	}
}
