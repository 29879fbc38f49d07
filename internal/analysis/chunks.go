package analysis

import (
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/validate"
	"github.com/cedar-ls/cedar-ls/internal/token"
)

// A policy file is parsed in chunks, one policy each, so that an edit
// reparses (and revalidates) only the policy it touches: the chunks of the
// previous version are found again by their text.
//
// A chunk ends after a `;` outside brackets; the parser ends a policy at
// such a `;` too, so parsing chunk by chunk gives what parsing the whole
// file gives. While brackets are unbalanced (half-typed code), a line that
// starts with `permit (`, `forbid (` or an annotation also starts a chunk:
// the parser's recovery stops there too, and without it one unclosed `(`
// would make the rest of the file one chunk.

// parsedChunk is one chunk's parse, spans relative to the chunk's start.
// It is shared by every file version holding the same chunk text and is
// never modified after creation, except for its caches (locked).
type parsedChunk struct {
	text     string
	comments []source.Comment // relative to the chunk's start
	errs     []source.Diagnostic
	attempts int // policies attempted (broken ones count, as for IDs)

	mu sync.Mutex
	// policies are the chunk's policies with spans relative to base and
	// ids numbered from firstID: placed where the last file version that
	// asked has the chunk. One tree is kept, moved when a version needs
	// it elsewhere (the trees handed out before are never modified).
	policies      []*ast.Policy
	base, firstID int
	// validation caches results per schema and mode (spans relative to
	// the chunk's start).
	validation map[validationKey]*cachedValidation
	// last is the result asked for last, checked before the map: every
	// keystroke asks each chunk of the file for the same key again.
	lastKey validationKey
	last    *cachedValidation
}

type validationKey struct {
	schema *Schema
	mode   validate.Mode
}

// chunk is a parsed chunk placed in one file version.
type chunk struct {
	start, end int
	firstID    int // number of the chunk's first policy in the file
	p          *parsedChunk
}

// splitChunks returns the chunk ends of a policy file's text.
func splitChunks(text []byte) []int {
	ends, _ := splitFrom(text, 0, nil)
	return ends
}

// splitFrom finds chunk ends from offset from (a chunk start), until the
// text ends or stop accepts an end (then resync is that end and the
// caller takes the rest from elsewhere).
func splitFrom(text []byte, from int, stop func(end int) bool) (ends []int, resync int) {
	var sc token.Scanner
	sc.EmitComments = true
	sc.Init(text)
	sc.Seek(from)
	depth := 0
	for {
		t := sc.Next()
		if t.Kind == token.EOF {
			break
		}
		end := -1
		switch t.Kind {
		case token.LParen, token.LBracket, token.LBrace:
			depth++
		case token.RParen, token.RBracket, token.RBrace:
			if depth > 0 {
				depth--
			}
		case token.Semicolon:
			if depth == 0 {
				end = t.Span.End
			}
		case token.At, token.Ident:
			if depth > 0 && atLineStart(text, t.Span.Start) && startsPolicy(text, t) {
				end = t.Span.Start
				depth = 0
			}
		}
		if end >= 0 {
			if stop != nil && stop(end) {
				return ends, end
			}
			ends = append(ends, end)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(text) {
		ends = append(ends, len(text))
	}
	return ends, -1
}

// atLineStart reports whether only blanks precede off on its line.
func atLineStart(text []byte, off int) bool {
	for i := off - 1; i >= 0; i-- {
		switch text[i] {
		case ' ', '\t':
			continue
		case '\n', '\r':
			return true
		default:
			return false
		}
	}
	return true
}

// startsPolicy reports whether the token begins `@ident`, `permit (` or
// `forbid (`.
func startsPolicy(text []byte, t token.Token) bool {
	rest := text[t.Span.End:]
	if t.Kind == token.At {
		return len(rest) > 0 && token.IsIdentByte(rest[0])
	}
	w := string(text[t.Span.Start:t.Span.End])
	if w != "permit" && w != "forbid" {
		return false
	}
	r := strings.TrimLeft(string(rest[:min(len(rest), 16)]), " \t\r\n")
	return strings.HasPrefix(r, "(")
}

// parseChunk parses one chunk's text.
func parseChunk(text string) *parsedChunk {
	tree, errs := parse.Policies([]byte(text))
	if tree == nil {
		tree = &ast.File{}
	}
	pc := &parsedChunk{text: text, policies: tree.Policies, comments: tree.Comments, errs: errs}
	for _, p := range tree.Policies {
		if n, err := strconv.Atoi(strings.TrimPrefix(p.ID, "policy")); err == nil && n+1 > pc.attempts {
			pc.attempts = n + 1
		}
	}
	if pc.attempts == 0 && (len(errs) > 0 || hasTokens(text)) {
		pc.attempts = 1
	}
	return pc
}

// hasTokens reports whether a text holds more than comments and blanks.
func hasTokens(text string) bool {
	var sc token.Scanner
	sc.Init([]byte(text))
	return sc.Next().Kind != token.EOF
}

// chunkSource tells a file version how to find its chunks from the
// previous version's: prev (whose chunks may not be computed) and, when
// the change was one edit, where it was.
type chunkSource struct {
	prev *File
	edit *byteEdit
}

// byteEdit replaced old[Start:End] with NewLen bytes.
type byteEdit struct{ Start, End, NewLen int }

// nextChunkSource is what a new version edited from f starts from. When
// f's own chunks were never computed (fast typing), the new version goes
// back to f's source, so chains never grow.
func (f *File) nextChunkSource(edit *byteEdit) chunkSource {
	if f.Kind != KindPolicy {
		return chunkSource{}
	}
	if f.chunksDone.Load() {
		return chunkSource{prev: f, edit: edit}
	}
	f.chunkMu.Lock()
	defer f.chunkMu.Unlock()
	return chunkSource{prev: f.chunkSrc.prev}
}

// chunks splits and parses a policy file, reusing the previous version's
// parses: after a single edit only the text around it is split again;
// otherwise chunks are found again by their text.
func (f *File) chunks() []chunk {
	f.chunksOnce.Do(func() {
		f.chunkMu.Lock()
		src := f.chunkSrc
		f.chunkSrc = chunkSource{}
		f.chunkMu.Unlock()
		var out []chunk
		if src.prev != nil && src.edit != nil && src.prev.chunksDone.Load() {
			out = incrementalChunks(src.prev, *src.edit, f.Text)
		} else if src.prev == nil {
			out = wholeFileChunks(f.Text)
		}
		if out == nil {
			var reuse map[string]*parsedChunk
			if src.prev != nil && src.prev.chunksDone.Load() {
				reuse = src.prev.chunkIndex()
			}
			start := 0
			for _, end := range splitChunks(f.Text) {
				out = append(out, chunk{start: start, end: end, p: chunkFor(f.Text[start:end], reuse)})
				start = end
			}
		}
		id := 0
		for i := range out {
			out[i].firstID = id
			id += out[i].p.attempts
		}
		f.chunkList = out
		f.chunksDone.Store(true)
	})
	return f.chunkList
}

// wholeFileChunks chunks a file seen for the first time by parsing it
// whole, which costs less than parsing chunk by chunk and moving each
// chunk's tree into place. Only a file without parse errors is chunked
// this way (nil otherwise): there the two parses agree exactly (see
// TestChunkedParseMatchesWholeFile), so later edits, which reparse chunk
// by chunk, see the same trees.
func wholeFileChunks(text []byte) []chunk {
	tree, errs := parse.Policies(text)
	if len(errs) > 0 || tree == nil {
		return nil
	}
	ends := splitChunks(text)
	out := make([]chunk, 0, len(ends))
	start, pi, ci := 0, 0, 0
	for _, end := range ends {
		pc := &parsedChunk{text: string(text[start:end]), base: start}
		for pi < len(tree.Policies) && tree.Policies[pi].Span.Start < end {
			pc.policies = append(pc.policies, tree.Policies[pi])
			pi++
		}
		for ci < len(tree.Comments) && tree.Comments[ci].Span.Start < end {
			cm := tree.Comments[ci]
			cm.Span.Start -= start
			cm.Span.End -= start
			pc.comments = append(pc.comments, cm)
			ci++
		}
		pc.attempts = len(pc.policies)
		if len(pc.policies) > 0 {
			n, err := strconv.Atoi(strings.TrimPrefix(pc.policies[0].ID, "policy"))
			if err != nil || pc.policies[len(pc.policies)-1].Span.End > end {
				return nil // not one policy per chunk after all: chunk by chunk
			}
			pc.firstID = n
		}
		out = append(out, chunk{start: start, end: end, p: pc})
		start = end
	}
	if pi != len(tree.Policies) {
		return nil
	}
	return out
}

func chunkFor(text []byte, reuse map[string]*parsedChunk) *parsedChunk {
	if pc := reuse[string(text)]; pc != nil {
		return pc
	}
	return parseChunk(string(text))
}

// incrementalChunks keeps the previous version's chunks before the edit,
// splits again from the chunk the edit starts in until a chunk end falls
// where an old one did (shifted by the edit), and keeps the rest shifted.
func incrementalChunks(prev *File, e byteEdit, text []byte) []chunk {
	old := prev.chunkList
	delta := e.NewLen - (e.End - e.Start)
	// First chunk the edit may change: the one holding Start (a chunk
	// ending exactly at Start is untouched: a chunk ends after `;` or
	// before a policy, and text after that cannot change it).
	i := 0
	for i < len(old) && old[i].end <= e.Start && old[i].end < len(prev.Text) {
		i++
	}
	// One more back: a chunk that ends before `permit (` depends on the
	// text just after its end.
	if i > 0 {
		i--
	}
	out := make([]chunk, 0, len(old)+1)
	out = append(out, old[:i]...)
	from := 0
	if i > 0 {
		from = old[i-1].end
	}
	// oldEndAt finds the old chunk ending, shifted, at a new offset.
	oldEndAt := func(end int) (int, bool) {
		j := sort.Search(len(old), func(j int) bool { return old[j].end+delta >= end })
		if j >= i && j < len(old) && old[j].end >= e.End && old[j].end+delta == end {
			return j, true
		}
		return 0, false
	}
	editEnd := e.Start + e.NewLen
	ends, resync := splitFrom(text, from, func(end int) bool {
		_, ok := oldEndAt(end)
		return ok && end > editEnd
	})
	start := from
	reuse := map[string]*parsedChunk{}
	for j := i; j < len(old) && old[j].start < e.End; j++ {
		reuse[old[j].p.text] = old[j].p
	}
	for _, end := range ends {
		out = append(out, chunk{start: start, end: end, p: chunkFor(text[start:end], reuse)})
		start = end
	}
	if resync >= 0 {
		j, _ := oldEndAt(resync)
		out = append(out, chunk{start: start, end: resync, p: chunkFor(text[start:resync], reuse)})
		for _, c := range old[j+1:] {
			c.start += delta
			c.end += delta
			out = append(out, c)
		}
	}
	return out
}

// chunkIndex is the chunks of a version by text.
func (f *File) chunkIndex() map[string]*parsedChunk {
	m := make(map[string]*parsedChunk, len(f.chunkList))
	for _, c := range f.chunkList {
		m[c.p.text] = c.p
	}
	return m
}

// policies returns the chunk's policies shifted to its place in the file
// and numbered as the whole file numbers them.
func (c chunk) policies() []*ast.Policy {
	pc := c.p
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.base == c.start && pc.firstID == c.firstID {
		return pc.policies
	}
	moved := make([]*ast.Policy, len(pc.policies))
	for i, p := range pc.policies {
		q := p
		if c.start != pc.base {
			q = shiftPolicy(p, c.start-pc.base)
		} else {
			cp := *p
			q = &cp
		}
		if n, err := strconv.Atoi(strings.TrimPrefix(p.ID, "policy")); err == nil {
			q.ID = "policy" + strconv.Itoa(n-pc.firstID+c.firstID)
		}
		moved[i] = q
	}
	pc.policies, pc.base, pc.firstID = moved, c.start, c.firstID
	return moved
}

// relativePolicies returns the chunk's current tree and the offset its
// spans are relative to.
func (pc *parsedChunk) relativePolicies() ([]*ast.Policy, int, int) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	return pc.policies, pc.base, pc.firstID
}

// errors returns the chunk's parse errors shifted to its place.
func (c chunk) errors() []source.Diagnostic {
	out := make([]source.Diagnostic, len(c.p.errs))
	for i, d := range c.p.errs {
		out[i] = shiftDiagnostic(d, c.start)
	}
	return out
}

// assemblePolicies builds the whole file's syntax from its chunks.
func (f *File) assemblePolicies() *PolicyFile {
	pf := &PolicyFile{AST: &ast.File{}}
	for _, c := range f.chunks() {
		pf.AST.Policies = append(pf.AST.Policies, c.policies()...)
		for _, cm := range c.p.comments {
			cm.Span.Start += c.start
			cm.Span.End += c.start
			pf.AST.Comments = append(pf.AST.Comments, cm)
		}
		pf.Errors = append(pf.Errors, c.errors()...)
	}
	return pf
}
