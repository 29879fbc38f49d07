package lsp

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

var update = flag.Bool("update", false, "rewrite the expected responses of the golden cases")

// TestGolden runs every case in testdata/golden (see testdata/golden/README.md):
// given files, a request, the expected response.
func TestGolden(t *testing.T) {
	var cases []string
	filepath.WalkDir("testdata/golden", func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".txtar") {
			cases = append(cases, path)
		}
		return nil
	})
	if len(cases) == 0 {
		t.Fatal("no golden cases found")
	}
	for _, path := range cases {
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.ToSlash(path), "testdata/golden/"), ".txtar")
		t.Run(name, func(t *testing.T) { runGolden(t, path) })
	}
}

// archive is a txtar file: a comment, then `-- name --` sections.
type archive struct {
	comment string
	files   []section
}

type section struct {
	name string
	data string
}

func parseArchive(src string) archive {
	var a archive
	lines := strings.SplitAfter(src, "\n")
	cur := -1
	var b strings.Builder
	flush := func() {
		if cur < 0 {
			a.comment = b.String()
		} else {
			a.files[cur].data = b.String()
		}
		b.Reset()
	}
	for _, line := range lines {
		trimmed := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			flush()
			a.files = append(a.files, section{name: strings.TrimSpace(trimmed[3 : len(trimmed)-3])})
			cur = len(a.files) - 1
			continue
		}
		b.WriteString(line)
	}
	flush()
	return a
}

func (a archive) format() string {
	var b strings.Builder
	b.WriteString(a.comment)
	for _, f := range a.files {
		fmt.Fprintf(&b, "-- %s --\n%s", f.name, f.data)
		if f.data != "" && !strings.HasSuffix(f.data, "\n") {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// Reserved section names; every other section is a file of the workspace.
const (
	secRequest    = "request.json"
	secResponse   = "response.json"
	secSettings   = "settings.json"
	secInitialize = "initialize.json"
	secOpen       = "open"
	secBefore     = "before.json"
)

// serverSent are the methods the server sends to the client; a golden
// case whose request names one waits for it instead of sending it.
var serverSent = map[string]bool{
	"cedar/testLocations":        true,
	"cedar/showAuthorizeResult":  true,
	"workspace/codeLens/refresh": true,
}

// beforeStep is a request sent before the case's request, its result
// ignored; with awaitDiagnostics, the diagnostics of that URI published
// after it are waited for (so the case sees the state the step made).
type beforeStep struct {
	Method           string          `json:"method"`
	Params           json.RawMessage `json:"params"`
	AwaitDiagnostics string          `json:"awaitDiagnostics"`
}

var markerRE = regexp.MustCompile(`§([A-Za-z0-9_]*)§`)

// marker is a named cursor position in a file.
type marker struct {
	file        string
	line, char  int
	offsetBytes int
}

func runGolden(t *testing.T, path string) {
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a := parseArchive(string(src))
	root := t.TempDir()
	rootURI := analysis.PathToURI(root)
	sections := map[string]string{}
	markers := map[string]marker{}
	var workspaceFiles []string
	for _, f := range a.files {
		switch f.name {
		case secRequest, secResponse, secSettings, secInitialize, secOpen, secBefore:
			sections[f.name] = f.data
			continue
		}
		text, ms := stripMarkers(f.name, f.data)
		for name, m := range ms {
			if _, dup := markers[name]; dup {
				t.Fatalf("marker §%s§ appears twice", name)
			}
			markers[name] = m
		}
		full := filepath.Join(root, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		workspaceFiles = append(workspaceFiles, f.name)
	}
	expand := func(s string) string { return strings.ReplaceAll(s, "$ROOT", rootURI) }

	c := startServer(t, Options{})
	init := map[string]any{
		"processId":        nil,
		"rootUri":          rootURI,
		"workspaceFolders": []map[string]string{{"uri": rootURI, "name": "root"}},
		"capabilities":     map[string]any{},
	}
	if s := sections[secInitialize]; s != "" {
		if err := json.Unmarshal([]byte(expand(s)), &init); err != nil {
			t.Fatalf("initialize.json: %v", err)
		}
	}
	if s := sections[secSettings]; s != "" {
		init["initializationOptions"] = json.RawMessage(expand(s))
	}
	c.initialize(init)

	toOpen := workspaceFiles
	if s, ok := sections[secOpen]; ok {
		toOpen = strings.Fields(s)
	}
	version := 1
	for _, name := range toOpen {
		full := filepath.Join(root, filepath.FromSlash(name))
		text, err := os.ReadFile(full)
		if err != nil {
			t.Fatalf("open %s: %v", name, err)
		}
		c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
			"uri": analysis.PathToURI(full), "languageId": "cedar", "version": version, "text": string(text),
		}})
	}

	if b := sections[secBefore]; b != "" {
		var steps []beforeStep
		if err := json.Unmarshal([]byte(expand(b)), &steps); err != nil {
			t.Fatalf("before.json: %v", err)
		}
		for _, st := range steps {
			params, err := substituteMarkers(st.Params, markers)
			if err != nil {
				t.Fatal(err)
			}
			if st.AwaitDiagnostics != "" {
				c.waitDiagnostics(st.AwaitDiagnostics, -1)
				c.forgetDiagnostics(st.AwaitDiagnostics)
			}
			var ignored json.RawMessage
			if err := c.call(st.Method, params, &ignored); err != nil {
				t.Fatalf("before.json: %s: %v", st.Method, err)
			}
			if st.AwaitDiagnostics != "" {
				c.waitDiagnostics(st.AwaitDiagnostics, -1)
			}
		}
	}

	var req struct {
		Method string          `json:"method"`
		Params json.RawMessage `json:"params"`
	}
	if err := json.Unmarshal([]byte(expand(sections[secRequest])), &req); err != nil {
		t.Fatalf("request.json: %v", err)
	}
	params, err := substituteMarkers(req.Params, markers)
	if err != nil {
		t.Fatal(err)
	}
	var got any
	if serverSent[req.Method] {
		var want struct {
			URI string `json:"uri"`
		}
		json.Unmarshal(params, &want)
		got = c.waitReceived(req.Method, func(p json.RawMessage) bool {
			var have struct {
				URI string `json:"uri"`
			}
			json.Unmarshal(p, &have)
			return want.URI == "" || have.URI == want.URI
		})
	} else if req.Method == "textDocument/publishDiagnostics" {
		var p struct {
			URI string `json:"uri"`
		}
		json.Unmarshal(params, &p)
		got = c.waitDiagnostics(p.URI, -1)
	} else {
		var result json.RawMessage
		if err := c.call(req.Method, params, &result); err != nil {
			got = map[string]string{"error": err.Error()}
		} else {
			got = result
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(got); err != nil {
		t.Fatal(err)
	}
	gotText := compactPositions(strings.ReplaceAll(buf.String(), rootURI, "$ROOT"))
	if *update {
		replaced := false
		for i := range a.files {
			if a.files[i].name == secResponse {
				a.files[i].data, replaced = gotText, true
			}
		}
		if !replaced {
			a.files = append(a.files, section{name: secResponse, data: gotText})
		}
		if err := os.WriteFile(path, []byte(a.format()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want := sections[secResponse]; normalizeJSON(want) != normalizeJSON(gotText) {
		t.Errorf("response differs (go test ./internal/lsp -run TestGolden -update rewrites it)\n got:\n%s\nwant:\n%s", gotText, want)
	}
}

// stripMarkers removes the §name§ markers of a file's text and records
// their positions (UTF-16, the default encoding).
func stripMarkers(file, text string) (string, map[string]marker) {
	ms := map[string]marker{}
	var b strings.Builder
	last := 0
	for _, loc := range markerRE.FindAllStringSubmatchIndex(text, -1) {
		b.WriteString(text[last:loc[0]])
		last = loc[1]
		name := text[loc[2]:loc[3]]
		off := b.Len()
		x := analysis.NewLineIndex([]byte(b.String()))
		line, char := x.Position(off, analysis.UTF16)
		ms[name] = marker{file: file, line: line, char: char, offsetBytes: off}
	}
	b.WriteString(text[last:])
	return b.String(), ms
}

// substituteMarkers replaces every JSON string "§name§" in params by the
// marker's position {"line", "character"}.
func substituteMarkers(params json.RawMessage, markers map[string]marker) (json.RawMessage, error) {
	var missing []string
	out := regexp.MustCompile(`"§([A-Za-z0-9_]*)§"`).ReplaceAllStringFunc(string(params), func(s string) string {
		name := s[len(`"§`) : len(s)-len(`§"`)]
		m, ok := markers[name]
		if !ok {
			missing = append(missing, name)
			return s
		}
		return fmt.Sprintf(`{"line":%d,"character":%d}`, m.line, m.char)
	})
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, fmt.Errorf("request names unknown markers %v", missing)
	}
	return json.RawMessage(out), nil
}

var positionRE = regexp.MustCompile(`\{\s+"line": (\d+),\s+"character": (\d+)\s+\}`)

var numberArrayRE = regexp.MustCompile(`\[(\s*-?\d+,)*\s*-?\d+\s*\]`)

// compactPositions prints positions on one line, so ranges stay readable,
// and arrays of numbers (semantic tokens) five to a line.
func compactPositions(s string) string {
	s = positionRE.ReplaceAllString(s, `{"line": $1, "character": $2}`)
	return numberArrayRE.ReplaceAllStringFunc(s, func(arr string) string {
		nums := strings.Fields(strings.NewReplacer("[", " ", "]", " ", ",", " ").Replace(arr))
		var b strings.Builder
		b.WriteString("[")
		for i, n := range nums {
			if i%5 == 0 {
				b.WriteString("\n    ")
			} else {
				b.WriteString(" ")
			}
			b.WriteString(n)
			if i < len(nums)-1 {
				b.WriteString(",")
			}
		}
		b.WriteString("\n  ]")
		return b.String()
	})
}

func normalizeJSON(s string) string {
	var v any
	if json.Unmarshal([]byte(s), &v) != nil {
		return strings.TrimSpace(s)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.Encode(v)
	return b.String()
}
