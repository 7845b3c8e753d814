//! The REPL's command language: one command per line, parsed without the program (atoms
//! and patterns are checked against it when the command runs).
//!
//! ```text
//! line    = [ command ] | "#" comment
//! command = "scenario" NAME | "why" ATOM | "why-not" ATOM
//!         | "assume" ATOM [ LEVEL ] | "assume" "not" ATOM | "retract" ATOM
//!         | "diff" NAME | "run" | "query" PATTERN | "save" NAME
//!         | "lines" | "help" | "quit" | "exit"
//! ```

use crate::likelihood::Likelihood;
use crate::program::suggest;

use super::error::ReplError;

/// The longest command line read, in bytes: the longest line of a rule file.
pub const MAX_LINE_BYTES: usize = crate::syntax::limits::DEFAULT_MAX_LINE_BYTES;

/// One command, its arguments as written (trimmed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// A blank line or a comment: nothing to do.
    Nothing,
    /// `scenario NAME`: work on another declared scenario; the session's lines stay.
    Scenario(String),
    /// `why ATOM`: the strongest proof of an atom.
    Why(String),
    /// `why-not ATOM`: what is missing for an atom to hold.
    WhyNot(String),
    /// `assume ATOM [LEVEL]`: assume an atom (default `certain`) in the session.
    Assume(String, Likelihood),
    /// `assume not ATOM`: forbid an atom in the session.
    AssumeNot(String),
    /// `retract ATOM`: drop the session's line about an atom.
    Retract(String),
    /// `diff NAME`: what changes from a declared scenario to the session's.
    Diff(String),
    /// `run`: what holds in the session's scenario.
    Run,
    /// `query PATTERN`: the atoms that match a pattern with variables.
    Query(String),
    /// `save NAME`: the session's scenario as a declaration.
    Save(String),
    /// `lines`: the session's lines.
    Lines,
    /// `help`: the commands.
    Help,
    /// `quit` (or `exit`): end the session.
    Quit,
}

/// A command word, what it takes, and what it does: the one table that parsing, help and
/// completion read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verb {
    /// The word.
    pub word: &'static str,
    /// Its arguments, for help and usage errors.
    pub args: &'static str,
    /// What it does.
    pub what: &'static str,
    /// What its argument is, for completion.
    pub completes: Completes,
}

/// What a command's argument names, for tab completion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Completes {
    /// Nothing: the command takes no argument.
    Nothing,
    /// A ground atom.
    Atom,
    /// A declared scenario.
    Scenario,
    /// A new name.
    NewName,
}

/// Every command, in the order `help` lists them.
pub const VERBS: [Verb; 14] = [
    verb(
        "scenario",
        "NAME",
        "work on a declared scenario (the session's lines stay)",
        Completes::Scenario,
    ),
    verb(
        "why",
        "ATOM",
        "the strongest proof of ATOM",
        Completes::Atom,
    ),
    verb(
        "why-not",
        "ATOM",
        "what is missing for ATOM to hold",
        Completes::Atom,
    ),
    verb(
        "assume",
        "ATOM [LEVEL]",
        "assume ATOM (default `certain`) in the session",
        Completes::Atom,
    ),
    verb(
        "assume not",
        "ATOM",
        "forbid ATOM in the session",
        Completes::Atom,
    ),
    verb(
        "retract",
        "ATOM",
        "drop the session's line about ATOM",
        Completes::Atom,
    ),
    verb(
        "diff",
        "NAME",
        "what changes from scenario NAME to the session's",
        Completes::Scenario,
    ),
    verb(
        "run",
        "",
        "what holds in the session's scenario",
        Completes::Nothing,
    ),
    verb(
        "query",
        "PATTERN",
        "the atoms matching PATTERN (`?x` for any value)",
        Completes::Atom,
    ),
    verb(
        "save",
        "NAME",
        "print the session as `scenario NAME extends ...`",
        Completes::NewName,
    ),
    verb("lines", "", "the session's lines", Completes::Nothing),
    verb("help", "", "this list", Completes::Nothing),
    verb(
        "quit",
        "",
        "end the session (also `exit`, or end of input)",
        Completes::Nothing,
    ),
    verb("exit", "", "end the session", Completes::Nothing),
];

const fn verb(
    word: &'static str,
    args: &'static str,
    what: &'static str,
    completes: Completes,
) -> Verb {
    Verb {
        word,
        args,
        what,
        completes,
    }
}

impl Verb {
    /// The command word's entry, if `word` is one (`assume not` is found as `assume`).
    pub fn named(word: &str) -> Option<&'static Verb> {
        VERBS.iter().find(|v| v.word == word)
    }
}

impl Command {
    /// Parses one line. Errors: a line over [`MAX_LINE_BYTES`]; an unknown command word
    /// (with a did-you-mean); a missing argument, or one given to a command that takes
    /// none; a level after `assume` that is not a likelihood word but looks like one.
    pub fn parse(line: &str) -> Result<Command, ReplError> {
        if line.len() > MAX_LINE_BYTES {
            return Err(ReplError::LineTooLong {
                bytes: line.len(),
                max: MAX_LINE_BYTES,
            });
        }
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return Ok(Command::Nothing);
        }
        let (word, rest) = match trimmed.split_once(char::is_whitespace) {
            Some((w, r)) => (w, r.trim()),
            None => (trimmed, ""),
        };
        let start = line.len() - line.trim_start().len();
        let Some(verb) = Verb::named(word) else {
            return Err(unknown(line, word, start));
        };
        let arg = |make: fn(String) -> Command| -> Result<Command, ReplError> {
            if rest.is_empty() {
                return Err(ReplError::missing(line, verb, start));
            }
            Ok(make(rest.to_owned()))
        };
        let bare = |command: Command| -> Result<Command, ReplError> {
            if !rest.is_empty() {
                return Err(ReplError::extra(line, verb, rest));
            }
            Ok(command)
        };
        match word {
            "scenario" => arg(Command::Scenario),
            "why" => arg(Command::Why),
            "why-not" => arg(Command::WhyNot),
            "assume" => assume(line, rest, start),
            "retract" => arg(Command::Retract),
            "diff" => arg(Command::Diff),
            "query" => arg(Command::Query),
            "save" => arg(Command::Save),
            "run" => bare(Command::Run),
            "lines" => bare(Command::Lines),
            "help" => bare(Command::Help),
            _ => bare(Command::Quit),
        }
    }
}

/// `assume not ATOM` or `assume ATOM [LEVEL]`: a last word that is a likelihood is the
/// level (likelihood words are reserved, so no atom ends in one).
fn assume(line: &str, rest: &str, start: usize) -> Result<Command, ReplError> {
    if let Some(atom) = rest
        .strip_prefix("not")
        .filter(|a| a.starts_with(char::is_whitespace))
    {
        return Ok(Command::AssumeNot(atom.trim().to_owned()));
    }
    let verb = Verb::named("assume");
    if rest.is_empty() || rest == "not" {
        let verb = if rest == "not" {
            Verb::named("assume not")
        } else {
            verb
        };
        return Err(ReplError::missing(line, verb.unwrap_or(&VERBS[3]), start));
    }
    if let Some((atom, last)) = rest.rsplit_once(char::is_whitespace)
        && let Some(level) = Likelihood::from_keyword(last)
    {
        return Ok(Command::Assume(atom.trim_end().to_owned(), level));
    }
    Ok(Command::Assume(rest.to_owned(), Likelihood::Certain))
}

/// An unknown command word, with the closest command or the list of them.
fn unknown(line: &str, word: &str, start: usize) -> ReplError {
    let words: Vec<&str> = VERBS
        .iter()
        .map(|v| v.word)
        .filter(|w| !w.contains(' '))
        .collect();
    let help = suggest::did_you_mean(word, words.iter().copied(), || {
        format!(
            "the commands are {}; `help` explains them",
            suggest::list(&words)
        )
    });
    ReplError::UnknownCommand {
        word: word.to_owned(),
        help,
        src: super::error::line_source(line),
        span: (start, word.len()).into(),
    }
}

/// An `assume` whose atom `text` does not resolve (`err`): when its last word is close to
/// a likelihood word, the level was misspelt, and the error says so; else `err`.
pub(super) fn misspelt_level(text: &str, err: crate::Error) -> ReplError {
    let Some((_, last)) = text.rsplit_once(char::is_whitespace) else {
        return err.into();
    };
    let keywords = Likelihood::ALL.map(Likelihood::keyword);
    match suggest::closest(last, keywords) {
        Some(level) => ReplError::UnknownLevel {
            level: last.to_owned(),
            help: format!("did you mean `{level}`?"),
            src: super::error::line_source(text),
            span: (text.len() - last.len(), last.len()).into(),
        },
        None => err.into(),
    }
}
