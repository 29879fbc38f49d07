package grammar

import (
	"context"
	"fmt"

	sitter "github.com/smacker/go-tree-sitter"
)

var contextBackground = context.Background()

// SyntaxError is an ERROR or MISSING node of a tree: where tree-sitter
// found input its grammar does not derive.
type SyntaxError struct {
	Missing    bool         // a MISSING node: a token tree-sitter inserted
	Start, End sitter.Point // rows and byte columns, 0-based
	StartByte  uint32
	// Kind is the node's type: "ERROR", or the type of the missing node.
	Kind string
}

func (e SyntaxError) Error() string {
	if e.Missing {
		return fmt.Sprintf("%d:%d: missing %s", e.Start.Row+1, e.Start.Column+1, e.Kind)
	}
	return fmt.Sprintf("%d:%d: syntax error", e.Start.Row+1, e.Start.Column+1)
}

// SyntaxErrors lists the ERROR and MISSING nodes under n, in document
// order; an ERROR's own descendants are not listed again.
func SyntaxErrors(n *sitter.Node) []SyntaxError {
	var errs []SyntaxError
	if n == nil || !n.HasError() {
		return nil
	}
	c := sitter.NewTreeCursor(n)
	defer c.Close()
	for {
		node := c.CurrentNode()
		descend := node.HasError()
		switch {
		case node.IsError():
			errs = append(errs, SyntaxError{Start: node.StartPoint(), End: node.EndPoint(), StartByte: node.StartByte(), Kind: "ERROR"})
			descend = false
		case node.IsMissing():
			errs = append(errs, SyntaxError{Missing: true, Start: node.StartPoint(), End: node.EndPoint(), StartByte: node.StartByte(), Kind: node.Type()})
		}
		if descend && c.GoToFirstChild() {
			continue
		}
		for !c.GoToNextSibling() {
			if !c.GoToParent() {
				return errs
			}
		}
	}
}

// Check parses src with l's grammar and returns its syntax errors.
func (l Lang) Check(src []byte) ([]SyntaxError, error) {
	tree, err := l.Parse(src)
	if err != nil {
		return nil, err
	}
	defer tree.Close()
	return SyntaxErrors(tree.RootNode()), nil
}
