; Lines inside a block are indented; `}` goes back.
[
  (rule_block)
  (conflict)
  (tension)
  (scenario)
  (test)
] @indent

"}" @outdent
