package bench

import "testing"

// TestRichContexts checks that requests carry contexts of every JSON shape
// (records, sets, entity references, extension values) into each engine
// the same way, as WriteInputs hands them to the Rust bench.
func TestRichContexts(t *testing.T) {
	in := input{
		Name: "rich-contexts",
		Policies: []byte(`permit(principal, action, resource) when { context.r.s.contains(principal) && context.r.n == 3 && context.e in resource.folders };
permit(principal, action, resource) when { context.tags.containsAll(["a", "b"]) && context.ip.isInRange(ip("10.0.0.0/8")) };
`),
		Entities: []byte(`[{"uid": {"type": "User", "id": "a"}, "attrs": {}, "parents": []},
 {"uid": {"type": "Doc", "id": "d"}, "attrs": {"folders": [{"__entity": {"type": "Folder", "id": "f"}}]}, "parents": []},
 {"uid": {"type": "Folder", "id": "f"}, "attrs": {}, "parents": []}]`),
	}
	ctx := func(members []any, tags []any, ip string) map[string]any {
		return map[string]any{
			"r":    map[string]any{"s": members, "n": 3},
			"e":    entRef("Folder", "f"),
			"tags": tags,
			"ip":   map[string]any{"__extn": map[string]any{"fn": "ip", "arg": ip}},
		}
	}
	base := request{Principal: uid{"User", "a"}, Action: uid{"Action", "view"}, Resource: uid{"Doc", "d"}}
	for _, c := range []struct {
		context map[string]any
		allow   bool
	}{
		{ctx([]any{entRef("User", "a")}, []any{}, "1.2.3.4"), true},
		{ctx([]any{}, []any{"a", "b", "c"}, "10.2.3.4"), true},
		{ctx([]any{}, []any{"a"}, "10.2.3.4"), false},
		{ctx([]any{entRef("User", "b")}, []any{"a", "b"}, "1.2.3.4"), false},
	} {
		r := base
		r.Context, r.Allow = c.context, c.allow
		in.Requests = append(in.Requests, r)
	}
	for _, im := range impls {
		authorize, err := im.prepare(in)
		if err != nil {
			t.Fatalf("%s: %v", im.name, err)
		}
		for i, r := range in.Requests {
			if got := authorize(i); got != r.Allow {
				t.Errorf("%s request %d (context %s): allow = %v, want %v", im.name, i, r.contextJSON(), got, r.Allow)
			}
		}
	}
}
