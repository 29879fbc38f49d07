; Cedar schemas: capture names are nvim-treesitter's. Every node gets at
; most one highlight capture, so editors that let the first or the last
; pattern win colour alike.

(comment) @comment @spell

[
  "namespace"
  "entity"
  "action"
  "type"
] @keyword.type

[
  "appliesTo"
  "tags"
  "enum"
] @keyword

"in" @keyword.operator

[
  "principal"
  "resource"
  "context"
] @variable.builtin

(annotation
  "@" @attribute
  name: (identifier) @attribute)

(namespace_name
  (identifier) @module)

; Type references: namespaces are modules.
(namespace_path
  (identifier) @module)

(path
  (identifier) @type)

(set_type
  "Set" @type.builtin)

(entity_declaration
  name: (identifier) @type.definition)

(type_declaration
  name: (identifier) @type.definition)

(action_declaration
  name: (identifier) @constant)

(action_reference
  id: (identifier) @constant)

(action_type_prefix
  (identifier) @type)

(attribute
  name: (identifier) @property)

(attribute
  optional: "?" @punctuation.special)

(string) @string

[
  "="
  "<"
  ">"
] @operator

[
  "("
  ")"
  "["
  "]"
  "{"
  "}"
] @punctuation.bracket

[
  ","
  ";"
  ":"
  "::"
] @punctuation.delimiter
