package evaluator

import "github.com/cedar-ls/cedar-ls/engine/types"

// displayUID renders an entity as official Cedar's error messages do:
// `Type::"id"` with the id escaped like Rust's str::escape_debug.
func displayUID(u types.EntityUID) string {
	return string(u.Type) + "::" + types.QuoteDebug(u.ID)
}
