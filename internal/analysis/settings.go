package analysis

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Settings are the user's settings, from initializationOptions,
// workspace/configuration (section "cedar") and didChangeConfiguration.
// docs/LANGUAGE-SERVER.md lists them with their defaults.
type Settings struct {
	// SchemaFiles is cedar.schemaFile: one path or a list, relative to the
	// workspace folder; when set it is the schema of every file.
	SchemaFiles []string
	// AutodetectSchemaFile is cedar.autodetectSchemaFile (default true):
	// search the folders at and above a file for schema files.
	AutodetectSchemaFile bool
	// ValidationMode is cedar.validationMode: "strict" (default),
	// "permissive" or "off".
	ValidationMode string
	// LineWidth is cedar.format.lineWidth (default 80).
	LineWidth int
	// InlayHints is cedar.inlayHints.*: every hint kind is off by default.
	InlayHints InlayHintSettings
}

// InlayHintSettings switch inlay hint kinds on.
type InlayHintSettings struct {
	ScopeTypes   bool `json:"scopeTypes"`   // cedar.inlayHints.scopeTypes
	ActionGroups bool `json:"actionGroups"` // cedar.inlayHints.actionGroups
}

// DefaultSettings are the settings before the client says anything.
func DefaultSettings() Settings {
	return Settings{AutodetectSchemaFile: true, ValidationMode: "strict", LineWidth: 80}
}

// Validation modes.
const (
	ModeStrict     = "strict"
	ModePermissive = "permissive"
	ModeOff        = "off"
)

// ApplySettings reads settings from JSON over s and returns the result with
// one message per value it could not use. It accepts what clients send:
// {"cedar": {...}}, the "cedar" section itself, and flat dotted keys
// ({"cedar.schemaFile": ...}); null or missing keys keep their value.
func ApplySettings(s Settings, raw json.RawMessage) (Settings, []string) {
	var top map[string]json.RawMessage
	// An empty array is how Lua clients (Neovim) encode an empty table.
	if t := strings.TrimSpace(string(raw)); t == "" || t == "null" || emptyArray(t) {
		return s, nil
	}
	if err := json.Unmarshal(raw, &top); err != nil {
		return s, []string{fmt.Sprintf("settings: not a JSON object: %v", err)}
	}
	flat := map[string]json.RawMessage{}
	flatten("", top, flat)
	var problems []string
	for key, val := range flat {
		key = strings.TrimPrefix(key, "cedar.")
		if string(val) == "null" {
			continue
		}
		var err error
		switch key {
		case "schemaFile":
			var one string
			if json.Unmarshal(val, &one) == nil {
				s.SchemaFiles = nil
				if one != "" {
					s.SchemaFiles = []string{one}
				}
				break
			}
			var list []string
			if err = json.Unmarshal(val, &list); err == nil {
				s.SchemaFiles = list
			}
		case "autodetectSchemaFile":
			err = json.Unmarshal(val, &s.AutodetectSchemaFile)
		case "validationMode":
			var m string
			if err = json.Unmarshal(val, &m); err == nil {
				switch m {
				case ModeStrict, ModePermissive, ModeOff:
					s.ValidationMode = m
				default:
					err = fmt.Errorf("want %q, %q or %q", ModeStrict, ModePermissive, ModeOff)
				}
			}
		case "format.lineWidth":
			var w int
			if err = json.Unmarshal(val, &w); err == nil {
				if w <= 0 {
					err = fmt.Errorf("want a positive number")
				} else {
					s.LineWidth = w
				}
			}
		case "inlayHints.scopeTypes":
			err = json.Unmarshal(val, &s.InlayHints.ScopeTypes)
		case "inlayHints.actionGroups":
			err = json.Unmarshal(val, &s.InlayHints.ActionGroups)
		default:
			continue // other tools' settings travel in the same objects
		}
		if err != nil {
			problems = append(problems, fmt.Sprintf("setting cedar.%s: %v", key, err))
		}
	}
	return s, problems
}

// emptyArray reports whether t is the JSON text of an empty array.
func emptyArray(t string) bool {
	return strings.HasPrefix(t, "[") && strings.TrimSpace(t[1:]) == "]"
}

// flatten turns nested objects into dotted keys; a key already dotted
// ("cedar.format.lineWidth") stays as written.
func flatten(prefix string, obj map[string]json.RawMessage, out map[string]json.RawMessage) {
	for k, v := range obj {
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		var inner map[string]json.RawMessage
		if len(v) > 0 && v[0] == '{' && json.Unmarshal(v, &inner) == nil {
			flatten(key, inner, out)
			continue
		}
		out[key] = v
	}
}
