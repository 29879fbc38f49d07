package types

import "testing"

func TestQuote(t *testing.T) {
	tests := map[string]string{
		"":            `""`,
		`a"b\c`:       `"a\"b\\c"`,
		"tab\tnl\n\r": `"tab\tnl\n\r"`,
		"nul\x00":     `"nul\0"`,
		"bell\x07":    `"bell\u{7}"`,
		"é€😀":         `"é€😀"`,
		"del\x7f":     `"del\u{7f}"`,
	}
	for in, want := range tests {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestEqualAcrossKinds(t *testing.T) {
	values := []Value{
		True, Long(1), String("1"), NewEntityUID("User", "1"),
		NewSet(Long(1)), NewRecord(map[string]Value{"1": Long(1)}),
		Decimal{Scaled: 10000}, Duration{Millis: 1}, Datetime{Millis: 1},
	}
	for i, a := range values {
		for j, b := range values {
			if got := a.Equal(b); got != (i == j) {
				t.Errorf("%v == %v is %v", a, b, got)
			}
		}
	}
}

func TestSet(t *testing.T) {
	s := NewSet(Long(1), Long(2), Long(1), String("a"))
	if s.Len() != 3 {
		t.Fatalf("NewSet kept duplicates: %v", s)
	}
	if !s.Contains(String("a")) || s.Contains(String("b")) {
		t.Errorf("Contains is wrong for %v", s)
	}
	if !s.Equal(NewSet(String("a"), Long(2), Long(1))) {
		t.Errorf("set equality must ignore order")
	}
	if s.Equal(NewSet(Long(1), Long(2))) || s.Equal(NewSet(Long(1), Long(2), String("b"))) {
		t.Errorf("sets with other elements compare equal")
	}
	if got := NewSet(NewSet(Long(1), Long(2)), NewSet(Long(2), Long(1))).Len(); got != 1 {
		t.Errorf("equal nested sets are one element, got %d", got)
	}
}

func TestRecord(t *testing.T) {
	r := NewRecord(map[string]Value{"b": Long(2), "a": NewSet(True)})
	if got, want := r.String(), `{"a": [true], "b": 2}`; got != want {
		t.Errorf("String = %s, want %s", got, want)
	}
	if v, ok := r.Get("b"); !ok || !v.Equal(Long(2)) {
		t.Errorf("Get(b) = %v, %v", v, ok)
	}
	if _, ok := r.Get("c"); ok {
		t.Errorf("Get(c) found an attribute that is not there")
	}
	if r.Equal(NewRecord(map[string]Value{"b": Long(2)})) || !r.Equal(NewRecord(map[string]Value{"a": NewSet(True), "b": Long(2)})) {
		t.Errorf("record equality is wrong")
	}
	if NewRecord(nil).Len() != 0 {
		t.Errorf("a nil map is the empty record")
	}
}

func TestEntityUIDString(t *testing.T) {
	if got, want := NewEntityUID("App::User", `al"ice`).String(), `App::User::"al\"ice"`; got != want {
		t.Errorf("String = %s, want %s", got, want)
	}
}

func TestQuoteDebug(t *testing.T) {
	tests := map[string]string{
		`it's`:          `"it\'s"`,
		"a\u200bb":      `"a\u{200b}b"`, // zero-width space is not printable
		"\u0301e":       `"\u{301}e"`,   // a leading combining mark is escaped
		"e\u0301":       `"e` + "\u0301" + `"`,
		"tab\tnl\n\x00": `"tab\tnl\n\0"`,
	}
	for in, want := range tests {
		if got := QuoteDebug(in); got != want {
			t.Errorf("QuoteDebug(%q) = %s, want %s", in, got, want)
		}
	}
}
