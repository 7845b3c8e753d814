//! Ad-hoc scenarios: assumptions written on the command line (`--assume ATOM[@LEVEL]`,
//! `--assume-not ATOM`), checked against a program and turned into a [`WhatIf`] that
//! changes a declared scenario the way a scenario `extends`-ing it with the same `assume`
//! lines would, without editing a rule file.
//!
//! ```
//! use augur::{Analysis, Likelihood, adhoc::AdHoc, engine::Options};
//!
//! let analysis = Analysis::parse("t.augur", "
//!     assumable us withdraws
//!     rule gap: us withdraws implies rivals advance likely
//!     scenario quiet { }
//! ").unwrap();
//! let adhoc = AdHoc::new(["us withdraws@very_likely"], Vec::<String>::new());
//! let change = adhoc.what_if(&analysis).unwrap();
//! let session = analysis.session();
//! let quiet = session.scenario("quiet").unwrap();
//! let model = augur::adhoc::run(&session, quiet, &change, &Options::default()).unwrap();
//! let advance = analysis.atom("rivals advance").unwrap();
//! assert_eq!(model.likelihood(&advance), Some(Likelihood::Likely));
//! // A typo gets a did-you-mean, never a silent empty change.
//! assert!(AdHoc::new(["us withdraws@likly"], Vec::<String>::new()).what_if(&analysis).is_err());
//! ```

use miette::SourceSpan;
use serde::Serialize;

use crate::engine::{Model, Options};
use crate::error::Error;
use crate::likelihood::Likelihood;
use crate::load::Analysis;
use crate::program::{GroundAtom, Program, ScenarioId, WhatIf, suggest};
use crate::session::Session;
use crate::source::{NamedText, SourceFile};

/// The flag that writes an assumption.
const ASSUME: &str = "--assume";
/// The flag that writes an intervention.
const ASSUME_NOT: &str = "--assume-not";

/// Assumptions as written on the command line, before they are checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AdHoc {
    /// `ATOM` or `ATOM@LEVEL` (default `certain`): `assume ATOM LEVEL`.
    pub assume: Vec<String>,
    /// `ATOM`: `assume not ATOM`.
    pub assume_not: Vec<String>,
}

impl AdHoc {
    /// Assumptions and interventions, as written.
    pub fn new(
        assume: impl IntoIterator<Item = impl Into<String>>,
        assume_not: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        AdHoc {
            assume: assume.into_iter().map(Into::into).collect(),
            assume_not: assume_not.into_iter().map(Into::into).collect(),
        }
    }

    /// No assumption and no intervention: the scenario as declared.
    pub fn is_empty(&self) -> bool {
        self.assume.is_empty() && self.assume_not.is_empty()
    }

    /// Checks every line against the program and returns the change it makes: each
    /// `--assume` is an `assume` line and each `--assume-not` an `assume not` line of a
    /// scenario extending the one run, so each replaces what that scenario says about its
    /// atom (an `--assume` lifts its `assume not`, an `--assume-not` drops its assumption);
    /// two `--assume` of one atom both stand and the stronger wins, as in one scenario.
    ///
    /// Errors, each with a did-you-mean where one is close: an atom that does not parse, or
    /// names a predicate or constant the program does not have; a level that is not a
    /// likelihood; an `--assume` of an atom no `assumable` matches, when the program
    /// declares any (the checker's `not_assumable`, here an error: a command line has no
    /// later `check` to catch it); an `--assume-not` of an atom that can hold in no
    /// scenario (forbidding it would change nothing); an atom both assumed and forbidden.
    pub fn what_if(&self, analysis: &Analysis) -> Result<WhatIf, Error> {
        let program = analysis.program();
        let mut change = WhatIf::default();
        for text in &self.assume {
            let (atom_text, level) = split_level(text)?;
            let atom = analysis.hypothesis(atom_text)?;
            check_assumable(program, &atom, ASSUME, text, atom_text.len())?;
            change.added.push((atom, level));
        }
        for text in &self.assume_not {
            let atom = analysis.atom(text)?;
            if change.added.iter().any(|(a, _)| *a == atom) {
                return Err(AdHocError::Contradictory {
                    atom: program.show_atom(&atom),
                    src: argument(ASSUME_NOT, text),
                    span: (0, text.len()).into(),
                }
                .into());
            }
            change.forbidden.push(atom);
        }
        Ok(change)
    }
}

/// Evaluates `scenario` changed by `change`: the scenario as declared when there is no
/// change (the same run as [`Session::run`]), else a what-if run ([`Session::what_if`]).
pub fn run<'a>(
    session: &Session<'a>,
    scenario: ScenarioId,
    change: &WhatIf,
    options: &Options,
) -> Result<Model<'a>, Error> {
    if change.is_empty() {
        session.run(scenario, options)
    } else {
        session.what_if(scenario, change, options)
    }
}

/// The lines an ad-hoc scenario adds, named, for reports: the JSON `"adhoc"` object.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Shown {
    /// Each `--assume`, in the order given.
    pub assume: Vec<ShownAssumption>,
    /// Each `--assume-not`, canonical form, in the order given.
    pub assume_not: Vec<String>,
}

/// One `--assume`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ShownAssumption {
    /// Canonical form.
    pub atom: String,
    /// The level assumed.
    pub likelihood: Likelihood,
}

impl Shown {
    /// The lines of `change`, named by `program`.
    pub fn new(program: &Program, change: &WhatIf) -> Self {
        Shown {
            assume: change
                .added
                .iter()
                .map(|(atom, level)| ShownAssumption {
                    atom: program.show_atom(atom),
                    likelihood: *level,
                })
                .collect(),
            assume_not: change
                .forbidden
                .iter()
                .map(|atom| program.show_atom(atom))
                .collect(),
        }
    }

    /// The lines as a scenario block would write them, in order: `assume ATOM LEVEL` for
    /// each assumption (`certain` left out), then `assume not ATOM`.
    pub fn lines(&self) -> Vec<String> {
        let assumed = self.assume.iter().map(|a| match a.likelihood {
            Likelihood::Certain => format!("assume {}", a.atom),
            level => format!("assume {} {level}", a.atom),
        });
        let forbidden = self.assume_not.iter().map(|a| format!("assume not {a}"));
        assumed.chain(forbidden).collect()
    }

    /// How reports name the ad-hoc scenario extending `scenario`:
    /// `trump_isolationist + assume us retreats likely + assume not china invests`, or the
    /// scenario's name alone when there are no lines.
    pub fn name(&self, scenario: &str) -> String {
        let mut name = scenario.to_owned();
        for line in self.lines() {
            name.push_str(" + ");
            name.push_str(&line);
        }
        name
    }
}

/// Splits `ATOM@LEVEL` at its last `@` when what follows is a word (so that an `@` inside
/// a string of the atom stays there); the level defaults to `certain`.
fn split_level(text: &str) -> Result<(&str, Likelihood), Error> {
    let Some((atom, word)) = text.rsplit_once('@') else {
        return Ok((text, Likelihood::Certain));
    };
    let trimmed = word.trim();
    // A number (`@0.3`, `@30%`) would lose its value on the way: a what-if assumes levels.
    if crate::Probability::literal_len(trimmed) == Some(trimmed.len()) {
        return Err(AdHocError::NumberAsLevel {
            number: trimmed.to_owned(),
            src: argument(ASSUME, text),
            span: (atom.len() + 1, word.len()).into(),
        }
        .into());
    }
    let is_word = !trimmed.is_empty()
        && trimmed
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !is_word {
        return Ok((text, Likelihood::Certain));
    }
    if let Some(level) = Likelihood::from_keyword(trimmed) {
        return Ok((atom, level));
    }
    let keywords = Likelihood::ALL.map(Likelihood::keyword);
    let help = suggest::did_you_mean(trimmed, keywords, || {
        format!("the levels are {}", suggest::list(&keywords))
    });
    Err(AdHocError::UnknownLevel {
        level: trimmed.to_owned(),
        help,
        src: argument(ASSUME, text),
        span: (atom.len() + 1, word.len()).into(),
    }
    .into())
}

/// An `--assume` of an atom no `assumable` matches is an error when the program declares
/// any (see [`AdHoc::what_if`]); `source` names where `text` was written (a flag, or the
/// REPL's line), and the atom is its first `atom_len` bytes.
pub(crate) fn check_assumable(
    program: &Program,
    atom: &GroundAtom,
    source: &str,
    text: &str,
    atom_len: usize,
) -> Result<(), Error> {
    let assumables = program.assumables();
    if assumables.is_empty() || assumables.iter().any(|a| a.matches(atom)) {
        return Ok(());
    }
    let shown = program.show_atom(atom);
    let texts: Vec<String> = assumables
        .iter()
        .map(|a| program.show_pattern(a, &[]))
        .collect();
    let help = suggest::did_you_mean(&shown, texts.iter().map(String::as_str), || {
        format!(
            "only what an `assumable` declaration matches can be assumed; declare it: assumable {shown}"
        )
    });
    Err(AdHocError::NotAssumable {
        atom: shown,
        help,
        src: argument(source, text),
        span: (0, atom_len).into(),
    }
    .into())
}

/// A command-line argument as the source of a diagnostic, named by its flag.
fn argument(flag: &str, text: &str) -> NamedText {
    SourceFile::new(flag, text).named_source()
}

/// Why an ad-hoc assumption cannot be made.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum AdHocError {
    /// `--assume 'us retreats@likly'`.
    #[error("`{level}` is not a likelihood")]
    #[diagnostic(code(augur::adhoc::unknown_level))]
    UnknownLevel {
        /// The word after `@`.
        level: String,
        /// The closest level, or the list of them.
        #[help]
        help: String,
        /// The argument.
        #[source_code]
        src: NamedText,
        /// The word.
        #[label("not a likelihood")]
        span: SourceSpan,
    },
    /// `--assume 'us retreats@0.3'`: an ad-hoc assumption takes a level, not a number.
    #[error("`{number}` is a probability; an ad-hoc assumption takes a level")]
    #[diagnostic(
        code(augur::adhoc::number_as_level),
        help(
            "write the level the number falls in (`@unlikely` for 0.3), or write the assumption with its number in a scenario of a rule file (`assume ATOM 0.3`), where probabilities keep their value"
        )
    )]
    NumberAsLevel {
        /// The number after `@`.
        number: String,
        /// The argument.
        #[source_code]
        src: NamedText,
        /// The number.
        #[label("a number, not a level")]
        span: SourceSpan,
    },
    /// `--assume 'x y'` where assumables are declared and none matches.
    #[error("`{atom}` matches no `assumable` declaration")]
    #[diagnostic(code(augur::adhoc::not_assumable))]
    NotAssumable {
        /// The atom, canonical form.
        atom: String,
        /// The closest assumable, or how to declare it.
        #[help]
        help: String,
        /// The argument.
        #[source_code]
        src: NamedText,
        /// The atom.
        #[label("not assumable")]
        span: SourceSpan,
    },
    /// `--assume X --assume-not X`.
    #[error("`{atom}` is both assumed and forbidden")]
    #[diagnostic(
        code(augur::adhoc::contradictory),
        help("an atom can be assumed (`--assume`) or forbidden (`--assume-not`), not both")
    )]
    Contradictory {
        /// The atom, canonical form.
        atom: String,
        /// The `--assume-not` argument.
        #[source_code]
        src: NamedText,
        /// The atom.
        #[label("also assumed")]
        span: SourceSpan,
    },
}

#[cfg(test)]
mod tests;
