package policyjson

import (
	"strings"
	"testing"
)

// TestDeepNestingIsAnError feeds 10,000 levels of JSON arrays and objects,
// bare and as EST expressions, to Unmarshal and UnmarshalPolicySet: each is
// an error, never a stack overflow.
func TestDeepNestingIsAnError(t *testing.T) {
	const n = 10000
	r := strings.Repeat
	policy := func(body string) string {
		return `{"effect": "permit", "principal": {"op": "All"}, "action": {"op": "All"}, "resource": {"op": "All"},
			"conditions": [{"kind": "when", "body": ` + body + `}]}`
	}
	tests := []struct {
		name, policy, wantMsg string
	}{
		{"arrays as the policy", r("[", n) + r("]", n), "expected a JSON object"},
		{"unclosed arrays as the policy", r("[", n), "end of JSON input"},
		{"objects as the policy", r(`{"a": `, n) + "1" + r("}", n), "unknown field `a`"},
		{"arrays as the body", policy(r("[", n) + r("]", n)), "nested more than 10000 levels"},
		{"objects as the body", policy(r(`{"a": `, n) + "1" + r("}", n)), "nested more than 10000 levels"},
		{"arrays in objects as the body", policy(r(`[{"a": `, n) + "1" + r("}]", n)), "nested more than 10000 levels"},
		{"EST sets", policy(r(`{"Set": [`, n) + `{"Value": 1}` + r("]}", n)), "nested more than 10000 levels"},
		{"EST nots", policy(r(`{"!": {"arg": `, n) + `{"Value": true}` + r("}}", n)), "nested more than 10000 levels"},
		{"EST records", policy(r(`{"Record": {"a": `, n) + `{"Value": true}` + r("}}", n)), "nested more than 10000 levels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Unmarshal([]byte(tt.policy)); err == nil || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("Unmarshal: got %.200v, want an error containing %q", err, tt.wantMsg)
			}
			set := `{"staticPolicies": {"p": ` + tt.policy + `}, "templates": {}, "templateLinks": []}`
			if _, err := UnmarshalPolicySet([]byte(set)); err == nil {
				t.Errorf("UnmarshalPolicySet: no error")
			}
		})
	}
}
