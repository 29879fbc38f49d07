package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestTranslateSchema(t *testing.T) {
	for _, tc := range []struct {
		name, stdin string
		args        []string
		code        int
		want        []string // substrings of the combined output
	}{
		{"cedar-to-json", "namespace App { entity User = { age?: Long }; action view appliesTo { principal: User, resource: User }; }",
			[]string{"--direction", "cedar-to-json"}, exitOK,
			[]string{`"App": {`, `"name": "Long"`, `"required": false`, `"principalTypes": [`}},
		{"json-to-cedar", `{"App": {"entityTypes": {"User": {"shape": {"type": "Record", "attributes": {"age": {"type": "Long", "required": false}}}}}, "actions": {"view": {"appliesTo": {"principalTypes": ["User"], "resourceTypes": ["User"]}}}}}`,
			[]string{"--direction", "json-to-cedar"}, exitOK,
			[]string{"namespace App {", "entity User = {\n    age?: __cedar::Long\n  };", "action \"view\" appliesTo {"}},
		{"cedar-syntax-errors", "entity A = { x: Long \nentity B;\naction \"a\" in [;\n",
			[]string{"--direction", "cedar-to-json"}, exitFailure,
			[]string{"<stdin>:2:1: error: expected `,` or `}` in the record type, found `entity`", "<stdin>:3:16: error: expected an action name, found `;`"}},
		{"json-malformed", "{\"\": {\"entityTypes\": {},\n \"actions\": {}, }",
			[]string{"--direction", "json-to-cedar"}, exitFailure,
			[]string{"<stdin>:2:17: error: malformed JSON"}},
		{"duplicate-declaration", "entity A; entity A;",
			[]string{"--direction", "cedar-to-json"}, exitFailure,
			[]string{"<stdin>:1:18: error: entity type `A` is declared twice"}},
		{"bad-direction", "", []string{"--direction", "sideways"}, exitFailure,
			[]string{`want cedar-to-json or json-to-cedar, got "sideways"`}},
		{"missing-file", "", []string{"--direction", "cedar-to-json", "-s", "testdata/no-such-schema"}, exitFailure,
			[]string{"no-such-schema"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			e := &env{stdin: strings.NewReader(tc.stdin), stdout: &out, stderr: &out}
			code := run(e, append([]string{"translate-schema"}, tc.args...))
			if code != tc.code {
				t.Errorf("exit code %d, want %d; output:\n%s", code, tc.code, out.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
		})
	}
}
