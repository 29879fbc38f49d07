package format

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/cedar-ls/cedar-ls/conformance/corpusdata"
	"github.com/cedar-ls/cedar-ls/conformance/oracle"
	"github.com/cedar-ls/cedar-ls/engine/format"
	"github.com/cedar-ls/cedar-ls/engine/schema/syntax"
)

// TestCorpusSchemas formats every distinct schema of the official corpus
// and checks the formatter's promises there: the output formats to itself,
// keeps every comment in order, and means what the input meant as official
// Cedar reads it (its JSON translation of the output equals that of the
// input) and as cedar-ls reads it (same JSON translation).
func TestCorpusSchemas(t *testing.T) {
	files, err := corpusdata.Archive("corpus-tests.tar.gz")
	if err != nil {
		t.Fatal(err)
	}
	o, err := oracle.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	seen := map[string]bool{}
	var names []string
	for name, src := range files {
		if strings.HasSuffix(name, ".cedarschema") && !seen[string(src)] {
			seen[string(src)] = true
			names = append(names, name)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		t.Fatal("no schemas in the corpus")
	}
	variants := []format.Options{{}, {LineWidth: 40, IndentWidth: 4}}
	type job struct {
		name string
		opts format.Options
	}
	type result struct {
		job
		refused, officialReads, same bool
		err                          error
		out                          []byte
		problem                      string
	}
	jobs := make(chan job)
	results := make(chan result)
	// A few workers keep the oracle's pipeline full.
	const workers = 4
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				src := files[j.name]
				r := result{job: j}
				r.out, r.err = format.Schema(src, j.opts)
				if r.err != nil {
					r.refused = true
					_, oerr := o.SchemaToJSON(string(src))
					r.officialReads = oerr == nil
				} else {
					// Corpus schemas are official Cedar's own printing
					// (files end with an extra empty line): the layouts
					// should agree.
					r.same = bytes.Equal(bytes.TrimRight(r.out, "\n"), bytes.TrimRight(src, "\n"))
					r.problem = schemaProblem(o, src, r.out, j.opts)
				}
				results <- r
			}
		}()
	}
	go func() {
		for i, name := range names {
			for v, opts := range variants {
				if v == 0 || i%10 == 0 {
					jobs <- job{name, opts}
				}
			}
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	var formatted, unchanged, refused, failures int
	for r := range results {
		switch {
		case r.refused:
			// Only a schema official Cedar also rejects may be refused.
			refused++
			if r.officialReads {
				failures++
				t.Errorf("%s: official Cedar reads it, we refuse to format it: %v", r.name, r.err)
			}
			continue
		case r.same:
			unchanged++
		}
		formatted++
		if r.problem != "" {
			failures++
			if failures <= 10 {
				t.Errorf("%s %+v: %s\n--- input\n%s--- output\n%s", r.name, r.opts, r.problem, files[r.name], r.out)
			}
		}
	}
	t.Logf("%d distinct corpus schemas: %d formattings with every property holding, %d identical to the input but for final empty lines, %d refused (official Cedar refuses them too), %d failures",
		len(names), formatted-failures, unchanged, refused, failures)
}

// schemaProblem checks one formatting; "" when every property holds.
func schemaProblem(o *oracle.Oracle, src, out []byte, opts format.Options) string {
	again, err := format.Schema(out, opts)
	if err != nil {
		return "output does not format: " + err.Error()
	}
	if !bytes.Equal(again, out) {
		return "not idempotent; second formatting:\n" + string(again)
	}
	f1, _ := syntax.ParseCedar(src)
	f2, errs := syntax.ParseCedar(out)
	if len(errs) > 0 {
		return "output does not parse: " + errs[0].Message
	}
	if c1, c2 := comments(f1), comments(f2); !reflect.DeepEqual(c1, c2) {
		return "comments changed"
	}
	j1, e1 := f1.ToJSON()
	j2, e2 := f2.ToJSON()
	if (e1 == nil) != (e2 == nil) || !bytes.Equal(j1, j2) {
		return "cedar-ls's JSON translation changed"
	}
	w1, oe1 := o.SchemaToJSON(string(src))
	w2, oe2 := o.SchemaToJSON(string(out))
	if (oe1 == nil) != (oe2 == nil) {
		return "official Cedar reads only one of input and output"
	}
	if oe1 == nil && !sameJSON(w1, w2) {
		return "official Cedar's JSON translation changed:\n" + string(w1) + "\nvs\n" + string(w2)
	}
	return ""
}

func comments(f *syntax.File) []string {
	var out []string
	for _, c := range f.Comments {
		out = append(out, strings.TrimRight(c.Text, " \t\r"))
	}
	return out
}

func sameJSON(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}
