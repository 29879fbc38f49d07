package entitiesjson

import (
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/entities"
)

func FuzzParseJSON(f *testing.F) {
	f.Add([]byte(`[{"uid": {"type": "A", "id": "a"}, "attrs": {"x": {"__extn": {"fn": "ip", "arg": "1.2.3.4"}}, "y": [{"__entity": {"type": "B", "id": ""}}]}, "parents": [], "tags": {}}]`))
	f.Add([]byte(`[{"uid": {"__entity": {"type": "A::B", "id": "\u0000"}}, "attrs": {"n": -1}, "parents": [{"type": "A", "id": "a"}]}]`))
	f.Add([]byte(`[{"uid": 1}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ents, err := Parse(data)
		if err != nil {
			return
		}
		if s, err := entities.NewStore(ents); err == nil {
			for _, e := range s.Entities() {
				s.Ancestors(e.UID)
			}
		}
		if _, err := Marshal(ents); err != nil {
			t.Fatalf("Marshal failed on decoded entities: %v", err)
		}
	})
}

func FuzzParseContextJSON(f *testing.F) {
	f.Add([]byte(`{"a": 1, "b": {"c": [true, "x"]}, "d": {"__extn": {"fn": "decimal", "arg": "1.0"}}}`))
	f.Add([]byte(`{"a": {"__entity": {"type": "A", "id": "b"}}}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ParseContext(data)
		ParseValue(data)
		ParseRequest(data)
	})
}
