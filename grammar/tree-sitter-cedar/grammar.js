/**
 * @file Cedar policies and templates
 * @license Apache-2.0
 *
 * The language accepted is the engine's parser's (engine/parse), which
 * follows official Cedar 4.x: the precedence levels are grammar levels (so
 * relational operators do not chain, an `if` is parenthesized inside an
 * operator's operand, at most four `!` or `-` stand in a row), reserved
 * words are not names, the scope takes only entities and its own slot, and
 * the action scope only entities of an `Action` type. What a context-free
 * grammar leaves to later checks — unknown functions and methods, method
 * arity, the integer range, duplicate annotations and record keys, nesting
 * depth — is accepted here; conformance/treesitter lists the differences.
 */

/* eslint-disable arrow-parens */
/* eslint-disable camelcase */
/* eslint-disable-next-line spaced-comment */
/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const lex = require('../common/lexical.js');

/**
 * `== E`, `in E`, `is T` or `is T in E` after `principal` or `resource`.
 * @param {GrammarSymbols<string>} $
 * @param {RuleOrLiteral} ref the scope's entity-or-slot rule
 */
const entityConstraint = ($, ref) => choice(
  seq(field('operator', '=='), field('entity', ref)),
  seq(field('operator', 'in'), field('entity', ref)),
  seq(
    field('operator', 'is'),
    field('type', $.entity_type),
    optional(seq('in', field('entity', ref))),
  ),
);

/** comma-separated, at least one, optional trailing comma */
const commaSep1Trailing = (rule) => seq(rule, repeat(seq(',', rule)), optional(','));

module.exports = grammar({
  name: 'cedar',

  extras: $ => [lex.WHITESPACE, $.comment],

  // src/scanner.c (common/scanner.h) scans strings, patterns and comments,
  // with the escapes the engine accepts. It never produces
  // reserved_word_is_not_a_name: a reserved word where a name must be
  // shifts, then fails here, so the reserved word is an error as in the
  // engine (ABI 14 has no reserved-word sets).
  externals: $ => [$.reserved_word_is_not_a_name, $.string, $.pattern, $.comment],

  word: $ => $.identifier,

  supertypes: $ => [$._expression, $._primary],

  rules: {
    source_file: $ => repeat($.policy),

    policy: $ => seq(
      repeat($.annotation),
      field('effect', $.effect),
      '(',
      field('principal', $.principal_scope),
      ',',
      field('action', $.action_scope),
      ',',
      field('resource', $.resource_scope),
      optional(','),
      ')',
      repeat($.condition),
      ';',
    ),

    effect: _ => choice('permit', 'forbid'),

    annotation: $ => seq(
      '@',
      field('name', choice($.identifier, alias($._any_keyword, $.identifier))),
      optional(seq('(', field('value', $.string), ')')),
    ),

    // Annotation names may be any identifier, reserved words included.
    _any_keyword: _ => choice(...lex.RESERVED, '__cedar'),

    // --- the scope

    principal_scope: $ => seq(
      field('variable', alias('principal', $.variable)),
      optional(entityConstraint($, $._principal_ref)),
    ),

    resource_scope: $ => seq(
      field('variable', alias('resource', $.variable)),
      optional(entityConstraint($, $._resource_ref)),
    ),

    // An entity or the scope's own slot, possibly parenthesized.
    _principal_ref: $ => choice(
      $.entity,
      alias('?principal', $.slot),
      alias($._paren_principal_ref, $.parenthesized_scope_entity),
    ),
    _paren_principal_ref: $ => seq('(', $._principal_ref, ')'),

    _resource_ref: $ => choice(
      $.entity,
      alias('?resource', $.slot),
      alias($._paren_resource_ref, $.parenthesized_scope_entity),
    ),
    _paren_resource_ref: $ => seq('(', $._resource_ref, ')'),

    action_scope: $ => seq(
      field('variable', alias('action', $.variable)),
      optional(choice(
        seq(field('operator', '=='), field('entity', $._action_ref)),
        seq(field('operator', 'in'), field('entity', choice($._action_ref, $._action_set))),
      )),
    ),

    _action_ref: $ => choice(
      alias($.action_entity, $.entity),
      alias($._paren_action_ref, $.parenthesized_scope_entity),
    ),
    _paren_action_ref: $ => seq('(', $._action_ref, ')'),

    _action_set: $ => choice(
      alias($.action_entity_list, $.entity_list),
      alias($._paren_action_set, $.parenthesized_scope_entity),
    ),
    _paren_action_set: $ => seq('(', $._action_set, ')'),

    action_entity_list: $ => seq('[', optional(commaSep1Trailing($._action_ref)), ']'),

    // An entity of type `Action` or `Namespace::Action`.
    action_entity: $ => seq(
      field('type', alias($._action_type, $.entity_type_prefix)),
      field('id', $.string),
    ),
    // `Action` is shifted, never reduced on its own, so that the token
    // after its `::` decides whether it is the type or a namespace's name.
    _action_type: $ => seq(
      optional(alias($._action_namespace, $.namespace_path)),
      alias('Action', $.identifier),
      '::',
    ),
    _action_namespace: $ => choice(
      seq($._path_name, '::'),
      seq(alias('Action', $.identifier), '::'),
      seq($._action_namespace, $._path_name, '::'),
      seq($._action_namespace, alias('Action', $.identifier), '::'),
    ),

    // --- conditions

    condition: $ => seq(
      field('kind', choice('when', 'unless')),
      '{',
      field('body', $._expression),
      '}',
    ),

    // --- expressions, one rule per precedence level

    _expression: $ => choice($.if_expression, $._or),

    if_expression: $ => seq(
      'if', field('condition', $._expression),
      'then', field('consequence', $._expression),
      'else', field('alternative', $._expression),
    ),

    _or: $ => choice($._and, alias($._or_binary, $.binary_expression)),
    _or_binary: $ => seq(field('left', $._or), field('operator', '||'), field('right', $._and)),

    _and: $ => choice($._relation, alias($._and_binary, $.binary_expression)),
    _and_binary: $ => seq(field('left', $._and), field('operator', '&&'), field('right', $._relation)),

    _relation: $ => choice(
      $._add,
      alias($._relation_binary, $.binary_expression),
      $.has_expression,
      $.like_expression,
      $.is_expression,
    ),
    _relation_binary: $ => seq(
      field('left', $._add),
      field('operator', choice('==', '!=', '<', '<=', '>', '>=', 'in')),
      field('right', $._add),
    ),

    has_expression: $ => seq(
      field('left', $._add),
      field('operator', 'has'),
      field('attribute', choice($.string, $.attribute_path)),
    ),
    attribute_path: $ => seq(
      $._name,
      repeat(seq('.', $._name)),
    ),

    like_expression: $ => seq(
      field('left', $._add),
      field('operator', 'like'),
      field('pattern', $.pattern),
    ),

    is_expression: $ => seq(
      field('left', $._add),
      field('operator', 'is'),
      field('type', $.entity_type),
      optional(seq('in', field('right', $._add))),
    ),

    _add: $ => choice($._mult, alias($._add_binary, $.binary_expression)),
    _add_binary: $ => seq(field('left', $._add), field('operator', choice('+', '-')), field('right', $._mult)),

    _mult: $ => choice($._unary, alias($._mult_binary, $.binary_expression)),
    _mult_binary: $ => seq(field('left', $._mult), field('operator', '*'), field('right', $._unary)),

    // At most four of one unary operator in a row, not mixed.
    _unary: $ => choice(
      $._member,
      alias($._not4, $.unary_expression),
      alias($._neg4, $.unary_expression),
    ),
    _not1: $ => seq(field('operator', '!'), field('operand', $._member)),
    _not2: $ => seq(field('operator', '!'), field('operand', choice($._member, alias($._not1, $.unary_expression)))),
    _not3: $ => seq(field('operator', '!'), field('operand', choice($._member, alias($._not2, $.unary_expression)))),
    _not4: $ => seq(field('operator', '!'), field('operand', choice($._member, alias($._not3, $.unary_expression)))),
    _neg1: $ => seq(field('operator', '-'), field('operand', $._member)),
    _neg2: $ => seq(field('operator', '-'), field('operand', choice($._member, alias($._neg1, $.unary_expression)))),
    _neg3: $ => seq(field('operator', '-'), field('operand', choice($._member, alias($._neg2, $.unary_expression)))),
    _neg4: $ => seq(field('operator', '-'), field('operand', choice($._member, alias($._neg3, $.unary_expression)))),

    _member: $ => choice(
      $._primary,
      $.field_expression,
      $.index_expression,
      $.method_call,
    ),

    field_expression: $ => seq(
      field('object', $._member),
      '.',
      field('field', $._name),
    ),

    index_expression: $ => seq(
      field('object', $._member),
      '[',
      field('index', $.string),
      ']',
    ),

    method_call: $ => seq(
      field('object', $._member),
      '.',
      field('method', $._name),
      field('arguments', $.arguments),
    ),

    _primary: $ => choice(
      $.integer,
      $.string,
      $.bool,
      $.variable,
      $.entity,
      $.extension_call,
      $.parenthesized_expression,
      $.set,
      $.record,
    ),

    integer: _ => /[0-9]+/,

    bool: _ => choice('true', 'false'),

    variable: _ => choice('principal', 'action', 'resource', 'context'),

    // Type::"id", the type path written with its trailing `::`.
    entity: $ => seq(field('type', $.entity_type_prefix), field('id', $.string)),

    // A function call: an extension function such as ip("…") (names are
    // checked by the engine, not here).
    extension_call: $ => seq(
      field('function', $.function_name),
      field('arguments', $.arguments),
    ),
    // A lone variable name is not a function: `principal(1)` is an error.
    function_name: $ => choice(
      $._path_name,
      seq(alias($._namespace_prefix, $.namespace_path), $._path_name),
    ),

    arguments: $ => seq('(', optional(commaSep1Trailing($._expression)), ')'),

    parenthesized_expression: $ => seq('(', $._expression, ')'),

    set: $ => seq('[', optional(commaSep1Trailing($._expression)), ']'),

    record: $ => seq('{', optional(commaSep1Trailing($.record_entry)), '}'),
    record_entry: $ => seq(
      field('key', choice($._name, $.string)),
      ':',
      field('value', $._expression),
    ),

    // --- names and paths

    // An entity type after `is`: Name or Namespace::Name.
    entity_type: $ => choice(
      $._path_first,
      seq(alias($._namespace_prefix, $.namespace_path), $._path_name),
    ),

    // The type of an entity literal: `Name::` or `Namespace::Name::`.
    entity_type_prefix: $ => choice(
      seq($._path_first, '::'),
      seq(alias($._namespace_prefix, $.namespace_path), $._path_name, '::'),
    ),

    // The namespace of a path: one or more `name ::`, left-recursive so
    // that the token after each `::` decides whether a name is the type's
    // (a string or `(` follows) or a namespace's (a name follows). Its own
    // node, so queries tell namespaces from the type without anchors.
    _namespace_prefix: $ => choice(
      seq($._path_first, '::'),
      seq($._namespace_prefix, $._path_name, '::'),
    ),

    // The first name of a path may be a variable's name: `principal::"x"`
    // is an entity of type `principal`.
    _path_first: $ => choice(
      $._path_name,
      alias(choice('principal', 'action', 'resource', 'context'), $.identifier),
    ),
    _path_name: $ => $._name,

    // A name: an identifier, or a reserved word, which is an error.
    _name: $ => choice(
      $.identifier,
      seq(alias(choice(...lex.RESERVED, '__cedar'), $.identifier), $.reserved_word_is_not_a_name),
    ),

    // --- tokens

    identifier: _ => lex.IDENTIFIER,
  },
});
