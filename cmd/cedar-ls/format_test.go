package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFormatCLI runs `cedar-ls format` in-process on files in a temporary
// directory and standard input, checking exit code, output and the files
// left behind.
func TestFormatCLI(t *testing.T) {
	const (
		policyIn   = "permit(principal,action,resource)when{principal.a==1};\n"
		policyOut  = "permit (principal, action, resource)\nwhen { principal.a == 1 };\n"
		schemaIn   = "namespace N{entity A in [B]={a:Long,};entity B;}"
		schemaOut  = "namespace N {\n  entity A in [B] = {\n    a: Long\n  };\n\n  entity B;\n}\n"
		schemaOut4 = "namespace N {\n    entity A in [B] = {\n        a: Long\n    };\n\n    entity B;\n}\n"
		jsonIn     = `[{"uid":{"type":"U","id":"a"},"attrs":{"n":1.50},"parents":[]}]`
		jsonOut    = "[\n  {\n    \"uid\": {\n      \"type\": \"U\",\n      \"id\": \"a\"\n    },\n    \"attrs\": {\n      \"n\": 1.50\n    },\n    \"parents\": []\n  }\n]\n"
	)
	tests := []struct {
		name   string
		files  map[string]string // written to the temporary directory first
		args   []string          // DIR/ in an argument is the temporary directory
		stdin  string
		code   int
		stdout string
		stderr string            // a substring of standard error ("" : empty)
		after  map[string]string // file contents expected afterwards
	}{
		{name: "stdin policies", stdin: policyIn, args: nil, stdout: policyOut},
		{name: "stdin schema", stdin: schemaIn, args: []string{"--kind", "schema"}, stdout: schemaOut},
		{name: "stdin json", stdin: jsonIn, args: []string{"--kind", "json"}, stdout: jsonOut},
		{name: "policy file by extension", files: map[string]string{"p.cedar": policyIn}, args: []string{"DIR/p.cedar"}, stdout: policyOut},
		{name: "schema file by extension", files: map[string]string{"s.cedarschema": schemaIn}, args: []string{"DIR/s.cedarschema"}, stdout: schemaOut},
		{name: "schema flag and indent", files: map[string]string{"s.txt": schemaIn}, args: []string{"-s", "DIR/s.txt", "-i", "4"}, stdout: schemaOut4},
		{name: "policy flag", files: map[string]string{"p.txt": policyIn}, args: []string{"-p", "DIR/p.txt"}, stdout: policyOut},
		{name: "json files", files: map[string]string{"e.cedarentities.json": jsonIn, "s.cedarschema.json": "{}"}, args: []string{"DIR/e.cedarentities.json", "DIR/s.cedarschema.json"}, stdout: jsonOut + "{}\n"},
		{name: "narrow width", stdin: "permit(principal == User::\"alice\", action, resource);", args: []string{"-l", "20"}, stdout: "permit (\n  principal ==\n    User::\"alice\",\n  action,\n  resource\n);\n"},
		{
			name:  "write rewrites only changed files",
			files: map[string]string{"a.cedar": policyIn, "b.cedarschema": schemaOut, "c.json": jsonIn},
			args:  []string{"-w", "DIR/a.cedar", "DIR/b.cedarschema", "DIR/c.json"},
			after: map[string]string{"a.cedar": policyOut, "b.cedarschema": schemaOut, "c.json": jsonOut},
		},
		{
			name:   "check lists files that would change",
			files:  map[string]string{"a.cedar": policyIn, "b.cedarschema": schemaOut, "c.json": jsonOut},
			args:   []string{"--check", "DIR/a.cedar", "DIR/b.cedarschema", "DIR/c.json"},
			code:   exitFailure,
			stdout: "DIR/a.cedar\n",
			after:  map[string]string{"a.cedar": policyIn},
		},
		{name: "check passes on formatted files", files: map[string]string{"b.cedarschema": schemaOut}, args: []string{"-c", "DIR/b.cedarschema"}},
		{
			name:   "schema parse error leaves the file alone",
			files:  map[string]string{"bad.cedarschema": "entity A = {a: Long"},
			args:   []string{"-w", "DIR/bad.cedarschema"},
			code:   exitFailure,
			stderr: "DIR/bad.cedarschema:1:20: error:",
			after:  map[string]string{"bad.cedarschema": "entity A = {a: Long"},
		},
		{
			name:   "json error has line and column",
			files:  map[string]string{"bad.json": "{\n  \"a\": [1,]\n}"},
			args:   []string{"-w", "DIR/bad.json"},
			code:   exitFailure,
			stderr: "DIR/bad.json:2:11: error: expected a JSON value, found ']'",
			after:  map[string]string{"bad.json": "{\n  \"a\": [1,]\n}"},
		},
		{name: "policy parse error", stdin: "permit(principal, action)", code: exitFailure, stderr: "<stdin>:1:"},
		{name: "one bad file does not stop the others", files: map[string]string{"bad.json": "[", "ok.json": "[]"}, args: []string{"DIR/bad.json", "DIR/ok.json"}, code: exitFailure, stdout: "[]\n", stderr: "DIR/bad.json:1:2"},
		{name: "unknown extension", files: map[string]string{"x.txt": "[]"}, args: []string{"DIR/x.txt"}, code: exitFailure, stderr: "say it with --kind"},
		{name: "kind applies to files", files: map[string]string{"x.txt": "[ ]"}, args: []string{"--kind", "json", "DIR/x.txt"}, stdout: "[]\n"},
		{name: "unknown kind", args: []string{"--kind", "yaml"}, code: exitFailure, stderr: "unknown --kind"},
		{name: "write and check exclude each other", args: []string{"-w", "-c", "x.cedar"}, code: exitFailure, stderr: "exclude each other"},
		{name: "write needs files", args: []string{"-w"}, code: exitFailure, stderr: "--write needs files"},
		{name: "bad width", args: []string{"-l", "0"}, code: exitFailure, stderr: "line width must be positive"},
		{name: "missing file", args: []string{"DIR/none.cedar"}, code: exitFailure, stderr: "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tc.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			args := []string{"format"}
			for _, a := range tc.args {
				args = append(args, strings.ReplaceAll(a, "DIR/", dir+"/"))
			}
			var stdout, stderr bytes.Buffer
			code := run(&env{stdin: strings.NewReader(tc.stdin), stdout: &stdout, stderr: &stderr}, args)
			gotOut := strings.ReplaceAll(stdout.String(), dir+"/", "DIR/")
			gotErr := strings.ReplaceAll(stderr.String(), dir+"/", "DIR/")
			if code != tc.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tc.code, gotErr)
			}
			if gotOut != tc.stdout {
				t.Errorf("stdout:\n%s\nwant:\n%s", gotOut, tc.stdout)
			}
			if tc.stderr == "" && gotErr != "" || !strings.Contains(gotErr, tc.stderr) {
				t.Errorf("stderr:\n%s\nwant it to contain %q", gotErr, tc.stderr)
			}
			for name, want := range tc.after {
				got, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != want {
					t.Errorf("%s afterwards:\n%s\nwant:\n%s", name, got, want)
				}
			}
			// --write leaves no temporary files behind.
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".") {
					t.Errorf("temporary file %s left behind", e.Name())
				}
			}
		})
	}
}

// TestFormatWriteKeepsPermissions: --write replaces the file atomically
// without widening or narrowing its mode.
func TestFormatWriteKeepsPermissions(t *testing.T) {
	name := filepath.Join(t.TempDir(), "p.cedar")
	if err := os.WriteFile(name, []byte("permit(principal,action,resource);"), 0o640); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if code := run(&env{stdin: strings.NewReader(""), stdout: &out, stderr: &out}, []string{"format", "-w", name}); code != exitOK {
		t.Fatalf("exit %d: %s", code, out.String())
	}
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v after --write, want 0640", info.Mode().Perm())
	}
}
