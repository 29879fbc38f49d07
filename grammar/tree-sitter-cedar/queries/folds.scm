[
  (policy)
  (condition)
  (record)
  (set)
  (arguments)
  (if_expression)
] @fold
