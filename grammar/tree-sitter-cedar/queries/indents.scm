; Indentation (nvim-treesitter's indent captures).

[
  (policy)
  (condition)
  (record)
  (set)
  (arguments)
  (parenthesized_expression)
  (entity_list)
] @indent.begin

[
  ")"
  "]"
  "}"
] @indent.branch @indent.end

(comment) @indent.auto
