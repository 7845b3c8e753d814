; Folds: every block, and a declaration that runs over several lines (a fact with its
; citations, a one-line rule continued on the next lines).

[
  (rule)
  (conflict)
  (tension)
  (scenario)
  (test)
  (fact)
  (open)
  (indicator)
  (observed)
] @fold
