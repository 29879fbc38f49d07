package format

import "strings"

// doc is a document of the Wadler/Oppen pretty-printing algebra. The
// renderer below makes the same line-breaking decisions as the `pretty`
// crate official Cedar's formatter is built on: a group is laid out flat
// when its flat form, followed by the rest of the document up to the rest's
// first possible line break, fits in the remaining width.
type doc struct {
	kind  docKind
	n     int32 // indentation added by a nest
	width int   // display columns of text
	text  string
	kids  []*doc // the parts of a concat, group or nest, in order
}

type docKind uint8

const (
	docText     docKind = iota
	docLine             // a space when flat, a line break otherwise
	docSoftline         // nothing when flat, a line break otherwise
	docHardline         // always a line break
	docNest
	docGroup
	docConcat
	// docComments is a concat holding the comments written on lines of
	// their own before a token: (line break, comment)*, line break.
	docComments
)

// The constant documents are shared by every printer; they are never
// modified.
var (
	nilDoc   = &doc{kind: docConcat}
	line     = &doc{kind: docLine}
	softline = &doc{kind: docSoftline}
	hardline = &doc{kind: docHardline}
	space    = &doc{kind: docText, text: " ", width: 1}
)

// arena hands out documents and child lists from large chunks: a printer
// builds hundreds of thousands of small documents for a big file, and
// allocating them one by one dominated formatting time. A document lives
// until the arena is reset, which the printers do after rendering each
// top-level item, so memory stays bounded by the largest item.
type arena struct {
	docs     [][]doc // chunks; the current one is docs[docChunk]
	docChunk int
	docNext  int
	kids     [][]*doc
	kidChunk int
	kidNext  int
}

const (
	docChunkSize = 4096
	kidChunkSize = 8192
)

// reset makes every chunk reusable. Documents handed out before are dead.
func (a *arena) reset() {
	a.docChunk, a.docNext = 0, 0
	a.kidChunk, a.kidNext = 0, 0
}

func (a *arena) newDoc() *doc {
	if a.docChunk == len(a.docs) {
		a.docs = append(a.docs, make([]doc, docChunkSize))
	}
	d := &a.docs[a.docChunk][a.docNext]
	if a.docNext++; a.docNext == docChunkSize {
		a.docChunk, a.docNext = a.docChunk+1, 0
	}
	return d
}

// kidList copies ds into arena memory (so the variadic slice of the callers
// stays on their stack).
func (a *arena) kidList(ds []*doc) []*doc {
	n := len(ds)
	if n > kidChunkSize {
		return append([]*doc(nil), ds...)
	}
	if a.kidChunk < len(a.kids) && a.kidNext+n > kidChunkSize {
		a.kidChunk, a.kidNext = a.kidChunk+1, 0
	}
	if a.kidChunk == len(a.kids) {
		a.kids = append(a.kids, make([]*doc, kidChunkSize))
	}
	k := a.kids[a.kidChunk][a.kidNext : a.kidNext+n : a.kidNext+n]
	copy(k, ds)
	a.kidNext += n
	return k
}

func (a *arena) text(s string) *doc {
	d := a.newDoc()
	*d = doc{kind: docText, text: s, width: displayWidth(s)}
	return d
}

func (a *arena) cat(ds ...*doc) *doc {
	d := a.newDoc()
	*d = doc{kind: docConcat, kids: a.kidList(ds)}
	return d
}

func (a *arena) nest(n int, ds ...*doc) *doc {
	d := a.newDoc()
	*d = doc{kind: docNest, n: int32(n), kids: a.kidList(ds)}
	return d
}

// group makes the documents one layout decision.
func (a *arena) group(ds ...*doc) *doc {
	d := a.newDoc()
	*d = doc{kind: docGroup, kids: a.kidList(ds)}
	return d
}

// hoistedGroup is a group whose first token's comments on lines of their
// own are moved in front of it, so that they do not force it to break:
// official Cedar places them so for the policy head, scopes, member-access
// chains and a condition's body (but, for instance, not for `has`, whose
// group such a comment breaks).
func (a *arena) hoistedGroup(ds ...*doc) *doc {
	d := a.group(ds...)
	if c := takeFirstComments(d); c != nil {
		return a.cat(c, d)
	}
	return d
}

// takeFirstComments finds the document d starts with, looking into
// concats and groups (not nests: moving comments out of one would change
// their indentation); when it is a docComments it is cut out of d and
// returned.
func takeFirstComments(d *doc) *doc {
	for {
		if len(d.kids) == 0 {
			return nil
		}
		first := d.kids[0]
		switch first.kind {
		case docComments:
			d.kids = d.kids[1:]
			return first
		case docConcat, docGroup:
			d = first
		default:
			return nil
		}
	}
}

// renderCmd is one pending piece of the document with its layout state.
type renderCmd struct {
	indent int
	flat   bool
	d      *doc
}

// renderer lays documents out; its stacks are reused between calls.
type renderer struct {
	stack   []renderCmd
	scratch []*doc
	// literals are the [start, end) offsets in the output of texts that
	// hold line breaks (string literals written over several lines).
	literals [][2]int
}

// render appends the layout of d in the given width to out. The first
// line starts at column start (text already on the line) and every line
// break indents by base plus the nesting.
func (r *renderer) render(out []byte, d *doc, width, start, base int) []byte {
	stack := append(r.stack[:0], renderCmd{base, false, d})
	pos := start
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch c.d.kind {
		case docText:
			if strings.IndexByte(c.d.text, '\n') >= 0 {
				r.literals = append(r.literals, [2]int{len(out), len(out) + len(c.d.text)})
			}
			out = append(out, c.d.text...)
			pos += c.d.width
		case docLine, docSoftline:
			if c.flat {
				if c.d.kind == docLine {
					out = append(out, ' ')
					pos++
				}
				continue
			}
			out, pos = newline(out, c.indent)
		case docHardline:
			out, pos = newline(out, c.indent)
		case docNest, docGroup, docConcat, docComments:
			indent, flat := c.indent, c.flat
			switch c.d.kind {
			case docNest:
				indent += int(c.d.n)
			case docGroup:
				if !flat {
					flat, r.scratch = fits(c.d.kids, stack, r.scratch, width-pos)
				}
			}
			for i := len(c.d.kids) - 1; i >= 0; i-- {
				stack = append(stack, renderCmd{indent, flat, c.d.kids[i]})
			}
		}
	}
	r.stack = stack
	return out
}

func newline(out []byte, indent int) ([]byte, int) {
	out = append(out, '\n')
	for i := 0; i < indent; i++ {
		out = append(out, ' ')
	}
	return out, indent
}

// fits reports whether the documents ds laid out flat, followed by the
// pending commands (taken as broken, so their first line break ends the
// check), fit in rem columns. A hard line break inside ds means they do
// not fit.
func fits(ds []*doc, rest []renderCmd, work []*doc, rem int) (bool, []*doc) {
	work = work[:0]
	for i := len(ds) - 1; i >= 0; i-- {
		work = append(work, ds[i])
	}
	flat := true
	next := len(rest)
	for {
		if len(work) == 0 {
			if next == 0 {
				return true, work
			}
			next--
			flat = false
			work = append(work, rest[next].d)
		}
		x := work[len(work)-1]
		work = work[:len(work)-1]
		switch x.kind {
		case docText:
			rem -= x.width
			if rem < 0 {
				return false, work
			}
		case docLine, docSoftline:
			if !flat {
				return true, work
			}
			if x.kind == docLine {
				rem--
				if rem < 0 {
					return false, work
				}
			}
		case docHardline:
			return !flat, work
		case docNest, docGroup, docConcat, docComments:
			for i := len(x.kids) - 1; i >= 0; i-- {
				work = append(work, x.kids[i])
			}
		}
	}
}
