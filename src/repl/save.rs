//! `save NAME`: the session's ad-hoc scenario as a scenario declaration, in the canonical
//! layout (`augur fmt`), checked to parse back.

use crate::format;
use crate::source::SourceFile;
use crate::syntax::limits::DEFAULT_MAX_LINE_BYTES;

use super::{Repl, ReplError};

/// `scenario NAME extends CURRENT { LINES }`, formatted. Errors: a name that is not a
/// lowercase identifier (or is a keyword), or one a declared scenario already has.
pub(super) fn declaration(repl: &Repl<'_>, name: &str) -> Result<String, ReplError> {
    let program = repl.analysis().program();
    if let Some(id) = program.scenario_named(name) {
        let place = program
            .sources()
            .location(program.scenarios()[id.index()].span);
        return Err(ReplError::BadName {
            name: name.to_owned(),
            help: format!(
                "a scenario `{name}` is declared at {}:{}; save under another name",
                place.file, place.line
            ),
        });
    }
    let bad_name = || ReplError::BadName {
        name: name.to_owned(),
        help:
            "a scenario's name is a lowercase identifier (`[a-z_][a-z0-9_]*`) that is not a keyword"
                .to_owned(),
    };
    let is_identifier = name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !is_identifier {
        return Err(bad_name());
    }
    let mut text = format!("scenario {name} extends {} {{\n", repl.scenario_name());
    for line in repl.shown().lines() {
        text.push_str(&line);
        text.push('\n');
    }
    text.push_str("}\n");
    // The parser refuses a keyword as a name; the formatter parses, lays out, and parses
    // its result again.
    format::format_source(
        &SourceFile::new("<save>", text.as_str()),
        DEFAULT_MAX_LINE_BYTES,
    )
    .map_err(|_| bad_name())
}
