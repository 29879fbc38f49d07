package validate

import "testing"

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
