package entitiesjson

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// Marshal encodes entities in the official entities JSON format that
// Parse reads: entity references as {"__entity": …} and extension
// values as {"__extn": …}, so the output round-trips.
func Marshal(ents []*entities.Entity) ([]byte, error) {
	out := make([]any, 0, len(ents))
	for _, e := range ents {
		parents := make([]any, 0, len(e.Parents))
		for _, p := range e.Parents {
			parents = append(parents, uidJSON(p))
		}
		obj := map[string]any{
			"uid":     uidJSON(e.UID),
			"attrs":   recordJSON(e.Attrs),
			"parents": parents,
		}
		if e.Tags.Len() > 0 {
			obj["tags"] = recordJSON(e.Tags)
		}
		out = append(out, obj)
	}
	return json.MarshalIndent(out, "", "  ")
}

// MarshalValue encodes one value in the form ParseValue reads.
func MarshalValue(v types.Value) ([]byte, error) {
	return json.Marshal(valueJSON(v))
}

func uidJSON(u types.EntityUID) map[string]any {
	return map[string]any{"type": string(u.Type), "id": u.ID}
}

func recordJSON(r types.Record) map[string]any {
	m := make(map[string]any, r.Len())
	for k, v := range r.Map() {
		m[k] = valueJSON(v)
	}
	return m
}

func extnJSON(fn string, arg any) map[string]any {
	return map[string]any{"__extn": map[string]any{"fn": fn, "arg": arg}}
}

func valueJSON(v types.Value) any {
	switch x := v.(type) {
	case types.Bool:
		return bool(x)
	case types.Long:
		return int64(x)
	case types.String:
		return string(x)
	case types.EntityUID:
		return map[string]any{"__entity": uidJSON(x)}
	case types.Set:
		elems := make([]any, 0, x.Len())
		for _, e := range x.Elements() {
			elems = append(elems, valueJSON(e))
		}
		return elems
	case types.Record:
		return recordJSON(x)
	case types.Decimal:
		return extnJSON("decimal", x.Text())
	case types.IPAddr:
		return extnJSON("ip", x.Text())
	case types.Duration:
		return extnJSON("duration", x.Text())
	case types.Datetime:
		t := time.UnixMilli(x.Millis).UTC()
		if t.Year() >= 0 && t.Year() <= 9999 {
			return extnJSON("datetime", t.Format("2006-01-02T15:04:05.000Z"))
		}
		// Outside the years a datetime literal can spell, the value is the
		// epoch offset by a duration.
		return map[string]any{"__extn": map[string]any{"fn": "offset", "args": []any{
			extnJSON("datetime", "1970-01-01"),
			extnJSON("duration", strconv.FormatInt(x.Millis, 10)+"ms"),
		}}}
	}
	return nil
}
