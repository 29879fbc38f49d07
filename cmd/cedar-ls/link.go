package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cedar-ls/cedar-ls/engine"
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
	linksName, linksSrc, err := readLinksFile(pf.linked, true)
	if err != nil {
		return fail(e, err)
	}
	links, err := engine.ParseTemplateLinks(linksName, linksSrc)
	if err != nil {
		return fail(e, err)
	}
	// Load the policies with the existing links, then check the new link
	// applies before recording it.
	pf.linked = ""
	ps, _, _, err := pf.load(e)
	if err != nil {
		return fail(e, err)
	}
	if err := engine.LinkTemplates(ps, linksName, linksSrc); err != nil {
		return fail(e, err)
	}
	link := engine.TemplateLink{TemplateID: templateID, LinkID: newID, Args: slotArgs}
	if err := engine.Link(ps, link); err != nil {
		return fail(e, err)
	}
	if err := writeFileAtomic(linksName, engine.MarshalTemplateLinks(append(links, link))); err != nil {
		return fail(e, err)
	}
	fmt.Fprintf(e.stdout, "linked template %s as %s in %s\n", templateID, newID, linksName)
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
