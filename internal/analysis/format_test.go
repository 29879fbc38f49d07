package analysis

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/format"
)

// TestFormatEditsMatchFormatter: over the engine's formatter corpus,
// applying Format's edits gives exactly what the formatter prints.
func TestFormatEditsMatchFormatter(t *testing.T) {
	paths, _ := filepath.Glob("../../engine/format/testdata/golden/*.cedar")
	if len(paths) == 0 {
		t.Fatal("no formatter corpus")
	}
	checked := 0
	defer func() {
		if checked < len(paths)/2 {
			t.Errorf("only %d of %d corpus files formatted", checked, len(paths))
		}
	}()
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		want, err := format.Policies(src, format.Options{LineWidth: 80, IndentWidth: 4})
		w, root := testWorkspace(t, map[string]string{"a.cedar": string(src)})
		edits, ferr := Format(w.Snapshot(), uriIn(root, "a.cedar"), FormatOptions{TabSize: 4})
		if err != nil {
			if !errors.Is(ferr, ErrNotFormatted) || edits != nil {
				t.Errorf("%s: does not format, but Format gave %v, %v", p, edits, ferr)
			}
			continue
		}
		if ferr != nil {
			t.Errorf("%s: %v", p, ferr)
			continue
		}
		checked++
		if got := applyEdits(string(src), edits); got != string(want) {
			t.Errorf("%s: edits give\n%s\nwant\n%s", p, got, want)
		}
		if len(edits) == 1 && edits[0].Span.Start == 0 && edits[0].Span.End == len(src) && len(src) > 200 {
			t.Errorf("%s: one whole-file edit", p)
		}
	}
}

func TestFormatterOff(t *testing.T) {
	src := "permit(principal,action,resource);\n// @formatter:off\npermit(principal,\n   action,resource);\n// @formatter:on\nforbid(principal,action,resource);\n"
	w, root := testWorkspace(t, map[string]string{"a.cedar": src})
	edits, err := Format(w.Snapshot(), uriIn(root, "a.cedar"), FormatOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := applyEdits(src, edits)
	if !strings.Contains(got, "permit(principal,\n   action,resource);") {
		t.Errorf("the policy under @formatter:off changed:\n%s", got)
	}
	if !strings.Contains(got, "forbid (principal, action, resource);") || !strings.HasPrefix(got, "permit (principal, action, resource);") {
		t.Errorf("the other policies were not formatted:\n%s", got)
	}
}

func TestFormatRangeTouchesOnlyItsPolicies(t *testing.T) {
	src := "permit(principal,action,resource);\nforbid(principal,action,resource);\npermit(principal,action,resource);\n"
	w, root := testWorkspace(t, map[string]string{"a.cedar": src})
	start := strings.Index(src, "forbid")
	edits, err := FormatRange(w.Snapshot(), uriIn(root, "a.cedar"), Span{start + 3, start + 4}, FormatOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := applyEdits(src, edits)
	want := "permit(principal,action,resource);\nforbid (principal, action, resource);\npermit(principal,action,resource);\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestFormatSchemaAndJSON(t *testing.T) {
	schemaSrc := "entity User{name:String};\n"
	jsonSrc := `[{"uid":{"type":"User","id":"a"},"attrs":{},"parents":[]}]`
	w, root := testWorkspace(t, map[string]string{"s.cedarschema": schemaSrc, "e.cedarentities.json": jsonSrc})
	for name, src := range map[string]string{"s.cedarschema": schemaSrc, "e.cedarentities.json": jsonSrc} {
		var want []byte
		if strings.HasSuffix(name, ".json") {
			want, _ = format.JSON([]byte(src), format.Options{})
		} else {
			want, _ = format.Schema([]byte(src), format.Options{})
		}
		edits, err := Format(w.Snapshot(), uriIn(root, name), FormatOptions{TabSize: 2})
		if err != nil {
			t.Fatal(err)
		}
		if got := applyEdits(src, edits); !bytes.Equal([]byte(got), want) {
			t.Errorf("%s: got\n%s\nwant\n%s", name, got, want)
		}
	}
}
