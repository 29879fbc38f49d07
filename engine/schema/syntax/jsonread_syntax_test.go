package syntax

import (
	"strings"
	"testing"
)

// TestParseJSONSyntax covers malformed JSON beyond TestParseJSONErrors:
// the encoding/json wording kept for structural errors, strings that are
// not valid Unicode (which encoding/json used to let through as U+FFFD,
// where official Cedar's serde_json rejects them) and the nesting limit.
func TestParseJSONSyntax(t *testing.T) {
	deep := func(n int) string {
		return `{"": {"entityTypes": {}, "actions": {}, "annotations": {"a": ` + strings.Repeat("[", n) + strings.Repeat("]", n) + `}}}`
	}
	for _, tc := range []struct{ src, want string }{
		{`{"": {"entityTypes" {}}}`, "1:21: malformed JSON: invalid character '{' after object key"},
		{`{"": {"entityTypes": {} "actions": {}}}`, "1:25: malformed JSON: invalid character '\"' after object key:value pair"},
		{`{"": {"entityTypes": {"A": {"memberOfTypes": ["B" "C"]}}}}`, "1:51: malformed JSON: invalid character '\"' after array element"},
		{`{"": {"entityTypes": {"A": {"annotations": {"doc": "\ud800"}}}, "actions": {}}}`, "1:53: malformed JSON: invalid unicode surrogate: lone surrogate `\\ud800` in \\u escape"},
		{"{\"\": {\"entityTypes\": {\"A\xff\": {}}, \"actions\": {}}}", "1:25: malformed JSON: invalid UTF-8 in string"},
		{`{"": {"entityTypes": {}, "actions": {}, "x": 01}}`, "1:46: malformed JSON: invalid number: leading zero"},
		{deep(512 - 3), "1:41: annotations are not allowed on the empty namespace"}, // deep, but not too deep
		{deep(512 - 2), "1:571: JSON nested too deeply: arrays and objects nested more than 512 levels"},
	} {
		_, errs := ParseJSON([]byte(tc.src))
		got := errorLines(tc.src, errs)
		if len(got) == 0 || got[0] != tc.want {
			t.Errorf("%.80s:\n got %q\nwant %q", tc.src, got, tc.want)
		}
	}
}
