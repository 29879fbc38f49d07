; Indentation (nvim-treesitter's indent captures).

[
  (namespace)
  (record_type)
  (applies_to)
  (entity_type_list)
] @indent.begin

[
  ")"
  "]"
  "}"
] @indent.branch @indent.end

(comment) @indent.auto
