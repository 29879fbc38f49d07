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

// photos holds the inputs of the schema-aware tests.
const photos = "testdata/schema/"

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

		// With a schema: entities and contexts read by declared types and
		// checked, requests validated (official --request-validation).
		{"schema-authorize-allow", []string{"authorize", "-p", photos + "photos.cedar", "--entities", photos + "photos.entities.json", "-s", photos + "photos.cedarschema", "-l", `User::"alice"`, "-a", `Action::"view"`, "-r", `Photo::"beach.jpg"`, "-c", photos + "context.json"}, "", exitOK},
		{"schema-authorize-fn-arg", []string{"authorize", "-p", photos + "photos.cedar", "--entities", photos + "photos.entities.json", "-s", photos + "photos.cedarschema", "--request-json", photos + "fn-arg-request.json"}, "", exitOK},
		{"schema-authorize-json-schema", []string{"authorize", "-p", photos + "photos.cedar", "--entities", photos + "photos.entities.json", "--schema", photos + "photos.cedarschema.json", "--request-json", photos + "request.json"}, "", exitOK},
		{"schema-authorize-action-hierarchy", []string{"authorize", "-p", photos + "photos.cedar", "--entities", photos + "photos.entities.json", "-s", photos + "photos.cedarschema", "-l", `User::"bob"`, "-a", `Action::"edit"`, "-r", `Photo::"beach.jpg"`}, "", exitOK},
		{"schema-authorize-bad-entities", []string{"authorize", "-p", photos + "photos.cedar", "--entities", photos + "bad.entities.json", "-s", photos + "photos.cedarschema", "-l", `User::"alice"`, "-a", `Action::"view"`, "-r", `Photo::"beach.jpg"`, "-c", photos + "context.json"}, "", exitFailure},
		{"schema-authorize-bad-context", []string{"authorize", "-p", photos + "photos.cedar", "--entities", photos + "photos.entities.json", "-s", photos + "photos.cedarschema", "-l", `User::"alice"`, "-a", `Action::"view"`, "-r", `Photo::"beach.jpg"`, "-c", photos + "bad-context.json"}, "", exitFailure},
		{"schema-authorize-missing-context", []string{"authorize", "-p", photos + "photos.cedar", "-s", photos + "photos.cedarschema", "-l", `User::"alice"`, "-a", `Action::"view"`, "-r", `Photo::"beach.jpg"`}, "", exitFailure},
		{"schema-authorize-invalid-request", []string{"authorize", "-p", photos + "photos.cedar", "--entities", photos + "photos.entities.json", "-s", photos + "photos.cedarschema", "--request-json", photos + "bad-request.json"}, "", exitFailure},
		{"schema-authorize-undeclared-action", []string{"authorize", "-p", photos + "photos.cedar", "-s", photos + "photos.cedarschema", "-l", `User::"alice"`, "-a", `Action::"delete"`, "-r", `Photo::"beach.jpg"`}, "", exitFailure},
		{"schema-authorize-no-request-validation", []string{"authorize", "-p", photos + "photos.cedar", "--entities", photos + "photos.entities.json", "-s", photos + "photos.cedarschema", "--request-json", photos + "bad-request.json", "--request-validation", "false"}, "", exitDeny},
		{"schema-authorize-bad-validation-flag", []string{"authorize", "-p", photos + "photos.cedar", "-s", photos + "photos.cedarschema", "--request-validation", "maybe"}, "", exitFailure},
		{"schema-evaluate-typed-attrs", []string{"evaluate", "--entities", photos + "photos.entities.json", "-s", photos + "photos.cedarschema", "-l", `User::"alice"`, "-a", `Action::"view"`, "-r", `Photo::"beach.jpg"`, "-c", photos + "context.json", "[principal.home, principal.score, resource.meta.taken, context.ip, principal.getTag(\"team\")]"}, "", exitOK},
		{"schema-evaluate-context-only", []string{"evaluate", "-s", photos + "photos.cedarschema", "-a", `Action::"view"`, "-c", photos + "context.json", "context.ip.isInRange(ip(\"10.0.0.0/8\"))"}, "", exitOK},
		{"schema-evaluate-invalid-request", []string{"evaluate", "-s", photos + "photos.cedarschema", "-l", `Photo::"x"`, "-a", `Action::"view"`, "-r", `Photo::"beach.jpg"`, "-c", photos + "context.json", "true"}, "", exitFailure},
		{"schema-check-parse-ok", []string{"check-parse", "-s", photos + "photos.cedarschema", "--entities", photos + "photos.entities.json"}, "", exitOK},
		{"schema-check-parse-bad-schema", []string{"check-parse", "-s", photos + "bad.cedarschema"}, "", exitFailure},
		{"schema-check-parse-bad-entities", []string{"check-parse", "-s", photos + "photos.cedarschema.json", "--entities", photos + "bad.entities.json"}, "", exitFailure},
		{"schema-check-parse-format", []string{"check-parse", "-s", photos + "photos.cedarschema", "--schema-format", "json"}, "", exitFailure},
		{"schema-run-tests", []string{"run-tests", "-p", photos + "photos.cedar", "--tests", photos + "tests.json", "-s", photos + "photos.cedarschema"}, "", exitFailure},
		{"schema-run-tests-no-request-validation", []string{"run-tests", "-p", photos + "photos.cedar", "--tests", photos + "tests.json", "-s", photos + "photos.cedarschema", "--request-validation", "false"}, "", exitOK},
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
