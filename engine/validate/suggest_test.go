package validate

import (
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/schema"
)

// The cases of official Cedar's fuzzy_match tests, and ties.
func TestSuggestion(t *testing.T) {
	tests := []struct {
		key        string
		candidates []string
		want       string
		ok         bool
	}{
		{"user::Alice", []string{"User::Alice", "user::alice", "user", "alice"}, "User::Alice", true},
		{"princpal", []string{"principal", "Principal", "principality", "prince", "principle"}, "principal", true},
		{"prncpal", []string{"principal", "Principal", "principality", "prince", "principle"}, "principal", true},
		{`user::"Alice"`, []string{`User::"Alice"`, `user::"alice"`, "user", "alice"}, `User::"Alice"`, true},
		{"", []string{"user"}, "", false},
		{"prncpal", []string{"principal", "Principal", "principality", "principal", "prince", "principle", "principal"}, "principal", true},
		{`User::"Alice"`, []string{`User::'Alice'`, `user::"alice"`, "user", "alice"}, `User::'Alice'`, true},
		{"user::Alice", nil, "", false},
		// No threshold: the nearest is suggested however far.
		{"zzzzzz", []string{"abc", "zq"}, "zq", true},
		// Ties go to the first candidate; distance counts code points.
		{"ab", []string{"ac", "ad"}, "ac", true},
		{"ünï", []string{"uni", "ünï!"}, "ünï!", true},
	}
	for _, tc := range tests {
		got, ok := suggestion(tc.key, tc.candidates)
		if got != tc.want || ok != tc.ok {
			t.Errorf("suggestion(%q, %q) = %q, %v; want %q, %v", tc.key, tc.candidates, got, ok, tc.want, tc.ok)
		}
	}
}

// Misspelled attributes, entity types and actions get official Cedar's
// suggestion; the message is official's, without it.
func TestValidationSuggestions(t *testing.T) {
	s, errs := schema.Load("s.cedarschema", []byte(`
entity User { name: String, nickname?: String };
entity Photo { owner: User };
action view, viewAll appliesTo { principal: User, resource: Photo, context: { ip: ipaddr } };`))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tests := []struct {
		policy, message, suggestion string
	}{
		{`permit(principal, action == Action::"view", resource) when { principal.nmae == "a" };`,
			"attribute `nmae` on entity type `User` not found", "name"},
		{`permit(principal, action == Action::"view", resource) when { context.iq == ip("1.2.3.4") };`,
			"attribute `iq` in context for Action::\"view\" not found", "ip"},
		{`permit(principal == Usr::"a", action == Action::"view", resource);`,
			"unrecognized entity type `Usr`", "User"},
		{`permit(principal, action == Action::"veiw", resource);`,
			"unrecognized action `Action::\"veiw\"`", `Action::"view"`},
	}
	for _, tc := range tests {
		f, perrs := parse.Policies([]byte(tc.policy))
		if len(perrs) > 0 {
			t.Fatal(perrs)
		}
		res := Validate(s, f.Policies, Strict)
		found := false
		for _, d := range res.Errors {
			if d.Message != tc.message {
				continue
			}
			found = true
			if len(d.Suggestions) != 1 || d.Suggestions[0] != tc.suggestion {
				t.Errorf("%s: suggestions %q, want [%q]", tc.message, d.Suggestions, tc.suggestion)
			}
		}
		if !found {
			t.Errorf("%s: no such error in %v", tc.message, res.Errors)
		}
	}
}
