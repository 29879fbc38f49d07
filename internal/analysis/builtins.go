package analysis

// builtin describes a Cedar function, method or operator for completion,
// hover and signature help. The texts are ours, written from the Cedar
// language reference.
type builtin struct {
	Name string
	// Recv is the receiver kind of a method ("Set", "ipaddr", "decimal",
	// "datetime", "duration", "entity"), "" for a function.
	Recv   string
	Params []builtinParam
	Result string
	Doc    string
	// Example is a short Cedar expression using it.
	Example string
}

type builtinParam struct{ Name, Type string }

// Signature renders the builtin as `name(param: Type, …): Result`.
func (b *builtin) Signature() string {
	s := b.Name + "("
	if b.Recv != "" {
		s = b.Recv + "." + s
	}
	for i, p := range b.Params {
		if i > 0 {
			s += ", "
		}
		s += p.Name + ": " + p.Type
	}
	return s + "): " + b.Result
}

// snippet is the text completion inserts, with a tab stop per parameter.
func (b *builtin) snippet() string {
	s := b.Name + "("
	for i, p := range b.Params {
		if i > 0 {
			s += ", "
		}
		s += "${" + itoa(i+1) + ":" + p.Name + "}"
	}
	return s + ")"
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + itoa(i%10)
}

// extensionFunctions are the four extension constructors.
var extensionFunctions = []*builtin{
	{Name: "decimal", Params: []builtinParam{{"value", "String"}}, Result: "decimal",
		Doc:     "Parses a decimal number with up to four digits after the point, between -922337203685477.5808 and 922337203685477.5807.",
		Example: `decimal("1.25")`},
	{Name: "ip", Params: []builtinParam{{"address", "String"}}, Result: "ipaddr",
		Doc:     "Parses an IPv4 or IPv6 address, optionally with a CIDR range suffix such as `/24`.",
		Example: `ip("192.168.0.1/24")`},
	{Name: "datetime", Params: []builtinParam{{"value", "String"}}, Result: "datetime",
		Doc:     "Parses an instant: `YYYY-MM-DD`, optionally followed by `Thh:mm:ss`, milliseconds `.SSS` and `Z` or an offset `±hhmm`.",
		Example: `datetime("2024-10-15T11:35:00Z")`},
	{Name: "duration", Params: []builtinParam{{"value", "String"}}, Result: "duration",
		Doc:     "Parses a length of time written with the units d, h, m, s and ms, largest first, optionally negative.",
		Example: `duration("1d2h30m")`},
}

// methods are the builtin methods, by receiver kind.
var methods = []*builtin{
	{Name: "contains", Recv: "Set", Params: []builtinParam{{"element", "T"}}, Result: "Bool",
		Doc: "Whether the set contains the element.", Example: `[1, 2].contains(1)`},
	{Name: "containsAll", Recv: "Set", Params: []builtinParam{{"other", "Set<T>"}}, Result: "Bool",
		Doc: "Whether the set contains every element of the other set.", Example: `[1, 2].containsAll([1])`},
	{Name: "containsAny", Recv: "Set", Params: []builtinParam{{"other", "Set<T>"}}, Result: "Bool",
		Doc: "Whether the set contains at least one element of the other set.", Example: `[1, 2].containsAny([2, 3])`},
	{Name: "isEmpty", Recv: "Set", Result: "Bool",
		Doc: "Whether the set has no elements.", Example: `[].isEmpty()`},
	{Name: "hasTag", Recv: "entity", Params: []builtinParam{{"tag", "String"}}, Result: "Bool",
		Doc: "Whether the entity has the tag. Guards a later `getTag` of the same tag.", Example: `resource.hasTag("owner")`},
	{Name: "getTag", Recv: "entity", Params: []builtinParam{{"tag", "String"}}, Result: "tag type",
		Doc: "The value of the entity's tag; an error when it has no such tag (guard it with `hasTag`).", Example: `resource.getTag("owner")`},
	{Name: "isIpv4", Recv: "ipaddr", Result: "Bool", Doc: "Whether the address is an IPv4 address."},
	{Name: "isIpv6", Recv: "ipaddr", Result: "Bool", Doc: "Whether the address is an IPv6 address."},
	{Name: "isLoopback", Recv: "ipaddr", Result: "Bool", Doc: "Whether the address is a loopback address (127.0.0.0/8 or ::1)."},
	{Name: "isMulticast", Recv: "ipaddr", Result: "Bool", Doc: "Whether the address is a multicast address (224.0.0.0/4 or ff00::/8)."},
	{Name: "isInRange", Recv: "ipaddr", Params: []builtinParam{{"range", "ipaddr"}}, Result: "Bool",
		Doc: "Whether the address (or range) lies within the range.", Example: `ip("10.0.0.1").isInRange(ip("10.0.0.0/8"))`},
	{Name: "lessThan", Recv: "decimal", Params: []builtinParam{{"other", "decimal"}}, Result: "Bool", Doc: "Whether this decimal is less than the other."},
	{Name: "lessThanOrEqual", Recv: "decimal", Params: []builtinParam{{"other", "decimal"}}, Result: "Bool", Doc: "Whether this decimal is less than or equal to the other."},
	{Name: "greaterThan", Recv: "decimal", Params: []builtinParam{{"other", "decimal"}}, Result: "Bool", Doc: "Whether this decimal is greater than the other."},
	{Name: "greaterThanOrEqual", Recv: "decimal", Params: []builtinParam{{"other", "decimal"}}, Result: "Bool", Doc: "Whether this decimal is greater than or equal to the other."},
	{Name: "offset", Recv: "datetime", Params: []builtinParam{{"by", "duration"}}, Result: "datetime", Doc: "The instant moved by the duration (an error on overflow)."},
	{Name: "durationSince", Recv: "datetime", Params: []builtinParam{{"other", "datetime"}}, Result: "duration", Doc: "The time from the other instant to this one."},
	{Name: "toDate", Recv: "datetime", Result: "datetime", Doc: "The instant truncated to midnight UTC of its day."},
	{Name: "toTime", Recv: "datetime", Result: "duration", Doc: "The time elapsed since midnight UTC of the instant's day."},
	{Name: "toDays", Recv: "duration", Result: "Long", Doc: "The duration in whole days (truncated)."},
	{Name: "toHours", Recv: "duration", Result: "Long", Doc: "The duration in whole hours (truncated)."},
	{Name: "toMinutes", Recv: "duration", Result: "Long", Doc: "The duration in whole minutes (truncated)."},
	{Name: "toSeconds", Recv: "duration", Result: "Long", Doc: "The duration in whole seconds (truncated)."},
	{Name: "toMilliseconds", Recv: "duration", Result: "Long", Doc: "The duration in milliseconds."},
}

func lookupFunction(name string) *builtin {
	for _, b := range extensionFunctions {
		if b.Name == name {
			return b
		}
	}
	return nil
}

// lookupMethods returns the methods of that name (several receivers may
// share a name only in principle; today names are unique).
func lookupMethod(name string) *builtin {
	for _, b := range methods {
		if b.Name == name {
			return b
		}
	}
	return nil
}

func methodsOf(recv string) []*builtin {
	var out []*builtin
	for _, b := range methods {
		if b.Recv == recv {
			out = append(out, b)
		}
	}
	return out
}

// keywordDocs documents operators and keywords for hover.
var keywordDocs = map[string]string{
	"in":     "`in` — hierarchy membership: `a in b` holds when `a` is `b` or a descendant of `b`; with a set on the right, when it holds for any element.",
	"==":     "`==` — equality of any two values (entities by type and id, records and sets structurally).",
	"!=":     "`!=` — inequality: `!(a == b)`.",
	"<":      "`<` — less than, for `Long`, `decimal`, `datetime` and `duration`.",
	"<=":     "`<=` — less than or equal, for `Long`, `decimal`, `datetime` and `duration`.",
	">":      "`>` — greater than, for `Long`, `decimal`, `datetime` and `duration`.",
	">=":     "`>=` — greater than or equal, for `Long`, `decimal`, `datetime` and `duration`.",
	"&&":     "`&&` — logical and, short-circuiting: the right side is evaluated only when the left is true. A `has` or `is` test on the left guards the right side.",
	"||":     "`||` — logical or, short-circuiting: the right side is evaluated only when the left is false.",
	"!":      "`!` — logical not of a `Bool`.",
	"+":      "`+` — addition of two `Long`s (an error on overflow).",
	"-":      "`-` — subtraction of two `Long`s, or negation (an error on overflow).",
	"*":      "`*` — multiplication of two `Long`s (an error on overflow).",
	"has":    "`has` — whether an entity or record has the attribute: `e has a` or `e has a.b.c`. Guards a later access `e.a` on the right of `&&`.",
	"is":     "`is` — entity type test: `e is T`, or `e is T in p` (type test and hierarchy membership).",
	"like":   "`like` — string pattern match, where `*` matches any run of characters and `\\*` a literal star.",
	"if":     "`if c then a else b` — conditional expression; `c` must be a `Bool`.",
	"then":   "`if c then a else b` — conditional expression; `c` must be a `Bool`.",
	"else":   "`if c then a else b` — conditional expression; `c` must be a `Bool`.",
	"when":   "`when { c }` — the policy applies only when the condition `c` holds.",
	"unless": "`unless { c }` — the policy applies only when the condition `c` does not hold.",
	"permit": "`permit` — the policy allows the requests its scope and conditions match (unless a `forbid` policy also matches).",
	"forbid": "`forbid` — the policy denies the requests its scope and conditions match, overriding any `permit`.",
	"true":   "`Bool` literal.",
	"false":  "`Bool` literal.",
}

// annotationKeys are annotations tools commonly read.
var annotationKeys = []struct{ Key, Doc string }{
	{"id", "The policy's id, used in authorization answers instead of `policyN`."},
	{"doc", "Documentation shown on hover."},
	{"description", "A human description of the policy."},
	{"advice", "Advice attached to the policy's decision."},
}
