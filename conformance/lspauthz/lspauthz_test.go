// Package lspauthz checks the language server's inline authorization
// against the CLI over the official corpus: corpus tests are turned into
// run-tests files; the code lenses of each file (asked over JSON-RPC of an
// in-process server) must say what `cedar-ls run-tests` says, test by
// test, and cedar/authorize must answer what `cedar-ls authorize` answers.
package lspauthz

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"

	"github.com/cedar-ls/cedar-ls/conformance/corpusdata"
	"github.com/cedar-ls/cedar-ls/internal/analysis"
	"github.com/cedar-ls/cedar-ls/internal/lsp"
)

// corpusFiles is how many corpus tests become tests files (evenly spread
// over the corpus, so every generator's shapes are in).
const corpusFiles = 250

func TestCorpusOverLSP(t *testing.T) {
	c, err := corpusdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	cli := buildCLI(t)
	root := t.TempDir()
	step := len(c.Tests) / corpusFiles
	var dirs []string
	schemaDirs := map[string]bool{}
	for i := 0; i < corpusFiles; i++ {
		ct := c.Tests[i*step]
		dir := filepath.Join(root, ct.Name)
		writeCase(t, dir, c, ct, false)
		dirs = append(dirs, dir)
		withSchema := filepath.Join(root, ct.Name+"-schema")
		writeCase(t, withSchema, c, ct, true)
		dirs = append(dirs, withSchema)
		schemaDirs[withSchema] = true
	}
	conn := startServer(t, root)

	tests, lensAgree, authorizeAgree, official, failing, schemaTests, schemaPassed := 0, 0, 0, 0, 0, 0, 0
	for _, dir := range dirs {
		testsFile := filepath.Join(dir, "corpus.cedartests.json")
		uri := analysis.PathToURI(testsFile)

		// What run-tests says, test by test.
		var schemaArgs []string
		if schemaDirs[dir] {
			schemaArgs = []string{"-s", filepath.Join(dir, "corpus.cedarschema")}
		}
		out, _ := exec.Command(cli, append([]string{"run-tests", "--policies", filepath.Join(dir, "policies.cedar"), "--tests", testsFile}, schemaArgs...)...).CombinedOutput()
		cliResults, cliSummary := parseRunTests(t, string(out))

		// What the lenses say.
		var lenses []struct {
			Command struct {
				Title string `json:"title"`
			} `json:"command"`
		}
		call(t, conn, "textDocument/codeLens", map[string]any{"textDocument": map[string]string{"uri": uri}}, &lenses)
		if len(lenses) != len(cliResults)+1 {
			t.Errorf("%s: %d lenses for %d tests\nrun-tests:\n%s", dir, len(lenses), len(cliResults), out)
			continue
		}
		if got := lenses[0].Command.Title; got != "Run all: "+cliSummary {
			t.Errorf("%s: lens %q, run-tests %q", dir, got, cliSummary)
		}
		// And the messages of cedar/runTests, word for word.
		var run struct {
			Tests []struct {
				Passed  bool   `json:"passed"`
				Message string `json:"message"`
			} `json:"tests"`
		}
		call(t, conn, "cedar/runTests", map[string]string{"uri": uri}, &run)
		for i, want := range cliResults {
			tests++
			if schemaDirs[dir] {
				schemaTests++
			}
			lensPassed := lenses[i+1].Command.Title == "✔ passed"
			if lensPassed != want.passed || run.Tests[i].Passed != want.passed || run.Tests[i].Message != want.problem {
				t.Errorf("%s test %d: lens %q, cedar/runTests %v %q; run-tests: %v %q", dir, i, lenses[i+1].Command.Title, run.Tests[i].Passed, run.Tests[i].Message, want.passed, want.problem)
				continue
			}
			lensAgree++
			if schemaDirs[dir] {
				if want.passed {
					schemaPassed++
				}
				continue
			}
			switch last := i == len(cliResults)-1; {
			case want.passed && !last:
				official++ // the test holds official Cedar's answer
			case !want.passed && last:
				failing++ // the flipped test fails, as it must
			}
		}

		// cedar/authorize against `cedar-ls authorize` on the first request.
		reqFile := filepath.Join(dir, "first.cedarauth.json")
		out, _ = exec.Command(cli, append([]string{"authorize", "--policies", filepath.Join(dir, "policies.cedar"),
			"--entities", filepath.Join(dir, "corpus.cedarentities.json"), "--request-json", reqFile}, schemaArgs...)...).CombinedOutput()
		wantDecision := cliDecision(string(out))
		var res struct {
			Decision string `json:"decision"`
			Reasons  []struct {
				ID string `json:"id"`
			} `json:"reasons"`
			Errors []struct {
				PolicyID string `json:"policyId"`
			} `json:"errors"`
		}
		call(t, conn, "cedar/authorize", map[string]string{"request": analysis.PathToURI(reqFile)}, &res)
		got := res.Decision + " reasons " + strings.Join(ids(res.Reasons, func(r struct {
			ID string `json:"id"`
		}) string {
			return r.ID
		}), ",") + " errors " + strings.Join(ids(res.Errors, func(e struct {
			PolicyID string `json:"policyId"`
		}) string {
			return e.PolicyID
		}), ",")
		if got != wantDecision {
			t.Errorf("%s: cedar/authorize says %q, cedar-ls authorize %q\n%s", dir, got, wantDecision, out)
			continue
		}
		authorizeAgree++
	}
	t.Logf("%d tests files (%d corpus tests, each without and with its schema), %d tests: lens and cedar/runTests = run-tests for %d; "+
		"without the schema %d corpus tests pass (hold official Cedar's answer) and the %d flipped ones fail; with it (-s) %d of %d pass; "+
		"cedar/authorize = cedar-ls authorize for %d of %d request files",
		len(dirs), corpusFiles, tests, lensAgree, official, failing, schemaPassed, schemaTests, authorizeAgree, len(dirs))
	plain := tests - schemaTests
	if official != plain-corpusFiles || failing != corpusFiles {
		t.Errorf("%d of %d corpus tests do not hold official Cedar's answer; %d of %d flipped tests fail", plain-corpusFiles-official, plain-corpusFiles, failing, corpusFiles)
	}
}

func ids[T any](xs []T, id func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = id(x)
	}
	return out
}

// writeCase writes one corpus test as an author would: policies, entities,
// a tests file with every request and its official answer, and the first
// request as a request file. Without the schema the corpus answers are
// official's (no request validation); with it, requests and entities are
// read by it and validated first, by the server as by the CLI's -s.
func writeCase(t *testing.T, dir string, c *corpusdata.Corpus, ct *corpusdata.Test, withSchema bool) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("policies.cedar", c.Files[ct.Policies])
	if withSchema {
		write("corpus.cedarschema", c.Files[ct.Schema])
	}
	write("corpus.cedarentities.json", c.Files[ct.Entities])
	type request struct {
		Principal string          `json:"principal"`
		Action    string          `json:"action"`
		Resource  string          `json:"resource"`
		Context   json.RawMessage `json:"context,omitempty"`
	}
	type test struct {
		Name      string   `json:"name"`
		Request   request  `json:"request"`
		Entities  string   `json:"entities"`
		Decision  string   `json:"decision"`
		Reason    []string `json:"reason"`
		NumErrors int      `json:"num_errors"`
	}
	var tests []test
	for _, r := range ct.Requests {
		tests = append(tests, test{
			Name: r.Description,
			Request: request{
				Principal: r.Principal.EntityUID().String(), Action: r.Action.EntityUID().String(),
				Resource: r.Resource.EntityUID().String(), Context: r.Context,
			},
			Entities: "corpus.cedarentities.json", Decision: r.Decision, Reason: nonNil(r.Reason), NumErrors: len(r.Errors),
		})
	}
	if len(tests) > 0 {
		// One test that fails on purpose, so failures are compared too.
		flipped := tests[0]
		flipped.Name = "fails on purpose: " + flipped.Name
		flipped.Decision = map[string]string{"allow": "deny", "deny": "allow"}[flipped.Decision]
		tests = append(tests, flipped)
	}
	b, err := json.MarshalIndent(tests, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	write("corpus.cedartests.json", b)
	if len(tests) > 0 {
		b, _ = json.MarshalIndent(tests[0].Request, "", "  ")
		write("first.cedarauth.json", b)
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

type cliResult struct {
	passed  bool
	problem string
}

// parseRunTests reads run-tests' output: "  test NAME ... ok" or
// "  test NAME ... fail: PROBLEM", then "results: N passed, M failed".
func parseRunTests(t *testing.T, out string) ([]cliResult, string) {
	var results []cliResult
	summary := ""
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "  test "):
			if strings.HasSuffix(line, " ... ok") {
				results = append(results, cliResult{passed: true})
				continue
			}
			i := strings.LastIndex(line, " ... fail: ")
			if i < 0 {
				t.Fatalf("unexpected run-tests line %q", line)
			}
			results = append(results, cliResult{problem: line[i+len(" ... fail: "):]})
		case strings.HasPrefix(line, "results: "):
			summary = strings.TrimPrefix(line, "results: ")
		}
	}
	return results, summary
}

// cliDecision reads `cedar-ls authorize` output as
// "allow reasons a,b errors c".
func cliDecision(out string) string {
	lines := strings.Split(out, "\n")
	decision := strings.ToLower(strings.TrimSpace(lines[0]))
	var reasons, errs []string
	section := ""
	for _, l := range lines[1:] {
		switch {
		case strings.HasPrefix(l, "note: this decision"):
			section = "reasons"
		case strings.HasPrefix(l, "errors:"):
			section = "errors"
		case strings.HasPrefix(l, "note:") || strings.TrimSpace(l) == "":
			if strings.HasPrefix(l, "note:") {
				section = ""
			}
		case section == "reasons":
			reasons = append(reasons, strings.TrimSpace(l))
		case section == "errors":
			id := strings.TrimPrefix(strings.TrimSpace(l), "error while evaluating policy `")
			errs = append(errs, id[:strings.Index(id, "`")])
		}
	}
	slices.Sort(errs)
	return decision + " reasons " + strings.Join(reasons, ",") + " errors " + strings.Join(errs, ",")
}

// buildCLI builds cedar-ls from this checkout.
func buildCLI(t *testing.T) string {
	bin := filepath.Join(t.TempDir(), "cedar-ls")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/cedar-ls")
	cmd.Dir = ".." + string(filepath.Separator) + ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building cedar-ls: %v\n%s", err, out)
	}
	return bin
}

// startServer starts the language server in process over a real JSON-RPC
// connection and initializes it on the folder.
func startServer(t *testing.T, root string) jsonrpc2.Conn {
	serverSide, clientSide := net.Pipe()
	go lsp.Serve(context.Background(), serverSide, lsp.Options{Log: io.Discard})
	conn := jsonrpc2.NewConn(jsonrpc2.NewStream(clientSide))
	conn.Go(context.Background(), func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		return reply(ctx, nil, nil)
	})
	t.Cleanup(func() { conn.Close(); serverSide.Close() })
	rootURI := analysis.PathToURI(root)
	var init json.RawMessage
	call(t, conn, "initialize", map[string]any{
		"processId": nil, "rootUri": rootURI, "capabilities": map[string]any{},
		"workspaceFolders": []map[string]string{{"uri": rootURI, "name": "corpus"}},
	}, &init)
	if err := conn.Notify(context.Background(), "initialized", map[string]any{}); err != nil {
		t.Fatal(err)
	}
	return conn
}

func call(t *testing.T, conn jsonrpc2.Conn, method string, params, result any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var raw json.RawMessage
	if _, err := conn.Call(ctx, method, params, &raw); err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	if err := json.NewDecoder(bytes.NewReader(raw)).Decode(result); err != nil {
		t.Fatalf("%s: result %s: %v", method, raw, err)
	}
}
