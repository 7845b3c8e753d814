//! augur
pub mod likelihood;
pub mod source;
pub mod syntax;
