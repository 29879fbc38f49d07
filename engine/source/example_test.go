package source_test

import (
	"fmt"
	"os"

	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
	"github.com/cedar-ls/cedar-ls/engine/source"
)

// Every engine error that points into a text carries diagnostics; one
// call finds them and one renderer prints them.
func ExampleAsDiagnostics() {
	src := []byte(`[{"uid": {"type": "User", "id": "alice"}, "attrs": {"age": 1.5}, "parents": []}]`)
	_, err := entitiesjson.Parse(src)
	ds, ok := source.AsDiagnostics(err)
	if !ok {
		panic(err)
	}
	for _, d := range ds {
		fmt.Printf("%s [%d,%d)\n", d.Code, d.Span.Start, d.Span.End)
		source.Render(os.Stdout, "entities.json", source.NewLines(src), d)
	}
	// Output:
	// entities-json [59,62)
	// entities.json:1:60: error: in attribute `age` on `User::"alice"`, found the number 1.5; Cedar has integers only
	//  1 | [{"uid": {"type": "User", "id": "alice"}, "attrs": {"age": 1.5}, "parents": []}]
	//    |                                                            ^^^
}
