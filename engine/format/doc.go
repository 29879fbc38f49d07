package format

import (
	"strings"
)

// doc is a document of the Wadler/Oppen pretty-printing algebra. The
// renderer below makes the same line-breaking decisions as the `pretty`
// crate official Cedar's formatter is built on: a group is laid out flat
// when its flat form, followed by the rest of the document up to the rest's
// first possible line break, fits in the remaining width.
type doc struct {
	kind  docKind
	text  string
	width int // runes in text
	n     int // indentation added by a nest
	kids  []*doc
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
)

var (
	nilDoc   = &doc{kind: docConcat}
	line     = &doc{kind: docLine}
	softline = &doc{kind: docSoftline}
	hardline = &doc{kind: docHardline}
	space    = text(" ")
)

func text(s string) *doc {
	return &doc{kind: docText, text: s, width: displayWidth(s)}
}

func cat(ds ...*doc) *doc { return &doc{kind: docConcat, kids: ds} }

func nest(n int, ds ...*doc) *doc {
	return &doc{kind: docNest, n: n, kids: []*doc{cat(ds...)}}
}

func group(ds ...*doc) *doc { return &doc{kind: docGroup, kids: []*doc{cat(ds...)}} }

// renderCmd is one pending piece of the document with its layout state.
type renderCmd struct {
	indent int
	flat   bool
	d      *doc
}

// render lays the document out in the given width.
func render(d *doc, width int) string {
	var b strings.Builder
	stack := []renderCmd{{0, false, d}}
	var scratch []*doc
	pos := 0
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch c.d.kind {
		case docText:
			b.WriteString(c.d.text)
			pos += c.d.width
		case docLine, docSoftline:
			if c.flat {
				if c.d.kind == docLine {
					b.WriteByte(' ')
					pos++
				}
				continue
			}
			pos = newline(&b, c.indent)
		case docHardline:
			pos = newline(&b, c.indent)
		case docNest:
			stack = append(stack, renderCmd{c.indent + c.d.n, c.flat, c.d.kids[0]})
		case docGroup:
			flat := c.flat
			if !flat {
				flat, scratch = fits(c.d.kids[0], stack, scratch, width-pos)
			}
			stack = append(stack, renderCmd{c.indent, flat, c.d.kids[0]})
		case docConcat:
			for i := len(c.d.kids) - 1; i >= 0; i-- {
				stack = append(stack, renderCmd{c.indent, c.flat, c.d.kids[i]})
			}
		}
	}
	return b.String()
}

func newline(b *strings.Builder, indent int) int {
	b.WriteByte('\n')
	for i := 0; i < indent; i++ {
		b.WriteByte(' ')
	}
	return indent
}

// fits reports whether d laid out flat, followed by the pending commands
// (taken as broken, so their first line break ends the check), fits in rem
// columns. A hard line break inside d means it does not fit.
func fits(d *doc, rest []renderCmd, work []*doc, rem int) (bool, []*doc) {
	work = append(work[:0], d)
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
		case docNest, docGroup:
			work = append(work, x.kids[0])
		case docConcat:
			for i := len(x.kids) - 1; i >= 0; i-- {
				work = append(work, x.kids[i])
			}
		}
	}
}
