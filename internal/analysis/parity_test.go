package analysis

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/validate"
)

// parityCase is one scenario imported from the official
// cedar-language-server's tests (see testdata/parity/*.txt).
type parityCase struct {
	name, schema string
	text         string // with the |caret| marker
	official     []string
	ours         []string // set when we answer differently on purpose
	hasOurs      bool
	why          string
}

func readParity(t *testing.T, file string) []*parityCase {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "parity", file))
	if err != nil {
		t.Fatal(err)
	}
	var cases []*parityCase
	var cur *parityCase
	section := ""
	var text []string
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "=== "):
			f := strings.Fields(line[4:])
			cur = &parityCase{name: f[0], schema: f[1]}
			cases = append(cases, cur)
			section, text = "text", nil
			continue
		case cur == nil:
			continue
		case strings.HasPrefix(line, "--- "):
			if section == "text" {
				cur.text = strings.Join(text, "\n")
			}
			section = line[4:]
			if section == "ours" || section == "expect" {
				section = "ours"
				cur.hasOurs = true
			}
			continue
		}
		switch section {
		case "text":
			text = append(text, line)
		case "official":
			if line != "" {
				cur.official = append(cur.official, line)
			}
		case "ours":
			if line != "" {
				cur.ours = append(cur.ours, line)
			}
		case "why":
			cur.why += line
		}
	}
	return cases
}

var placeholder = regexp.MustCompile(`\$\{(\d+)(:[^}]*)?\}`)

// normalize compares snippets by their tab stops, not their placeholder
// texts, and writes line breaks visibly.
func normalize(s string) string {
	s = strings.ReplaceAll(s, `\"`, `"`)
	s = placeholder.ReplaceAllString(s, "$$$1")
	return strings.ReplaceAll(s, "\n", `\n`)
}

var parityMacros = map[string][]string{
	"@VARS": {"action", "context", "principal", "resource"},
	"@DEFAULT": {"action", "context", "decimal(${1})", "false", "has ${1:attribute}", "if ${1:true} then ${2:true} else ${3:false}",
		"in ${1:expression}", `ip(${1:"127.0.0.1"})`, `like "${1:pattern}"`, "principal", "resource", "true"},
	"@OURDEFAULT": {"action", "context", "datetime(${1})", "decimal(${1})", "duration(${1})", "false",
		"if ${1:true} then ${2:true} else ${3:false}", "ip(${1})", "principal", "resource", "true"},
	"@USER_ATTRS": {"hotelAdminPermissions", "lastName", "memberPermissions", "property", "propertyAdminPermissions", "viewPermissions"},
	"@SNIPPETS": {
		"forbid(principal${1}, action${2}, resource${3})\nunless {\n\t${4:false}\n};",
		"forbid(principal${1}, action${2}, resource${3})\nwhen {\n\t${4:true}\n};",
		"forbid(principal${1}, action${2}, resource${3});",
		"permit(principal${1}, action${2}, resource${3})\nunless {\n\t${4:false}\n};",
		"permit(principal${1}, action${2}, resource${3})\nwhen {\n\t${4:true}\n};",
		"permit(principal${1}, action${2}, resource${3});",
	},
}

func init() {
	apply := []string{"createHotel", "createProperty", "createReservation", "grantAccessHotel", "grantAccessProperty",
		"grantAccessReservation", "updateHotel", "updateProperty", "updateReservation", "viewHotel", "viewProperty", "viewReservation"}
	all := append(append([]string{}, apply...), "propertyManagerActions")
	for _, id := range apply {
		parityMacros["@ACTIONS_APPLY"] = append(parityMacros["@ACTIONS_APPLY"], `Action::"`+id+`"`)
		parityMacros["@IDS_APPLY"] = append(parityMacros["@IDS_APPLY"], id)
	}
	for _, id := range all {
		parityMacros["@ACTIONS_ALL"] = append(parityMacros["@ACTIONS_ALL"], `Action::"`+id+`"`)
		parityMacros["@IDS_ALL"] = append(parityMacros["@IDS_ALL"], id)
	}
}

func expand(lines []string) []string {
	var out []string
	for _, l := range lines {
		if m, ok := parityMacros[l]; ok {
			out = append(out, m...)
		} else {
			out = append(out, l)
		}
	}
	for i := range out {
		out[i] = normalize(out[i])
	}
	sort.Strings(out)
	return out
}

func loadSchema(t *testing.T, name string) *schema.Schema {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "parity", name))
	if err != nil {
		t.Fatal(err)
	}
	s, errs := schema.Load(name, src)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return s
}

// cutCaret removes the |caret| marker and returns its byte offset.
func cutCaret(text string) (string, int) {
	i := strings.Index(text, "|caret|")
	return text[:i] + text[i+len("|caret|"):], i
}

func TestParityCompletion(t *testing.T) {
	s := loadSchema(t, "policies.cedarschema")
	val := validate.New(s, validate.Options{})
	cases := readParity(t, "completion.txt")
	agree, differ := 0, 0
	for _, pc := range cases {
		t.Run(pc.name, func(t *testing.T) {
			src, off := cutCaret(pc.text)
			k := &Knowledge{}
			if pc.schema == "schema" {
				k.Schema, k.Validator = s, val
			}
			f, _ := parse.Policies([]byte(src))
			var got []string
			for _, it := range CompletePolicy([]byte(src), f, off, k) {
				got = append(got, normalize(it.InsertText))
			}
			sort.Strings(got)
			want := expand(pc.official)
			if pc.hasOurs {
				want = expand(pc.ours)
				differ++
			} else {
				agree++
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s\ngot:\n  %s\nwant:\n  %s", pc.text, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
		})
	}
	t.Logf("completion parity: %d cases, %d expected to agree with official, %d differ on purpose", len(cases), agree, differ)
}

// workspaceFor builds a one-policy, one-schema workspace.
func workspaceFor(t *testing.T, schemaFile, policy string) (*SymbolIndex, *SchemaSource) {
	t.Helper()
	text, err := os.ReadFile(filepath.Join("testdata", "parity", schemaFile))
	if err != nil {
		t.Fatal(err)
	}
	tree, errs := schema.ParseCedar(text)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	s, rerrs := schema.Resolve(tree)
	if len(rerrs) > 0 {
		t.Fatal(rerrs)
	}
	ss := &SchemaSource{URI: "file:///w/" + schemaFile, Text: text, Tree: tree}
	f, _ := parse.Policies([]byte(policy))
	ws := &Sources{Schema: s, Schemas: []*SchemaSource{ss},
		Policies: []*PolicySource{{URI: "file:///w/policy.cedar", Text: []byte(policy), File: f}}}
	return NewSymbolIndex(ws), ss
}

func TestParityDefinition(t *testing.T) {
	cases := readParity(t, "definition.txt")
	agree, differ := 0, 0
	for _, pc := range cases {
		t.Run(pc.name, func(t *testing.T) {
			src, off := cutCaret(strings.ReplaceAll(pc.text, `\n`, "\n"))
			idx, ss := workspaceFor(t, pc.schema, src)
			var got []string
			for _, d := range idx.Definition("file:///w/policy.cedar", off) {
				got = append(got, strings.TrimSuffix(strings.ReplaceAll(string(ss.Text[d.Decl.Start:d.Decl.End]), "\n", `\n`), ","))
			}
			want := pc.official
			if pc.hasOurs {
				want = pc.ours
				differ++
			} else {
				agree++
			}
			var w []string
			for _, x := range want {
				w = append(w, strings.TrimSuffix(x, ","))
			}
			sort.Strings(got)
			sort.Strings(w)
			if strings.Join(got, "\n") != strings.Join(w, "\n") {
				t.Errorf("%s\ngot:\n  %s\nwant:\n  %s", src, strings.Join(got, "\n  "), strings.Join(w, "\n  "))
			}
		})
	}
	t.Logf("definition parity: %d cases, %d expected to agree with official, %d differ on purpose", len(cases), agree, differ)
}

func TestParityHover(t *testing.T) {
	s := loadSchema(t, "policies.cedarschema")
	cases := readParity(t, "hover.txt")
	for _, pc := range cases {
		t.Run(pc.name, func(t *testing.T) {
			src, off := cutCaret(strings.ReplaceAll(pc.text, `\n`, "\n"))
			f, _ := parse.Policies([]byte(src))
			h := HoverPolicy([]byte(src), f, off, &Knowledge{Schema: s, Validator: validate.New(s, validate.Options{})})
			if h == nil {
				t.Fatalf("%s: no hover, official shows %s", src, pc.official[0])
			}
			for _, want := range pc.ours {
				if !strings.Contains(h.Markdown, want) {
					t.Errorf("%s: hover lacks %q:\n%s", src, want, h.Markdown)
				}
			}
		})
	}
	t.Logf("hover parity: %d cases", len(cases))
}
