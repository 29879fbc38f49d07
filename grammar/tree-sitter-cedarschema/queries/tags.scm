(namespace
  name: (namespace_name) @name) @definition.module

(entity_declaration
  name: (identifier) @name) @definition.class

(type_declaration
  name: (identifier) @name) @definition.type

(action_declaration
  name: [(identifier) (string)] @name) @definition.constant

(path
  (identifier) @name) @reference.type
