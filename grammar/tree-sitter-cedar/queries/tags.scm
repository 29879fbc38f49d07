; A policy is named by its @id annotation, as in the official CLI.
(policy
  (annotation
    name: (identifier) @_key
    value: (string) @name)
  (#eq? @_key "id")) @definition.function

(function_name
  (identifier) @name) @reference.call

(method_call
  method: (identifier) @name) @reference.call

(entity_type_prefix
  (identifier) @name) @reference.class

(entity_type
  (identifier) @name) @reference.class
