package ast

import (
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/types"
)

// PolicyText renders a policy or template as Cedar text with the same
// meaning: annotations first, one per line, then the policy on one line.
// Parentheses are the fewest the grammar needs, plus those kept as Paren.
func PolicyText(p *Policy) string {
	var b strings.Builder
	for _, a := range p.Annotations {
		b.WriteString("@")
		b.WriteString(a.Key)
		if a.HasValue {
			b.WriteString("(")
			b.WriteString(types.Quote(a.Value))
			b.WriteString(")")
		}
		b.WriteString("\n")
	}
	b.WriteString(p.Effect.String())
	b.WriteString("(")
	writeScope(&b, &p.Principal)
	b.WriteString(", ")
	writeScope(&b, &p.Action)
	b.WriteString(", ")
	writeScope(&b, &p.Resource)
	b.WriteString(")")
	for _, c := range p.Conditions {
		if c.Unless {
			b.WriteString(" unless { ")
		} else {
			b.WriteString(" when { ")
		}
		writeExpr(&b, c.Body, precIf)
		b.WriteString(" }")
	}
	b.WriteString(";")
	return b.String()
}

func writeScope(b *strings.Builder, s *Scope) {
	b.WriteString(s.Var.String())
	switch s.Op {
	case ScopeEq:
		b.WriteString(" == ")
		writeEntityRef(b, s.Entity)
	case ScopeIn:
		b.WriteString(" in ")
		writeEntityRef(b, s.Entity)
	case ScopeIs, ScopeIsIn:
		b.WriteString(" is ")
		b.WriteString(string(s.Type))
		if s.Op == ScopeIsIn {
			b.WriteString(" in ")
			writeEntityRef(b, s.Entity)
		}
	case ScopeInSet:
		b.WriteString(" in [")
		for i, e := range s.Entities {
			if i > 0 {
				b.WriteString(", ")
			}
			writeEntityRef(b, e)
		}
		b.WriteString("]")
	}
}

func writeEntityRef(b *strings.Builder, e EntityRef) {
	if e.Slot != NoSlot {
		b.WriteString(e.Slot.String())
		return
	}
	b.WriteString(e.UID.String())
}

// ExprText renders an expression as Cedar text.
func ExprText(e Expr) string {
	var b strings.Builder
	writeExpr(&b, e, precIf)
	return b.String()
}

// Precedence levels of Cedar's grammar, loosest first. Relations (==, <,
// in, has, like, is, …) do not chain: both operands are at precAdd.
const (
	precIf = iota
	precOr
	precAnd
	precRel
	precAdd
	precMul
	precUnary
	precMember
	precPrimary
)

func precOf(e Expr) int {
	switch n := e.(type) {
	case *If:
		return precIf
	case *Binary:
		switch n.Op {
		case OpOr:
			return precOr
		case OpAnd:
			return precAnd
		case OpAdd, OpSub:
			return precAdd
		case OpMul:
			return precMul
		}
		return precRel
	case *Has, *Like, *Is:
		return precRel
	case *Unary:
		return precUnary
	case *Literal:
		// `-1` is a single token, but like a unary minus it cannot take
		// `.attr` without parentheses.
		if l, ok := n.Value.(types.Long); ok && l < 0 {
			return precUnary
		}
	case *GetAttr, *MethodCall:
		return precMember
	}
	return precPrimary
}

// writeExpr writes e, parenthesized when it binds looser than min.
func writeExpr(b *strings.Builder, e Expr, min int) {
	if precOf(e) < min {
		b.WriteString("(")
		writeExpr(b, e, precIf)
		b.WriteString(")")
		return
	}
	switch n := e.(type) {
	case nil:
		b.WriteString("<missing>")
	case *BadExpr:
		b.WriteString("<bad>")
	case *Paren:
		b.WriteString("(")
		writeExpr(b, n.Inner, precIf)
		b.WriteString(")")
	case *Literal:
		b.WriteString(n.Value.String())
	case *EntityLit:
		b.WriteString(n.UID.String())
	case *VarExpr:
		b.WriteString(n.Var.String())
	case *SlotExpr:
		b.WriteString(n.Slot.String())
	case *Unary:
		writeUnary(b, n, 1)
	case *Binary:
		// Chains associate to the left, so only the left operand may be
		// of the same level without parentheses.
		p := precOf(n)
		left, right := p, p+1
		if p == precRel {
			left, right = precAdd, precAdd
		}
		writeExpr(b, n.Left, left)
		b.WriteString(" ")
		b.WriteString(n.Op.String())
		b.WriteString(" ")
		writeExpr(b, n.Right, right)
	case *Has:
		writeHas(b, n)
	case *Like:
		writeExpr(b, n.Arg, precAdd)
		b.WriteString(" like ")
		b.WriteString(PatternText(n.Pattern))
	case *Is:
		writeExpr(b, n.Arg, precAdd)
		b.WriteString(" is ")
		b.WriteString(string(n.Type))
		if n.In != nil {
			b.WriteString(" in ")
			writeExpr(b, n.In, precAdd)
		}
	case *If:
		b.WriteString("if ")
		writeExpr(b, n.Cond, precIf)
		b.WriteString(" then ")
		writeExpr(b, n.Then, precIf)
		b.WriteString(" else ")
		writeExpr(b, n.Else, precIf)
	case *GetAttr:
		writeExpr(b, n.Arg, precMember)
		if n.NameMissing() {
			b.WriteString(".<missing>")
		} else if n.Bracket || !IsPlainIdent(n.Attr) {
			b.WriteString("[")
			b.WriteString(types.Quote(n.Attr))
			b.WriteString("]")
		} else {
			b.WriteString(".")
			b.WriteString(n.Attr)
		}
	case *MethodCall:
		writeExpr(b, n.Recv, precMember)
		b.WriteString(".")
		b.WriteString(n.Name)
		writeArgs(b, n.Args)
	case *Call:
		b.WriteString(n.Name)
		writeArgs(b, n.Args)
	case *SetExpr:
		b.WriteString("[")
		writeList(b, n.Elems)
		b.WriteString("]")
	case *RecordExpr:
		b.WriteString("{")
		for i, en := range n.Entries {
			if i > 0 {
				b.WriteString(", ")
			}
			if en.Quoted || !IsPlainIdent(en.Key) {
				b.WriteString(types.Quote(en.Key))
			} else {
				b.WriteString(en.Key)
			}
			b.WriteString(": ")
			writeExpr(b, en.Value, precIf)
		}
		b.WriteString("}")
	}
}

// maxUnaryRun is how many `!` or `-` Cedar accepts in a row.
const maxUnaryRun = 4

// writeUnary writes a run of the same unary operator without parentheses
// (`!!x`, `--x`) up to the grammar's limit; a different operator or a longer
// run gets parentheses, and so does `-` on a non-negative number literal,
// which would otherwise be read back as one negative literal.
func writeUnary(b *strings.Builder, u *Unary, run int) {
	if u.Op == OpNot {
		b.WriteString("!")
	} else {
		b.WriteString("-")
	}
	arg := u.Arg
	switch a := arg.(type) {
	case *Unary:
		if a.Op == u.Op && run < maxUnaryRun {
			writeUnary(b, a, run+1)
			return
		}
	case *Literal:
		if l, ok := a.Value.(types.Long); ok {
			if u.Op == OpNeg && l < 0 && run < maxUnaryRun {
				b.WriteString(a.Value.String())
				return
			}
			b.WriteString("(")
			b.WriteString(a.Value.String())
			b.WriteString(")")
			return
		}
	}
	if precOf(arg) < precMember {
		b.WriteString("(")
		writeExpr(b, arg, precIf)
		b.WriteString(")")
		return
	}
	writeExpr(b, arg, precMember)
}

func writeHas(b *strings.Builder, h *Has) {
	if h.NameMissing() { // a partial tree
		writeExpr(b, h.Arg, precAdd)
		b.WriteString(" has ")
		for _, a := range h.Path[:max(len(h.Path)-1, 0)] {
			b.WriteString(a + ".")
		}
		b.WriteString("<missing>")
		return
	}
	plain := true
	for _, a := range h.Path {
		plain = plain && IsPlainIdent(a)
	}
	if plain || len(h.Path) == 1 {
		writeExpr(b, h.Arg, precAdd)
		b.WriteString(" has ")
		if !plain {
			b.WriteString(types.Quote(h.Path[0]))
			return
		}
		b.WriteString(strings.Join(h.Path, "."))
		return
	}
	// A path with an attribute that is no identifier has no text form:
	// write what it means, `e has a && e.a has "b c" && …`.
	var conj Expr
	var prefix Expr = h.Arg
	for _, a := range h.Path {
		step := &Has{Arg: prefix, Path: []string{a}}
		if conj == nil {
			conj = step
		} else {
			conj = &Binary{Op: OpAnd, Left: conj, Right: step}
		}
		prefix = &GetAttr{Arg: prefix, Attr: a}
	}
	b.WriteString("(")
	writeExpr(b, conj, precIf)
	b.WriteString(")")
}

func writeArgs(b *strings.Builder, args []Expr) {
	b.WriteString("(")
	writeList(b, args)
	b.WriteString(")")
}

func writeList(b *strings.Builder, es []Expr) {
	for i, e := range es {
		if i > 0 {
			b.WriteString(", ")
		}
		writeExpr(b, e, precIf)
	}
}

// PatternText renders a `like` pattern as its string literal: `*` for a
// wildcard, `\*` for a literal star.
func PatternText(pat []PatternPart) string {
	var b strings.Builder
	b.WriteString(`"`)
	for _, part := range pat {
		if part.Wildcard {
			b.WriteString("*")
			continue
		}
		q := types.Quote(part.Literal)
		b.WriteString(strings.ReplaceAll(q[1:len(q)-1], "*", `\*`))
	}
	b.WriteString(`"`)
	return b.String()
}

// printReserved are the words Cedar does not accept as identifiers.
var printReserved = map[string]bool{
	"true": true, "false": true, "if": true, "then": true, "else": true,
	"in": true, "is": true, "like": true, "has": true, "__cedar": true,
}

// IsPlainIdent reports whether s can be written as a bare identifier after
// `.`, after `has` or as a record key.
func IsPlainIdent(s string) bool {
	if s == "" || printReserved[s] {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9')) {
			return false
		}
	}
	return true
}
