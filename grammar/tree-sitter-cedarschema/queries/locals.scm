; A namespace is a scope; entity types, common types and actions are
; defined in it, and paths refer to them.

(namespace) @local.scope

(entity_declaration
  name: (identifier) @local.definition.type)

(type_declaration
  name: (identifier) @local.definition.type)

(action_declaration
  name: (identifier) @local.definition.constant)

(path
  (identifier) @local.reference)

(action_reference
  id: (identifier) @local.reference)
