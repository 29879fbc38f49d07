package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestValidateCommand runs `cedar-ls validate` and compares exit code and
// output with golden files in testdata/validate (rewrite with -update).
func TestValidateCommand(t *testing.T) {
	dir := filepath.Join("testdata", "validate")
	p := func(name string) string { return filepath.Join(dir, name) }
	cases := []struct {
		name string
		args []string
		exit int
	}{
		{"errors", []string{"-s", p("docs.cedarschema"), "-p", p("errors.cedar")}, exitInvalid},
		{"warnings", []string{"-s", p("docs.cedarschema"), "-p", p("warnings.cedar")}, exitOK},
		{"deny-warnings", []string{"-s", p("docs.cedarschema"), "-p", p("warnings.cedar"), "--deny-warnings"}, exitInvalid},
		{"valid", []string{"-s", p("docs.cedarschema"), "-p", p("valid.cedar")}, exitOK},
		{"strict-mismatch", []string{"-s", p("docs.cedarschema"), "-p", p("mixed.cedar")}, exitInvalid},
		{"permissive-mismatch", []string{"-s", p("docs.cedarschema"), "-p", p("mixed.cedar"), "--validation-mode", "permissive"}, exitOK},
		{"json-schema", []string{"-s", p("docs.cedarschema.json"), "-p", p("valid.cedar")}, exitOK},
		{"json-schema-explicit", []string{"-s", p("docs.cedarschema.json"), "--schema-format", "json", "-p", p("errors.cedar")}, exitInvalid},
		{"bad-schema", []string{"-s", p("bad.cedarschema"), "-p", p("valid.cedar")}, exitFailure},
		{"missing-policies", []string{"-s", p("docs.cedarschema"), "-p", p("nope.cedar")}, exitFailure},
		{"no-schema", []string{"-p", p("valid.cedar")}, exitFailure},
		{"bad-mode", []string{"-s", p("docs.cedarschema"), "-p", p("valid.cedar"), "--validation-mode", "lax"}, exitFailure},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			code := run(&env{stdin: strings.NewReader(""), stdout: &out, stderr: &out}, append([]string{"validate"}, tc.args...))
			if code != tc.exit {
				t.Errorf("exit %d, want %d\n%s", code, tc.exit, out.String())
			}
			golden := filepath.Join(dir, tc.name+".golden")
			if *update {
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if out.String() != string(want) {
				t.Errorf("output differs from %s:\n--- got ---\n%s--- want ---\n%s", golden, out.String(), want)
			}
		})
	}
}
