package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

func runLink(e *env, args []string) int {
	fs := newFlags(e, "link", "-p POLICIES -k LINKS_FILE --template-id ID -n NEW_ID -a ARGS_JSON")
	var pf policyFlags
	var templateID, newID, arguments string
	pf.register(fs)
	fs.StringVar(&templateID, "template-id", "", "id of the template to link")
	fs.StringVarP(&newID, "new-id", "n", "", "id of the new linked policy")
	fs.StringVarP(&arguments, "arguments", "a", "", `slot values as JSON, e.g. '{"?principal": "User::\"alice\""}'`)
	if ok, code := parseFlags(e, fs, args); !ok {
		return code
	}
	switch {
	case pf.linked == "":
		return fail(e, fmt.Errorf("missing --template-linked (-k): the file the link is recorded in"))
	case templateID == "" || newID == "":
		return fail(e, fmt.Errorf("missing --template-id or --new-id"))
	}
	var slotArgs map[string]string
	if err := json.Unmarshal([]byte(arguments), &slotArgs); err != nil {
		return fail(e, fmt.Errorf("--arguments: want a JSON object of slot to entity, e.g. {\"?principal\": \"User::\\\"alice\\\"\"}: %w", err))
	}
	links, err := readLinks(pf.linked, true)
	if err != nil {
		return fail(e, err)
	}
	// Load the policies with the existing links, then check the new link
	// applies before recording it.
	linkedFile := pf.linked
	pf.linked = ""
	ps, err := pf.load(e)
	if err != nil {
		return fail(e, err)
	}
	link := templateLink{TemplateID: templateID, LinkID: newID, Args: slotArgs}
	for _, l := range append(links, link) {
		if err := applyLink(ps, l); err != nil {
			return fail(e, err)
		}
	}
	out, err := json.MarshalIndent(append(links, link), "", "  ")
	if err != nil {
		return fail(e, err)
	}
	if err := writeFileAtomic(linkedFile, append(out, '\n')); err != nil {
		return fail(e, err)
	}
	fmt.Fprintf(e.stdout, "linked template %s as %s in %s\n", templateID, newID, linkedFile)
	return exitOK
}

// writeFileAtomic writes through a temporary file and a rename, so a crash
// never leaves a half-written file. An existing file keeps its permissions;
// a new one gets 0644.
func writeFileAtomic(name string, data []byte) error {
	mode := os.FileMode(0o644)
	if info, err := os.Stat(name); err == nil {
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
