package main

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/format"
)

func init() {
	commands["format"] = command{"Format policies the way official Cedar does", runFormat}
}

// runFormat is `cedar-ls format [-p FILE | FILES…] [-w] [-c] [-l WIDTH] [-i INDENT]`:
// standard input to standard output without files; --check lists the files
// that would change (exit 1); --write rewrites them in place.
func runFormat(e *env, args []string) int {
	fs := newFlags(e, "format", "[-p FILE | FILES…] [-w] [-c] [-l WIDTH] [-i INDENT]")
	var policyFile string
	var write, check bool
	var opts format.Options
	fs.StringVarP(&policyFile, "policies", "p", "", "policy file to format (default: standard input)")
	fs.BoolVarP(&write, "write", "w", false, "rewrite the files in place")
	fs.BoolVarP(&check, "check", "c", false, "list files that are not formatted and exit 1 if any")
	fs.IntVarP(&opts.LineWidth, "line-width", "l", 80, "maximum line width")
	fs.IntVarP(&opts.IndentWidth, "indent-width", "i", 2, "indentation width")
	if ok, code := parseFlags(e, fs, args); !ok {
		return code
	}
	if opts.LineWidth < 1 || opts.IndentWidth < 0 {
		fmt.Fprintln(e.stderr, "cedar-ls format: line width must be positive and indent width not negative")
		return exitFailure
	}
	files := fs.Args()
	if policyFile != "" {
		files = append([]string{policyFile}, files...)
	}
	if write && check {
		fmt.Fprintln(e.stderr, "cedar-ls format: --write and --check exclude each other")
		return exitFailure
	}
	if len(files) == 0 {
		if write {
			fmt.Fprintln(e.stderr, "cedar-ls format: --write needs files")
			return exitFailure
		}
		files = []string{"-"}
	}
	code := exitOK
	for _, name := range files {
		if c := formatOne(e, name, opts, write, check); c != exitOK {
			code = c
		}
	}
	return code
}

func formatOne(e *env, name string, opts format.Options, write, check bool) int {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".cedarschema", ".json":
		fmt.Fprintf(e.stderr, "%s: formatting schemas and JSON is not supported yet (only .cedar policy files)\n", name)
		return exitFailure
	}
	file, src, err := readInput(e, name)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return exitFailure
	}
	out, err := format.Policies(src, opts)
	if err != nil {
		var perrs format.ParseErrors
		if errors.As(err, &perrs) {
			fmt.Fprintln(e.stderr, &sourceErrors{file: file, src: src, errs: perrs})
		} else {
			fmt.Fprintf(e.stderr, "%s: %v\n", file, err)
		}
		return exitFailure
	}
	changed := !bytes.Equal(out, src)
	switch {
	case check:
		if changed {
			fmt.Fprintln(e.stdout, file)
			return exitFailure
		}
	case write && file != stdinName:
		if changed {
			if err := writeFileAtomic(name, out); err != nil {
				fmt.Fprintf(e.stderr, "%s: %v\n", file, err)
				return exitFailure
			}
		}
	default:
		e.stdout.Write(out)
	}
	return exitOK
}
