package validate

import (
	"encoding/json"
	"os"
	"testing"
)

// TestExportCases writes the table as JSON for the throwaway cedar-wasm
// checker (VALIDATE_EXPORT=path).
func TestExportCases(t *testing.T) {
	path := os.Getenv("VALIDATE_EXPORT")
	if path == "" {
		t.Skip("set VALIDATE_EXPORT to export the table")
	}
	type row struct {
		Policy string   `json:"policy"`
		Want   []string `json:"want"`
	}
	var rows []row
	for _, c := range strictCases {
		rows = append(rows, row{c.policy, c.want})
	}
	b, _ := json.MarshalIndent(rows, "", " ")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
