package oracle

import (
	"encoding/json"
	"reflect"
	"testing"
)

// The hand-written batch encoding means what encoding/json's encoding of
// the same call means.
func TestAppendBatchCallMatchesEncodingJSON(t *testing.T) {
	policies := PolicySet{
		StaticPolicies: "permit(principal, action, resource) when { \"\\u{0}\" == \"x\" };\n",
		Templates:      map[string]string{"t0": "permit(principal == ?principal, action, resource);"},
		TemplateLinks:  []TemplateLink{{TemplateID: "t0", NewID: "l0", Values: map[string]EntityUIDJSON{"?principal": UID("User", "a")}}},
	}
	reqs := []AuthRequest{
		{Principal: UID("User", "q\"uote\\ \x01 ünï \u2028"), Action: UID("Action", "read"), Resource: UID("Doc", "\xff bad utf-8"),
			Context: json.RawMessage("{\"a\": [1,\n 2],\r\n \"b\": {\"__entity\": {\"type\": \"T\", \"id\": \"\"}}}")},
		{Principal: UID("User", ""), Action: UID("Action", "x"), Resource: UID("Org::Team", "\t\n")},
	}
	entities := json.RawMessage(`[{"uid":{"type":"User","id":"a"},"attrs":{},"parents":[]}]`)
	got, err := appendBatchCall(nil, policies, entities, reqs)
	if err != nil {
		t.Fatal(err)
	}
	norm := make([]AuthRequest, len(reqs))
	for i, r := range reqs {
		norm[i] = r.normalized()
	}
	want, err := json.Marshal(struct {
		Policies PolicySet       `json:"policies"`
		Entities json.RawMessage `json:"entities"`
		Requests []AuthRequest   `json:"requests"`
	}{policies, entities, norm})
	if err != nil {
		t.Fatal(err)
	}
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, got)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("hand encoding differs\n got %s\nwant %s", got, want)
	}
	line := requestLine(3, "isAuthorizedBatch", got)
	if n := len(line); line[n-1] != '\n' || json.Valid(line[:n-1]) == false {
		t.Errorf("request line is not one JSON line: %q", line)
	}
	for _, b := range line[:len(line)-1] {
		if b == '\n' || b == '\r' {
			t.Fatalf("line break inside the request line: %q", line)
		}
	}
}

func TestQuickReply(t *testing.T) {
	rep, ok := quickReply([]byte(`{"id":42,"ok":true,"result":[{"type":"success"}]}` + "\n"))
	if !ok || *rep.ID != 42 || !rep.OK || string(rep.Result) != `[{"type":"success"}]` {
		t.Errorf("quickReply = %+v, %v", rep, ok)
	}
	for _, line := range []string{
		`{"id":null,"ok":false,"error":"x"}`,
		`{"id":3,"ok":false,"error":"x"}`,
		`{"ok":true,"id":3,"result":1}`,
		`{"id":,"ok":true,"result":1}`,
		`{"id":3,"ok":true,"result":}`,
	} {
		if _, ok := quickReply([]byte(line + "\n")); ok {
			t.Errorf("quickReply took %s", line)
		}
	}
}
