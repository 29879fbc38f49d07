package engine_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/cedar-ls/cedar-ls/engine"
)

const photoPolicies = `
@id("owner-views")
permit (principal, action == Action::"view", resource)
when { resource.owner == principal };

forbid (principal, action, resource)
when { resource.private && !(resource.owner == principal) };
`

const photoEntities = `[
  {"uid": {"type": "User", "id": "alice"}, "attrs": {}, "parents": []},
  {"uid": {"type": "Photo", "id": "beach.jpg"},
   "attrs": {"owner": {"__entity": {"type": "User", "id": "alice"}}, "private": false}, "parents": []}
]`

// Authorize a request: policies, entities and a request in the official
// CLI's request JSON.
func ExampleAuthorize() {
	policies, err := engine.ParsePolicies("photos.cedar", []byte(photoPolicies))
	if err != nil {
		panic(err)
	}
	entities, err := engine.LoadEntities("entities.json", []byte(photoEntities), nil)
	if err != nil {
		panic(err)
	}
	request, err := engine.DecodeRequest("request.json", []byte(`{
	  "principal": "User::\"alice\"", "action": "Action::\"view\"",
	  "resource": "Photo::\"beach.jpg\"", "context": {}}`), engine.RequestOptions{})
	if err != nil {
		panic(err)
	}
	response := engine.Authorize(policies, entities, request)
	fmt.Println(response.Decision, response.Reasons)
	// Output: allow [owner-views]
}

// A request can also be built in code.
func ExampleAuthorize_requestInCode() {
	policies, _ := engine.ParsePolicies("photos.cedar", []byte(photoPolicies))
	entities, _ := engine.LoadEntities("entities.json", []byte(photoEntities), nil)
	request := &engine.Request{
		Principal: engine.NewEntityUID("User", "bob"),
		Action:    engine.NewEntityUID("Action", "view"),
		Resource:  engine.NewEntityUID("Photo", "beach.jpg"),
		Context:   engine.NewRecord(nil),
	}
	fmt.Println(engine.Authorize(policies, entities, request).Decision)
	// Output: deny
}

// Policies take the id of their @id annotation; the others are policy0,
// policy1, … by position.
func ExampleParsePolicies() {
	policies, err := engine.ParsePolicies("photos.cedar", []byte(photoPolicies))
	if err != nil {
		panic(err)
	}
	for _, p := range policies.Policies() {
		fmt.Println(p.ID, p.Effect)
	}
	// Output:
	// owner-views permit
	// policy1 forbid
}

// Every reading function reports bad input with its position.
func ExampleError() {
	_, err := engine.ParsePolicies("bad.cedar", []byte("permit(principal, action, resource) when { 1 + };\n"))
	fmt.Println(err)

	var e *engine.Error
	if errors.As(err, &e) {
		d := e.Diags[0]
		fmt.Printf("bytes %d-%d: %s\n", d.Span.Start, d.Span.End, d.Message)
	}
	// Output:
	// bad.cedar:1:48: error: expected an expression, found `}`
	//  1 | permit(principal, action, resource) when { 1 + };
	//    |                                                ^
	//
	// bytes 47-48: expected an expression, found `}`
}

// Templates are linked from a template-link file (the official CLI's
// --template-linked format).
func ExampleLinkTemplates() {
	policies, _ := engine.ParsePolicies("share.cedar", []byte(`@id("share")
permit (principal == ?principal, action, resource in ?resource);`))
	links := `[{"template_id": "share", "link_id": "alice-trips",
	  "args": {"?principal": "User::\"alice\"", "?resource": "Album::\"trips\""}}]`
	if err := engine.LinkTemplates(policies, "links.json", []byte(links)); err != nil {
		panic(err)
	}
	for _, p := range policies.Policies() {
		fmt.Println(p.ID, p.Principal.Entity.UID)
	}
	// Output: alice-trips User::"alice"
}

const photoSchema = `
entity User;
entity Photo { owner: User, private: Bool, taken?: datetime };
action view appliesTo { principal: User, resource: Photo, context: { ip: ipaddr } };
`

// With a schema, entities are read by the declared types: here a string
// becomes a datetime and an entity reference omits `__entity`.
func ExampleLoadEntities_withSchema() {
	schema, err := engine.LoadSchema("photos.cedarschema", []byte(photoSchema))
	if err != nil {
		panic(err)
	}
	entities, err := engine.LoadEntities("entities.json", []byte(`[
	  {"uid": {"type": "Photo", "id": "a.jpg"},
	   "attrs": {"owner": {"type": "User", "id": "alice"}, "private": true, "taken": "2025-02-20"},
	   "parents": []}]`), schema)
	if err != nil {
		panic(err)
	}
	photo, _ := entities.Get(engine.NewEntityUID("Photo", "a.jpg"))
	owner, _ := photo.Attrs.Get("owner")
	fmt.Println(owner)
	// Output: User::"alice"
}

// A request is validated against the schema when asked; the context is
// read by the action's declared context type.
func ExampleDecodeRequest_validated() {
	schema, _ := engine.LoadSchema("photos.cedarschema", []byte(photoSchema))
	opts := engine.RequestOptions{Schema: schema, Validate: true}
	request, err := engine.DecodeRequest("request.json", []byte(`{
	  "principal": "User::\"alice\"", "action": "Action::\"view\"",
	  "resource": "Photo::\"a.jpg\"", "context": {"ip": "10.0.0.1"}}`), opts)
	if err != nil {
		panic(err)
	}
	fmt.Println(request.Context)

	_, err = engine.DecodeRequest("request.json", []byte(`{
	  "principal": "Photo::\"x\"", "action": "Action::\"view\"",
	  "resource": "Photo::\"a.jpg\"", "context": {"ip": "10.0.0.1"}}`), opts)
	fmt.Println(err)
	// Output:
	// {"ip": ip("10.0.0.1")}
	// request.json:2:17: error: the request is not valid for the schema: principal type `Photo` is not valid for `Action::"view"`
	//  2 |    "principal": "Photo::\"x\"", "action": "Action::\"view\"",
	//    |                 ^^^^^^^^^^^^^^
}

// The parts of a request can be given separately, as the CLI's -l, -a, -r
// and -c flags give them.
func ExampleNewRequest() {
	schema, _ := engine.LoadSchema("photos.cedarschema", []byte(photoSchema))
	alice := engine.NewEntityUID("User", "alice")
	view := engine.NewEntityUID("Action", "view")
	photo := engine.NewEntityUID("Photo", "a.jpg")
	request, err := engine.NewRequest(engine.RequestParts{
		Principal: &alice, Action: &view, Resource: &photo,
		Context: []byte(`{"ip": {"fn": "ip", "arg": "192.168.0.1"}}`), ContextName: "context.json",
	}, engine.RequestOptions{Schema: schema, Validate: true})
	if err != nil {
		panic(err)
	}
	fmt.Println(request.Principal, request.Context)
	// Output: User::"alice" {"ip": ip("192.168.0.1")}
}

// Validate policies against a schema.
func ExampleValidate() {
	schema, _ := engine.LoadSchema("photos.cedarschema", []byte(photoSchema))
	policies, _ := engine.ParsePolicies("photos.cedar", []byte(`permit (principal, action == Action::"view", resource)
when { resource.owner == principal && resource.privat };`))
	result := engine.Validate(schema, policies, engine.Strict)
	for _, d := range result.Errors {
		fmt.Println(d.PolicyID, d.Message, d.Suggestions)
	}
	// Output: policy0 attribute `privat` on entity type `Photo` not found [private]
}

// A validator built once serves any number of validations, concurrently.
func ExampleNewValidator() {
	schema, _ := engine.LoadSchema("photos.cedarschema", []byte(photoSchema))
	validator := engine.NewValidator(schema, engine.Strict)
	policies, _ := engine.ParsePolicies("photos.cedar", []byte(photoPolicies))
	result, err := validator.Validate(context.Background(), policies.Written())
	fmt.Println(result.Valid(), err)
	// Output: true <nil>
}

// Format policies exactly as official Cedar's formatter does.
func ExampleFormatPolicies() {
	out, err := engine.FormatPolicies("p.cedar", []byte(`permit(principal==User::"alice",action,resource)when{resource.public};`), engine.FormatOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Print(string(out))
	// Output:
	// permit (
	//   principal == User::"alice",
	//   action,
	//   resource
	// )
	// when { resource.public };
}

// Evaluate an expression, with or without a request and entities.
func ExampleEvaluate() {
	v, err := engine.Evaluate(`decimal("1.5").lessThan(decimal("2.25")) && ip("10.0.0.1").isInRange(ip("10.0.0.0/8"))`, nil, nil)
	fmt.Println(v, err)

	_, err = engine.Evaluate(`principal == User::"alice"`, nil, nil)
	fmt.Println(err)
	// Output:
	// true <nil>
	// the expression uses principal, which the request does not give
}

// Translate a schema between its two syntaxes.
func ExampleTranslateSchema() {
	out, err := engine.TranslateSchema("s.cedarschema.json", []byte(`{"": {"entityTypes": {
	  "User": {"shape": {"type": "Record", "attributes": {"name": {"type": "String"}}}}}, "actions": {}}}`), engine.SchemaJSON)
	if err != nil {
		panic(err)
	}
	fmt.Print(string(out))
	// Output:
	// entity User = {
	//   name: __cedar::String
	// };
}
