package validate

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/cedar-ls/cedar-ls/engine/parse"
)

// validateCase is one policy checked against testSchema in strict mode.
// want lists every diagnostic as "E kind `text`" (error: kind and the source
// text its span covers) or "W kind" (warning). Every case was confirmed
// with cedar-wasm 4.13 (verdict, spans and messages; its kinds are not
// exposed, so kinds follow the messages).
type validateCase struct {
	policy string
	want   []string
}

var strictCases = []validateCase{
	// Official Cedar builds `&&`/`||` of two boolean literals as the literal
	// they compute, so `==` sees two literals and the `||` below never types
	// its right side (this shape confirmed with cedar-wasm 4.13; found by the
	// DRT). An operand that is not a literal is not folded (third case).
	{`permit(principal, action, resource) when { ((true && true) != false) || principal.age > 3 };`, nil},
	{`permit(principal, action, resource) when { (((true || false) && true) == true) || principal.age > 3 };`, nil},
	{`permit(principal, action, resource) when { ((true && principal.age > 3) == true) || principal.age > 3 };`, []string{
		"E unsafeAttributeAccess `principal.age`", "E unsafeOptionalAttributeAccess `principal.age`",
		"E unsafeAttributeAccess `principal.age`", "E unsafeOptionalAttributeAccess `principal.age`"}},
	// Optional attributes need a `has` test; missing attributes are errors
	// in each environment where they are missing.
	{`permit(principal, action, resource) when { principal.age > 3 };`, []string{
		"E unsafeAttributeAccess `principal.age`", "E unsafeOptionalAttributeAccess `principal.age`"}},
	{`permit(principal, action == Action::"view", resource) when { principal has age && principal.age > 1 };`, nil},
	{`permit(principal, action, resource) when { principal has age } when { principal.age > 1 };`, nil},
	{`permit(principal, action, resource) when { !(principal has age) || principal.age > 1 };`, []string{
		"E unsafeOptionalAttributeAccess `principal.age`"}},
	{`permit(principal, action, resource) when { if principal has age then principal.age > 1 else false };`, nil},
	{`permit(principal, action == Action::"view", resource) when { principal.name like "a*" || principal.age > 1 };`, []string{
		"E unsafeOptionalAttributeAccess `principal.age`"}},
	{`permit(principal, action, resource) when { resource has owner.manager.name && resource.owner.manager.name == "a" };`, nil},
	{`permit(principal, action, resource) when { resource has owner && resource.owner has manager && resource.owner.manager.name == "a" };`, nil},
	{`permit(principal, action, resource is Doc) when { resource.owner.age > 1 };`, []string{
		"E unsafeOptionalAttributeAccess `resource.owner.age`"}},
	{`permit(principal, action, resource) unless { principal.nope };`, []string{
		"E unsafeAttributeAccess `principal.nope`", "E unsafeAttributeAccess `principal.nope`"}},
	// Inner accesses of a member chain are reported at the whole chain.
	{`permit(principal, action, resource) when { principal.manager.name == "x" };`, []string{
		"E unsafeAttributeAccess `principal.manager.name`", "E unsafeOptionalAttributeAccess `principal.manager.name`"}},
	{`permit(principal, action, resource) when { resource.tags.contains(principal.name) };`, []string{
		"E unsafeOptionalAttributeAccess `resource.tags.contains(principal.name)`", "E unsafeAttributeAccess `principal.name`"}},
	{`permit(principal, action, resource) when { principal.name.foo };`, []string{
		"E unsafeAttributeAccess `principal.name.foo`", "E unexpectedType `principal.name.foo`"}},
	{`permit(principal, action == Action::"view", resource) when { context.ip.isIpv4() };`, []string{
		"E unsafeOptionalAttributeAccess `context.ip.isIpv4()`"}},
	{`permit(principal, action == Action::"view", resource) when { context has ip && context.ip.isInRange(ip("10.0.0.0/8")) };`, nil},
	{`permit(principal, action, resource) when { context.nope };`, []string{
		"E unsafeAttributeAccess `context.nope`", "E unsafeAttributeAccess `context.nope`"}},
	{`permit(principal, action, resource) when { action.foo == 1 };`, []string{"E unsafeAttributeAccess `action.foo`"}},
	{`permit(principal, action, resource) when { User::"a".name == "x" };`, nil},
	{`permit(principal, action, resource) when { resource["owner"]["name"] == "a" };`, nil},
	// Strict mode: operands of == and elements of sets must have equal types.
	{`permit(principal == User::"a", action == Action::"view", resource) when { principal.name == 1 };`, []string{
		"E incompatibleTypes `principal.name == 1`"}},
	{`permit(principal, action, resource) when { [1, "a"].contains(1) };`, []string{"E incompatibleTypes `[1, \"a\"]`"}},
	{`permit(principal, action, resource) when { [User::"a", Group::"b"].isEmpty() };`, []string{
		"E incompatibleTypes `[User::\"a\", Group::\"b\"]`"}},
	{`permit(principal, action, resource) when { {a:1} == {a:1, b:2} };`, []string{"E incompatibleTypes `{a:1} == {a:1, b:2}`"}},
	{`permit(principal, action, resource) when { context == {} };`, []string{"E incompatibleTypes `context == {}`"}},
	{`permit(principal, action, resource) when { [1].contains("a") };`, []string{"E incompatibleTypes `[1].contains(\"a\")`"}},
	{`permit(principal, action, resource) when { (if context has x then 1 else "a") == 1 };`, []string{
		"E incompatibleTypes `(if context has x then 1 else \"a\") == 1`"}},
	{`permit(principal, action, resource) when { if principal has age then principal.age else 0 > 1 };`, []string{
		"E incompatibleTypes `if principal has age then principal.age else 0 > 1`"}},
	{`permit(principal, action, resource) when { [].isEmpty() };`, []string{"E emptySetForbidden `[]`"}},
	{`permit(principal, action == Action::"view", resource) when { principal has manager && principal.manager == User::"x" && [principal, resource] == [] };`, []string{
		"E incompatibleTypes `[principal, resource]`", "E emptySetForbidden `[]`"}},
	// Entities of different types are never equal: False, not an error.
	{`permit(principal, action == Action::"view", resource) when { principal == Group::"g" };`, []string{"W impossiblePolicy"}},
	{`permit(principal, action == Action::"view", resource) when { principal == resource };`, []string{"W impossiblePolicy"}},
	{`permit(principal, action, resource) when { (if true then User::"a" else Group::"b") == principal };`, nil},
	{`permit(principal, action, resource) when { 1 == "a" };`, []string{"W impossiblePolicy"}},
	{`permit(principal, action == Action::"view", resource) when { principal in resource };`, []string{"W impossiblePolicy"}},
	{`permit(principal, action, resource) when { principal in [Group::"a", Group::"b"] };`, nil},
	{`permit(principal, action, resource) when { principal in 1 };`, []string{"E unexpectedType `1`"}},
	// Short-circuiting: branches that cannot run are not checked.
	{`permit(principal, action, resource) when { true || (1 > "a") };`, nil},
	{`permit(principal, action, resource) when { false && (1 > "a") };`, []string{"W impossiblePolicy"}},
	{`permit(principal, action, resource) when { false } when { 1 + "a" };`, []string{"W impossiblePolicy"}},
	{`permit(principal, action, resource) when { false };`, []string{"W impossiblePolicy"}},
	{`permit(principal, action == Action::"view", resource) unless { principal has name };`, nil},
	// Singleton booleans appear in messages.
	{`permit(principal, action, resource) when { (1 == 1) + 1 == 2 };`, []string{"E unexpectedType `1 == 1`"}},
	{`permit(principal, action, resource) when { {a: true} has a && (principal has age || true) + 1 };`, []string{
		"E unexpectedType `(principal has age || true) + 1`", "E unexpectedType `principal has age || true`"}},
	{`permit(principal, action, resource) when { 1 };`, []string{"E unexpectedType `1`"}},
	{`permit(principal, action, resource) when { context has ip || context };`, []string{
		"E unexpectedType `context`", "E unexpectedType `context`"}},
	// Long overflow is a runtime error, not a type error.
	{`permit(principal, action, resource) when { 9223372036854775807 + 1 > 0 };`, nil},
	// Unknown names; scopes that admit no request environment.
	{`permit(principal, action == Action::"nope", resource);`, []string{
		"E unrecognizedActionId `Action::\"nope\"`", "W invalidActionApplication", "W impossiblePolicy"}},
	{`permit(principal is Foo, action, resource);`, []string{
		"E unrecognizedEntityType `Foo`", "W invalidActionApplication", "W impossiblePolicy"}},
	{`permit(principal, action, resource) when { Nope::"a" == principal };`, []string{"E unrecognizedEntityType `Nope`"}},
	{`permit(principal, action, resource) when { principal is Nope };`, []string{"E unrecognizedEntityType `Nope`", "W impossiblePolicy"}},
	{`permit(principal == Group::"g", action == Action::"view", resource) when { 1 + "a" };`, []string{
		"W invalidActionApplication", "W impossiblePolicy"}},
	{`permit(principal, action == Action::"group", resource);`, []string{"W invalidActionApplication", "W impossiblePolicy"}},
	// A scope entity of an undeclared type, or an undeclared action after
	// `in`, fails to typecheck: the constraint may hold (Bool), so the
	// conditions are checked in every environment, though no action applies.
	{`permit(principal in Nope::"x", action, resource) when { principal.age > 1 };`, []string{
		"E unrecognizedEntityType `Nope`", "E unsafeAttributeAccess `principal.age`",
		"E unsafeOptionalAttributeAccess `principal.age`", "W invalidActionApplication"}},
	{`permit(principal is User in Nope::"x", action, resource) when { principal.age > 1 };`, []string{
		"E unrecognizedEntityType `Nope`", "E unsafeOptionalAttributeAccess `principal.age`", "W invalidActionApplication"}},
	{`permit(principal, action in [Action::"nope", Action::"view"], resource) when { principal.age > 1 };`, []string{
		"E unrecognizedActionId `Action::\"nope\"`", "E unsafeAttributeAccess `principal.age`",
		"E unsafeOptionalAttributeAccess `principal.age`", "W invalidActionApplication"}},
	{`permit(principal == Action::"nope", action == Action::"view", resource) when { principal.age > 1 };`, []string{
		"E unrecognizedActionId `Action::\"nope\"`", "E unsafeOptionalAttributeAccess `principal.age`", "W invalidActionApplication"}},
	// Declared types are typed, so these scopes are False.
	{`permit(principal in Color::"blue", action, resource) when { principal.age > 1 };`, []string{
		"E invalidEnumEntity `Color::\"blue\"`", "W invalidActionApplication", "W impossiblePolicy"}},
	{`permit(principal in Action::"view", action, resource) when { principal.age > 1 };`, []string{
		"W invalidActionApplication", "W impossiblePolicy"}},
	{`permit(principal, action, resource) when { Color::"blue" == Color::"red" };`, []string{
		"E invalidEnumEntity `Color::\"blue\"`", "W impossiblePolicy"}},
	// Action hierarchy and entity-type hierarchy.
	{`permit(principal, action, resource) when { action in Action::"view" && action == Action::"edit" };`, nil},
	{`permit(principal, action in Action::"view", resource) when { action in [Action::"edit", Action::"group"] };`, nil},
	{`permit(principal is User in Group::"g", action, resource);`, nil},
	{`permit(principal, action, resource) when { User::"a" in principal };`, nil},
	{`permit(principal, action, resource) when { principal is User && principal.name == "a" };`, nil},
	// `e is T in X` is `e is T && e in X`: when e can never be a T, even
	// if typing e failed, X is not checked; an impossible `in` makes the
	// rest of the `&&` unchecked.
	{`permit(principal, action == Action::"view", resource) when { principal is Doc in principal.age };`, []string{
		"W impossiblePolicy"}},
	{`permit(principal, action == Action::"view", resource) when { principal.manager is Doc in principal.age };`, []string{
		"E unsafeOptionalAttributeAccess `principal.manager`", "W impossiblePolicy"}},
	{`permit(principal, action == Action::"view", resource) when { principal.nope is Doc in principal.age };`, []string{
		"E unsafeAttributeAccess `principal.nope`", "E unsafeOptionalAttributeAccess `principal.age`", "E unexpectedType `principal.age`"}},
	{`permit(principal, action == Action::"view", resource) when { 1 is User in principal.age };`, []string{
		"E unexpectedType `1`", "E unsafeOptionalAttributeAccess `principal.age`", "E unexpectedType `principal.age`"}},
	{`permit(principal, action == Action::"view", resource) when { principal is User in principal.age };`, []string{
		"E unsafeOptionalAttributeAccess `principal.age`", "E unexpectedType `principal.age`"}},
	{`permit(principal, action == Action::"view", resource) when { resource.owner is User in resource && principal.age > 1 };`, []string{
		"W impossiblePolicy"}},
	{`permit(principal, action == Action::"view", resource) when { principal is User in Group::"g" && principal.age > 1 };`, []string{
		"E unsafeOptionalAttributeAccess `principal.age`"}},
	// Tags.
	{`permit(principal, action, resource) when { resource.hasTag("a") && resource.getTag("a") == "x" };`, nil},
	{`permit(principal, action, resource) when { resource.getTag("a") == "x" };`, []string{
		"E unsafeTagAccess `resource.getTag(\"a\")`"}},
	{`permit(principal, action == Action::"view", resource) when { principal.getTag("a") == "x" };`, []string{
		"E unsafeTagAccess `principal.getTag(\"a\")`"}},
	{`permit(principal, action == Action::"view", resource) when { principal.hasTag("a") && principal.getTag("a") == "x" };`, []string{
		"W impossiblePolicy"}},
	// Extension functions: argument types, literal parsing, comparisons.
	{`permit(principal, action, resource) when { decimal("1.2.3") > decimal("1.0") };`, []string{
		"E functionArgumentValidation `decimal(\"1.2.3\")`", "E unexpectedType `decimal(\"1.2.3\")`", "E unexpectedType `decimal(\"1.0\")`"}},
	{`permit(principal, action == Action::"view", resource) when { decimal(principal.name) > decimal("1.0") };`, []string{
		"E nonLitExtConstructor `decimal(principal.name)`", "E unexpectedType `decimal(principal.name)`", "E unexpectedType `decimal(\"1.0\")`"}},
	{`permit(principal, action, resource) when { ip(context.x) };`, []string{
		"E nonLitExtConstructor `ip(context.x)`", "E unexpectedType `ip(context.x)`",
		"E unsafeAttributeAccess `context.x`", "E unsafeAttributeAccess `context.x`"}},
	{`permit(principal, action, resource) when { datetime("2020-01-01") < datetime("2021-01-01") && duration("1h") <= duration("2h") };`, nil},
	{`permit(principal, action, resource) when { datetime("2020-01-01") < duration("2h") };`, []string{
		"E unexpectedType `duration(\"2h\")`"}},
	{`permit(principal, action, resource) when { datetime("2020-13-01") < datetime("2021-01-01") };`, []string{
		"E functionArgumentValidation `datetime(\"2020-13-01\")`"}},
	{`permit(principal, action, resource) when { ip("1.2.3.4").isInRange(ip("1.0.0.0/8")) && decimal("1.0").lessThan(decimal("2.0")) };`, nil},
	{`permit(principal, action, resource) when { ip("1.2.3.4").isInRange(decimal("1.0")) };`, []string{
		"E unexpectedType `decimal(\"1.0\")`"}},
	// Confusable text in strings.
	{`permit(principal, action, resource) when { "aα" == "x" };`, []string{"W impossiblePolicy", "W mixedScriptString"}},
	{`permit(principal, action, resource) when { "аbc" == "x" };`, []string{"W impossiblePolicy", "W mixedScriptString"}},
	{`permit(principal, action, resource) when { "日本語ひらがな" == "x" };`, []string{"W impossiblePolicy"}},
	{`permit(principal, action, resource) when { "hello world 123 !" == "x" };`, []string{"W impossiblePolicy"}},
	{`permit(principal, action, resource) when { "a\u{202e}" == "x" };`, []string{"W impossiblePolicy", "W bidiCharsInString"}},
	{`permit(principal, action, resource) when { "\u{ecb2}" == "x" };`, []string{"W impossiblePolicy", "W mixedScriptString"}},
	// Entity ids and attribute names: printable ASCII or letters of
	// recommended scripts.
	{`permit(principal == User::"\u{1}", action, resource);`, []string{"W confusableIdentifier"}},
	{`permit(principal == User::"élan", action, resource) when { User::"ܪ" == principal };`, []string{"W confusableIdentifier"}},
	{`permit(principal, action, resource) when { {"a\u{0}": 1}["a\u{0}"] == 1 };`, []string{
		"W confusableIdentifier", "W confusableIdentifier"}},
	{`permit(principal, action, resource) when { User::"aα" == principal };`, []string{"W mixedScriptIdentifier"}},
}

func TestValidateStrict(t *testing.T) {
	s := testSchema()
	for _, tc := range strictCases {
		file, errs := parse.Policies([]byte(tc.policy))
		if len(errs) > 0 || len(file.Policies) != 1 {
			t.Fatalf("%s: parse: %v", tc.policy, errs)
		}
		res := Validate(s, file.Policies, Strict)
		var got []string
		for _, d := range res.Errors {
			got = append(got, fmt.Sprintf("E %s `%s`", d.Code, tc.policy[d.Span.Start:d.Span.End]))
		}
		for _, d := range res.Warnings {
			got = append(got, "W "+d.Code)
		}
		want := append([]string(nil), tc.want...)
		sort.Strings(got)
		sort.Strings(want)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s\ngot:\n  %s\nwant:\n  %s", tc.policy, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
		}
		if res.Valid() != (len(res.Errors) == 0) {
			t.Errorf("%s: Valid() disagrees with Errors", tc.policy)
		}
	}
}

// messageCases pin error messages and spans (as "`text`: message", "W"
// before warnings) where
// official Cedar's wording or placement is subtle. Each was confirmed with
// cedar-wasm 4.13 against testSchema.
var messageCases = []struct {
	policy string
	want   []string
}{
	// Comparisons: nothing more once an operand failed; a Long operand
	// makes the other expected to be Long; else a datetime or duration
	// operand (left first) sets the expected type; else both are reported.
	{`permit(principal, action == Action::"view", resource) when { principal.nope < "a" };`, []string{
		"`principal.nope`: attribute `nope` on entity type `User` not found"}},
	{`permit(principal, action == Action::"view", resource) when { datetime("2020-01-01") > 1 };`, []string{
		"`datetime(\"2020-01-01\")`: unexpected type: expected Long but saw datetime"}},
	{`permit(principal, action == Action::"view", resource) when { true < duration("1h") };`, []string{
		"`true`: unexpected type: expected duration but saw __cedar::internal::True"}},
	{`permit(principal, action == Action::"view", resource) when { duration("1h") < decimal("1.0") };`, []string{
		"`decimal(\"1.0\")`: unexpected type: expected duration but saw decimal"}},
	{`permit(principal, action == Action::"view", resource) when { decimal("1.0") < decimal("2.0") };`, []string{
		"`decimal(\"1.0\")`: unexpected type: expected datetime, or duration, or Long but saw decimal",
		"`decimal(\"2.0\")`: unexpected type: expected datetime, or duration, or Long but saw decimal"}},
	// Inner links of a member chain, function calls included, are placed at
	// the whole chain; parentheses start a new chain.
	{`permit(principal, action == Action::"view", resource) when { principal.name.isIpv4() };`, []string{
		"`principal.name.isIpv4()`: unexpected type: expected ipaddr but saw String"}},
	{`permit(principal, action == Action::"view", resource) when { principal.name.contains(1) };`, []string{
		"`principal.name.contains(1)`: unexpected type: expected Set<__cedar::internal::Any> but saw String"}},
	{`permit(principal, action == Action::"view", resource) when { ip("x")["a"] };`, []string{
		"`ip(\"x\")[\"a\"]`: error during extension function argument validation: failed to parse as IP address: `\"x\"`",
		"`ip(\"x\")[\"a\"]`: unexpected type: expected __cedar::internal::AnyEntity, or __cedar::internal::OpenRecord{} but saw ipaddr"}},
	{`permit(principal, action == Action::"view", resource) when { ip(principal.name).isIpv4() };`, []string{
		"`ip(principal.name).isIpv4()`: extension constructors may not be called with non-literal expressions"}},
	{`permit(principal, action == Action::"view", resource) when { (ip("x")).isIpv4() };`, []string{
		"`ip(\"x\")`: error during extension function argument validation: failed to parse as IP address: `\"x\"`"}},
	// Constructor literals are quoted like Rust's escape_debug.
	{`permit(principal, action == Action::"view", resource) when { datetime("a'\u{a0}") == datetime("2020-01-01") };`, []string{
		"`datetime(\"a'\\u{a0}\")`: error during extension function argument validation: failed to parse as a datetime value: `\"a\\'\\u{a0}\"`"}},
	{`permit(principal, action == Action::"view", resource) when { decimal("1.2.3") == decimal("1.0") };`, []string{
		"`decimal(\"1.2.3\")`: error during extension function argument validation: failed to parse as a decimal value: `\"1.2.3\"`"}},
	// Text warnings: one per string or identifier (BIDI controls first,
	// then, for identifiers, a character outside the profile, then mixed
	// scripts), the text raw but in the profile finding; `like` patterns
	// are checked as printed, escapes included, at the whole expression.
	{`permit(principal, action == Action::"view", resource) when { principal.name == "\u{202e}aα\"" };`, []string{
		"W `\"\\u{202e}aα\\\"\"`: string `\"\u202eaα\"\"` contains BIDI control characters"}},
	{`permit(principal, action == Action::"view", resource) when { principal == User::"aα\u{202e}\u{1}" };`, []string{
		"W `User::\"aα\\u{202e}\\u{1}\"`: identifier `aα\u202e\x01` contains BIDI control characters"}},
	{`permit(principal, action == Action::"view", resource) when { principal == User::"\u{301}a\u{301}'\u{1}" };`, []string{
		"W `User::\"\\u{301}a\\u{301}'\\u{1}\"`: identifier `\\u{301}a\u0301\\'\\u{1}` contains the character `\\u{1}` which is not a printable ASCII character and falls outside of the General Security Profile for Identifiers"}},
	{`permit(principal, action == Action::"view", resource) when { principal == User::"a\"α" };`, []string{
		"W `User::\"a\\\"α\"`: identifier `a\"α` contains mixed scripts"}},
	{`permit(principal, action == Action::"view", resource) when { principal.name like "α\u{a0}" };`, []string{
		"W `principal.name like \"α\\u{a0}\"`: string `\"α\\u{a0}\"` contains mixed scripts"}},
	{`permit(principal, action == Action::"view", resource) when { principal.name like "*\u{202e}é\*" };`, nil},
	{`permit(principal, action == Action::"view", resource) when { principal.name like "*\u{202e}α\*" };`, []string{
		"W `principal.name like \"*\\u{202e}α\\*\"`: string `\"*\\u{202e}α\\*\"` contains mixed scripts"}},
}

func TestMessages(t *testing.T) {
	s := testSchema()
	for _, tc := range messageCases {
		file, errs := parse.Policies([]byte(tc.policy))
		if len(errs) > 0 || len(file.Policies) != 1 {
			t.Fatalf("%s: parse: %v", tc.policy, errs)
		}
		var got []string
		res := Validate(s, file.Policies, Strict)
		for _, d := range res.Errors {
			got = append(got, fmt.Sprintf("`%s`: %s", tc.policy[d.Span.Start:d.Span.End], d.Message))
		}
		for _, d := range res.Warnings {
			got = append(got, fmt.Sprintf("W `%s`: %s", tc.policy[d.Span.Start:d.Span.End], d.Message))
		}
		sort.Strings(got)
		want := append([]string(nil), tc.want...)
		sort.Strings(want)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s\ngot:\n  %s\nwant:\n  %s", tc.policy, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
		}
	}
}
