package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const tinytodo = "../../examples/tinytodo/"

// TestCLI runs each command line in-process and compares its exit code and
// combined output with a golden file in testdata/golden.
func TestCLI(t *testing.T) {
	links := filepath.Join(t.TempDir(), "links.json")
	tests := []struct {
		name  string
		args  []string
		stdin string
		code  int
	}{
		{"authorize-allow", []string{"authorize", "-p", tinytodo + "policies.cedar", "--entities", tinytodo + "entities.json", "--request-json", tinytodo + "request.json"}, "", exitOK},
		{"authorize-deny-forbid", []string{"authorize", "-p", tinytodo + "policies.cedar", "--entities", tinytodo + "entities.json", "-l", `User::"aaron"`, "-a", `Action::"CreateList"`, "-r", `Application::"TinyTodo"`}, "", exitDeny},
		{"authorize-errors", []string{"authorize", "-p", tinytodo + "policies.cedar", "--entities", tinytodo + "entities.json", "-l", `User::"emina"`, "-a", `Action::"GetList"`, "-r", `List::"missing"`}, "", exitDeny},
		{"authorize-policies-stdin", []string{"authorize", "-l", `User::"a"`, "-a", `Action::"b"`, "-r", `R::"c"`}, `permit(principal == User::"a", action, resource);`, exitOK},
		{"authorize-bad-entities", []string{"authorize", "-p", tinytodo + "policies.cedar", "--entities", "testdata/bad-entities.json", "-l", `User::"a"`, "-a", `Action::"x"`, "-r", `List::"b"`}, "", exitFailure},
		{"authorize-bad-request-json", []string{"authorize", "-p", tinytodo + "policies.cedar", "--request-json", "testdata/bad-request.json"}, "", exitFailure},
		{"authorize-bad-principal", []string{"authorize", "-p", tinytodo + "policies.cedar", "-l", `User:"a"`, "-a", `Action::"x"`, "-r", `List::"b"`}, "", exitFailure},
		{"authorize-missing-resource", []string{"authorize", "-p", tinytodo + "policies.cedar", "-l", `User::"a"`, "-a", `Action::"x"`}, "", exitFailure},
		{"authorize-unknown-flag", []string{"authorize", "--bogus"}, "", exitFailure},
		{"check-parse-errors", []string{"check-parse", "-p", "testdata/bad-syntax.cedar"}, "", exitFailure},
		{"check-parse-ok", []string{"check-parse", "-p", tinytodo + "policies.cedar"}, "", exitOK},
		{"check-parse-stdin", []string{"check-parse"}, "permit(principal, action, resource) when { };", exitFailure},
		{"check-parse-expression", []string{"check-parse", "--expression", "1 + + 2"}, "", exitFailure},
		{"evaluate-extension", []string{"evaluate", `decimal("1.5").lessThan(decimal("2.0"))`}, "", exitOK},
		{"evaluate-entity-attr", []string{"evaluate", "--entities", tinytodo + "entities.json", "-l", `User::"kesha"`, "principal.location"}, "", exitOK},
		{"evaluate-record", []string{"evaluate", `{b: [1, 2, 2], a: "x" like "*"}`}, "", exitOK},
		{"evaluate-type-error", []string{"evaluate", "[1, 2] + 1"}, "", exitFailure},
		{"evaluate-overflow", []string{"evaluate", "9223372036854775807 + 1"}, "", exitFailure},
		{"evaluate-missing-var", []string{"evaluate", "principal == resource"}, "", exitFailure},
		{"run-tests-tinytodo", []string{"run-tests", "-p", tinytodo + "policies.cedar", "--tests", tinytodo + "tests.json"}, "", exitOK},
		{"run-tests-failing", []string{"run-tests", "-p", "testdata/template.cedar", "--tests", tinytodo + "tests.json"}, "", exitFailure},
		{"translate-to-json", []string{"translate-policy", "--direction", "cedar-to-json", "-p", tinytodo + "policies.cedar"}, "", exitOK},
		{"translate-bad-direction", []string{"translate-policy", "--direction", "sideways"}, "", exitFailure},
		{"link-new", []string{"link", "-p", "testdata/template.cedar", "-k", links, "--template-id", "share", "-n", "share-kesha", "-a", `{"?principal": "User::\"kesha\"", "?resource": "List::\"list1\""}`}, "", exitOK},
		{"link-missing-slot", []string{"link", "-p", "testdata/template.cedar", "-k", links, "--template-id", "share", "-n", "share-2", "-a", `{"?principal": "User::\"kesha\""}`}, "", exitFailure},
		{"authorize-with-link", []string{"authorize", "-p", "testdata/template.cedar", "-k", links, "--entities", tinytodo + "entities.json", "-l", `User::"kesha"`, "-a", `Action::"GetList"`, "-r", `List::"list1"`}, "", exitOK},
		{"unknown-command", []string{"frobnicate"}, "", exitFailure},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			e := &env{stdin: strings.NewReader(tc.stdin), stdout: &out, stderr: &out}
			code := run(e, tc.args)
			got := strings.ReplaceAll(out.String(), links, "LINKS")
			if code != tc.code {
				t.Errorf("exit code %d, want %d; output:\n%s", code, tc.code, got)
			}
			golden := filepath.Join("testdata", "golden", tc.name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s:\n--- got ---\n%s--- want ---\n%s", golden, got, want)
			}
		})
	}
}
