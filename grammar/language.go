package grammar

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"

	sitter "github.com/smacker/go-tree-sitter"
)

// Lang names one of the two grammars, as editors name them.
type Lang string

const (
	// Cedar is the grammar of policies and templates (.cedar files).
	Cedar Lang = "cedar"
	// CedarSchema is the grammar of the Cedar schema syntax (.cedarschema).
	CedarSchema Lang = "cedarschema"
)

// Langs lists both grammars.
var Langs = []Lang{Cedar, CedarSchema}

// QueryKinds are the query files each grammar ships, by name without
// ".scm".
var QueryKinds = []string{"highlights", "folds", "indents", "injections", "locals", "tags"}

//go:embed tree-sitter-cedar/queries/*.scm tree-sitter-cedarschema/queries/*.scm
var queryFiles embed.FS

// Language returns the tree-sitter language of l, or nil for an unknown
// name.
func (l Lang) Language() *sitter.Language {
	switch l {
	case Cedar:
		return cedarLanguage
	case CedarSchema:
		return cedarschemaLanguage
	}
	return nil
}

// QuerySource returns the text of the query file kind ("highlights", …)
// of l.
func (l Lang) QuerySource(kind string) ([]byte, error) {
	if l.Language() == nil {
		return nil, fmt.Errorf("grammar: unknown language %q", l)
	}
	if !slices.Contains(QueryKinds, kind) {
		return nil, fmt.Errorf("grammar: unknown query kind %q (have %v)", kind, QueryKinds)
	}
	return fs.ReadFile(queryFiles, "tree-sitter-"+string(l)+"/queries/"+kind+".scm")
}

// Query compiles the query file kind of l. The caller closes it.
func (l Lang) Query(kind string) (*sitter.Query, error) {
	src, err := l.QuerySource(kind)
	if err != nil {
		return nil, err
	}
	q, err := sitter.NewQuery(src, l.Language())
	if err != nil {
		return nil, fmt.Errorf("grammar: %s/%s.scm: %w", l, kind, err)
	}
	return q, nil
}

// Parse parses src with l's grammar. The caller closes the tree.
func (l Lang) Parse(src []byte) (*sitter.Tree, error) {
	p := sitter.NewParser()
	defer p.Close()
	p.SetLanguage(l.Language())
	return p.ParseCtx(contextBackground, nil, src)
}
