package validate_test

import (
	"context"
	"fmt"
	"os"

	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/schema"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/validate"
)

// A Validator is built once per schema and reused for every policy set,
// from as many goroutines as needed.
func ExampleNew() {
	s, errs := schema.Load("photos.cedarschema", []byte(`
entity User { name: String };
entity Photo { owner: User, private: Bool };
action view appliesTo { principal: User, resource: Photo };
`))
	if len(errs) > 0 {
		panic(errs[0])
	}
	v := validate.New(s, validate.Options{Mode: validate.Strict})

	src := []byte(`permit(principal, action == Action::"view", resource)
when { resource.owner == principal && resource.private > 0 };`)
	f, perrs := parse.Policies(src)
	if len(perrs) > 0 {
		panic(perrs[0])
	}
	res, err := v.Validate(context.Background(), f.Policies)
	if err != nil {
		panic(err)
	}
	for _, d := range res.Errors {
		fmt.Println(d.Code)
		source.Render(os.Stdout, "photos.cedar", source.NewLines(src), d.Diagnostic)
	}
	// Output:
	// unexpectedType
	// photos.cedar:2:39: error: unexpected type: expected Long but saw Bool
	//  2 | when { resource.owner == principal && resource.private > 0 };
	//    |                                       ^^^^^^^^^^^^^^^^
}
