package analysis

import "github.com/cedar-ls/cedar-ls/internal/token"

// Signature is the signature of the function or method whose arguments
// the cursor is in, with the parameter it is at.
type Signature struct {
	Label  string
	Doc    string
	Params []string // each parameter as written in Label
	Active int
}

// SignatureHelpAt finds the extension function or method call around the
// cursor in a policy (which need not parse) and its active parameter.
func SignatureHelpAt(s *Snapshot, uri string, off int) *Signature {
	f := s.File(uri)
	if f == nil || f.Kind != KindPolicy {
		return nil
	}
	return signatureInPolicy(f.Text, f, off)
}

func signatureInPolicy(src []byte, f *File, off int) *Signature {
	c := newPolicyCursor(src, nil, off)
	if c.kind != placeCondition {
		return nil
	}
	// The innermost `(` before the cursor that is not closed before it.
	depth, commas := 0, 0
	for i := c.before - 1; i >= c.condStart; i-- {
		switch c.kindAt(i) {
		case token.RParen, token.RBracket, token.RBrace:
			depth++
		case token.LBracket, token.LBrace:
			if depth == 0 {
				return nil
			}
			depth--
		case token.Comma:
			if depth == 0 {
				commas++
			}
		case token.LParen:
			if depth > 0 {
				depth--
				continue
			}
			if c.kindAt(i-1) != token.Ident {
				return nil
			}
			name := c.text(i - 1)
			var b *builtin
			if c.kindAt(i-2) == token.Dot {
				b = lookupMethod(name)
			} else {
				b = lookupFunction(name)
			}
			if b == nil {
				return nil
			}
			sig := &Signature{Label: b.Signature(), Doc: b.Doc, Active: commas}
			for _, p := range b.Params {
				sig.Params = append(sig.Params, p.Name+": "+p.Type)
			}
			return sig
		}
	}
	return nil
}
