// Package authz is Cedar's authorizer: a policy set of static policies,
// templates and template-linked policies, indexed by scope, and the
// authorization decision for a request.
package authz

import (
	"fmt"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/eval"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/internal/evaluator"
)

// Decision is the outcome of an authorization request.
type Decision uint8

const (
	Deny Decision = iota
	Allow
)

func (d Decision) String() string {
	if d == Allow {
		return "allow"
	}
	return "deny"
}

// Response is an authorization result. Reasons are the ids of the
// satisfied forbid policies when a forbid decided, else those of the
// satisfied permits; sorted. Errors lists policies whose evaluation
// failed; those policies were skipped.
type Response struct {
	Decision Decision
	Reasons  []string
	Errors   []PolicyError
}

// PolicyError is an evaluation error of one policy: a diagnostic (code
// source.CodeEvaluation) whose Span is where in the policy's source the
// failing expression is (zero for policies read from JSON).
type PolicyError struct {
	PolicyID string
	source.Diagnostic
}

func (e PolicyError) Error() string {
	return fmt.Sprintf("error while evaluating policy `%s`: %s", e.PolicyID, e.Message)
}

// entry is a static or linked policy ready to be evaluated.
type entry struct {
	policy     *ast.Policy
	templateID string // the template a linked policy came from, else ""
	forbid     bool
	// cond is the policy's compiled condition, made when a request first
	// gets past its scope: a large set is ready as soon as it is read, and
	// the policies no request reaches are never compiled. Concurrent
	// first uses may each compile it; they make the same function.
	cond atomic.Pointer[evaluator.Condition]
}

// condition returns the compiled condition, compiling it on first use.
func (e *entry) condition() evaluator.Condition {
	if c := e.cond.Load(); c != nil {
		return *c
	}
	c := evaluator.CompileConditions(e.policy.Conditions)
	e.cond.Store(&c)
	return c
}

// PolicySet holds static policies, templates and linked policies. Add and
// Link are not safe concurrently with Authorize; concurrent Authorize
// calls are.
type PolicySet struct {
	entries   []*entry
	byID      map[string]*entry
	templates map[string]*ast.Policy
	// tmplOrder keeps templates in the order added, for listing.
	tmplOrder []*ast.Policy
	// written keeps static policies and templates in the order added.
	written []*ast.Policy
	// index holds the first indexed entries. It is brought up to date by
	// the first Authorize or Explain that needs it (see indexed), not by
	// Add: a large set is ready as soon as it is read, and a set that is
	// never authorized (an editor's, a validator's) never builds it.
	index     scopeIndex
	indexed   atomic.Int64
	indexLock sync.Mutex
	// entrySlab holds entries allocated ahead (see newEntry).
	entrySlab []entry
}

// upToDateIndex returns the scope index with every entry in it, first
// adding those added since it was last used. Concurrent Authorize calls
// may get here together; one adds, the others wait for it.
func (ps *PolicySet) upToDateIndex() *scopeIndex {
	if int(ps.indexed.Load()) == len(ps.entries) {
		return &ps.index
	}
	ps.indexLock.Lock()
	defer ps.indexLock.Unlock()
	if n := int(ps.indexed.Load()); n < len(ps.entries) {
		pending := ps.entries[n:]
		ps.index.grow(pending)
		for _, e := range pending {
			ps.index.add(e)
		}
		ps.indexed.Store(int64(len(ps.entries)))
	}
	return &ps.index
}

// NewPolicySet returns an empty policy set.
func NewPolicySet() *PolicySet {
	return &PolicySet{byID: map[string]*entry{}, templates: map[string]*ast.Policy{}}
}

// Grow makes room for n more policies, so adding many at once does not
// regrow the set's tables along the way.
func (ps *PolicySet) Grow(n int) {
	ps.entries = slices.Grow(ps.entries, n)
	ps.written = slices.Grow(ps.written, n)
	if len(ps.byID) == 0 {
		ps.byID = make(map[string]*entry, n)
	}
}

// Has reports whether a policy, template or link has the id.
func (ps *PolicySet) Has(id string) bool { return ps.idTaken(id) }

func (ps *PolicySet) idTaken(id string) bool {
	_, p := ps.byID[id]
	_, t := ps.templates[id]
	return p || t
}

// Add adds a static policy, or a template if p has slots. Policy ids are
// unique across policies, templates and links. A policy with parse errors
// (a partial tree an editor keeps) cannot be added.
func (ps *PolicySet) Add(p *ast.Policy) error {
	if p.HasErrors() {
		return fmt.Errorf("policy `%s` has parse errors", p.ID)
	}
	if ps.idTaken(p.ID) {
		return fmt.Errorf("duplicate policy id `%s`", p.ID)
	}
	if p.IsTemplate() {
		ps.templates[p.ID] = p
		ps.tmplOrder = append(ps.tmplOrder, p)
		ps.written = append(ps.written, p)
		return nil
	}
	if err := ps.addEntry(p, ""); err != nil {
		return err
	}
	ps.written = append(ps.written, p)
	return nil
}

// AddFile adds every policy and template of a parsed file, skipping those
// with parse errors, so the rest of a file being edited still authorizes.
func (ps *PolicySet) AddFile(f *ast.File) error {
	for _, p := range f.Policies {
		if p.HasErrors() {
			continue
		}
		if err := ps.Add(p); err != nil {
			return err
		}
	}
	return nil
}

func (ps *PolicySet) addEntry(p *ast.Policy, templateID string) error {
	for _, s := range [3]*ast.Scope{&p.Principal, &p.Action, &p.Resource} {
		if err := evaluator.CheckScope(s); err != nil {
			return fmt.Errorf("policy `%s`: %w", p.ID, err)
		}
	}
	e := ps.newEntry()
	e.policy, e.templateID, e.forbid = p, templateID, p.Effect == ast.Forbid
	ps.entries = append(ps.entries, e)
	ps.byID[p.ID] = e
	return nil
}

// maxEntrySlab is the most entries allocated together.
const maxEntrySlab = 64

// newEntry returns a zero entry from a block allocated ahead, blocks
// doubling up to maxEntrySlab, so large sets allocate per block rather
// than per policy.
func (ps *PolicySet) newEntry() *entry {
	if len(ps.entrySlab) == 0 {
		ps.entrySlab = make([]entry, min(max(len(ps.entries), 1), maxEntrySlab))
	}
	e := &ps.entrySlab[0]
	ps.entrySlab = ps.entrySlab[1:]
	return e
}

// Link instantiates a template: every slot the template uses must be
// given, and no other.
func (ps *PolicySet) Link(templateID, linkID string, slots map[ast.Slot]types.EntityUID) error {
	t, ok := ps.templates[templateID]
	if !ok {
		return fmt.Errorf("template `%s` does not exist", templateID)
	}
	if ps.idTaken(linkID) {
		return fmt.Errorf("duplicate policy id `%s`", linkID)
	}
	used := map[ast.Slot]bool{}
	linked := *t
	linked.ID = linkID
	for _, sc := range []*ast.Scope{&linked.Principal, &linked.Resource} {
		if slot := sc.Entity.Slot; slot != ast.NoSlot {
			uid, ok := slots[slot]
			if !ok {
				return fmt.Errorf("failed to link template `%s`: no value provided for `%s`", templateID, slot)
			}
			used[slot] = true
			sc.Entity = ast.EntityRef{UID: uid, Span: sc.Entity.Span}
		}
	}
	for slot := range slots {
		if !used[slot] {
			return fmt.Errorf("failed to link template `%s`: value provided for `%s`, which the template does not use", templateID, slot)
		}
	}
	return ps.addEntry(&linked, templateID)
}

// Policies lists static and linked policies in the order added; a linked
// policy appears with its slots filled in and its link id.
func (ps *PolicySet) Policies() []*ast.Policy {
	out := make([]*ast.Policy, len(ps.entries))
	for i, e := range ps.entries {
		out[i] = e.policy
	}
	return out
}

// Written lists the static policies and templates in the order added,
// as written (linked policies are in Policies): what a validator checks.
func (ps *PolicySet) Written() []*ast.Policy { return ps.written }

// Templates lists the templates in the order added.
func (ps *PolicySet) Templates() []*ast.Policy { return ps.tmplOrder }

// Policy returns a static or linked policy by id.
func (ps *PolicySet) Policy(id string) (*ast.Policy, bool) {
	e, ok := ps.byID[id]
	if !ok {
		return nil, false
	}
	return e.policy, true
}

// Template returns a template by id.
func (ps *PolicySet) Template(id string) (*ast.Policy, bool) {
	t, ok := ps.templates[id]
	return t, ok
}

// LinkedFrom returns the template a linked policy was made from.
func (ps *PolicySet) LinkedFrom(id string) (string, bool) {
	e, ok := ps.byID[id]
	if !ok || e.templateID == "" {
		return "", false
	}
	return e.templateID, true
}

// Authorize decides a request: default deny; a satisfied forbid denies;
// otherwise a satisfied permit allows. A policy whose evaluation fails is
// skipped and reported in Errors.
func (ps *PolicySet) Authorize(store *entities.Store, req *eval.Request) Response {
	d := decider{env: evaluator.NewEnv(req, store)}
	if len(ps.entries) <= linearScanMax {
		d.considerAll(ps.entries)
	} else {
		ps.upToDateIndex().each(d.env, &d)
	}
	permits, forbids, errs := d.permits, d.forbids, d.errs
	resp := Response{Decision: Deny, Reasons: permits, Errors: errs}
	switch {
	case len(forbids) > 0:
		resp.Reasons = forbids
	case len(permits) > 0:
		resp.Decision = Allow
	default:
		resp.Reasons = []string{}
	}
	if len(resp.Reasons) > 1 {
		sort.Strings(resp.Reasons)
	}
	if len(errs) > 1 {
		sort.Slice(errs, func(i, j int) bool { return errs[i].PolicyID < errs[j].PolicyID })
	}
	return resp
}

// decider evaluates policies against one request and collects the
// satisfied permits and forbids and the errors.
type decider struct {
	env              *evaluator.Env
	permits, forbids []string
	errs             []PolicyError
	// outcomes, when not nil, records every considered policy's outcome
	// (Explain); the condition index is then bypassed, since it skips
	// policies whose condition is false.
	outcomes map[string]Outcome
}

func (d *decider) considerAll(es []*entry) {
	for _, e := range es {
		d.consider(e)
	}
}

func (d *decider) consider(e *entry) {
	env, p := d.env, e.policy
	if !evaluator.MatchScope(env, &p.Principal) || !evaluator.MatchScope(env, &p.Action) || !evaluator.MatchScope(env, &p.Resource) {
		return
	}
	ok, err := e.condition()(env)
	outcome := Satisfied
	switch {
	case err != nil:
		d.errs = append(d.errs, policyError(e.policy.ID, err))
		outcome = Errored
	case !ok:
		outcome = ConditionFalse
	case e.forbid:
		d.forbids = append(d.forbids, e.policy.ID)
	default:
		d.permits = append(d.permits, e.policy.ID)
	}
	if d.outcomes != nil {
		d.outcomes[e.policy.ID] = outcome
	}
}

func policyError(id string, err error) PolicyError {
	pe := PolicyError{PolicyID: id, Diagnostic: source.Diagnostic{Code: source.CodeEvaluation, Message: err.Error()}}
	if se, ok := err.(eval.Error); ok {
		pe.Span = se.Span
	}
	return pe
}
