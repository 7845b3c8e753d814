; The outline panel: each named declaration.
(rule "rule" @context name: (identifier) @name) @item
(conflict "conflict" @context name: (identifier) @name) @item
(tension "tension" @context name: (identifier) @name) @item
(scenario "scenario" @context name: (identifier) @name) @item
(test "test" @context name: (string) @name) @item
(document "document" @context name: (identifier) @name) @item
