package source

// Span is a half-open byte range [Start, End) in the source text.
type Span struct {
	Start, End int
}

// Cover is the smallest span containing both s and o.
func (s Span) Cover(o Span) Span {
	if o.Start < s.Start {
		s.Start = o.Start
	}
	if o.End > s.End {
		s.End = o.End
	}
	return s
}

// Contains reports whether the byte offset lies within the span.
func (s Span) Contains(off int) bool { return off >= s.Start && off < s.End }

// Comment is a `//` comment, kept so the formatter and the editor can use it.
// Text includes the leading `//` and excludes the line break.
type Comment struct {
	Span Span
	Text string
}
