; Indentation (nvim-treesitter's names): lines inside a block are indented, `}` closes it,
; and a declaration's continuation lines (its citations) are indented under it.
[
  (rule_block)
  (conflict)
  (tension)
  (scenario)
  (test)
] @indent.begin

"}" @indent.end @indent.branch

[
  (fact)
  (open)
  (indicator)
  (observed)
] @indent.begin
