package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/spf13/pflag"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/authz"
	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/eval"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/policyjson"
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
	var dup []source.Error
	seen := map[string]bool{}
	for _, pol := range file.Policies {
		for _, a := range pol.Annotations {
			if a.Key == "id" && a.HasValue {
				pol.ID = a.Value
			}
		}
		if seen[pol.ID] {
			dup = append(dup, source.Error{Span: pol.Span, Msg: fmt.Sprintf("duplicate policy id %q", pol.ID)})
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
	return &sourceErrors{file: name, src: src, errs: []source.Error{{Span: ast.Span{Start: off, End: off + 1}, Msg: err.Error()}}}
}

// loadEntities reads an entities JSON file into a store; no file is an
// empty store.
func loadEntities(e *env, name string) (*entities.Store, error) {
	if name == "" {
		return entities.NewStore(nil)
	}
	file, src, err := readInput(e, name)
	if err != nil {
		return nil, err
	}
	ents, err := entities.ParseJSON(src)
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
// left as the zero EntityUID and reported in missing.
func (r *requestFlags) load(e *env, required bool) (req *eval.Request, missing []string, err error) {
	if r.requestJSON != "" {
		if r.principal != "" || r.action != "" || r.resource != "" || r.context != "" {
			return nil, nil, errors.New("--request-json cannot be combined with -l, -a, -r or -c")
		}
		name, src, err := readInput(e, r.requestJSON)
		if err != nil {
			return nil, nil, err
		}
		var rj requestJSON
		if err := json.Unmarshal(src, &rj); err != nil {
			return nil, nil, jsonError(name, src, err)
		}
		req, err := rj.request()
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		return req, nil, nil
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
	if r.context != "" {
		name, src, err := readInput(e, r.context)
		if err != nil {
			return nil, nil, err
		}
		ctx, err := entities.ParseContextJSON(src)
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
		ctx, err := entities.ParseContextJSON(rj.Context)
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
