package drt

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"

	"github.com/cedar-ls/cedar-ls/conformance/oracle"
	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/authz"
	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/format"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/policyjson"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/types"
	"github.com/cedar-ls/cedar-ls/engine/validate"
	"github.com/cedar-ls/cedar-ls/internal/refmodel"
)

// The differential targets. Each compares one feature of cedar-ls with
// official Cedar on generated input.
const (
	// TargetAuthz: production authorizer ↔ reference model ↔ official
	// Cedar (decision, reasons, erroring policies), templates and links
	// included.
	TargetAuthz = "authz"
	// TargetParse: parse acceptance on generated and mutated text, and for
	// accepted policies the policy JSON (ours equals official's, and
	// Unmarshal(Marshal(p)) is p again).
	TargetParse = "parse"
	// TargetFormat: formatter output, byte for byte, at several widths.
	TargetFormat = "format"
	// TargetValidate: strict validation verdict per policy against
	// generated schemas, and the soundness property: a policy strict
	// validation accepts raises no type error on conforming input.
	TargetValidate = "validate"
)

// AllTargets lists every target.
var AllTargets = []string{TargetAuthz, TargetParse, TargetFormat, TargetValidate}

// Mismatch is one disagreement, shrunk to a small regression.
type Mismatch struct {
	Target     string
	Summary    string // what differs, for the log
	Regression *Regression
}

// Runner runs targets with one oracle; not safe for concurrent use (run
// one Runner per worker).
type Runner struct {
	O    *oracle.Oracle
	Seed uint64
	Opts Options
	// NoShrink reports mismatches as generated (faster; for tests that
	// only count).
	NoShrink bool
	// AuthzRequests is the number of requests per authz case (0: Opts'
	// RequestsPerCase). More requests amortize a case's setup (generating
	// and loading entities, policies and schema, on both sides) over more
	// checked requests; the other targets keep Opts'.
	AuthzRequests int
}

// Run checks case index i for target; checks counts the comparisons made
// (requests for authz, texts and policies for parse, texts for format,
// policy sets and evaluated requests for validate).
func (rn *Runner) Run(target string, i uint64) (checks int, ms []Mismatch, err error) {
	switch target {
	case TargetAuthz:
		return rn.runAuthz(i)
	case TargetParse:
		return rn.runParse(i)
	case TargetFormat:
		return rn.runFormat(i)
	case TargetValidate:
		return rn.runValidate(i)
	}
	return 0, nil, fmt.Errorf("drt: unknown target %q", target)
}

func (rn *Runner) gen(kind GenKind) *Generator {
	opts := rn.Opts
	if kind != Mixed {
		opts.Kind = kind
	}
	return New(rn.Seed, opts)
}

// policiesOnly is case i with only its policies and templates, for the
// parse and format targets.
func (rn *Runner) policiesOnly(i uint64) *Case {
	g := rn.gen(Mixed)
	g.Opts.policiesOnly = true
	return g.Case(i)
}

// --- authz

func (rn *Runner) runAuthz(i uint64) (int, []Mismatch, error) {
	gen := rn.gen(Mixed)
	if rn.AuthzRequests > 0 {
		gen.Opts.RequestsPerCase = rn.AuthzRequests
	}
	c := gen.Case(i)
	// Every oracle request of the case goes out first, so official Cedar
	// answers while production and the spec do.
	pending := GoOracle(rn.O, c)
	spellings := rn.startSpellings(c)
	ctxs := parseContexts(c)
	ps, store, failure := engineLoad(c)
	ours, ref := engineOutcomes(c, ps, store, failure, ctxs), specOutcomes(c, ctxs)
	theirs, err := OracleOutcomes(pending)
	if err != nil {
		return 0, nil, err
	}
	var ms []Mismatch
	for j := range c.Requests {
		if ours[j].Same(theirs[j]) && ref[j].Same(theirs[j]) && theirs[j].Failure == "" {
			continue
		}
		small := c
		if !rn.NoShrink {
			small = Shrink(c, j, func(sc *Case) bool {
				t, err := OracleOutcomes(GoOracle(rn.O, sc))
				if err != nil {
					return false
				}
				return !EngineOutcomes(sc)[0].Same(t[0]) || !SpecOutcomes(sc)[0].Same(t[0]) || t[0].Failure != ""
			})
			j = 0
		}
		t, err := OracleOutcomes(GoOracle(rn.O, small))
		if err != nil {
			return 0, nil, err
		}
		e, s := EngineOutcomes(small)[j], SpecOutcomes(small)[j]
		summary := fmt.Sprintf("production: %s\nspec:       %s\nofficial:   %s", e, s, t[j])
		if t[j].Failure != "" {
			summary = "generator bug (official Cedar rejects the input)\n" + summary
		}
		ms = append(ms, Mismatch{TargetAuthz, summary, authzRegression(small, j, t[j], summary)})
	}
	n, sms, err := spellings.finish(ps, failure)
	if err != nil {
		return 0, nil, err
	}
	return len(c.Requests) + n, append(ms, sms...), nil
}

// --- parse and policy JSON

func (rn *Runner) runParse(i uint64) (int, []Mismatch, error) {
	c := rn.policiesOnly(i)
	cg := &caseGen{r: caseRand(rn.Seed^0x9a55e, i)}
	texts := []string{c.Policies}
	for _, t := range c.Templates {
		texts = append(texts, t.Text)
	}
	for range 3 {
		texts = append(texts, cg.mutate(c.Policies))
	}
	// Every text's parse check, and the policy JSON of every policy
	// production accepts, go to the oracle before any answer is read.
	type parseJob struct {
		check  *oracle.Pending
		file   *ast.File
		ours   bool // production accepts the text
		toJSON []*oracle.Pending
	}
	jobs := make([]parseJob, len(texts))
	for k, text := range texts {
		job := &jobs[k]
		job.check = rn.O.GoCheckParsePolicySet(text)
		file, errs := parse.Policies([]byte(text))
		job.file, job.ours = file, len(errs) == 0
		if job.ours {
			for _, p := range file.Policies {
				job.toJSON = append(job.toJSON, rn.O.GoPolicyToJSON(text[p.Span.Start:p.Span.End], p.IsTemplate()))
			}
		}
	}
	checks := 0
	var ms []Mismatch
	for k, text := range texts {
		job := &jobs[k]
		checks++
		ok, theirs, err := parseAgreement(oracle.WaitCheckParse(job.check), job.ours)
		if err != nil {
			return 0, nil, err
		}
		if !ok {
			small := text
			if !rn.NoShrink {
				small = shrinkText(text, func(s string) bool {
					ok, _, err := rn.parseAgree(s)
					return err == nil && !ok
				})
			}
			_, theirs, _ = rn.parseAgree(small)
			ours := "accepts"
			if _, errs := parse.Policies([]byte(small)); len(errs) > 0 {
				ours = "rejects: " + errorsText(errs)
			}
			summary := fmt.Sprintf("parse acceptance differs on %q\nproduction %s\nofficial %s", small, ours, describeErr(theirs))
			ms = append(ms, Mismatch{TargetParse, summary, &Regression{Target: TargetParse, Policies: small, Parses: ptr(theirs == nil), Note: summary}})
			continue
		}
		if theirs != nil {
			continue
		}
		for n, p := range job.file.Policies {
			checks++
			src := text[p.Span.Start:p.Span.End]
			want, werr := oracle.WaitToJSON(job.toJSON[n])
			m, err := policyJSONMismatch(p, src, want, werr)
			if err != nil {
				return 0, nil, err
			}
			if m != nil {
				ms = append(ms, *m)
			}
		}
	}
	return checks, ms, nil
}

func ptr[T any](v T) *T { return &v }

func describeErr(err error) string {
	if err == nil {
		return "accepts"
	}
	return "rejects: " + err.Error()
}

// parseAgree parses text with both; theirs is official's parse error
// (nil when it accepts).
func (rn *Runner) parseAgree(text string) (agree bool, theirs error, err error) {
	_, errs := parse.Policies([]byte(text))
	return parseAgreement(rn.O.CheckParsePolicySet(text), len(errs) == 0)
}

// parseAgreement is parseAgree given official's answer and whether
// production accepts the text.
func parseAgreement(theirs error, ours bool) (agree bool, _ error, err error) {
	var f *oracle.Failure
	if theirs != nil && !errors.As(theirs, &f) {
		return false, nil, theirs
	}
	if f != nil && len(f.Errors) == 1 && f.Errors[0].Message == "static policy set includes a template" {
		// The text parsed; cedar-wasm only refuses templates among static
		// policies, while our parser reads templates and policies alike.
		theirs = nil
	}
	return ours == (theirs == nil), theirs, nil
}

// policyJSONMismatch compares one parsed policy's JSON with official's and
// checks the round trip through Unmarshal.
// want and err are official's answer (oracle.WaitToJSON).
func policyJSONMismatch(p *ast.Policy, src string, want json.RawMessage, err error) (*Mismatch, error) {
	var f *oracle.Failure
	if errors.As(err, &f) {
		want = nil
	} else if err != nil {
		return nil, err
	}
	got, gerr := policyjson.Marshal(p)
	var problem string
	switch {
	case gerr != nil && want != nil:
		problem = "Marshal fails: " + gerr.Error()
	case gerr == nil && want == nil:
		problem = "official cannot convert: " + f.Error()
	case gerr != nil:
		return nil, nil
	case !jsonEqual(got, want):
		problem = fmt.Sprintf("policy JSON differs\nproduction %s\nofficial   %s", got, compactJSON(want))
	default:
		// The AST keeps parentheses and JSON does not, so the round trip
		// is compared as JSON; printing the result and parsing it again
		// must give the same JSON too.
		back, err := policyjson.Unmarshal(got)
		if err != nil {
			problem = "Unmarshal(Marshal(p)) fails: " + err.Error()
			break
		}
		again, err := policyjson.Marshal(back)
		if err != nil || !jsonEqual(again, got) {
			problem = fmt.Sprintf("Marshal(Unmarshal(Marshal(p))) differs: %s (%v)", again, err)
			break
		}
		text := ast.PolicyText(back)
		f, errs := parse.Policies([]byte(text))
		if len(errs) > 0 || len(f.Policies) != 1 {
			problem = fmt.Sprintf("PolicyText(Unmarshal(Marshal(p))) does not parse: %q %v", text, errs)
			break
		}
		if third, err := policyjson.Marshal(f.Policies[0]); err != nil || !jsonEqual(third, got) {
			problem = fmt.Sprintf("PolicyText(Unmarshal(Marshal(p))) means something else: %q", text)
		}
	}
	if problem == "" {
		return nil, nil
	}
	summary := fmt.Sprintf("policy JSON on %q: %s", src, problem)
	return &Mismatch{TargetParse, summary, &Regression{Target: "policyjson", Policies: src, PolicyJSON: want, Note: summary}}, nil
}

func jsonEqual(a, b []byte) bool {
	if bytes.Equal(a, b) && json.Valid(a) {
		return true // the common case, without decoding
	}
	var x, y any
	da, db := json.NewDecoder(bytes.NewReader(a)), json.NewDecoder(bytes.NewReader(b))
	da.UseNumber()
	db.UseNumber()
	if da.Decode(&x) != nil || db.Decode(&y) != nil {
		return false
	}
	return sameJSON(x, y)
}

// sameJSON is deep equality where numbers beyond ±2^53 compare as
// float64: the oracle's answers pass through JavaScript numbers.
func sameJSON(x, y any) bool {
	switch a := x.(type) {
	case json.Number:
		b, ok := y.(json.Number)
		if !ok {
			return false
		}
		if a == b {
			return true
		}
		fa, ea := a.Float64()
		fb, eb := b.Float64()
		return ea == nil && eb == nil && fa == fb && math.Abs(fa) > 1<<53
	case []any:
		b, ok := y.([]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for i := range a {
			if !sameJSON(a[i], b[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		b, ok := y.(map[string]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, v := range a {
			if w, ok := b[k]; !ok || !sameJSON(v, w) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(x, y)
}

func compactJSON(b []byte) string {
	var buf bytes.Buffer
	if json.Compact(&buf, b) != nil {
		return string(b)
	}
	return buf.String()
}

// --- format

var formatWidths = [][2]int{{0, 0}, {40, 4}, {100, 2}, {20, 1}}

func (rn *Runner) runFormat(i uint64) (int, []Mismatch, error) {
	c := rn.policiesOnly(i)
	cg := &caseGen{r: caseRand(rn.Seed^0xf0f0, i)}
	list := slices.Clone(c.PolicyList)
	for _, t := range c.Templates {
		list = append(list, t.Text)
	}
	for k := range list {
		list[k] = cg.comment(list[k])
	}
	w := formatWidths[cg.r.IntN(len(formatWidths))]
	text := strings.Join(list, "\n") + "\n"
	// Official formats the whole case while production does.
	first := rn.O.GoFormatPolicies(text, w[0], w[1])
	differs := func(text string) (bool, string, error) {
		got, gerr := format.Policies([]byte(text), format.Options{LineWidth: w[0], IndentWidth: w[1]})
		var want string
		var werr error
		if first != nil {
			want, werr = oracle.WaitFormat(first)
			first = nil
		} else {
			want, werr = rn.O.FormatPolicies(text, w[0], w[1])
		}
		var f *oracle.Failure
		if werr != nil && !errors.As(werr, &f) {
			return false, "", werr
		}
		switch {
		case werr != nil && gerr != nil:
			return false, "", nil
		case werr != nil:
			return true, "official fails: " + werr.Error(), nil
		case gerr != nil:
			return true, "production fails: " + gerr.Error(), nil
		case string(got) != want:
			return true, fmt.Sprintf("production:\n%s\nofficial:\n%s", got, want), nil
		}
		return false, "", nil
	}
	bad, _, err := differs(text)
	if err != nil || !bad {
		return 1, nil, err
	}
	if !rn.NoShrink {
		for j := 0; j < len(list) && len(list) > 1; {
			next := slices.Delete(slices.Clone(list), j, j+1)
			if b, _, _ := differs(strings.Join(next, "\n") + "\n"); b {
				list = next
			} else {
				j++
			}
		}
		text = strings.Join(list, "\n") + "\n"
	}
	_, why, _ := differs(text)
	want, _ := rn.O.FormatPolicies(text, w[0], w[1])
	summary := fmt.Sprintf("format (width %d, indent %d) of\n%s\n%s", w[0], w[1], text, why)
	return 1, []Mismatch{{TargetFormat, summary, &Regression{Target: TargetFormat, Policies: text, LineWidth: w[0], IndentWidth: w[1], Formatted: ptr(want), Note: summary}}}, nil
}

// comment adds `//` comments at some line ends and before the policy.
func (cg *caseGen) comment(text string) string {
	if !cg.chance(0.4) {
		return text
	}
	lines := strings.Split(text, "\n")
	for k := range lines {
		if cg.chance(0.25) {
			lines[k] += " // " + pick(cg.r, []string{"note", "why: reasons", "", "ünï", "// nested"})
		}
	}
	out := strings.Join(lines, "\n")
	if cg.chance(0.3) {
		out = "// leading comment\n" + out
	}
	return out
}

// --- validate

func (rn *Runner) runValidate(i uint64) (int, []Mismatch, error) {
	c := rn.gen(SchemaDirected).Case(i)
	s, serrs := schema.Load("schema.cedarschema", []byte(c.Schema))
	if len(serrs) > 0 {
		summary := fmt.Sprintf("generated schema does not load: %v\n%s", serrs, c.Schema)
		return 1, []Mismatch{{TargetValidate, summary, nil}}, nil
	}
	statics, templates, failure := parseCase(c)
	if failure != "" {
		return 1, []Mismatch{{TargetValidate, "generated policies do not parse: " + failure, nil}}, nil
	}
	// Official Cedar validates while production does and the soundness
	// property is checked.
	pending := rn.O.GoValidate(validatePolicySet(c), c.Schema)
	all := append(slices.Clone(statics), templates...)
	ours := validate.Validate(s, all, validate.Strict)
	accepted := acceptedBy(ours, all, c)
	// Soundness: accepted policies raise no type errors on conforming
	// requests, in production and in the spec.
	unsound := -1
	sc := newSoundness(c)
	for j, r := range c.Requests {
		if r.Conforms && sc.violation(j, accepted) != "" {
			unsound = j
			break // one per case is enough
		}
	}
	ans, err := oracle.WaitValidate(pending)
	if err != nil {
		return 0, nil, err
	}
	checks := 1
	var ms []Mismatch
	if sdiffs := suggestionDiffs(ours, ans, &suggestionStats{}); len(sdiffs) > 0 {
		summary := fmt.Sprintf("did-you-mean suggestions differ\nschema:\n%s\npolicies:\n%s%s\n%s", c.Schema, c.Policies, templatesText(c), strings.Join(sdiffs, "\n"))
		ms = append(ms, Mismatch{TargetValidate, summary, nil})
	}
	verdictDiff := func(sc *Case) (string, error) {
		st, tm, failure := parseCase(sc)
		if failure != "" {
			return "", errors.New(failure)
		}
		ans, err := rn.O.Validate(validatePolicySet(sc), sc.Schema)
		if err != nil {
			return "", err
		}
		return verdictDiffs(append(st, tm...), validate.Validate(s, append(st, tm...), validate.Strict), ans), nil
	}
	if diff := verdictDiffs(all, ours, ans); diff != "" {
		small := c
		if !rn.NoShrink {
			small = shrinkPolicies(c, func(sc *Case) bool { d, err := verdictDiff(sc); return err == nil && d != "" })
		}
		diff, _ = verdictDiff(small)
		summary := fmt.Sprintf("validation verdicts differ\nschema:\n%s\npolicies:\n%s%s\n%s", small.Schema, small.Policies, templatesText(small), diff)
		ms = append(ms, Mismatch{TargetValidate, summary, validateRegression(rn.O, small, summary)})
	}
	checks += len(c.Requests)
	if j := unsound; j >= 0 {
		small := c
		if !rn.NoShrink {
			small = Shrink(c, j, func(sc *Case) bool { return soundnessViolation(sc, 0, acceptedIn(s, sc)) != "" })
			j = 0
		}
		v := soundnessViolation(small, j, acceptedIn(s, small))
		summary := fmt.Sprintf("soundness: strict validation accepts, evaluation raises a type error\nschema:\n%s\npolicies:\n%s%s\nrequest %+v\n%s", small.Schema, small.Policies, templatesText(small), small.Requests[j], v)
		reg := authzRegression(small, j, Outcome{}, summary)
		reg.Target, reg.Expected = "soundness", nil
		ms = append(ms, Mismatch{TargetValidate, summary, reg})
	}
	return checks, ms, nil
}

// validatePolicySet is what the validate target asks official Cedar to
// validate: the static policies and the templates (links are not
// validated apart from their templates).
func validatePolicySet(c *Case) oracle.PolicySet {
	ps := OraclePolicySet(c)
	ps.TemplateLinks = nil
	return ps
}

// verdictDiffs lists the policies whose strict-validation verdict differs
// between production (ours) and official Cedar (theirs).
func verdictDiffs(policies []*ast.Policy, ours validate.Result, theirs *oracle.ValidationAnswer) string {
	var diffs []string
	for _, p := range policies {
		oursValid := !slices.ContainsFunc(ours.Errors, func(d validate.Diagnostic) bool { return d.PolicyID == p.ID })
		theirsValid := !slices.ContainsFunc(theirs.ValidationErrors, func(e oracle.ValidationError) bool { return e.PolicyID == p.ID })
		if oursValid != theirsValid {
			var theirMsgs []string
			for _, e := range theirs.ValidationErrors {
				if e.PolicyID == p.ID {
					theirMsgs = append(theirMsgs, e.Error.Message)
				}
			}
			var ourMsgs []string
			for _, d := range ours.Errors {
				if d.PolicyID == p.ID {
					ourMsgs = append(ourMsgs, d.String())
				}
			}
			diffs = append(diffs, fmt.Sprintf("%s: production valid=%v %q, official valid=%v %q", p.ID, oursValid, ourMsgs, theirsValid, theirMsgs))
		}
	}
	return strings.Join(diffs, "\n")
}

func templatesText(c *Case) string {
	var b strings.Builder
	for _, t := range c.Templates {
		fmt.Fprintf(&b, "template %s: %s\n", t.ID, t.Text)
	}
	for _, l := range c.Links {
		fmt.Fprintf(&b, "link %s of %s: %v\n", l.NewID, l.TemplateID, l.Values)
	}
	return b.String()
}

// acceptedIn is which policies (and links, by their template) strict
// validation accepts.
func acceptedIn(s *schema.Schema, c *Case) map[string]bool {
	st, tm, failure := parseCase(c)
	if failure != "" {
		return nil
	}
	all := append(st, tm...)
	return acceptedBy(validate.Validate(s, all, validate.Strict), all, c)
}

// acceptedBy is which of the policies (and c's links, by their template)
// the validation result res has no error for.
func acceptedBy(res validate.Result, all []*ast.Policy, c *Case) map[string]bool {
	out := map[string]bool{}
	for _, p := range all {
		out[p.ID] = !slices.ContainsFunc(res.Errors, func(d validate.Diagnostic) bool { return d.PolicyID == p.ID })
	}
	for _, l := range c.Links {
		out[l.NewID] = out[l.TemplateID]
	}
	return out
}

// soundnessViolation describes the evaluation errors of accepted policies
// on request j that validation should have ruled out ("" when none), by
// production and by the spec. Overflows (arithmetic, durations,
// datetimes) are not type errors and are allowed.
func soundnessViolation(c *Case, j int, accepted map[string]bool) string {
	sc := *c
	sc.Requests = []Request{c.Requests[j]}
	return newSoundness(&sc).violation(0, accepted)
}

// soundness checks the requests of one case against its policies and
// entities, loaded once by production and by the spec.
type soundness struct {
	c           *Case
	ps          *authz.PolicySet
	store       *entities.Store
	failure     string
	policies    []*ast.Policy
	ents        map[types.EntityUID]*refmodel.Entity
	specFailure string
	ctxs        []parsedContext
}

func newSoundness(c *Case) *soundness {
	s := &soundness{c: c, ctxs: parseContexts(c)}
	s.ps, s.store, s.failure = engineLoad(c)
	s.policies, s.ents, s.specFailure = specLoad(c)
	return s
}

// violation is soundnessViolation for request j.
func (s *soundness) violation(j int, accepted map[string]bool) string {
	var out []string
	r := s.c.Requests[j]
	ours := Outcome{Failure: s.failure}
	if s.failure == "" {
		ours = engineAuthorize(s.ps, s.store, r, s.ctxs[j])
	}
	for _, e := range ours.Errors {
		id, msg, _ := strings.Cut(e, ": ")
		if accepted[id] && !strings.Contains(strings.ToLower(msg), "overflow") {
			out = append(out, "production: "+e)
		}
	}
	if s.specFailure == "" {
		// Only accepted policies' errors count, so only they are evaluated.
		for _, e := range specRequestErrors(s.policies, s.ents, r, s.ctxs[j], accepted) {
			id, msg, _ := strings.Cut(e, ": ")
			if accepted[id] && !strings.Contains(strings.ToLower(msg), "overflow") {
				out = append(out, "spec: "+e)
			}
		}
	}
	return strings.Join(out, "\n")
}
