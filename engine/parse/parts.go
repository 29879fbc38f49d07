package parse

import (
	"bytes"
	"sync"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/internal/token"
)

// minPart is the least source text worth a part of its own: below it,
// starting a goroutine and merging cost more than reading on one core.
const minPart = 128 << 10

// maxParts is the most parts a file is read in.
const maxParts = 8

// policiesInParts reads src as Policies does, in parts: part 0 from the
// start, part i from bounds[i-1], each on its own goroutine, each up to
// the next bound. Parsing is a function of where a policy starts, so a
// part is exactly what one pass would read from there, provided one pass
// would start a policy right there: the part before must stop exactly at
// the bound (not run past it in a policy, nor find no token starting
// there, as when the bound is inside a string or comment), between
// policies, at a token a policy starts with (`permit`, `forbid` or `@`).
// When it does not, that part reads on over the next part's text instead
// of using it. The result is the same as one pass in
// every case (TestPartsReadAsOnePass checks it on many splits).
func policiesInParts(src []byte, bounds []int) (*ast.File, []source.Diagnostic) {
	if len(bounds) == 0 {
		return newParser(src).policies()
	}
	type part struct {
		p     *parser
		pols  []*ast.Policy
		panic any
	}
	parts := make([]part, len(bounds))
	var wg sync.WaitGroup
	for i, b := range bounds {
		stop := len(src)
		if i+1 < len(bounds) {
			stop = bounds[i+1]
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { parts[i].panic = recover() }()
			q := newParserAt(src, b)
			parts[i].p, parts[i].pols = q, q.readPolicies(stop)
		}()
	}
	cur := newParser(src)
	cur.ids = &policyIDs{}
	curPols := cur.readPolicies(bounds[0])
	wg.Wait()

	f := &ast.File{}
	var errs []source.Diagnostic
	var lists [][]*ast.Policy
	flush := func() {
		lists = append(lists, curPols)
		f.Comments = append(f.Comments, cur.sc.Comments...)
		errs = append(errs, cur.errs...)
	}
	for i, b := range bounds {
		if cur.startsPolicyAt(b) {
			if r := parts[i].panic; r != nil {
				panic(r)
			}
			flush()
			ids := cur.ids
			cur, curPols = parts[i].p, parts[i].pols
			cur.ids = ids
			for _, pol := range curPols {
				pol.ID = ids.id()
			}
			continue
		}
		stop := len(src)
		if i+1 < len(bounds) {
			stop = bounds[i+1]
		}
		curPols = append(curPols, cur.readPolicies(stop)...)
	}
	flush()
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	f.Policies = make([]*ast.Policy, 0, n)
	for _, l := range lists {
		f.Policies = append(f.Policies, l...)
	}
	return f, errs
}

// newParserAt returns a parser reading src from offset off, which must
// not be inside a token.
func newParserAt(src []byte, off int) *parser {
	p := &parser{src: src, names: make(map[string]string)}
	p.sc.Init(src)
	p.sc.Seek(off)
	p.tok = p.sc.Next()
	return p
}

// startsPolicyAt reports whether p, between policies, stands at a token
// starting at off that starts a policy the same way whatever came before.
func (p *parser) startsPolicyAt(off int) bool {
	t := p.tok
	return t.Span.Start == off && !p.broken &&
		(t.Kind == token.At || p.isWord("permit") || p.isWord("forbid"))
}

// splitPoints picks up to n-1 increasing offsets, near i·len(src)/n, that
// seem to start a policy: `permit`, `forbid` or `@` at the start of a line
// after a line ending in `;`. It looks at bytes only, so an offset may be
// inside a string or comment; policiesInParts checks each one.
func splitPoints(src []byte, n int) []int {
	var out []int
	from := 0
	for i := 1; i < n; i++ {
		b := nextPolicyLine(src, max(i*len(src)/n, from))
		if b < 0 {
			break
		}
		out = append(out, b)
		from = b + 1
	}
	return out
}

// nextPolicyLine is the first offset from at on that starts a line
// looking like the start of a policy (see splitPoints), or -1.
func nextPolicyLine(src []byte, at int) int {
	for {
		k := bytes.IndexByte(src[at:], '\n')
		if k < 0 {
			return -1
		}
		nl := at + k
		at = nl + 1
		if endsWithSemicolon(src[:nl]) && startsPolicyWord(src[at:]) {
			return at
		}
	}
}

func endsWithSemicolon(line []byte) bool {
	line = bytes.TrimRight(line, " \t\r")
	return len(line) > 0 && line[len(line)-1] == ';'
}

func startsPolicyWord(rest []byte) bool {
	if len(rest) > 0 && rest[0] == '@' {
		return true
	}
	for _, w := range [...]string{"permit", "forbid"} {
		if bytes.HasPrefix(rest, []byte(w)) && (len(rest) == len(w) || !token.IsIdentByte(rest[len(w)])) {
			return true
		}
	}
	return false
}
