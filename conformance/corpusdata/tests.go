package corpusdata

import (
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/types"
)

// Corpus is the decoded integration corpus: its tests in name order and
// the files they refer to.
type Corpus struct {
	Tests []*Test
	Files map[string][]byte
}

// Test is one corpus test (one <hash>.json file).
type Test struct {
	// Name is the test's hash, the base name of its files.
	Name           string
	Policies       string    `json:"policies"`
	Entities       string    `json:"entities"`
	Schema         string    `json:"schema"`
	ShouldValidate bool      `json:"shouldValidate"`
	Requests       []Request `json:"requests"`
}

// Request is one request of a test with the official answer.
type Request struct {
	Description     string          `json:"description"`
	Principal       UID             `json:"principal"`
	Action          UID             `json:"action"`
	Resource        UID             `json:"resource"`
	Context         json.RawMessage `json:"context"`
	ValidateRequest bool            `json:"validateRequest"`
	Decision        string          `json:"decision"`
	Reason          []string        `json:"reason"`
	Errors          []string        `json:"errors"`
}

// UID is an entity uid as the corpus writes it.
type UID struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

// EntityUID converts the uid to the engine's form.
func (u UID) EntityUID() types.EntityUID {
	return types.NewEntityUID(types.EntityType(u.Type), u.ID)
}

// The size of the corpus in cedar-go v1.9.0, checked on load so that a
// truncated archive cannot pass as a smaller corpus.
const (
	NumTests    = 7750
	NumRequests = 62000
)

// Load reads and decodes corpus-tests.tar.gz.
func Load() (*Corpus, error) {
	files, err := Archive("corpus-tests.tar.gz")
	if err != nil {
		return nil, err
	}
	c := &Corpus{Files: files}
	requests := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".entities.json") {
			continue
		}
		t := &Test{Name: strings.TrimSuffix(path.Base(name), ".json")}
		if err := json.Unmarshal(data, t); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		requests += len(t.Requests)
		c.Tests = append(c.Tests, t)
	}
	sort.Slice(c.Tests, func(i, j int) bool { return c.Tests[i].Name < c.Tests[j].Name })
	if len(c.Tests) != NumTests || requests != NumRequests {
		return nil, fmt.Errorf("corpus has %d tests and %d requests, want %d and %d", len(c.Tests), requests, NumTests, NumRequests)
	}
	return c, nil
}
