; Lines inside a block are indented; `}` ends it.
(rule_block "}" @end) @indent
(conflict "}" @end) @indent
(tension "}" @end) @indent
(scenario "}" @end) @indent
(test "}" @end) @indent
