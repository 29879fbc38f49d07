package analysis

import (
	"reflect"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/internal/benchdata"
)

func TestCloneShifted(t *testing.T) {
	src := benchdata.Policies(20, 20)
	f, errs := parse.Policies([]byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	padded := "\n\n\n" + src
	g, _ := parse.Policies([]byte(padded))
	shifted := cloneShifted(f, 3)
	if !reflect.DeepEqual(shifted, g) {
		t.Fatal("a shifted copy differs from parsing the shifted text")
	}
	if reflect.DeepEqual(f, g) {
		t.Fatal("the original was modified")
	}
}
