package engine

import (
	"fmt"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/policyjson"
	"github.com/cedar-ls/cedar-ls/engine/schema"
)

// TranslateSchema rewrites a schema written in syntax from in the other
// syntax: Cedar schema syntax to JSON, or JSON to Cedar schema syntax.
func TranslateSchema(name string, src []byte, from SchemaSyntax) ([]byte, error) {
	parse := schema.ParseCedar
	if from == SchemaJSON {
		parse = schema.ParseJSON
	}
	f, errs := parse(src)
	if len(errs) > 0 {
		return nil, sourceErrors(name, src, errs)
	}
	if from == SchemaJSON {
		text, err := schema.ToCedar(f)
		if err != nil {
			return nil, InputError(name, src, err)
		}
		return []byte(strings.TrimRight(text, "\n") + "\n"), nil
	}
	out, err := schema.ToJSON(f)
	if err != nil {
		return nil, InputError(name, src, err)
	}
	return out, nil
}

// PoliciesToJSON renders the static policies and templates of a policy set
// in Cedar's JSON policy-set format.
func PoliciesToJSON(policies *PolicySet) ([]byte, error) {
	return policyjson.MarshalPolicySet(policies.Written())
}

// PoliciesJSONToCedar renders a policy set in the JSON policy format as
// Cedar text, policies separated by an empty line. A set with template
// links cannot be written in Cedar syntax.
func PoliciesJSONToCedar(name string, src []byte) (string, error) {
	set, err := policyjson.UnmarshalPolicySet(src)
	if err != nil {
		return "", InputError(name, src, err)
	}
	if len(set.Links) > 0 {
		return "", fmt.Errorf("%s: cannot translate a policy set containing template-linked policies to Cedar syntax", name)
	}
	texts := make([]string, len(set.Policies))
	for i, p := range set.Policies {
		texts[i] = ast.PolicyText(p)
	}
	return strings.Join(texts, "\n\n"), nil
}
