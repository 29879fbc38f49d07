/**
 * @file Cedar schemas (the Cedar schema syntax, .cedarschema)
 * @license Apache-2.0
 *
 * The language accepted is the engine's schema parser's
 * (engine/schema/syntax), which follows official Cedar 4.x: namespaces do
 * not nest, reserved words are not names, `__cedar` does not name a
 * namespace or a declared type, a common type is not named after a builtin
 * type, an appliesTo lists `principal` and `resource` (non-empty) once each
 * and `context` at most once. Duplicate annotations, declarations declared
 * twice and type nesting depth are checked later, not here;
 * conformance/treesitter lists the differences.
 */

/* eslint-disable arrow-parens */
/* eslint-disable camelcase */
/* eslint-disable-next-line spaced-comment */
/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const lex = require('../common/lexical.js');

/** comma-separated, at least one, no trailing comma */
const commaSep1 = (rule) => seq(rule, repeat(seq(',', rule)));

// Builtin type names that a common type may not have.
const RESERVED_TYPE_NAMES = ['Bool', 'Boolean', 'Entity', 'Extension', 'Long', 'Record', 'Set', 'String'];

/**
 * Every order of the appliesTo entries: principal and resource once each,
 * context at most once, comma-separated with an optional trailing comma.
 * @param {GrammarSymbols<string>} $
 */
const appliesToEntries = ($) => {
  const p = $.principal_types;
  const r = $.resource_types;
  const c = $.context_type;
  const orders = [
    [p, r], [r, p],
    [p, r, c], [p, c, r], [c, p, r], [r, p, c], [r, c, p], [c, r, p],
  ];
  return choice(...orders.map((o) => seq(...o.flatMap((x, i) => (i === 0 ? [x] : [',', x])), optional(','))));
};

module.exports = grammar({
  name: 'cedarschema',

  extras: $ => [lex.WHITESPACE, $.comment],

  // src/scanner.c (common/scanner.h) scans strings and comments, with the
  // escapes the engine accepts. It never produces
  // reserved_word_is_not_a_name: a reserved word where a name must be
  // shifts, then fails here, so the reserved word is an error as in the
  // engine (ABI 14 has no reserved-word sets).
  externals: $ => [$.reserved_word_is_not_a_name, $.string, $.comment],

  word: $ => $.identifier,

  supertypes: $ => [$._declaration, $._type],

  rules: {
    schema: $ => repeat(choice($.namespace, $._declaration)),

    namespace: $ => seq(
      optional($._annotations),
      'namespace',
      field('name', alias($._namespace_path, $.namespace_name)),
      '{',
      repeat($._declaration),
      '}',
    ),

    _declaration: $ => choice($.entity_declaration, $.action_declaration, $.type_declaration),

    // Shared by every declaration, so that the keyword after the
    // annotations decides what they annotate.
    _annotations: $ => repeat1($.annotation),

    annotation: $ => seq(
      '@',
      field('name', choice($.identifier, alias(choice(...lex.RESERVED), $.identifier))),
      optional(seq('(', field('value', $.string), ')')),
    ),

    // --- entity types

    entity_declaration: $ => seq(
      optional($._annotations),
      'entity',
      commaSep1(field('name', $._declared_name)),
      choice(
        seq('enum', '[', commaSep1(field('enum', $.string)), ']'),
        seq(
          optional(seq('in', field('parents', $.entity_type_list))),
          optional(seq(optional('='), field('shape', $.record_type))),
          optional(seq('tags', field('tags', $._type))),
        ),
      ),
      ';',
    ),

    // `Path` or `[Path, …]`, possibly empty.
    entity_type_list: $ => choice(
      $.path,
      seq('[', optional(commaSep1($.path)), ']'),
    ),

    // --- actions

    action_declaration: $ => seq(
      optional($._annotations),
      'action',
      commaSep1(field('name', choice($._name, $.string))),
      optional(seq('in', field('parents', choice(
        $.action_reference,
        seq('[', commaSep1($.action_reference), ']'),
      )))),
      optional(field('applies_to', $.applies_to)),
      ';',
    ),

    // `"id"`, `id` or `Path::"id"`.
    action_reference: $ => choice(
      field('id', $.string),
      field('id', $._name),
      seq(field('type', $.action_type_prefix), field('id', $.string)),
    ),
    action_type_prefix: $ => choice(
      seq($._name, '::'),
      seq(alias($._action_namespace, $.namespace_path), $._name, '::'),
    ),
    _action_namespace: $ => choice(
      seq($._name, '::'),
      seq($._action_namespace, $._name, '::'),
    ),

    applies_to: $ => seq('appliesTo', '{', appliesToEntries($), '}'),

    principal_types: $ => seq('principal', ':', field('types', $._nonempty_type_list)),
    resource_types: $ => seq('resource', ':', field('types', $._nonempty_type_list)),
    context_type: $ => seq('context', ':', field('type', choice($.record_type, $.path))),

    _nonempty_type_list: $ => choice(
      $.path,
      alias($._bracketed_type_list, $.entity_type_list),
    ),
    _bracketed_type_list: $ => seq('[', commaSep1($.path), ']'),

    // --- common types

    type_declaration: $ => seq(
      optional($._annotations),
      'type',
      field('name', $._common_type_name),
      '=',
      field('type', $._type),
      ';',
    ),

    _type: $ => choice($.record_type, $.set_type, $.path),

    set_type: $ => seq('Set', '<', field('element', $._type), '>'),

    record_type: $ => seq(
      '{',
      optional(seq(commaSep1($.attribute), optional(','))),
      '}',
    ),

    attribute: $ => seq(
      optional($._annotations),
      field('name', choice($._name, $.string)),
      optional(field('optional', '?')),
      ':',
      field('type', $._type),
    ),

    // --- names

    // A type or entity type reference: Name or Namespace::Name. `Set` not
    // followed by `<` is a name.
    path: $ => choice(
      $._path_first,
      seq(alias($._path_namespace, $.namespace_path), '::', $._name),
    ),
    // Left-recursive, so that the token after a name decides whether it is
    // a namespace's (`::` follows) or the type's; its own node, so queries
    // tell namespaces from the type without anchors.
    _path_namespace: $ => choice(
      $._path_first,
      seq($._path_namespace, '::', $._name),
    ),
    _path_first: $ => choice($._name, alias('Set', $.identifier)),

    // A namespace's name: no reserved word, no `__cedar`.
    _namespace_path: $ => seq($._declared_name, repeat(seq('::', $._declared_name))),

    // The name of a declared entity type: neither reserved nor `__cedar`.
    _declared_name: $ => choice(
      $.identifier,
      seq(alias(choice(...lex.RESERVED, '__cedar'), $.identifier), $.reserved_word_is_not_a_name),
    ),

    // A common type's name, which cannot be a builtin type's either.
    _common_type_name: $ => choice(
      $._declared_name,
      seq(alias(choice(...RESERVED_TYPE_NAMES), $.identifier), $.reserved_word_is_not_a_name),
    ),

    // A name: an identifier, or a reserved word, which is an error.
    _name: $ => choice(
      $.identifier,
      seq(alias(choice(...lex.RESERVED), $.identifier), $.reserved_word_is_not_a_name),
    ),

    // --- tokens

    identifier: _ => lex.IDENTIFIER,
  },
});
