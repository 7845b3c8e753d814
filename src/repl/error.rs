//! What the REPL refuses: a command it cannot read, or one the program cannot answer.

use std::sync::Arc;

use miette::SourceSpan;

use crate::source::{NamedText, SourceFile};

use super::command::Verb;

/// Why a command was not carried out. The session is left as it was.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ReplError {
    /// `wh china present`.
    #[error("`{word}` is not a command")]
    #[diagnostic(code(augur::repl::unknown_command))]
    UnknownCommand {
        /// The word.
        word: String,
        /// The closest command, or the list of them.
        #[help]
        help: String,
        /// The line.
        #[source_code]
        src: Arc<NamedText>,
        /// The word.
        #[label("unknown command")]
        span: SourceSpan,
    },
    /// `why` alone.
    #[error("`{command}` needs {args}")]
    #[diagnostic(code(augur::repl::missing_argument))]
    MissingArgument {
        /// The command.
        command: &'static str,
        /// What it takes.
        args: &'static str,
        /// Its usage.
        #[help]
        help: String,
        /// The line.
        #[source_code]
        src: Arc<NamedText>,
        /// The command.
        #[label("needs {args}")]
        span: SourceSpan,
    },
    /// `run fast`.
    #[error("`{command}` takes no argument")]
    #[diagnostic(code(augur::repl::extra_argument))]
    ExtraArgument {
        /// The command.
        command: &'static str,
        /// Its usage.
        #[help]
        help: String,
        /// The line.
        #[source_code]
        src: Arc<NamedText>,
        /// The argument.
        #[label("not expected")]
        span: SourceSpan,
    },
    /// `assume us withdraws likly`.
    #[error("`{level}` is not a likelihood")]
    #[diagnostic(code(augur::repl::unknown_level))]
    UnknownLevel {
        /// The word.
        level: String,
        /// The closest level.
        #[help]
        help: String,
        /// The atom and level.
        #[source_code]
        src: Arc<NamedText>,
        /// The word.
        #[label("not a likelihood")]
        span: SourceSpan,
    },
    /// `retract x y` where the session has no line about `x y`.
    #[error("the session has no line about `{atom}`")]
    #[diagnostic(code(augur::repl::not_in_session))]
    NotInSession {
        /// The atom, canonical form.
        atom: String,
        /// The session's lines, or what the declared scenario says.
        #[help]
        help: String,
    },
    /// `save quiet` where a scenario `quiet` is declared, or `save Quiet`.
    #[error("`{name}` cannot name the saved scenario")]
    #[diagnostic(code(augur::repl::bad_name))]
    BadName {
        /// The name.
        name: String,
        /// Why, and what would do.
        #[help]
        help: String,
    },
    /// A line of more than 65,536 bytes.
    #[error("the command line is {bytes} bytes long, over the limit of {max}")]
    #[diagnostic(
        code(augur::repl::line_too_long),
        help("an atom or pattern is at most one rule-file line long")
    )]
    LineTooLong {
        /// Its length.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// An atom, pattern or scenario the program refuses, or a run that stopped.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Library(#[from] crate::Error),
}

impl ReplError {
    /// `verb` given no argument.
    pub(super) fn missing(line: &str, verb: &'static Verb, start: usize) -> Self {
        ReplError::MissingArgument {
            command: verb.word,
            args: verb.args,
            help: usage(verb),
            src: line_source(line),
            span: (start, line.trim().len()).into(),
        }
    }

    /// `verb` given `rest`, which it does not take.
    pub(super) fn extra(line: &str, verb: &'static Verb, rest: &str) -> Self {
        let at = line.trim_end().len() - rest.len();
        ReplError::ExtraArgument {
            command: verb.word,
            help: usage(verb),
            src: line_source(line),
            span: (at, rest.len()).into(),
        }
    }
}

/// `usage: why ATOM`.
fn usage(verb: &Verb) -> String {
    match verb.args {
        "" => format!("usage: {}", verb.word),
        args => format!("usage: {} {args}", verb.word),
    }
}

/// A command line as the source of a diagnostic.
pub(super) fn line_source(line: &str) -> Arc<NamedText> {
    Arc::new(SourceFile::new("<repl>", line).named_source())
}
