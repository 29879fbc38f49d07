package parse

import (
	"reflect"
	"testing"
)

// shortcutCases stress the shortcuts' edges: what they read, what they
// must leave to the tokens, and what follows them.
var shortcutCases = []string{
	`permit(principal == User::"alice", action == Action::"view", resource == Photo::"p.jpg");`,
	`permit(principal in A::B::Group::"g", action in Action::"a", resource in Folder::"f") when { true };`,
	`permit(principal is User in Group::"g", action, resource is Doc in Folder::"f");`,
	`permit(principal == User::"a" , action == Action::"x"// c
, resource == R::"r" );`,
	`permit(principal == User::"a\n", action == Ns::Action::"x", resource);`,
	`permit(principal == User :: "a", action == Action:: "x", resource == R ::"r");`,
	`permit(principal == User::"a".b, action, resource);`,
	`permit(principal in User::"a" && true, action, resource);`,
	`permit(principal in [User::"a"], action in [Action::"a", Action::"b"], resource);`,
	`permit(principal == if::"x", action == in::"y", resource == A::then::"z");`,
	`permit(principal == __cedar::"x", action == A::__cedar::"y", resource);`,
	`permit(principal == User::"a", action == Foo::"x", resource in Bar::"y");`,
	`permit(principal == ?principal, action in Action::"a", resource in ?resource);`,
	`permit(principal == User::"a`,
	`permit(principal == User::"a"`,
	`permit(principal == User::`,
	`permit(principal == User::"a" action, resource);`,
	`permit(principal == User::"a", action == Action::"a", resource == R::"r"`,
	`permit(principal == 1User::"a", action, resource);`,
	`permit(principal == User::"é", action == Action::"\u{e9}", resource);`,
	`permit(principal, action, resource) when { context.a && principal::"x" == resource // c
:: "y" && action.b || context };`,
	"permit(principal, action, resource) when { principal\u00a0::\"x\" == context\t};",
	`permit(principal, action, resource) when { principal/**/ };`,
	`permit(principal, action, resource) when { context`,
}

// TestShortcutsReadAsTokens: the shortcuts give the trees and errors
// that reading every token gives.
func TestShortcutsReadAsTokens(t *testing.T) {
	for _, src := range shortcutCases {
		checkShortcuts(t, []byte(src))
	}
	for _, tc := range officialVerdicts {
		if tc.src != "" {
			checkShortcuts(t, []byte(tc.src))
		}
	}
	for _, src := range partsSeeds(t) {
		checkShortcuts(t, src)
	}
}

// FuzzShortcuts: the same on any input.
func FuzzShortcuts(f *testing.F) {
	addSeeds(f)
	for _, src := range shortcutCases {
		f.Add([]byte(src))
	}
	f.Fuzz(func(t *testing.T, src []byte) { checkShortcuts(t, src) })
}

func checkShortcuts(t *testing.T, src []byte) {
	t.Helper()
	file, errs := Policies(src)
	slow := newParser(src)
	slow.noShortcuts = true
	wantFile, wantErrs := slow.policies()
	if !reflect.DeepEqual(file, wantFile) || !reflect.DeepEqual(errs, wantErrs) {
		t.Errorf("%q: with shortcuts\n%#v\n%v\nreading every token\n%#v\n%v", src, file, errs, wantFile, wantErrs)
	}
}
