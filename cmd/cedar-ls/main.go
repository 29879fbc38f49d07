// Command cedar-ls is the Cedar language server and command-line tool.
//
// Subcommands follow the official `cedar` CLI's flags and exit codes:
// 0 success or ALLOW, 1 failure, 2 DENY, 3 invalid (validation).
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
)

// Exit codes shared with the official `cedar` CLI.
const (
	exitOK      = 0
	exitFailure = 1
	exitDeny    = 2
	exitInvalid = 3
)

// env is what a subcommand may touch; tests substitute buffers.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

type command struct {
	summary string
	run     func(e *env, args []string) int
}

var commands = map[string]command{
	"authorize":        {"Evaluate an authorization request", runAuthorize},
	"evaluate":         {"Evaluate a Cedar expression", runEvaluate},
	"check-parse":      {"Check that policies, an expression and/or entities parse", runCheckParse},
	"link":             {"Link a template and record the link in a template-linked file", runLink},
	"lsp":              {"Serve the Language Server Protocol on stdio", runLSP},
	"run-tests":        {"Run test cases (official run-tests JSON) on a policy set", runTests},
	"translate-policy": {"Translate policies between Cedar syntax and the JSON policy format", runTranslatePolicy},
}

func main() {
	os.Exit(run(&env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:]))
}

func run(e *env, args []string) int {
	if len(args) == 0 {
		usage(e.stderr)
		return exitFailure
	}
	name := args[0]
	switch name {
	case "help", "-h", "--help":
		usage(e.stdout)
		return exitOK
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(e.stderr, "cedar-ls: unknown command %q\n\n", name)
		usage(e.stderr)
		return exitFailure
	}
	return cmd.run(e, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: cedar-ls <command> [flags]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-17s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun `cedar-ls <command> --help` for a command's flags.")
}
