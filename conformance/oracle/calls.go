package oracle

import (
	"encoding/json"
	"fmt"
	"strings"
)

// EntityUIDJSON is an entity reference in the {"type", "id"} JSON form.
type EntityUIDJSON struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

// UID is a shorthand constructor.
func UID(typ, id string) EntityUIDJSON { return EntityUIDJSON{Type: typ, ID: id} }

// DetailedError is cedar-wasm's error or warning report.
type DetailedError struct {
	Message         string          `json:"message"`
	Help            *string         `json:"help"`
	Code            *string         `json:"code"`
	URL             *string         `json:"url"`
	Severity        *string         `json:"severity"`
	SourceLocations []SourceLabel   `json:"sourceLocations,omitempty"`
	Related         []DetailedError `json:"related,omitempty"`
}

// SourceLabel is a labelled byte range in the input text.
type SourceLabel struct {
	Label *string `json:"label"`
	Start int     `json:"start"`
	End   int     `json:"end"`
}

// Failure is a Cedar-level failure answer (e.g. the policies do not parse),
// returned as an error by the typed helpers.
type Failure struct {
	Op     string
	Errors []DetailedError
}

func (f *Failure) Error() string {
	msgs := make([]string, len(f.Errors))
	for i, e := range f.Errors {
		msgs[i] = e.Message
	}
	return fmt.Sprintf("oracle: %s failed: %s", f.Op, strings.Join(msgs, "; "))
}

// PolicySet is the policies argument of isAuthorized/validate: policy text
// (ids policy0, policy1, … in order), plus optional templates and links.
type PolicySet struct {
	StaticPolicies string            `json:"staticPolicies"`
	Templates      map[string]string `json:"templates,omitempty"`
	TemplateLinks  []TemplateLink    `json:"templateLinks,omitempty"`
}

// TemplateLink links template TemplateID as NewID with slot values
// ("?principal", "?resource").
type TemplateLink struct {
	TemplateID string                   `json:"templateId"`
	NewID      string                   `json:"newId"`
	Values     map[string]EntityUIDJSON `json:"values"`
}

// AuthRequest is one authorization request. Context nil means {}.
type AuthRequest struct {
	Principal EntityUIDJSON   `json:"principal"`
	Action    EntityUIDJSON   `json:"action"`
	Resource  EntityUIDJSON   `json:"resource"`
	Context   json.RawMessage `json:"context"`
}

// AuthError is an error evaluating one policy.
type AuthError struct {
	PolicyID string        `json:"policyId"`
	Error    DetailedError `json:"error"`
}

// AuthAnswer is isAuthorized's answer. Type is "success" or "failure"; on
// failure (bad policies, entities or context) Errors says why.
type AuthAnswer struct {
	Type     string `json:"type"`
	Response struct {
		Decision    string `json:"decision"`
		Diagnostics struct {
			Reason []string    `json:"reason"`
			Errors []AuthError `json:"errors"`
		} `json:"diagnostics"`
	} `json:"response"`
	Errors   []DetailedError `json:"errors"`
	Warnings []DetailedError `json:"warnings"`
}

type authCall struct {
	AuthRequest
	Policies PolicySet       `json:"policies"`
	Entities json.RawMessage `json:"entities"`
}

func orEmpty(raw json.RawMessage, empty string) json.RawMessage {
	if len(raw) == 0 {
		return json.RawMessage(empty)
	}
	return raw
}

func (r AuthRequest) normalized() AuthRequest {
	r.Context = orEmpty(r.Context, "{}")
	return r
}

// Authorize answers one request; entitiesJSON is the entities JSON array
// (nil for none).
func (o *Oracle) Authorize(policies PolicySet, entitiesJSON json.RawMessage, req AuthRequest) (*AuthAnswer, error) {
	var ans AuthAnswer
	err := o.Call("isAuthorized", authCall{AuthRequest: req.normalized(), Policies: policies, Entities: orEmpty(entitiesJSON, "[]")}, &ans)
	if err != nil {
		return nil, err
	}
	return &ans, nil
}

// SchemaAuthRequest is a request read with a schema: entities and context
// by their declared types, the request validated when ValidateRequest.
// Principal, Action and Resource may be any spelling of an entity UID
// official Cedar accepts ({"type", "id"} or {"__entity": {…}}).
type SchemaAuthRequest struct {
	Principal       any             `json:"principal"`
	Action          any             `json:"action"`
	Resource        any             `json:"resource"`
	Context         json.RawMessage `json:"context"`
	Schema          any             `json:"schema"`
	ValidateRequest bool            `json:"validateRequest"`
	Policies        PolicySet       `json:"policies"`
	Entities        json.RawMessage `json:"entities"`
}

// GoAuthorizeWithSchema sends one schema-based request without waiting;
// WaitAuthorize collects the answer.
func (o *Oracle) GoAuthorizeWithSchema(req SchemaAuthRequest) *Pending {
	req.Context = orEmpty(req.Context, "{}")
	req.Entities = orEmpty(req.Entities, "[]")
	return o.Go("isAuthorized", req)
}

// WaitAuthorize waits for a GoAuthorizeWithSchema answer.
func WaitAuthorize(p *Pending) (*AuthAnswer, error) {
	var ans AuthAnswer
	if err := p.Wait(&ans); err != nil {
		return nil, err
	}
	return &ans, nil
}

// GoAuthorizeBatch sends many requests against one policy set and entity
// set without waiting; WaitAuthorizeBatch collects the answers, one per
// request in order.
func (o *Oracle) GoAuthorizeBatch(policies PolicySet, entitiesJSON json.RawMessage, reqs []AuthRequest) *Pending {
	return o.goEncoded("isAuthorizedBatch", func(id int64) ([]byte, error) {
		arg, err := appendBatchCall(nil, policies, entitiesJSON, reqs)
		if err != nil {
			return nil, err
		}
		return requestLine(id, "isAuthorizedBatch", arg), nil
	})
}

// WaitAuthorizeBatch waits for a GoAuthorizeBatch answer.
func WaitAuthorizeBatch(p *Pending) ([]AuthAnswer, error) {
	var ans []AuthAnswer
	if err := p.Wait(&ans); err != nil {
		return nil, err
	}
	return ans, nil
}

// AuthorizeBatch answers many requests against one policy set and entity
// set, one answer per request in order.
func (o *Oracle) AuthorizeBatch(policies PolicySet, entitiesJSON json.RawMessage, reqs []AuthRequest) ([]AuthAnswer, error) {
	return WaitAuthorizeBatch(o.GoAuthorizeBatch(policies, entitiesJSON, reqs))
}

// IsAuthorized answers one request against policy text. errors are
// "policyId: message" per policy that failed to evaluate. A failure answer
// (policies, entities or context rejected) is returned as a *Failure.
func (o *Oracle) IsAuthorized(policiesText string, entitiesJSON json.RawMessage, principal, action, resource EntityUIDJSON, contextJSON json.RawMessage) (decision string, reasons []string, errors []string, err error) {
	ans, err := o.Authorize(PolicySet{StaticPolicies: policiesText}, entitiesJSON,
		AuthRequest{Principal: principal, Action: action, Resource: resource, Context: contextJSON})
	if err != nil {
		return "", nil, nil, err
	}
	if ans.Type != "success" {
		return "", nil, nil, &Failure{Op: "isAuthorized", Errors: ans.Errors}
	}
	d := ans.Response.Diagnostics
	for _, e := range d.Errors {
		errors = append(errors, e.PolicyID+": "+e.Error.Message)
	}
	return ans.Response.Decision, d.Reason, errors, nil
}

// checkAnswer is the shape shared by the check/convert answers.
type checkAnswer struct {
	Type   string          `json:"type"`
	Errors []DetailedError `json:"errors"`
}

func (o *Oracle) check(op string, arg any, into any) error {
	return waitCheck(o.Go(op, arg), into)
}

// waitCheck waits for a check/convert answer: a Cedar-level failure is a
// *Failure, a success is decoded into into (unless nil).
func waitCheck(p *Pending, into any) error {
	var raw json.RawMessage
	if err := p.Wait(&raw); err != nil {
		return err
	}
	var ca checkAnswer
	if err := json.Unmarshal(raw, &ca); err != nil {
		return fmt.Errorf("oracle: decoding %s answer: %w", p.op, err)
	}
	if ca.Type == "failure" {
		return &Failure{Op: p.op, Errors: ca.Errors}
	}
	if into != nil {
		if err := json.Unmarshal(raw, into); err != nil {
			return fmt.Errorf("oracle: decoding %s answer: %w", p.op, err)
		}
	}
	return nil
}

// GoCheckParsePolicySet sends CheckParsePolicySet without waiting;
// WaitCheckParse collects the answer.
func (o *Oracle) GoCheckParsePolicySet(policiesText string) *Pending {
	return o.Go("checkParsePolicySet", PolicySet{StaticPolicies: policiesText})
}

// WaitCheckParse is CheckParsePolicySet's answer to a
// GoCheckParsePolicySet.
func WaitCheckParse(p *Pending) error { return waitCheck(p, nil) }

// GoPolicyToJSON sends PolicyToJSON (or, for a template, templateToJson)
// without waiting; WaitToJSON collects the answer.
func (o *Oracle) GoPolicyToJSON(text string, template bool) *Pending {
	if template {
		return o.Go("templateToJson", text)
	}
	return o.Go("policyToJson", text)
}

// WaitToJSON is PolicyToJSON's answer to a GoPolicyToJSON.
func WaitToJSON(p *Pending) (json.RawMessage, error) {
	var ans struct {
		JSON json.RawMessage `json:"json"`
	}
	if err := waitCheck(p, &ans); err != nil {
		return nil, err
	}
	return ans.JSON, nil
}

// GoFormatPolicies sends FormatPolicies without waiting; WaitFormat
// collects the answer.
func (o *Oracle) GoFormatPolicies(policiesText string, lineWidth, indentWidth int) *Pending {
	return o.Go("formatPolicies", struct {
		PolicyText  string `json:"policyText"`
		LineWidth   int    `json:"lineWidth,omitempty"`
		IndentWidth int    `json:"indentWidth,omitempty"`
	}{policiesText, lineWidth, indentWidth})
}

// WaitFormat is FormatPolicies' answer to a GoFormatPolicies.
func WaitFormat(p *Pending) (string, error) {
	var ans struct {
		Formatted string `json:"formatted_policy"`
	}
	if err := waitCheck(p, &ans); err != nil {
		return "", err
	}
	return ans.Formatted, nil
}

// CheckParsePolicySet reports whether the policy text parses (nil) or why
// not (*Failure).
func (o *Oracle) CheckParsePolicySet(policiesText string) error {
	return WaitCheckParse(o.GoCheckParsePolicySet(policiesText))
}

// CheckParseSchema reports whether a schema (Cedar text as a string, or
// JSON schema as json.RawMessage) parses.
func (o *Oracle) CheckParseSchema(schema any) error {
	return o.check("checkParseSchema", schema, nil)
}

// CheckParseEntities reports whether the entities JSON array parses
// (without a schema when schema is nil).
func (o *Oracle) CheckParseEntities(entitiesJSON json.RawMessage, schema any) error {
	return o.check("checkParseEntities", struct {
		Entities json.RawMessage `json:"entities"`
		Schema   any             `json:"schema,omitempty"`
	}{entitiesJSON, schema}, nil)
}

// CheckParseContext reports whether a context parses, optionally against a
// schema and action.
func (o *Oracle) CheckParseContext(contextJSON json.RawMessage, schema any, action *EntityUIDJSON) error {
	return o.check("checkParseContext", struct {
		Context json.RawMessage `json:"context"`
		Schema  any             `json:"schema,omitempty"`
		Action  *EntityUIDJSON  `json:"action,omitempty"`
	}{contextJSON, schema, action}, nil)
}

// PolicyToJSON converts one policy's text to the policy JSON format.
func (o *Oracle) PolicyToJSON(policyText string) (json.RawMessage, error) {
	return WaitToJSON(o.GoPolicyToJSON(policyText, false))
}

// PolicyToText converts one policy in JSON format to text.
func (o *Oracle) PolicyToText(policyJSON json.RawMessage) (string, error) {
	var ans struct {
		Text string `json:"text"`
	}
	if err := o.check("policyToText", policyJSON, &ans); err != nil {
		return "", err
	}
	return ans.Text, nil
}

// FormatPolicies pretty-prints policy text; zero widths use Cedar's
// defaults.
func (o *Oracle) FormatPolicies(policiesText string, lineWidth, indentWidth int) (string, error) {
	return WaitFormat(o.GoFormatPolicies(policiesText, lineWidth, indentWidth))
}

// SchemaToJSON converts a Cedar-text schema to the JSON schema format.
func (o *Oracle) SchemaToJSON(schemaText string) (json.RawMessage, error) {
	var ans struct {
		JSON json.RawMessage `json:"json"`
	}
	if err := o.check("schemaToJson", schemaText, &ans); err != nil {
		return nil, err
	}
	return ans.JSON, nil
}

// SchemaToText converts a JSON schema to Cedar text.
func (o *Oracle) SchemaToText(schemaJSON json.RawMessage) (string, error) {
	var ans struct {
		Text string `json:"text"`
	}
	if err := o.check("schemaToText", schemaJSON, &ans); err != nil {
		return "", err
	}
	return ans.Text, nil
}

// ValidationAnswer is validate's success answer.
type ValidationAnswer struct {
	ValidationErrors   []ValidationError `json:"validationErrors"`
	ValidationWarnings []ValidationError `json:"validationWarnings"`
	OtherWarnings      []DetailedError   `json:"otherWarnings"`
}

// ValidationError is one validator finding for one policy.
type ValidationError struct {
	PolicyID string        `json:"policyId"`
	Error    DetailedError `json:"error"`
}

// Validate validates policies against a schema (Cedar text string or JSON
// as json.RawMessage) in strict mode. A schema or policy that does not
// parse is a *Failure.
func (o *Oracle) Validate(policies PolicySet, schema any) (*ValidationAnswer, error) {
	var ans ValidationAnswer
	arg := struct {
		Schema   any       `json:"schema"`
		Policies PolicySet `json:"policies"`
	}{schema, policies}
	if err := o.check("validate", arg, &ans); err != nil {
		return nil, err
	}
	return &ans, nil
}

// GoValidate sends a Validate call without waiting; WaitValidate collects
// the answer.
func (o *Oracle) GoValidate(policies PolicySet, schema any) *Pending {
	return o.Go("validate", struct {
		Schema   any       `json:"schema"`
		Policies PolicySet `json:"policies"`
	}{schema, policies})
}

// WaitValidate waits for a GoValidate answer: as Validate returns it.
func WaitValidate(p *Pending) (*ValidationAnswer, error) {
	var raw json.RawMessage
	if err := p.Wait(&raw); err != nil {
		return nil, err
	}
	var ca checkAnswer
	if err := json.Unmarshal(raw, &ca); err != nil {
		return nil, fmt.Errorf("oracle: decoding validate answer: %w", err)
	}
	if ca.Type == "failure" {
		return nil, &Failure{Op: "validate", Errors: ca.Errors}
	}
	var ans ValidationAnswer
	if err := json.Unmarshal(raw, &ans); err != nil {
		return nil, fmt.Errorf("oracle: decoding validate answer: %w", err)
	}
	return &ans, nil
}

// Version is the Cedar version the oracle runs (e.g. "4.13.0").
func (o *Oracle) Version() (string, error) {
	var v string
	err := o.Call("getCedarVersion", nil, &v)
	return v, err
}
