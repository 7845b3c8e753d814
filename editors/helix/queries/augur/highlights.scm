; Helix's copy of editors/tree-sitter-augur/queries/highlights.scm, with Helix's names for
; numbers and escapes (tests/tree_sitter.rs keeps the two in step).

(comment) @comment

[
  "document"
  "fact"
  "assumable"
  "assume"
  "open"
  "rule"
  "conflict"
  "tension"
  "scenario"
  "test"
  "indicator"
  "observed"
] @keyword

[
  "when"
  "then"
  "implies"
  "cite"
  "extends"
  "in"
  "expect"
  "at"
  "least"
  "most"
  "exactly"
  "file"
  "choice"
  "with"
  "probability"
] @keyword

[
  "and"
  "not"
] @keyword.operator

(likelihood) @constant.builtin

; Names a declaration introduces or refers to.
(rule name: (identifier) @label)
(conflict name: (identifier) @label)
(tension name: (identifier) @label)
(expect conflict: (identifier) @label)
(choice name: (identifier) @label)
(scenario name: (identifier) @type)
(scenario parent: (identifier) @type)
(test scenario: (identifier) @type)
(document name: (identifier) @attribute)
(cite document: (identifier) @attribute)

; Atoms: the predicate, and constants in argument places.
(atom predicate: (identifier) @function)
(atom subject: (identifier) @constant)
(atom object: (identifier) @constant)
(atom argument: (identifier) @constant)

(variable) @variable
(integer) @constant.numeric
(probability) @constant.numeric
(string) @string
(escape_sequence) @constant.character.escape

["(" ")" "[" "]" "{" "}"] @punctuation.bracket
["," ":"] @punctuation.delimiter
