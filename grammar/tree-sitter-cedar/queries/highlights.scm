; Cedar policies: capture names are nvim-treesitter's. Every node gets at
; most one highlight capture, so editors that let the first or the last
; pattern win colour alike.

(comment) @comment @spell

[
  "permit"
  "forbid"
  "when"
  "unless"
] @keyword

[
  "if"
  "then"
  "else"
] @keyword.conditional

[
  "in"
  "has"
  "like"
  "is"
] @keyword.operator

(variable) @variable.builtin

(slot) @variable.parameter

(annotation
  "@" @attribute
  name: (identifier) @attribute)

; Entity types and functions: namespaces are modules.
(namespace_path
  (identifier) @module)

(entity_type_prefix
  (identifier) @type)

(entity_type
  (identifier) @type)

(function_name
  (identifier) @function.call)

(method_call
  method: (identifier) @function.method.call)

(field_expression
  field: (identifier) @property)

(attribute_path
  (identifier) @property)

(record_entry
  key: (identifier) @property)

(string) @string

(pattern) @string.regexp

(integer) @number

(bool) @boolean

[
  "=="
  "!="
  "<"
  "<="
  ">"
  ">="
  "&&"
  "||"
  "+"
  "-"
  "*"
  "!"
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
  "."
  ":"
  "::"
] @punctuation.delimiter
