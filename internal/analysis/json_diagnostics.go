package analysis

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/policyjson"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/validate"
	"github.com/cedar-ls/cedar-ls/internal/jsontree"
)

// Documentation of the JSON formats.
const (
	docEntities = "https://docs.cedarpolicy.com/auth/entities-syntax.html"
	docPolicy   = "https://docs.cedarpolicy.com/policies/json-format.html"
	docLinks    = "https://docs.cedarpolicy.com/policies/templates.html"
	docRequest  = "https://docs.cedarpolicy.com/auth/authorization.html"
)

// jsonChecker collects the diagnostics of one JSON file.
type jsonChecker struct {
	f    *File
	tree *jsontree.Value
	sc   *schema.Schema // nil: check without a schema
	out  []Diagnostic
}

// jsonDiagnostics checks a JSON file of a Cedar kind: JSON syntax, then
// its format, reading values by the schema when there is one. Every
// problem gets the span of the JSON value it is about.
func jsonDiagnostics(snap *Snapshot, f *File) []Diagnostic {
	tree, serr := f.JSON()
	if serr != nil {
		return []Diagnostic{{Span: Span{serr.Offset, serr.Offset + 1}, Severity: SeverityError, Code: source.CodeJSONSyntax, Message: "invalid JSON: " + serr.Msg}}
	}
	c := &jsonChecker{f: f, tree: tree}
	if f.Kind != KindPolicyJSON && f.Kind != KindProject {
		if sc := snap.SchemaFor(f.URI); sc != nil {
			c.sc = sc.Resolved
		}
	}
	switch f.Kind {
	case KindPolicyJSON:
		c.policies(snap)
	case KindEntities:
		c.entities(tree, "")
	case KindRequest:
		c.request(tree)
	case KindLinks:
		c.links(tree)
		c.linkTemplates(snap, tree)
	case KindTests:
		c.tests(snap, tree)
	case KindProject:
		c.project(snap, tree)
	}
	return c.out
}

func (c *jsonChecker) add(sp Span, code, href, msg string) {
	c.out = append(c.out, Diagnostic{Span: sp, Severity: SeverityError, Code: code, Message: msg, Href: href})
}

// valueAt is the span of the innermost value starting at off inside v, or
// a one-byte span at off.
func valueAt(v *jsontree.Value, off int) Span {
	best := Span{off, off + 1}
	var walk func(v *jsontree.Value)
	walk = func(v *jsontree.Value) {
		if v == nil || off < v.Start || off >= v.End {
			return
		}
		if v.Start == off {
			best = Span{v.Start, v.End}
		}
		for _, e := range v.Elems {
			walk(e)
		}
		for _, m := range v.Members {
			if m.KeyStart == off {
				best = Span{m.KeyStart, m.KeyEnd}
			}
			walk(m.Value)
		}
	}
	walk(v)
	return best
}

// engineErrors reports the errors of the engine's JSON readers, whose
// spans are relative to the value v that was read; each keeps its stable
// code. A span that is only a start grows to the value starting there.
func (c *jsonChecker) engineErrors(v *jsontree.Value, err error, code, href, prefix string) {
	ds, ok := source.AsDiagnostics(err)
	if !ok {
		c.add(Span{v.Start, v.End}, code, href, prefix+err.Error())
		return
	}
	for _, d := range ds {
		sp := Span{v.Start + d.Span.Start, v.Start + d.Span.End}
		if sp.End <= sp.Start+1 {
			sp = valueAt(c.tree, sp.Start)
		}
		dcode := d.Code
		if dcode == "" {
			dcode = code
		}
		c.add(sp, dcode, href, prefix+d.Message)
	}
}

func (c *jsonChecker) text(v *jsontree.Value) []byte { return c.f.Text[v.Start:v.End] }

// policies checks a JSON policy file (one policy, or the policy-set form
// {staticPolicies, templates, templateLinks}) and validates its policies
// against the schema; a policy read from JSON has no spans, so its
// validation diagnostics cover the policy's JSON object.
func (c *jsonChecker) policies(snap *Snapshot) {
	var policies []*ast.Policy
	var places []Span
	if c.tree.Kind == jsontree.Object && (c.tree.Member("staticPolicies") != nil || c.tree.Member("templates") != nil || c.tree.Member("templateLinks") != nil) {
		set, err := policyjson.UnmarshalPolicySet(c.f.Text)
		if err != nil {
			c.engineErrors(c.tree, err, "policy-json", docPolicy, "")
			return
		}
		policies = set.Policies
		for _, key := range []string{"staticPolicies", "templates"} {
			if m := c.tree.Member(key); m != nil {
				for _, p := range m.Value.Members {
					places = append(places, Span{p.KeyStart, p.Value.End})
				}
			}
		}
	} else {
		p, err := policyjson.Unmarshal(c.f.Text)
		if err != nil {
			c.engineErrors(c.tree, err, "policy-json", docPolicy, "")
			return
		}
		policies, places = []*ast.Policy{p}, []Span{{c.tree.Start, c.tree.End}}
	}
	sc := snap.SchemaFor(c.f.URI)
	mode := snap.settings.ValidationMode
	if sc == nil || sc.Resolved == nil || mode == ModeOff || len(places) != len(policies) {
		return
	}
	vm := validate.Strict
	if mode == ModePermissive {
		vm = validate.Permissive
	}
	for i, p := range policies {
		r := sc.validator(vm).ValidatePolicy(p)
		for _, d := range r.Errors {
			vd := validationDiagnostic(sc, d, SeverityError)
			vd.Span = places[i]
			c.out = append(c.out, vd)
		}
		for _, d := range r.Warnings {
			vd := validationDiagnostic(sc, d, SeverityWarning)
			vd.Span = places[i]
			c.out = append(c.out, vd)
		}
	}
}

func (c *jsonChecker) entities(v *jsontree.Value, prefix string) {
	var err error
	if c.sc != nil {
		_, err = entitiesjson.ParseWithSchema(c.text(v), c.sc)
	} else {
		_, err = entitiesjson.Parse(c.text(v))
	}
	if err != nil {
		c.engineErrors(v, err, "entities", docEntities, prefix)
	}
}

func (c *jsonChecker) request(v *jsontree.Value) {
	var err error
	if c.sc != nil {
		var req *entitiesjson.Request
		req, err = entitiesjson.ParseRequestWithSchema(c.text(v), c.sc, true)
		if err == nil {
			err = entitiesjson.ValidateRequest(c.sc, req.Principal, req.Action, req.Resource, req.Context)
		}
	} else {
		_, err = entitiesjson.ParseRequest(c.text(v))
	}
	if err != nil {
		c.engineErrors(v, err, "request", docRequest, "")
	}
}

// links checks a template-links file: an array of
// {"template_id", "link_id", "args": {"?principal": uid, "?resource": uid}}.
func (c *jsonChecker) links(v *jsontree.Value) {
	if v.Kind != jsontree.Array {
		c.add(Span{v.Start, v.End}, "links", docLinks, "a template-links file is an array of links")
		return
	}
	ids := map[string]bool{}
	for _, l := range v.Elems {
		if l.Kind != jsontree.Object {
			c.add(Span{l.Start, l.End}, "links", docLinks, "a link is an object with template_id, link_id and args")
			continue
		}
		for _, key := range []string{"template_id", "link_id"} {
			m := l.Member(key)
			switch {
			case m == nil:
				c.add(Span{l.Start, l.Start + 1}, "links", docLinks, fmt.Sprintf("missing field %q", key))
			case m.Value.Kind != jsontree.String:
				c.add(Span{m.Value.Start, m.Value.End}, "links", docLinks, fmt.Sprintf("%q must be a string", key))
			case key == "link_id" && ids[m.Value.Text]:
				c.add(Span{m.Value.Start, m.Value.End}, "links", docLinks, fmt.Sprintf("duplicate link id %q", m.Value.Text))
			case key == "link_id":
				ids[m.Value.Text] = true
			}
		}
		args := l.Member("args")
		if args == nil {
			c.add(Span{l.Start, l.Start + 1}, "links", docLinks, `missing field "args"`)
			continue
		}
		if args.Value.Kind != jsontree.Object {
			c.add(Span{args.Value.Start, args.Value.End}, "links", docLinks, `"args" must be an object`)
			continue
		}
		for _, a := range args.Value.Members {
			if a.Key != "?principal" && a.Key != "?resource" {
				c.add(Span{a.KeyStart, a.KeyEnd}, "links", docLinks, fmt.Sprintf("unknown slot %q: slots are ?principal and ?resource", a.Key))
				continue
			}
			c.entityUIDString(a.Value, "links", docLinks)
		}
	}
}

// entityUIDString checks a value that must be a string holding an entity
// UID (`Type::"id"`), and its type against the schema.
func (c *jsonChecker) entityUIDString(v *jsontree.Value, code, href string) {
	if v.Kind != jsontree.String {
		c.add(Span{v.Start, v.End}, code, href, "expected an entity UID string such as User::\"alice\"")
		return
	}
	uid, err := parse.EntityUID(v.Text)
	if err != nil {
		c.add(Span{v.Start, v.End}, code, href, "not an entity UID: "+err.Error())
		return
	}
	if c.sc != nil && c.sc.Entities[uid.Type] == nil && c.sc.Actions[uid] == nil {
		c.add(Span{v.Start, v.End}, code, href, fmt.Sprintf("entity type `%s` is not declared in the schema", uid.Type))
	}
}

// tests checks an official run-tests file: an array of
// {name, request, entities, decision, reason, num_errors}.
func (c *jsonChecker) tests(snap *Snapshot, v *jsontree.Value) {
	const code, href = "tests", ""
	if v.Kind != jsontree.Array {
		c.add(Span{v.Start, v.End}, code, href, "a tests file is an array of test cases")
		return
	}
	for _, t := range v.Elems {
		if t.Kind != jsontree.Object {
			c.add(Span{t.Start, t.End}, code, href, "a test case is an object")
			continue
		}
		if m := t.Member("name"); m != nil && m.Value.Kind != jsontree.String {
			c.add(Span{m.Value.Start, m.Value.End}, code, href, `"name" must be a string`)
		}
		if m := t.Member("request"); m == nil {
			c.add(Span{t.Start, t.Start + 1}, code, href, `missing field "request"`)
		} else {
			c.request(m.Value)
		}
		switch m := t.Member("decision"); {
		case m == nil:
			c.add(Span{t.Start, t.Start + 1}, code, href, `missing field "decision"`)
		case m.Value.Kind != jsontree.String || (m.Value.Text != "allow" && m.Value.Text != "deny"):
			c.add(Span{m.Value.Start, m.Value.End}, code, href, `"decision" must be "allow" or "deny"`)
		}
		switch m := t.Member("num_errors"); {
		case m == nil:
			c.add(Span{t.Start, t.Start + 1}, code, href, `missing field "num_errors"`)
		case m.Value.Kind != jsontree.Number:
			c.add(Span{m.Value.Start, m.Value.End}, code, href, `"num_errors" must be a number`)
		}
		if m := t.Member("reason"); m != nil {
			ok := m.Value.Kind == jsontree.Array
			for _, e := range m.Value.Elems {
				ok = ok && e.Kind == jsontree.String
			}
			if !ok {
				c.add(Span{m.Value.Start, m.Value.End}, code, href, `"reason" must be an array of policy ids`)
			}
		}
		if m := t.Member("entities"); m != nil {
			if m.Value.Kind == jsontree.String {
				p := filepath.Join(filepath.Dir(c.f.Path), m.Value.Text)
				if snap.FileAt(p) == nil {
					c.add(Span{m.Value.Start, m.Value.End}, code, href, "entities file "+m.Value.Text+" cannot be read")
				}
			} else {
				c.entities(m.Value, "entities: ")
			}
		}
	}
}

// project checks a .cedar-ls.json: its shape, and that the files it names
// exist (a warning: they may be created later).
func (c *jsonChecker) project(snap *Snapshot, v *jsontree.Value) {
	const code, href = "project", ""
	if v.Kind != jsontree.Object {
		c.add(Span{v.Start, v.End}, code, href, `a project file is an object {"associations": [...]}`)
		return
	}
	for _, m := range v.Members {
		if m.Key != "associations" {
			c.addWarning(Span{m.KeyStart, m.KeyEnd}, code, fmt.Sprintf("unknown key %q (the project file has \"associations\")", m.Key))
		}
	}
	as := v.Member("associations")
	if as == nil {
		c.add(Span{v.Start, v.Start + 1}, code, href, `missing field "associations"`)
		return
	}
	if as.Value.Kind != jsontree.Array {
		c.add(Span{as.Value.Start, as.Value.End}, code, href, `"associations" must be an array of {files, schema, entities, links}`)
		return
	}
	dir := filepath.Dir(c.f.Path)
	for _, e := range as.Value.Elems {
		if e.Kind != jsontree.Object {
			c.add(Span{e.Start, e.End}, code, href, "an association is an object {files, schema, entities, links}")
			continue
		}
		if e.Member("files") == nil {
			c.add(Span{e.Start, e.Start + 1}, code, href, `missing field "files" (a glob or a list of globs)`)
		}
		for _, m := range e.Members {
			switch m.Key {
			case "files", "schema", "entities", "links":
			default:
				c.addWarning(Span{m.KeyStart, m.KeyEnd}, code, fmt.Sprintf("unknown key %q (an association has files, schema, entities, links)", m.Key))
				continue
			}
			values := []*jsontree.Value{m.Value}
			if m.Value.Kind == jsontree.Array {
				values = m.Value.Elems
			}
			for _, s := range values {
				if s.Kind != jsontree.String {
					c.add(Span{s.Start, s.End}, code, href, fmt.Sprintf("%q must be a string or a list of strings", m.Key))
					continue
				}
				if m.Key == "files" {
					if _, err := path.Match(strings.ReplaceAll(s.Text, "**", "*"), ""); err != nil {
						c.add(Span{s.Start, s.End}, code, href, "bad glob: "+err.Error())
					}
					continue
				}
				if p := absAll(dir, []string{s.Text}); len(p) == 1 && snap.FileAt(p[0]) == nil {
					c.addWarning(Span{s.Start, s.End}, code, fmt.Sprintf("%s does not exist", s.Text))
				}
			}
		}
	}
}

func (c *jsonChecker) addWarning(sp Span, code, msg string) {
	c.out = append(c.out, Diagnostic{Span: sp, Severity: SeverityWarning, Code: code, Message: msg})
}

// linkTemplates checks that each link names a template of the policy files
// the links file goes with (those of the nearest folder at or above it
// holding policies) and gives exactly the template's slots.
func (c *jsonChecker) linkTemplates(snap *Snapshot, v *jsontree.Value) {
	files := snap.PolicyFilesFor(c.f.Path)
	if len(files) == 0 || v.Kind != jsontree.Array {
		return
	}
	templates := map[string]*ast.Policy{}
	static := map[string]bool{}
	for _, f := range files {
		if f.Kind != KindPolicy {
			continue
		}
		for _, p := range f.Policies().AST.Policies {
			if p.IsTemplate() {
				templates[PolicyName(p)] = p
			} else {
				static[PolicyName(p)] = true
			}
		}
	}
	for _, l := range v.Elems {
		if l.Kind != jsontree.Object {
			continue
		}
		id := l.Member("template_id")
		if id == nil || id.Value.Kind != jsontree.String {
			continue
		}
		t := templates[id.Value.Text]
		if t == nil {
			msg := fmt.Sprintf("no template with id %q in the policies of this folder", id.Value.Text)
			if static[id.Value.Text] {
				msg = fmt.Sprintf("%q is a static policy, not a template", id.Value.Text)
			}
			c.add(Span{id.Value.Start, id.Value.End}, "links", docLinks, msg)
			continue
		}
		args := l.Member("args")
		if args == nil || args.Value.Kind != jsontree.Object {
			continue
		}
		for _, slot := range []struct {
			name string
			used bool
		}{
			{"?principal", t.Principal.Entity.Slot != ast.NoSlot},
			{"?resource", t.Resource.Entity.Slot != ast.NoSlot},
		} {
			m := args.Value.Member(slot.name)
			switch {
			case slot.used && m == nil:
				c.add(Span{args.Value.Start, args.Value.Start + 1}, "links", docLinks, fmt.Sprintf("template %q needs a value for %s", id.Value.Text, slot.name))
			case !slot.used && m != nil:
				c.add(Span{m.KeyStart, m.KeyEnd}, "links", docLinks, fmt.Sprintf("template %q has no %s slot", id.Value.Text, slot.name))
			}
		}
	}
}
