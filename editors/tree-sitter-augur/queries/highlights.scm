; Highlights for augur rule files. Capture names are the common ones of Neovim, Helix and
; Zed (each falls back from `keyword.operator` to `keyword`, and so on).

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
(integer) @number
(probability) @number
(string) @string
(escape_sequence) @string.escape

["(" ")" "[" "]" "{" "}"] @punctuation.bracket
["," ":"] @punctuation.delimiter
