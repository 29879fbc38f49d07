package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/authz"
	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/eval"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/policyjson"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

const stdinName = "<stdin>"

// newFlags makes a flag set whose errors and help go to the command's
// stderr instead of exiting the process.
func newFlags(e *env, name, usage string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: cedar-ls %s %s\n\nflags:\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; it reports whether the command should go on, and
// the exit code to return otherwise (0 for --help).
func parseFlags(e *env, fs *pflag.FlagSet, args []string) (bool, int) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return false, exitOK
		}
		fmt.Fprintf(e.stderr, "cedar-ls %s: %v\n", fs.Name(), err)
		fs.Usage()
		return false, exitFailure
	}
	return true, exitOK
}

// readInput reads the named file, or standard input when name is "" or "-".
func readInput(e *env, name string) (string, []byte, error) {
	if name == "" || name == "-" {
		b, err := io.ReadAll(e.stdin)
		if err != nil {
			return stdinName, nil, fmt.Errorf("reading standard input: %w", err)
		}
		return stdinName, b, nil
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return name, nil, err
	}
	return name, b, nil
}

// policyFlags are the official CLI's policy-set flags.
type policyFlags struct {
	file, format, linked string
}

func (p *policyFlags) register(fs *pflag.FlagSet) {
	fs.StringVarP(&p.file, "policies", "p", "", "file with Cedar policies and templates (default: standard input)")
	fs.StringVar(&p.format, "policy-format", "cedar", "format of the --policies file: cedar or json")
	fs.StringVarP(&p.linked, "template-linked", "k", "", "file with template links (JSON)")
}

// loadPolicyList reads the policies in order, and the links a JSON policy
// set holds.
func (p *policyFlags) loadPolicyList(e *env) ([]*ast.Policy, []policyjson.TemplateLink, error) {
	name, src, err := readInput(e, p.file)
	if err != nil {
		return nil, nil, err
	}
	switch p.format {
	case "cedar", "":
		list, err := parseCedarPolicies(name, src)
		return list, nil, err
	case "json":
		set, err := policyjson.UnmarshalPolicySet(src)
		if err != nil {
			return nil, nil, withFile(name, src, err)
		}
		return set.Policies, set.Links, nil
	default:
		return nil, nil, fmt.Errorf("--policy-format: want cedar or json, got %q", p.format)
	}
}

// parseCedarPolicies parses a policy file and, like the official CLI,
// renames each policy after its @id annotation when it has one.
func parseCedarPolicies(name string, src []byte) ([]*ast.Policy, error) {
	file, errs := parse.Policies(src)
	if len(errs) > 0 {
		return nil, &sourceErrors{file: name, src: src, errs: errs}
	}
	var dup []source.Diagnostic
	seen := map[string]bool{}
	for _, pol := range file.Policies {
		for _, a := range pol.Annotations {
			if a.Key == "id" && a.HasValue {
				pol.ID = a.Value
			}
		}
		if seen[pol.ID] {
			dup = append(dup, source.Diagnostic{Span: pol.Span, Code: source.CodeDuplicatePolicyID, Message: fmt.Sprintf("duplicate policy id %q", pol.ID)})
		}
		seen[pol.ID] = true
	}
	if len(dup) > 0 {
		return nil, &sourceErrors{file: name, src: src, errs: dup}
	}
	return file.Policies, nil
}

// load builds the policy set, with the links of --template-linked.
func (p *policyFlags) load(e *env) (*authz.PolicySet, error) {
	list, jsonLinks, err := p.loadPolicyList(e)
	if err != nil {
		return nil, err
	}
	ps := authz.NewPolicySet()
	for _, pol := range list {
		if err := ps.Add(pol); err != nil {
			return nil, err
		}
	}
	for _, l := range jsonLinks {
		if err := ps.Link(l.TemplateID, l.NewID, l.Values); err != nil {
			return nil, fmt.Errorf("link %q: %w", l.NewID, err)
		}
	}
	if p.linked != "" {
		links, err := readLinks(p.linked, false)
		if err != nil {
			return nil, err
		}
		for _, l := range links {
			if err := applyLink(ps, l); err != nil {
				return nil, fmt.Errorf("%s: %w", p.linked, err)
			}
		}
	}
	return ps, nil
}

// templateLink is one entry of the official template-linked file.
type templateLink struct {
	TemplateID string            `json:"template_id"`
	LinkID     string            `json:"link_id"`
	Args       map[string]string `json:"args"`
}

// readLinks reads a template-linked file; a missing file is an empty list
// when missingOK (the link command creates it).
func readLinks(name string, missingOK bool) ([]templateLink, error) {
	src, err := os.ReadFile(name)
	if err != nil {
		if missingOK && errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, nil
	}
	var links []templateLink
	if err := json.Unmarshal(src, &links); err != nil {
		return nil, jsonError(name, src, err)
	}
	return links, nil
}

func applyLink(ps *authz.PolicySet, l templateLink) error {
	slots, err := slotValues(l.Args)
	if err != nil {
		return fmt.Errorf("link %q: %w", l.LinkID, err)
	}
	if err := ps.Link(l.TemplateID, l.LinkID, slots); err != nil {
		return fmt.Errorf("link %q: %w", l.LinkID, err)
	}
	return nil
}

func slotValues(args map[string]string) (map[ast.Slot]types.EntityUID, error) {
	slots := map[ast.Slot]types.EntityUID{}
	keys := make([]string, 0, len(args))
	for k := range args {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		var slot ast.Slot
		switch k {
		case "?principal":
			slot = ast.SlotPrincipal
		case "?resource":
			slot = ast.SlotResource
		default:
			return nil, fmt.Errorf("invalid slot %q: expected ?principal or ?resource", k)
		}
		uid, err := parse.EntityUID(args[k])
		if err != nil {
			return nil, fmt.Errorf("slot %s: %w", k, err)
		}
		slots[slot] = uid
	}
	return slots, nil
}

// jsonError turns an encoding/json error into one with file:line:col.
func jsonError(name string, src []byte, err error) error {
	off := -1
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		off = int(syn.Offset)
	case errors.As(err, &typ):
		off = int(typ.Offset)
	}
	if off < 0 {
		return fmt.Errorf("%s: %w", name, err)
	}
	if off > 0 {
		off-- // the offset is just past the offending byte
	}
	return &sourceErrors{file: name, src: src, errs: []source.Diagnostic{{Span: source.Span{Start: off, End: off + 1}, Code: source.CodeJSONSyntax, Message: err.Error()}}}
}

// schemaFlags are the official CLI's schema flags of the commands that read
// entities and requests.
type schemaFlags struct {
	file, format      string
	requestValidation bool
}

// register adds --schema and --schema-format, and --request-validation for
// commands that take a request.
func (sf *schemaFlags) register(fs *pflag.FlagSet, withRequest bool) {
	fs.StringVarP(&sf.file, "schema", "s", "", "file with a schema: entities and contexts are read by its types and checked against it")
	fs.StringVar(&sf.format, "schema-format", "", "format of the --schema file: cedar or json (default: json for *.json files, else cedar)")
	if withRequest {
		sf.requestValidation = true
		fs.Var(&boolArg{&sf.requestValidation}, "request-validation", "check the request against the schema: true or false (no effect without --schema)")
	}
}

// load reads the schema; nil when none is named.
func (sf *schemaFlags) load(e *env) (*schema.Schema, error) {
	if sf.file == "" {
		if sf.format != "" {
			return nil, errors.New("--schema-format needs --schema")
		}
		return nil, nil
	}
	return loadSchema(e, sf.file, sf.format)
}

// boolArg is a boolean flag that takes its value as an argument
// (`--request-validation false`), as the official CLI's flag does.
type boolArg struct{ v *bool }

func (b *boolArg) String() string {
	if b.v == nil {
		return "false"
	}
	return strconv.FormatBool(*b.v)
}

func (b *boolArg) Set(s string) error {
	switch s {
	case "true":
		*b.v = true
	case "false":
		*b.v = false
	default:
		return fmt.Errorf("want true or false, got %q", s)
	}
	return nil
}

func (b *boolArg) Type() string { return "true|false" }

// loadEntities reads an entities JSON file into a store; no file is an
// empty store. With a schema, the entities are read by its types and
// checked against it, and the store holds the schema's actions.
func loadEntities(e *env, name string, s *schema.Schema) (*entities.Store, error) {
	if name == "" {
		if s != nil {
			return entities.NewStore(entitiesjson.SchemaActions(s))
		}
		return entities.NewStore(nil)
	}
	file, src, err := readInput(e, name)
	if err != nil {
		return nil, err
	}
	return parseEntities(file, src, s)
}

// parseEntities decodes entities JSON (by the schema's types when s is not
// nil) into a store.
func parseEntities(file string, src []byte, s *schema.Schema) (*entities.Store, error) {
	var ents []*entities.Entity
	var err error
	if s != nil {
		ents, err = entitiesjson.ParseWithSchema(src, s)
	} else {
		ents, err = entitiesjson.Parse(src)
	}
	if err != nil {
		return nil, withFile(file, src, err)
	}
	store, err := entities.NewStore(ents)
	if err != nil {
		return nil, withFile(file, src, err)
	}
	return store, nil
}

// requestFlags are the official CLI's request flags.
type requestFlags struct {
	principal, action, resource, context, requestJSON string
}

func (r *requestFlags) register(fs *pflag.FlagSet) {
	fs.StringVarP(&r.principal, "principal", "l", "", `principal entity, e.g. 'User::"alice"'`)
	fs.StringVarP(&r.action, "action", "a", "", `action entity, e.g. 'Action::"view"'`)
	fs.StringVarP(&r.resource, "resource", "r", "", `resource entity, e.g. 'Photo::"pic.jpg"'`)
	fs.StringVarP(&r.context, "context", "c", "", "file with the context as a JSON object")
	fs.StringVar(&r.requestJSON, "request-json", "", "file with the whole request as JSON (replaces -l, -a, -r, -c)")
}

// requestJSON is the official CLI's request file format.
type requestJSON struct {
	Principal *string         `json:"principal"`
	Action    *string         `json:"action"`
	Resource  *string         `json:"resource"`
	Context   json.RawMessage `json:"context"`
}

// load builds the request. With required unset, a missing variable is
// left as the zero EntityUID and reported in missing. With a schema, the
// context is read by the action's context type, and when sf asks for
// request validation a complete request is validated against the schema.
func (r *requestFlags) load(e *env, required bool, s *schema.Schema, sf *schemaFlags) (req *eval.Request, missing []string, err error) {
	req, missing, err = r.loadUnchecked(e, required, s, s != nil && sf.requestValidation)
	if err != nil || s == nil || !sf.requestValidation || len(missing) > 0 {
		return req, missing, err
	}
	if err := entitiesjson.ValidateRequest(s, req.Principal, req.Action, req.Resource, req.Context); err != nil {
		return nil, nil, fmt.Errorf("the request is not valid for the schema:\n  %s", strings.ReplaceAll(err.Error(), "\n", "\n  "))
	}
	return req, missing, nil
}

func (r *requestFlags) loadUnchecked(e *env, required bool, s *schema.Schema, validate bool) (req *eval.Request, missing []string, err error) {
	if r.requestJSON != "" {
		if r.principal != "" || r.action != "" || r.resource != "" || r.context != "" {
			return nil, nil, errors.New("--request-json cannot be combined with -l, -a, -r or -c")
		}
		name, src, err := readInput(e, r.requestJSON)
		if err != nil {
			return nil, nil, err
		}
		var rj *entitiesjson.Request
		if s != nil {
			rj, err = entitiesjson.ParseRequestWithSchema(src, s, validate)
		} else {
			rj, err = entitiesjson.ParseRequest(src)
		}
		if err != nil {
			return nil, nil, withFile(name, src, err)
		}
		return &eval.Request{Principal: rj.Principal, Action: rj.Action, Resource: rj.Resource, Context: rj.Context}, nil, nil
	}
	req = &eval.Request{Context: types.NewRecord(nil)}
	for _, v := range []struct {
		name string
		text string
		dst  *types.EntityUID
	}{{"principal", r.principal, &req.Principal}, {"action", r.action, &req.Action}, {"resource", r.resource, &req.Resource}} {
		if v.text == "" {
			if required {
				return nil, nil, fmt.Errorf("missing --%s", v.name)
			}
			missing = append(missing, v.name)
			continue
		}
		uid, err := parse.EntityUID(v.text)
		if err != nil {
			return nil, nil, fmt.Errorf("--%s %s: %w", v.name, v.text, err)
		}
		*v.dst = uid
	}
	// Without an action there is no context type to read the context by.
	if s != nil && r.action != "" {
		var name string
		var src []byte
		if r.context != "" {
			if name, src, err = readInput(e, r.context); err != nil {
				return nil, nil, err
			}
		}
		ctx, err := entitiesjson.ParseContextWithSchema(src, s, req.Action, validate)
		if err != nil {
			if ds, ok := source.AsDiagnostics(err); ok && src == nil {
				// No context was given: there is no text to point into.
				msgs := make([]string, len(ds))
				for i, d := range ds {
					msgs[i] = d.Message
				}
				return nil, nil, errors.New(strings.Join(msgs, "\n"))
			}
			return nil, nil, withFile(name, src, err)
		}
		req.Context = ctx
		return req, missing, nil
	}
	if r.context != "" {
		name, src, err := readInput(e, r.context)
		if err != nil {
			return nil, nil, err
		}
		ctx, err := entitiesjson.ParseContext(src)
		if err != nil {
			return nil, nil, withFile(name, src, err)
		}
		req.Context = ctx
	}
	return req, missing, nil
}

func (rj *requestJSON) request() (*eval.Request, error) {
	req := &eval.Request{Context: types.NewRecord(nil)}
	for _, v := range []struct {
		name string
		text *string
		dst  *types.EntityUID
	}{{"principal", rj.Principal, &req.Principal}, {"action", rj.Action, &req.Action}, {"resource", rj.Resource, &req.Resource}} {
		if v.text == nil {
			return nil, fmt.Errorf("request: missing field %q", v.name)
		}
		uid, err := parse.EntityUID(*v.text)
		if err != nil {
			return nil, fmt.Errorf("request %s %q: %w", v.name, *v.text, err)
		}
		*v.dst = uid
	}
	if len(rj.Context) > 0 && !bytes.Equal(bytes.TrimSpace(rj.Context), []byte("null")) {
		ctx, err := entitiesjson.ParseContext(rj.Context)
		if err != nil {
			return nil, fmt.Errorf("request context: %w", err)
		}
		req.Context = ctx
	}
	return req, nil
}

// fail prints err and returns the failure exit code.
func fail(e *env, err error) int {
	fmt.Fprintln(e.stderr, err)
	return exitFailure
}
