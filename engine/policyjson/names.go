package policyjson

import "strings"

// reservedWords may not be used as identifiers in Cedar names, attribute
// accesses written with a dot, or bare record keys.
var reservedWords = map[string]bool{
	"true": true, "false": true, "if": true, "then": true, "else": true,
	"in": true, "is": true, "like": true, "has": true, "__cedar": true,
}

func isIdentShape(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		if !letter && !(i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// checkName validates an entity type or extension function name in the
// normalized form official Cedar requires: `::`-separated identifiers, no
// whitespace or comments, no reserved word, no `__cedar` component.
func checkName(s string) string {
	if s == "" {
		return "expected a name, found an empty string"
	}
	for _, part := range strings.Split(s, "::") {
		if !isIdentShape(part) {
			return "`" + s + "` is not a valid name: it must be `::`-separated identifiers with no whitespace"
		}
		if part == "__cedar" {
			return "the name `" + s + "` contains `__cedar`, which is reserved"
		}
		if reservedWords[part] {
			return "this identifier is reserved and cannot be used: " + part
		}
	}
	return ""
}

// isActionType reports whether t may be used in the action scope:
// `Action` or `Namespace::Action`.
func isActionType(t string) bool {
	return t == "Action" || strings.HasSuffix(t, "::Action")
}

// extensionFunctions are the names accepted as `{"name": [args…]}`
// expressions; the value says whether the function is called as a method on
// its first argument.
var extensionFunctions = map[string]bool{
	"ip": false, "decimal": false, "datetime": false, "duration": false, "unknown": false,
	"isIpv4": true, "isIpv6": true, "isLoopback": true, "isMulticast": true, "isInRange": true,
	"lessThan": true, "lessThanOrEqual": true, "greaterThan": true, "greaterThanOrEqual": true,
	"offset": true, "durationSince": true, "toDate": true, "toTime": true,
	"toDays": true, "toHours": true, "toMinutes": true, "toSeconds": true, "toMilliseconds": true,
}
