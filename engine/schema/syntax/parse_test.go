package syntax

import (
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/source"
)

// errorLines renders errors as "line:col: msg".
func errorLines(src string, errs []source.Diagnostic) []string {
	l := source.NewLines([]byte(src))
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = l.Pos(e.Span.Start).String() + ": " + e.Message
	}
	return out
}

// TestParseCedarAccepts lists schemas official Cedar (cedar-wasm 4.13
// checkParseSchema or schemaToJson) accepts, with the JSON official
// schemaToJson gives for each.
func TestParseCedarAccepts(t *testing.T) {
	for _, tc := range []struct{ src, json string }{
		{`entity A in [];`, `{"":{"entityTypes":{"A":{}},"actions":{}}}`},
		{`entity A = {};`, `{"":{"entityTypes":{"A":{}},"actions":{}}}`},
		{`entity A { x: Long };`, `{"":{"entityTypes":{"A":{"shape":{"type":"Record","attributes":{"x":{"type":"EntityOrCommon","name":"Long"}}}}},"actions":{}}}`},
		{`entity A, B in P = { "q r"?: Set<Long>, } tags String;`, `{"":{"entityTypes":{"A":{"memberOfTypes":["P"],"shape":{"type":"Record","attributes":{"q r":{"type":"Set","element":{"type":"EntityOrCommon","name":"Long"},"required":false}}},"tags":{"type":"EntityOrCommon","name":"String"}},"B":{"memberOfTypes":["P"],"shape":{"type":"Record","attributes":{"q r":{"type":"Set","element":{"type":"EntityOrCommon","name":"Long"},"required":false}}},"tags":{"type":"EntityOrCommon","name":"String"}}},"actions":{}}}`},
		{`entity A enum ["a", "a"];`, `{"":{"entityTypes":{"A":{"enum":["a","a"]}},"actions":{}}}`},
		{`@doc entity A;`, `{"":{"entityTypes":{"A":{"annotations":{"doc":""}}},"actions":{}}}`},
		{`@doc("a") type T = Set<Long>;`, `{"":{"commonTypes":{"T":{"type":"Set","element":{"type":"EntityOrCommon","name":"Long"},"annotations":{"doc":"a"}}},"entityTypes":{},"actions":{}}}`},
		{`entity A = { "a": Long, a: String };`, `{"":{"entityTypes":{"A":{"shape":{"type":"Record","attributes":{"a":{"type":"EntityOrCommon","name":"String"}}}}},"actions":{}}}`},
		{`action a in "b"; action b;`, `{"":{"entityTypes":{},"actions":{"a":{"appliesTo":{"resourceTypes":[],"principalTypes":[]},"memberOf":[{"id":"b"}]},"b":{"appliesTo":{"resourceTypes":[],"principalTypes":[]}}}}}`},
		{`namespace N::M { action "x" in [N::M::Action::"y", Action::"y", "y"]; action y; }`, `{"N::M":{"entityTypes":{},"actions":{"x":{"appliesTo":{"resourceTypes":[],"principalTypes":[]},"memberOf":[{"id":"y","type":"N::M::Action"},{"id":"y","type":"Action"},{"id":"y"}]},"y":{"appliesTo":{"resourceTypes":[],"principalTypes":[]}}}}}`},
		{`entity A; action a appliesTo { principal: A, resource: A, context: { } };`, `{"":{"entityTypes":{"A":{}},"actions":{"a":{"appliesTo":{"resourceTypes":["A"],"principalTypes":["A"]}}}}}`},
		{`entity A; action a appliesTo { principal: A, resource: A, context: C, }; type C = {};`, `{"":{"commonTypes":{"C":{"type":"Record","attributes":{}}},"entityTypes":{"A":{}},"actions":{"a":{"appliesTo":{"resourceTypes":["A"],"principalTypes":["A"],"context":{"type":"C"}}}}}}`},
		{`entity A; @doc("act") action a appliesTo { principal: A, resource: A, context: { @doc("c") x: Long } };`, `{"":{"entityTypes":{"A":{}},"actions":{"a":{"appliesTo":{"resourceTypes":["A"],"principalTypes":["A"],"context":{"type":"Record","attributes":{"x":{"type":"EntityOrCommon","name":"Long","annotations":{"doc":"c"}}}}},"annotations":{"doc":"act"}}}}}`},
		{`entity namespace; entity type = { entity: Long, "in": Long }; @in("x") entity permit;`, `{"":{"entityTypes":{"namespace":{},"type":{"shape":{"type":"Record","attributes":{"entity":{"type":"EntityOrCommon","name":"Long"},"in":{"type":"EntityOrCommon","name":"Long"}}}},"permit":{"annotations":{"in":"x"}}},"actions":{}}}`},
		{`@doc("\u{1F600}\n") entity A;`, `{"":{"entityTypes":{"A":{"annotations":{"doc":"😀\n"}}},"actions":{}}}`},
		{`entity A; namespace N { entity B; } entity C;`, `{"":{"entityTypes":{"A":{},"C":{}},"actions":{}},"N":{"entityTypes":{"B":{}},"actions":{}}}`},
	} {
		f, errs := ParseCedar([]byte(tc.src))
		if len(errs) > 0 {
			t.Errorf("%s: %v", tc.src, errorLines(tc.src, errs))
			continue
		}
		got, err := f.ToJSON()
		if err != nil {
			t.Errorf("%s: ToJSON: %v", tc.src, err)
			continue
		}
		if !sameJSON(t, got, []byte(tc.json)) {
			t.Errorf("%s:\n got %s\nwant %s", tc.src, compact(got), tc.json)
		}
	}
}

// TestParseCedarErrors lists schemas official Cedar rejects at parse time,
// with our messages and positions (official's position where it gives one).
func TestParseCedarErrors(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want []string
	}{
		{`entity A; action a appliesTo { principal: A, resource: A, context: Set<Long> };`, []string{"1:71: expected `,` or `}` in appliesTo, found `<`"}},
		{`entity A; action a appliesTo { principal: [], resource: A };`, []string{"1:32: `principal` is `[]` in the appliesTo of action `a`: list at least one entity type, or leave out appliesTo to apply to nothing"}},
		{`entity A; action a appliesTo { resource: A, context: {} };`, []string{"1:18: missing `principal` in the appliesTo of action `a`"}},
		{`entity A; action a appliesTo { principal: A, principal: A, resource: A };`, []string{"1:46: duplicate `principal` in the appliesTo of action `a`"}},
		{`entity A; action a appliesTo { principal: A, resource: A, context: {}, context: {} };`, []string{"1:72: duplicate `context` in the appliesTo of action `a`"}},
		{`entity A; action a appliesTo { };`, []string{"1:20: appliesTo of action `a` is empty: it needs `principal` and `resource`"}},
		{`type Long = String;`, []string{"1:6: `Long` is a reserved type name and cannot name a common type"}},
		{`type Boolean = String;`, []string{"1:6: `Boolean` is a reserved type name and cannot name a common type"}},
		{`entity in;`, []string{"1:8: `in` is a reserved word and cannot be used as a name"}},
		{`entity A = { has: Long };`, []string{"1:14: `has` is a reserved word and cannot be used as a name"}},
		{`entity A in [if::B];`, []string{"1:14: `if` is a reserved word and cannot be used as a name"}},
		{`namespace __cedar { entity A; }`, []string{"1:11: `__cedar` is reserved and cannot be part of a namespace name"}},
		{`namespace N::__cedar { entity A; }`, []string{"1:11: `__cedar` is reserved and cannot be part of a namespace name"}},
		{`entity __cedar;`, []string{"1:8: `__cedar` is reserved and cannot name a type"}},
		{`@doc("x") @doc("y") entity A;`, []string{"1:12: duplicate annotation `@doc`"}},
		{`entity A = { @a @a x: Long };`, []string{"1:18: duplicate annotation `@a`"}},
		{`@doc("\q") entity A;`, []string{"1:7: invalid escape sequence `\\q` in string literal"}},
		{`entity A enum [];`, []string{"1:16: expected an entity id (a string literal), found `]`"}},
		{`entity A enum ["a"] = { x: Long };`, []string{"1:21: expected `;` ending the entity declaration, found `=`"}},
		{`entity A tags Long = {};`, []string{"1:20: expected `;` ending the entity declaration, found `=`"}},
		{`entity A, ;`, []string{"1:11: expected an entity type name, found `;`"}},
		{`action "a" in ["b",]; action b;`, []string{"1:20: expected an action name, found `]`"}},
		{`action a in [N::b];`, []string{"1:14: expected `::` and a string literal after the action type"}},
		{`entity A = { x: Set<Long,> };`, []string{"1:25: expected `>` closing `Set<`, found `,`"}},
		{`namespace N { };`, []string{"1:16: a namespace is not followed by `;`; remove it"}},
		{`namespace M { namespace N { entity A; } }`, []string{"1:15: namespaces cannot be nested"}},
		{`entity A; action a appliesTo { principal: [A], resource: [A], context: {} }`, []string{"1:76: expected `;` ending the action declaration, found end of input"}},
		{`entity A = { x: "`, []string{"1:17: unterminated string literal"}},
		{`;`, []string{"1:1: expected `entity`, `action`, `type` or `namespace`, found `;`"}},
		{`}`, []string{"1:1: unexpected `}` outside a namespace"}},
		// Recovery: every broken declaration is reported, and the ones after
		// it are read.
		{"entity A = { x: Long \nentity B;\naction \"a\" in [;\nentity C = { y: };\nentity D;", []string{
			"2:1: expected `,` or `}` in the record type, found `entity`",
			"3:16: expected an action name, found `;`",
			"4:17: expected a type, found `}`",
		}},
		{"namespace N {\n  entity A = { foo: Bar baz };\n  entity B;\n}\nentity C in ;", []string{
			"2:25: expected `,` or `}` in the record type, found `baz`",
			"5:13: expected a name, found `;`",
		}},
	} {
		f, errs := ParseCedar([]byte(tc.src))
		got := errorLines(tc.src, errs)
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%q:\n got %q\nwant %q", tc.src, got, tc.want)
		}
		if f == nil {
			t.Errorf("%q: nil tree", tc.src)
		}
	}
}

func TestParseCedarRecoveryKeepsDeclarations(t *testing.T) {
	src := "entity A = { x: Long \nentity B;\naction \"a\" in [;\nentity C = { y: };\nentity D;"
	f, _ := ParseCedar([]byte(src))
	var names []string
	for _, ns := range f.Namespaces {
		for _, d := range ns.Decls {
			if e, ok := d.(*EntityDecl); ok {
				names = append(names, e.Names[0].Value)
			}
		}
	}
	if strings.Join(names, ",") != "B,D" {
		t.Errorf("declarations read around the errors: %v, want B,D", names)
	}
}

func TestParseCedarSpansAndComments(t *testing.T) {
	src := "// head\n@doc(\"d\")\nnamespace NS { // after brace\n  entity User in [Group] = { age?: Long }; // tail\n  entity Group;\n}\n// end\n"
	f, errs := ParseCedar([]byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var comments []string
	for _, c := range f.Comments {
		comments = append(comments, c.Text)
	}
	if got := strings.Join(comments, "|"); got != "// head|// after brace|// tail|// end" {
		t.Errorf("comments %q", got)
	}
	ns := f.Namespaces[0]
	span := func(start, end int) string { return src[start:end] }
	if got := span(ns.Span.Start, ns.Span.End); !strings.HasPrefix(got, "@doc(\"d\")\nnamespace NS {") || !strings.HasSuffix(got, "}") {
		t.Errorf("namespace span %q", got)
	}
	if got := span(ns.Name.Span.Start, ns.Name.Span.End); got != "NS" {
		t.Errorf("namespace name span %q", got)
	}
	user := ns.Decls[0].(*EntityDecl)
	for _, c := range []struct{ got, want string }{
		{span(user.Span.Start, user.Span.End), "entity User in [Group] = { age?: Long };"},
		{span(user.Names[0].Span.Start, user.Names[0].Span.End), "User"},
		{span(user.MemberOf[0].Span.Start, user.MemberOf[0].Span.End), "Group"},
		{span(user.Shape.TypeSpan().Start, user.Shape.TypeSpan().End), "{ age?: Long }"},
		{span(user.Shape.(*RecordType).Attrs[0].Span.Start, user.Shape.(*RecordType).Attrs[0].Span.End), "age?: Long"},
		{span(user.Shape.(*RecordType).Attrs[0].Type.TypeSpan().Start, user.Shape.(*RecordType).Attrs[0].Type.TypeSpan().End), "Long"},
	} {
		if c.got != c.want {
			t.Errorf("span %q, want %q", c.got, c.want)
		}
	}
}
