package analysis

import (
	"bytes"
	"slices"
	"sort"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/internal/token"
)

// The policy cursor finds where a cursor stands in a policy source from its
// tokens, not its syntax tree, so completion and hover work in the policy
// being typed, which does not parse. Only the region around the cursor is
// tokenized: the policy containing it, or the gap between the parsed
// policies before and after it (where an unparsed policy lives).

// placeKind is where in a policy a cursor stands.
type placeKind uint8

const (
	placeNone       placeKind = iota // in a comment, between clauses, …
	placeTopLevel                    // between policies: snippets, annotations
	placeAnnotation                  // after `@`
	placeScope                       // inside `permit( … )`
	placeCondition                   // inside `when { … }` / `unless { … }`
)

// policyCursor is a cursor located in a policy source.
type policyCursor struct {
	src  []byte
	off  int
	toks []token.Token // tokens of the region, comments excluded
	kind placeKind
	// before is the number of tokens wholly before the cursor (word
	// excluded): toks[:before].
	before int
	// word is the index of the identifier the cursor is in or at the end
	// of (the text being completed or hovered), -1 if none.
	word int
	// str is the index of the string literal the cursor is inside, -1 if
	// none.
	str int
	// effect, open and close index the policy's effect keyword and the
	// parentheses of its scope (close -1 when missing).
	effect, open, close int
	// slot is the scope constraint the cursor is in (0 principal,
	// 1 action, 2 resource); slotStart indexes its first token.
	slot, slotStart int
	// slotStarts and slotEnds delimit the three scope constraints by token
	// index (end exclusive; -1 when the constraint is missing).
	slotStarts, slotEnds [3]int
	// condStart indexes the first token of the condition body the cursor
	// is in.
	condStart int
}

// locatePolicy returns the region [start, end) of src to analyse for a
// cursor at off, given the policies that parsed (in source order).
func locatePolicy(src []byte, f *ast.File, off int) (start, end int) {
	start, end = 0, len(src)
	if f == nil {
		return
	}
	// The policies that parsed delimit the region; one with parse errors
	// (a partial tree) is read from its tokens like unparsed text.
	ps := f.Policies
	if slices.ContainsFunc(ps, (*ast.Policy).HasErrors) {
		ps = slices.DeleteFunc(slices.Clone(ps), (*ast.Policy).HasErrors)
	}
	// First policy that ends after off.
	i := sort.Search(len(ps), func(i int) bool { return ps[i].Span.End > off })
	if i < len(ps) && ps[i].Span.Start <= off {
		return ps[i].Span.Start, ps[i].Span.End
	}
	if i > 0 {
		start = ps[i-1].Span.End
	}
	if i < len(ps) {
		end = ps[i].Span.Start
	}
	return
}

// maxLookahead bounds how much text after the cursor is tokenized when the
// region is found without a syntax tree.
const maxLookahead = 16 << 10

// locateByText finds the region for a cursor without a syntax tree (so
// that a keystroke in a large file does not wait for its parse): from the
// last `permit`/`forbid` before the cursor that opens a scope, outside a
// line comment, to a bounded distance after the cursor.
func locateByText(src []byte, off int) (start, end int) {
	end = min(len(src), off+maxLookahead)
	for j := off - 6; j >= 0; j-- {
		if w := src[j : j+6]; (w[0] != 'p' || string(w) != "permit") && (w[0] != 'f' || string(w) != "forbid") {
			continue
		}
		if j > 0 && (isIdentByte(src[j-1]) || src[j-1] == '.' || src[j-1] == ':') {
			continue
		}
		k := j + 6
		for k < len(src) && isSpace(src[k]) {
			k++
		}
		if k >= len(src) || src[k] != '(' {
			continue
		}
		line := bytes.LastIndexByte(src[:j], '\n') + 1
		if bytes.Contains(src[line:j], []byte("//")) {
			continue
		}
		return j, end
	}
	return 0, end
}

// newPolicyCursor locates off in src. f holds the policies that parsed;
// with f nil the region is found from the text around the cursor.
func newPolicyCursor(src []byte, f *ast.File, off int) *policyCursor {
	if off < 0 {
		off = 0
	}
	if off > len(src) {
		off = len(src)
	}
	start, end := locateByText(src, off)
	if f != nil {
		start, end = locatePolicy(src, f, off)
	}
	c := &policyCursor{src: src, off: off, word: -1, str: -1, effect: -1, open: -1, close: -1}
	sc := token.NewScanner(src[:end])
	sc.Seek(start)
	inComment := false
	c.toks = make([]token.Token, 0, 64)
	depth, after := 0, 0
	for {
		t := sc.Next()
		if t.Kind == token.EOF {
			break
		}
		c.toks = append(c.toks, t)
		switch t.Kind {
		case token.LParen, token.LBracket, token.LBrace:
			depth++
		case token.RParen, token.RBracket, token.RBrace:
			depth--
		}
		// Past the cursor, the policy's `;` ends what matters.
		if t.Span.Start >= off {
			after++
			if (t.Kind == token.Semicolon && depth <= 0) || after > 4096 {
				break
			}
		}
	}
	for _, cm := range sc.Comments {
		if cm.Span.Start < off && off <= cm.Span.End {
			inComment = true
		}
	}
	if inComment {
		return c
	}
	c.split()
	c.structure()
	return c
}

// split finds the tokens before the cursor, the word and the string.
func (c *policyCursor) split() {
	n := 0
	for n < len(c.toks) && c.toks[n].Span.End <= c.off {
		n++
	}
	c.before = n
	if n < len(c.toks) && c.toks[n].Span.Start < c.off {
		// A token spans the cursor.
		switch t := c.toks[n]; t.Kind {
		case token.Ident:
			c.word = n
		case token.String:
			c.str = n
		case token.Invalid:
			if c.src[t.Span.Start] == '"' {
				c.str = n
			}
		}
		return
	}
	if n > 0 {
		t := c.toks[n-1]
		switch {
		case t.Kind == token.Ident && t.Span.End == c.off:
			c.word = n - 1
			c.before = n - 1
		case t.Kind == token.Invalid && c.src[t.Span.Start] == '"' && t.Span.End == c.off:
			// An unterminated string running up to the cursor.
			c.str = n - 1
			c.before = n - 1
		case t.Kind == token.String && t.Span.End == c.off && t.Span.End-t.Span.Start == 1:
			c.str = n - 1
			c.before = n - 1
		}
	}
	if c.str >= 0 && c.before > c.str {
		c.before = c.str
	}
}

func (c *policyCursor) is(i int, word string) bool {
	return i >= 0 && i < len(c.toks) && c.toks[i].Is(c.src, word)
}

func (c *policyCursor) kindAt(i int) token.Kind {
	if i < 0 || i >= len(c.toks) {
		return token.EOF
	}
	return c.toks[i].Kind
}

func (c *policyCursor) text(i int) string { return c.toks[i].Text(c.src) }

// structure finds the policy around the cursor and the cursor's place in it.
func (c *policyCursor) structure() {
	// The effect: the last `permit`/`forbid` before the cursor that opens a
	// scope.
	for i := c.before - 1; i >= 0; i-- {
		if (c.is(i, "permit") || c.is(i, "forbid")) && c.kindAt(i+1) == token.LParen {
			k := c.kindAt(i - 1)
			if k != token.Dot && k != token.DoubleColon && !c.is(i-1, "has") && !c.is(i-1, "is") {
				c.effect = i
				break
			}
		}
	}
	if c.effect < 0 {
		c.topLevel(0)
		return
	}
	c.open = c.effect + 1
	c.slotStarts = [3]int{c.open + 1, -1, -1}
	c.slotEnds = [3]int{-1, -1, -1}
	depth, slot := 0, 0
	j := c.open + 1
	for ; j < len(c.toks); j++ {
		t := c.toks[j]
		switch t.Kind {
		case token.LParen, token.LBracket, token.LBrace:
			depth++
		case token.RParen, token.RBracket, token.RBrace:
			if depth == 0 && t.Kind == token.RParen {
				c.close = j
			}
			depth--
		case token.Comma:
			if depth == 0 && slot < 2 {
				c.slotEnds[slot] = j
				slot++
				c.slotStarts[slot] = j + 1
			}
		case token.Semicolon:
			if depth <= 0 {
				depth = -1 // no closing parenthesis: the scope ends here
			}
		}
		if c.close >= 0 || depth < 0 {
			break
		}
		if t.Kind == token.Ident && depth == 0 && (c.is(j, "when") || c.is(j, "unless")) && c.kindAt(j+1) == token.LBrace {
			break
		}
	}
	c.slotEnds[slot] = j
	scopeEnd := len(c.src)
	if j < len(c.toks) {
		scopeEnd = c.toks[j].Span.Start
	}
	if c.off > c.toks[c.open].Span.Start && c.off <= scopeEnd {
		c.kind = placeScope
		for s := 0; s < 3; s++ {
			if c.slotStarts[s] >= 0 && (c.slotStarts[s] <= c.before || s == 0) {
				c.slot, c.slotStart = s, c.slotStarts[s]
			}
		}
		return
	}
	if c.close < 0 {
		return
	}
	// Conditions.
	k := c.close + 1
	for k < len(c.toks) {
		if (c.is(k, "when") || c.is(k, "unless")) && c.kindAt(k+1) == token.LBrace {
			lb := k + 1
			rb := matchForward(c.toks, lb)
			bodyEnd := len(c.src)
			if rb >= 0 {
				bodyEnd = c.toks[rb].Span.Start
			}
			if c.off > c.toks[lb].Span.Start && c.off <= bodyEnd {
				c.kind = placeCondition
				c.condStart = lb + 1
				return
			}
			if rb < 0 {
				return
			}
			k = rb + 1
			continue
		}
		if c.kindAt(k) == token.Semicolon {
			if c.off >= c.toks[k].Span.End {
				c.topLevel(k + 1)
			}
			return
		}
		return
	}
}

// topLevel sets the place for a cursor between policies, with tokens from
// index from on.
func (c *policyCursor) topLevel(from int) {
	c.kind = placeTopLevel
	if c.before > from && c.kindAt(c.before-1) == token.At {
		c.kind = placeAnnotation
		return
	}
	// Inside an annotation's parentheses or after other tokens of a policy
	// head nothing is offered.
	if c.before > from || c.str >= 0 {
		k := c.kindAt(c.before - 1)
		if k != token.Semicolon && k != token.RParen {
			c.kind = placeNone
		}
	}
}

// matchForward returns the index of the bracket closing the one at i, -1
// when it is not closed.
func matchForward(toks []token.Token, i int) int {
	depth := 0
	for j := i; j < len(toks); j++ {
		switch toks[j].Kind {
		case token.LParen, token.LBracket, token.LBrace:
			depth++
		case token.RParen, token.RBracket, token.RBrace:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// matchBackward returns the index of the bracket opening the one at i, -1
// when there is none.
func matchBackward(toks []token.Token, i int) int {
	depth := 0
	for j := i; j >= 0; j-- {
		switch toks[j].Kind {
		case token.RParen, token.RBracket, token.RBrace:
			depth++
		case token.LParen, token.LBracket, token.LBrace:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// endsOperand reports whether token i can end an expression operand.
func (c *policyCursor) endsOperand(i int) bool {
	switch c.kindAt(i) {
	case token.Ident:
		switch c.text(i) {
		case "if", "then", "else", "has", "is", "in", "like", "when", "unless":
			return false
		}
		return true
	case token.RParen, token.RBracket, token.RBrace, token.String, token.Int, token.Slot:
		return true
	}
	return false
}

// chainStart walks back from token i (the last token of an operand) over a
// postfix chain — a primary followed by `.attr`, `.method(…)` and
// `["attr"]` — and returns the index of its first token, -1 if there is no
// operand there. stop bounds the walk.
func (c *policyCursor) chainStart(i, stop int) int {
	for i >= stop {
		switch c.kindAt(i) {
		case token.RParen:
			o := matchBackward(c.toks, i)
			if o < stop {
				return -1
			}
			if c.kindAt(o-1) == token.Ident {
				if c.kindAt(o-2) == token.Dot {
					i = o - 3 // method call: continue with the receiver
					continue
				}
				// Function call: the name may be a path.
				j := o - 1
				for c.kindAt(j-1) == token.DoubleColon && c.kindAt(j-2) == token.Ident {
					j -= 2
				}
				return j
			}
			return o
		case token.RBracket:
			o := matchBackward(c.toks, i)
			if o < stop {
				return -1
			}
			if o-1 >= stop && c.endsOperand(o-1) {
				i = o - 1 // index access
				continue
			}
			return o
		case token.RBrace:
			o := matchBackward(c.toks, i)
			if o < stop {
				return -1
			}
			return o
		case token.String:
			if c.kindAt(i-1) == token.DoubleColon {
				j := i - 1
				for c.kindAt(j) == token.DoubleColon && c.kindAt(j-1) == token.Ident {
					j -= 2
				}
				return j + 1
			}
			return i
		case token.Ident:
			if c.kindAt(i-1) == token.Dot && i-2 >= stop && c.endsOperand(i-2) {
				i -= 2
				continue
			}
			if !c.endsOperand(i) {
				return -1
			}
			return i
		case token.Int:
			if c.kindAt(i-1) == token.Minus {
				return i - 1
			}
			return i
		default:
			return -1
		}
	}
	return -1
}

// exprBetween parses the text of tokens [from, to] as an expression.
func (c *policyCursor) exprBetween(from, to int) ast.Expr {
	if from < 0 || to < from || to >= len(c.toks) {
		return nil
	}
	start, end := c.toks[from].Span.Start, c.toks[to].Span.End
	e, errs := parse.Expr(c.src[start:end])
	if len(errs) > 0 || e == nil {
		return nil
	}
	return e
}

// slotText returns the source text of scope constraint s ("" if missing).
func (c *policyCursor) slotText(s int) string {
	a, b := c.slotStarts[s], c.slotEnds[s]
	if a < 0 || b <= a || a >= len(c.toks) {
		return ""
	}
	return string(c.src[c.toks[a].Span.Start:c.toks[b-1].Span.End])
}

// scopePolicy builds the scope of the policy around the cursor from the
// constraints that parse on their own; the others (and skip) are left
// unconstrained.
func (c *policyCursor) scopePolicy(skip int) *ast.Policy {
	vars := [3]string{"principal", "action", "resource"}
	parts := vars
	p := &ast.Policy{}
	for s := 0; s < 3; s++ {
		if s == skip {
			continue
		}
		t := c.slotText(s)
		if t == "" {
			continue
		}
		try := vars
		try[s] = t
		f, errs := parse.Policies([]byte("permit(" + try[0] + "," + try[1] + "," + try[2] + ");"))
		if len(errs) == 0 && len(f.Policies) == 1 {
			parts[s] = t
			switch s {
			case 0:
				p.Principal = f.Policies[0].Principal
			case 1:
				p.Action = f.Policies[0].Action
			case 2:
				p.Resource = f.Policies[0].Resource
			}
		}
	}
	p.Principal.Var, p.Action.Var, p.Resource.Var = ast.VarPrincipal, ast.VarAction, ast.VarResource
	return p
}
