package entities

import (
	"strings"
	"testing"
)

// TestDeepNestingIsAnError feeds 10,000 levels of JSON arrays and objects
// to the entities, context and value readers, bare and inside attributes,
// tags and context: each is a nesting error, never a stack overflow.
func TestDeepNestingIsAnError(t *testing.T) {
	const n = 10000
	r := strings.Repeat
	values := map[string]string{
		"arrays":            r("[", n) + r("]", n),
		"unclosed arrays":   r("[", n),
		"objects":           r(`{"a": `, n) + "1" + r("}", n),
		"arrays in objects": r(`[{"a": `, n) + "1" + r("}]", n),
		"entity escapes":    r(`{"__entity": `, n) + `{"type": "A", "id": "a"}` + r("}", n),
		"extension escapes": r(`{"__extn": {"fn": "ip", "arg": `, n) + `"1.1.1.1"` + r("}}", n),
	}
	for name, v := range values {
		t.Run(name, func(t *testing.T) {
			inputs := map[string]func() error{
				"ParseJSON": func() error { _, err := ParseJSON([]byte(v)); return err },
				"ParseJSON attr": func() error {
					_, err := ParseJSON([]byte(`[{"uid": {"type": "A", "id": "a"}, "parents": [], "attrs": {"x": ` + v + `}}]`))
					return err
				},
				"ParseJSON tag": func() error {
					_, err := ParseJSON([]byte(`[{"uid": {"type": "A", "id": "a"}, "parents": [], "attrs": {}, "tags": {"x": ` + v + `}}]`))
					return err
				},
				"ParseContextJSON": func() error { _, err := ParseContextJSON([]byte(`{"x": ` + v + `}`)); return err },
				"ParseValueJSON":   func() error { _, err := ParseValueJSON([]byte(v)); return err },
				"ParseRequestJSON": func() error { _, err := ParseRequestJSON([]byte(`{"context": {"x": ` + v + `}}`)); return err },
			}
			for reader, run := range inputs {
				if err := run(); err == nil || !strings.Contains(err.Error(), "nested too deeply") {
					t.Errorf("%s: got %.200v, want a nesting error", reader, err)
				}
			}
		})
	}
}
