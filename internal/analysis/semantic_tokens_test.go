package analysis

import (
	"fmt"
	"strings"
	"testing"
)

// renderTokens prints tokens as "text:type[+mods]".
func renderTokens(src string, toks []SemanticToken) string {
	var parts []string
	for _, t := range toks {
		s := fmt.Sprintf("%s:%s", src[t.Span.Start:t.Span.End], TokenTypes[t.Type])
		for i, m := range TokenModifiers {
			if t.Modifiers&(1<<i) != 0 {
				s += "+" + m
			}
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func TestSemanticTokens(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"a.cedar",
			`@id("x") permit(principal == ?principal, action == Action::"view", resource in App::Folder::"f") when { resource.size < 10 && ip("1.2.3.4").isLoopback() && context has a.b };`,
			`@id:decorator principal:variable+readonly ?principal:parameter action:variable+readonly Action:type "view":enumMember resource:variable+readonly App:namespace Folder:type resource:variable+readonly size:property ip:function+defaultLibrary isLoopback:function+defaultLibrary context:variable+readonly a.b:property`},
		{"b.cedar",
			`permit(principal is NS::User in NS::Group::"g", action, resource) when { principal is NS::User && {k: 1}.k == 1 };`,
			`principal:variable+readonly NS:namespace User:type NS:namespace Group:type action:variable+readonly resource:variable+readonly principal:variable+readonly NS:namespace User:type k:property k:property`},
		{"s.cedarschema",
			`@doc("d") namespace A::B { type T = { x?: Long }; entity E in [F] { t: T, s: Set<E> } tags String; entity F enum ["a"]; action "read" in [g] appliesTo { principal: E, resource: F, context: { ip: ipaddr } }; }`,
			`@doc:decorator A:namespace B:namespace T:type+declaration x:property+declaration Long:type E:type+declaration F:type t:property+declaration T:type s:property+declaration E:type String:type F:type+declaration "a":enumMember+declaration "read":enumMember+declaration g:enumMember E:type F:type ip:property+declaration ipaddr:type`},
	}
	for _, c := range cases {
		w, root := testWorkspace(t, map[string]string{c.name: c.src})
		got := renderTokens(c.src, SemanticTokens(w.Snapshot(), uriIn(root, c.name)))
		if got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}
