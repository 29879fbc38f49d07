// Command bench-native compares cedar-ls, cedar-go and official Cedar
// natively (the Rust crate in ../rust, built here with cargo in release
// mode) on every conformance/bench input (TinyTodo with 3 to 10,003
// policies, the unscoped sets of 1,000 and 10,000 policies, and the OOPSLA
// 2024 paper's gdrive, github and tinytodo applications), in one run on
// one machine:
//
//	go run ./cmd/bench-native    (or: make bench-native)
//
// It checks that every engine decides every request as the input's model
// expects before timing (and stops on the first disagreement), then prints
// one table; the last line is "geomean cedar-ls/rust = X".
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/cedar-ls/cedar-ls/conformance/bench"
	"github.com/cedar-ls/cedar-ls/conformance/oracle"
)

func main() {
	bin, err := oracle.BuildRust()
	if err == nil {
		err = bench.CompareNative(filepath.Join(bin, "cedar-bench"), os.Stdout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench-native:", err)
		os.Exit(1)
	}
}
