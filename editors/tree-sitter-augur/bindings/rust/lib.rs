//! The [tree-sitter] grammar of augur rule files (`.augur`), for editors and tools.
//!
//! ```
//! let mut parser = tree_sitter::Parser::new();
//! parser
//!     .set_language(&tree_sitter_augur::LANGUAGE.into())
//!     .expect("the grammar's ABI is the library's");
//! let tree = parser.parse("fact iran is great_power_competitor [likely]\n", None).unwrap();
//! assert!(!tree.root_node().has_error());
//! ```
//!
//! [tree-sitter]: https://tree-sitter.github.io/

use tree_sitter_language::LanguageFn;

extern "C" {
    fn tree_sitter_augur() -> *const ();
}

/// The tree-sitter [`LanguageFn`] of the grammar.
pub const LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(tree_sitter_augur) };

/// The node types the grammar produces (src/node-types.json).
pub const NODE_TYPES: &str = include_str!("../../src/node-types.json");

/// The grammar in JSON, as `tree-sitter generate` read it (src/grammar.json).
pub const GRAMMAR_JSON: &str = include_str!("../../src/grammar.json");

/// The highlight query (queries/highlights.scm).
pub const HIGHLIGHTS_QUERY: &str = include_str!("../../queries/highlights.scm");

/// The fold query (queries/folds.scm).
pub const FOLDS_QUERY: &str = include_str!("../../queries/folds.scm");

/// The indent query, in nvim-treesitter's capture names (queries/indents.scm).
pub const INDENTS_QUERY: &str = include_str!("../../queries/indents.scm");
