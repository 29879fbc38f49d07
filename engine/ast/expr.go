package ast

import (
	"github.com/cedar-ls/cedar-ls/engine/source"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// Expr is a Cedar expression node.
type Expr interface {
	// Loc is the source span of the whole expression.
	Loc() source.Span
	isExpr()
}

// At carries a node's span; embedded in every expression node.
type At struct{ Span source.Span }

func (a At) Loc() source.Span { return a.Span }
func (At) isExpr()            {}

// Literal is a bool, long or string literal (Value is types.Bool,
// types.Long or types.String). A long written with a leading minus, such as
// -9223372036854775808, is one literal, as in official Cedar.
type Literal struct {
	At
	Value types.Value
}

// EntityLit is an entity literal such as `App::User::"alice"`.
type EntityLit struct {
	At
	UID      types.EntityUID
	TypeSpan source.Span // covers the type path
}

// VarExpr is principal, action, resource or context.
type VarExpr struct {
	At
	Var Var
}

// SlotExpr is ?principal or ?resource used in an expression (only the
// parser's error path produces one: slots are legal in scopes only).
type SlotExpr struct {
	At
	Slot Slot
}

// UnaryOp is ! or unary -.
type UnaryOp uint8

const (
	OpNot UnaryOp = iota
	OpNeg
)

// Unary is `!e` or `-e`.
type Unary struct {
	At
	Op  UnaryOp
	Arg Expr
}

// BinaryOp is an infix operator.
type BinaryOp uint8

const (
	OpEq BinaryOp = iota
	OpNotEq
	OpLess
	OpLessEq
	OpGreater
	OpGreaterEq
	OpIn
	OpAnd
	OpOr
	OpAdd
	OpSub
	OpMul
)

var binaryOpText = [...]string{"==", "!=", "<", "<=", ">", ">=", "in", "&&", "||", "+", "-", "*"}

func (o BinaryOp) String() string { return binaryOpText[o] }

// Binary is `l OP r`.
type Binary struct {
	At
	Op          BinaryOp
	Left, Right Expr
	OpSpan      source.Span
}

// Has is `e has a` or `e has a.b.c` (Cedar 4 attribute paths; the path form
// means `e has a && e.a has b && e.a.b has c`).
type Has struct {
	At
	Arg  Expr
	Path []string
	// PathSpan covers the attribute path after `has`.
	PathSpan source.Span
	// Missing marks a path whose last name could not be read (set by the
	// parser in a policy with errors). Trees from policy JSON have no
	// positions at all, so an empty span cannot say it.
	Missing bool
}

// NameMissing reports whether the path's last name could not be read (a
// policy with errors, after `has ` or `has a.`).
func (h *Has) NameMissing() bool { return h.Missing || len(h.Path) == 0 }

// PatternPart is one piece of a `like` pattern: a literal run or a `*`.
type PatternPart struct {
	Wildcard bool
	Literal  string
}

// Like is `e like "pat*tern"`.
type Like struct {
	At
	Arg     Expr
	Pattern []PatternPart
	PatSpan source.Span
}

// Is is `e is T` or `e is T in x`.
type Is struct {
	At
	Arg      Expr
	Type     types.EntityType
	TypeSpan source.Span
	In       Expr // nil without `in`
}

// If is `if c then a else b`.
type If struct {
	At
	Cond, Then, Else Expr
}

// GetAttr is `e.attr` or `e["attr"]`.
type GetAttr struct {
	At
	Arg      Expr
	Attr     string
	AttrSpan source.Span
	Bracket  bool // written as e["attr"]
	// Missing marks an access whose name could not be read (set by the
	// parser in a policy with errors; see Has.Missing).
	Missing bool
}

// NameMissing reports whether the attribute name could not be read (a
// policy with errors, after `principal.`); `e[""]` has a name.
func (g *GetAttr) NameMissing() bool { return g.Missing }

// MethodCall is `recv.name(args…)`: contains, containsAll, containsAny,
// isEmpty, hasTag, getTag and the extension methods.
type MethodCall struct {
	At
	Recv     Expr
	Name     string
	NameSpan source.Span
	Args     []Expr
}

// Call is an extension function call such as `decimal("1.0")`. Name is the
// function's full name as written (e.g. "ip" or "datetime").
type Call struct {
	At
	Name     string
	NameSpan source.Span
	Args     []Expr
}

// SetExpr is `[e, …]`.
type SetExpr struct {
	At
	Elems []Expr
}

// RecordEntry is one `key: value` of a record literal.
type RecordEntry struct {
	Key     string
	KeySpan source.Span
	Quoted  bool // key written as a string literal
	Value   Expr
}

// RecordExpr is `{k: v, …}`.
type RecordExpr struct {
	At
	Entries []RecordEntry
}

// BadExpr stands where an expression was expected in a policy with a
// syntax error (Policy.Errors) but could not be read: a name that is not a
// variable, an unterminated entity reference, nothing before the error. Its
// span covers the text that could not be read, up to the error (empty
// when there was none); an editor reads the text there (a prefix such as
// `Gr` or `User::`) to complete it.
type BadExpr struct {
	At
}

// Paren is a parenthesized expression. It is kept so the formatter can
// reproduce the author's grouping; it has no meaning of its own.
type Paren struct {
	At
	Inner Expr
}

// Unparen strips any parentheses around e.
func Unparen(e Expr) Expr {
	for {
		p, ok := e.(*Paren)
		if !ok {
			return e
		}
		e = p.Inner
	}
}
