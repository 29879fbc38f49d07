package engine

import (
	"github.com/cedar-ls/cedar-ls/engine/format"
)

// FormatOptions are the layout settings of the formatters; zero values
// take official Cedar's defaults (line width 80, indent 2).
type FormatOptions = format.Options

// FormatPolicies formats Cedar policies byte for byte as official Cedar's
// formatter does. A text that does not parse is not formatted.
func FormatPolicies(name string, src []byte, opts FormatOptions) ([]byte, error) {
	out, err := format.Policies(src, opts)
	return out, formatError(name, src, err)
}

// FormatSchema formats a schema in the Cedar schema syntax. A text that
// does not parse is not formatted.
func FormatSchema(name string, src []byte, opts FormatOptions) ([]byte, error) {
	out, err := format.Schema(src, opts)
	return out, formatError(name, src, err)
}

// FormatJSON formats a JSON file (entities, requests, JSON schemas and
// policies) in a stable layout.
func FormatJSON(name string, src []byte, opts FormatOptions) ([]byte, error) {
	out, err := format.JSON(src, opts)
	return out, formatError(name, src, err)
}

func formatError(name string, src []byte, err error) error {
	return InputError(name, src, err)
}
