package grammar

import (
	"sort"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
)

// A Highlight is one highlighted node: its byte range and capture name
// (e.g. "keyword.operator").
type Highlight struct {
	StartByte, EndByte uint32
	Start, End         sitter.Point
	Capture            string
}

// Highlights runs l's highlights query over src and returns one highlight
// per captured node, in document order. Captures whose names start with
// "_" (predicate helpers) or are "spell"/"nospell" (spell-checking hints)
// do not colour anything and are left out. When several patterns capture
// one node, the first pattern wins, as in tree-sitter's highlighter; the
// queries capture each node at most once, so Neovim, where the last
// pattern wins, colours alike.
func (l Lang) Highlights(src []byte) ([]Highlight, error) {
	q, err := l.Query("highlights")
	if err != nil {
		return nil, err
	}
	defer q.Close()
	tree, err := l.Parse(src)
	if err != nil {
		return nil, err
	}
	defer tree.Close()
	qc := sitter.NewQueryCursor()
	defer qc.Close()
	qc.Exec(q, tree.RootNode())
	type key struct{ start, end uint32 }
	seen := map[key]bool{}
	var hs []Highlight
	for {
		m, ok := qc.NextMatch()
		if !ok {
			break
		}
		m = qc.FilterPredicates(m, src)
		for _, c := range m.Captures {
			name := q.CaptureNameForId(c.Index)
			if strings.HasPrefix(name, "_") || name == "spell" || name == "nospell" {
				continue
			}
			k := key{c.Node.StartByte(), c.Node.EndByte()}
			if seen[k] {
				continue
			}
			seen[k] = true
			hs = append(hs, Highlight{k.start, k.end, c.Node.StartPoint(), c.Node.EndPoint(), name})
		}
	}
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].StartByte < hs[j].StartByte })
	return hs, nil
}

// HighlightAt returns the capture of the innermost highlighted node
// containing the byte offset, or "" when none does.
func HighlightAt(hs []Highlight, offset uint32) string {
	best, bestLen := "", ^uint32(0)
	for _, h := range hs {
		if h.StartByte <= offset && offset < h.EndByte && h.EndByte-h.StartByte < bestLen {
			best, bestLen = h.Capture, h.EndByte-h.StartByte
		}
	}
	return best
}
