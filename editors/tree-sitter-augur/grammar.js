/**
 * @file Tree-sitter grammar for augur rule files (`.augur`).
 * @license MIT OR Apache-2.0
 *
 * It follows the EBNF of docs/LANGUAGE.md, section 2, production by production. augur's
 * own parser (src/syntax) is the reference: tests/tree_sitter.rs checks that this grammar
 * accepts every file augur accepts, rejects the syntax errors it can see, finds the same
 * number of declarations, and reserves exactly augur's keywords.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

// The reserved words of src/syntax/keywords.rs: they never name anything. `most` and
// `probability` are not among them: each is read as a keyword only after `at` or `with`.
const DECLARATIONS = [
  'document', 'fact', 'assumable', 'assume', 'open', 'rule', 'conflict', 'tension',
  'scenario', 'test', 'indicator', 'observed',
];
const CONNECTIVES = [
  'when', 'then', 'and', 'not', 'implies', 'cite', 'extends', 'in', 'expect', 'at', 'least',
  'exactly', 'file', 'choice', 'with',
];
// The ICD 203 scale, lowest first, then `certain`.
const LIKELIHOODS = [
  'almost_no_chance', 'very_unlikely', 'unlikely', 'even_chance', 'likely', 'very_likely',
  'almost_certain', 'certain',
];

// Bidi controls are refused anywhere in a file, comments and strings included: they make an
// editor show a line in another order than augur reads it. Left out of comments and strings
// here, so that one shows as an error.
const BIDI = '\\u202A-\\u202E\\u2066-\\u2069';

/**
 * One or more `rule`, separated by `separator`.
 * @param {RuleOrLiteral} rule
 * @param {RuleOrLiteral} separator
 */
function sepBy1(rule, separator) {
  return seq(rule, repeat(seq(separator, rule)));
}

module.exports = grammar({
  name: 'augur',

  // Whitespace as augur's lexer skips it (a byte order mark may open the file), and comments.
  extras: $ => [/[ \t\r\n\uFEFF]/, $.comment],

  word: $ => $.identifier,

  reserved: {
    global: _ => [...DECLARATIONS, ...CONNECTIVES, ...LIKELIHOODS],
  },

  rules: {
    // file = { item } ;
    source_file: $ => repeat($._item),

    _item: $ => choice(
      $.document, $.fact, $.assumable, $.assume, $.open, $.rule, $.conflict, $.tension,
      $.scenario, $.test, $.indicator, $.observed,
    ),

    // document = "document" name string [ "file" string ] ;
    document: $ => seq(
      'document',
      field('name', $.identifier),
      field('title', $.string),
      optional(seq('file', field('file', $.string))),
    ),

    // fact = "fact" atom [ level ] cites ;
    fact: $ => seq('fact', $.atom, optional($.level), repeat($.cite)),

    // assumable = "assumable" atom ;
    assumable: $ => seq('assumable', $.atom),

    // assume = "assume" [ "not" ] atom [ level ] ;   (* no level after "not" *)
    assume: $ => seq('assume', choice(seq('not', $.atom), seq($.atom, optional($.level)))),

    // open = "open" atom [ "when" premises ] cites ;
    open: $ => seq('open', $.atom, optional(seq('when', $.premises)), repeat($.cite)),

    // indicator = "indicator" atom cites ;
    indicator: $ => seq('indicator', $.atom, repeat($.cite)),

    // observed = "observed" [ "not" ] atom [ level ] cites ;
    observed: $ => seq('observed', optional('not'), $.atom, optional($.level), repeat($.cite)),

    // rule = "rule" name ( block_rule | line_rule ) ;
    rule: $ => seq('rule', field('name', $.identifier), choice($.rule_block, $.rule_line)),

    // block_rule = "{" "when" premises "then" conclusions [ level ] [ choice ] cites "}" ;
    rule_block: $ => seq(
      '{', 'when', $.premises, 'then', $.conclusions, optional($.level), optional($.choice),
      repeat($.cite), '}',
    ),

    // line_rule = ":" premises "implies" conclusions [ level ] [ choice ] cites ;
    rule_line: $ => seq(
      ':', $.premises, 'implies', $.conclusions, optional($.level), optional($.choice),
      repeat($.cite),
    ),

    // choice = "choice" name ;
    choice: $ => seq('choice', field('name', $.identifier)),

    // conflict = "conflict" name "{" "when" premises cites "}" ;
    conflict: $ => seq('conflict', field('name', $.identifier), $._body),

    // tension = "tension" name "{" "when" premises cites "}" ;
    tension: $ => seq('tension', field('name', $.identifier), $._body),

    _body: $ => seq('{', 'when', $.premises, repeat($.cite), '}'),

    // scenario = "scenario" name [ "extends" name ] "{" { assume } "}" ;
    scenario: $ => seq(
      'scenario',
      field('name', $.identifier),
      optional(seq('extends', field('parent', $.identifier))),
      '{', repeat($.assume), '}',
    ),

    // test = "test" string "in" name "{" { expect } "}" ;
    test: $ => seq(
      'test',
      field('name', $.string),
      'in',
      field('scenario', $.identifier),
      '{', repeat($.expect), '}',
    ),

    // expect = "expect" ( [ "not" ] ( "conflict" | "tension" ) name | "not" atom
    //                    | "open" atom | atom [ bound ]
    //                    | atom "with" "probability" ( "at" "least" | "at" "most" ) PROBABILITY ) ;
    expect: $ => seq('expect', choice(
      seq(optional('not'), choice('conflict', 'tension'), field('conflict', $.identifier)),
      seq('not', $.atom),
      seq('open', $.atom),
      seq($.atom, optional(choice($.bound, $.probability_bound))),
    )),

    probability_bound: $ => seq(
      'with', 'probability', choice(seq('at', 'least'), seq('at', 'most')), $.probability,
    ),

    // bound = "at" "least" level | "at" "most" level | "exactly" level ;
    bound: $ => seq(choice(seq('at', 'least'), seq('at', 'most'), 'exactly'), $.level),

    // premises = literal { ( "and" | "," ) literal } ;
    premises: $ => sepBy1($.literal, choice('and', ',')),

    // literal = [ "not" ] atom ;
    literal: $ => seq(optional('not'), $.atom),

    // conclusions = atom { ( "," | "and" ) atom } ;
    conclusions: $ => sepBy1($.atom, choice(',', 'and')),

    // cites = { "cite" name string } ;
    cite: $ => seq('cite', field('document', $.identifier), field('quote', $.string)),

    // level = LIKELIHOOD | PROBABILITY | "[" ( LIKELIHOOD | PROBABILITY ) "]" ;
    level: $ => choice(
      $.likelihood, $.probability, seq('[', choice($.likelihood, $.probability), ']'),
    ),

    likelihood: _ => choice(...LIKELIHOODS),

    // atom = name "(" term { "," term } ")" | term name [ term ] ;
    atom: $ => choice(
      seq(
        field('predicate', $.identifier),
        '(', sepBy1(field('argument', $._term), ','), ')',
      ),
      seq(
        field('subject', $._term),
        field('predicate', $.identifier),
        optional(field('object', $._term)),
      ),
    ),

    // term = name | integer | string | variable ;
    _term: $ => choice($.identifier, $.integer, $.string, $.variable),

    identifier: _ => /[a-z_][a-z0-9_]*/,

    variable: _ => /\?[a-z_][a-z0-9_]*/,

    integer: _ => /-?[0-9]+/,

    // PROBABILITY = DIGITS "." DIGITS | DIGITS [ "." DIGITS ] "%" ;  (`0.72`, `72%`)
    probability: _ => /[0-9]+(\.[0-9]+%?|%)/,

    // A string is on one line; its escapes are \" \\ \n \t and \u{HEX} (1 to 6 digits).
    string: $ => seq(
      '"',
      repeat(choice($.string_content, $.escape_sequence)),
      token.immediate('"'),
    ),

    string_content: _ => token.immediate(prec(1, new RegExp(`[^"\\\\\\n${BIDI}]+`))),

    escape_sequence: _ => token.immediate(seq('\\', choice(/["\\nt]/, /u\{[0-9a-fA-F]{1,6}\}/))),

    comment: _ => token(new RegExp(`#[^\\n${BIDI}]*`)),
  },
});
