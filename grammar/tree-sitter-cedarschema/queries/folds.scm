[
  (namespace)
  (entity_declaration)
  (action_declaration)
  (type_declaration)
  (record_type)
  (applies_to)
] @fold
