//! # augur
//!
//! A rules-based scenario reasoning engine. An analyst writes the causal claims of an
//! argument as rules, each citing the sentence it rests on; states scenarios as sets of
//! assumptions; and asks what follows, why it follows, and why something else does not.
//!
//! Data flows one way: text is parsed ([`syntax`]) into a syntax tree, checked
//! ([`program`]) into a program of interned names and stratified rules, evaluated per
//! scenario ([`engine`]) into a model that records the provenance of every atom, and
//! explained ([`explain`]) as proof trees. [`Analysis`] runs the whole pipeline.
//!
//! The library never prints and needs none of the binary's dependencies: those sit behind
//! the default `cli` feature, so `default-features = false` (or `cargo build --lib
//! --no-default-features`) builds the engine alone. Reports and proofs implement serde's
//! `Serialize`; the format is the caller's choice.
//!
//! ```
//! use augur::{Analysis, engine::Options, explain};
//!
//! let analysis = Analysis::parse("latam.augur", r#"
//!     document seed "Shifting Dynamics in NATO and Latin American Security"
//!     assumable us disengages_from latin_america
//!     rule rivals_fill_gap {
//!       when us disengages_from latin_america
//!       then china gains_influence_in latin_america
//!       likely
//!       cite seed "competitors such as Russia and China, even Iran, fill in the gaps"
//!     }
//!     scenario retreat { assume us disengages_from latin_america }
//! "#).unwrap();
//!
//! let model = analysis.run("retreat", &Options::default()).unwrap();
//! let atom = analysis.atom("china gains_influence_in latin_america").unwrap();
//! let proof = explain::why(&model, &atom).unwrap();
//! assert_eq!(proof.likelihood.keyword(), "likely");
//! assert!(explain::render::proof_text(&proof, None).contains("rivals_fill_gap"));
//! ```

pub mod abduce;
pub mod ach;
pub mod adhoc;
pub mod catalog;
pub mod causal_graph;
pub mod codes;
mod combinations;
pub mod engine;
pub mod error;
pub mod escape;
pub mod explain;
pub mod format;
mod graph;
mod hash;
pub mod ide;
pub mod indicators;
pub mod key_assumptions;
pub mod likelihood;
mod load;
pub mod output;
pub mod prob;
pub mod probability;
pub mod program;
pub mod query;
pub mod repl;
pub mod report;
pub mod scenario;
mod session;
pub mod shard;
pub mod source;
pub mod syntax;

pub use error::{Capped, DEFAULT_MAX_DIAGNOSTICS, Error, Problems};
pub use likelihood::Likelihood;
pub use load::{Analysis, DEFAULT_MAX_FILE_BYTES, InputLimits, Timings};
pub use probability::Probability;
pub use session::Session;
