package entitiesjson

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
				"Parse": func() error { _, err := Parse([]byte(v)); return err },
				"Parse attr": func() error {
					_, err := Parse([]byte(`[{"uid": {"type": "A", "id": "a"}, "parents": [], "attrs": {"x": ` + v + `}}]`))
					return err
				},
				"Parse tag": func() error {
					_, err := Parse([]byte(`[{"uid": {"type": "A", "id": "a"}, "parents": [], "attrs": {}, "tags": {"x": ` + v + `}}]`))
					return err
				},
				"ParseContext": func() error { _, err := ParseContext([]byte(`{"x": ` + v + `}`)); return err },
				"ParseValue":   func() error { _, err := ParseValue([]byte(v)); return err },
				"ParseRequest": func() error { _, err := ParseRequest([]byte(`{"context": {"x": ` + v + `}}`)); return err },
			}
			for reader, run := range inputs {
				if err := run(); err == nil || !strings.Contains(err.Error(), "nested too deeply") {
					t.Errorf("%s: got %.200v, want a nesting error", reader, err)
				}
			}
		})
	}
}
