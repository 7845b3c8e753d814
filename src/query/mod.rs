//! Pattern queries: every atom of a scenario that matches a pattern with variables
//! (`?who fills_gap_in latam_security`), with the values it gives the variables and its
//! likelihood, strongest first.
//!
//! A [`Pattern`] is resolved against the program once ([`Pattern::parse`]): its predicate
//! and constants must be the program's, and some atom that can hold in some scenario must
//! match it, so that a typo is an error naming the closest name rather than an empty
//! answer. [`answers`] then reads one evaluated [`Model`]; it never evaluates.

mod error;
mod report;

use crate::engine::Model;
use crate::error::Error;
use crate::likelihood::Likelihood;
use crate::program::reach::{self, Args};
use crate::program::{
    Arg, GroundAtom, PredId, Program, SymbolId, Value, VarId, canonical_atom, suggest, unify,
};
use crate::source::{FileId, SourceFile};
use crate::syntax::{self, ast};

pub use error::PatternError;
pub use report::{AnswerReport, OpenAnswer, QueryReport, ScenarioAnswers};

/// A pattern resolved against one program: a predicate and its arguments, constants of the
/// program or variables numbered in order of first appearance.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// The predicate.
    pub pred: PredId,
    /// The arguments, variables by [`VarId`] into [`Pattern::vars`].
    pub args: Vec<Arg>,
    /// The variables' names, without `?`, in order of first appearance.
    pub vars: Vec<String>,
}

/// One atom that matches: the variables' values and its likelihood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The atom.
    pub atom: GroundAtom,
    /// The value of each variable, by [`VarId`].
    pub bindings: Vec<SymbolId>,
    /// Its likelihood in the scenario; `None` for an open question the scenario leaves
    /// undecided (neither true nor false).
    pub likelihood: Option<Likelihood>,
}

impl Pattern {
    /// Parses `text` (one atom in the language's syntax, variables allowed) and resolves it
    /// against `program`. Errors, each with a label on the pattern and a hint: a syntax
    /// error; a predicate or constant the rule files never use (did you mean ...?); the
    /// wrong number of arguments; a pattern that no atom of any scenario can match.
    pub fn parse(program: &Program, text: &str) -> Result<Pattern, Error> {
        let file = SourceFile::new("<pattern>", text);
        let atom = syntax::parse_atom(FileId(u32::MAX), &file).map_err(PatternError::Parse)?;
        let pattern = Pattern::resolve(program, &file, &atom)?;
        if !pattern.can_match(program) {
            let shown = pattern.show(program);
            let mut texts = reach::reach(program).possible.texts();
            texts.extend(program.opens().iter().map(|o| program.show_atom(&o.atom)));
            let help = suggest::did_you_mean(&shown, texts.iter().map(String::as_str), || {
                format!(
                    "`{}` asks for every atom of the predicate",
                    general_pattern(program, pattern.pred)
                )
            });
            return Err(PatternError::never_matches(&file, atom.span, shown, help).into());
        }
        Ok(pattern)
    }

    /// The predicate, arguments and variables of a parsed atom, or the first name the
    /// program does not know.
    fn resolve(program: &Program, file: &SourceFile, atom: &ast::Atom) -> Result<Pattern, Error> {
        let name = &atom.predicate.text;
        let Some(pred) = program.predicate_named(name) else {
            let names = program.predicates().iter().map(|p| p.name.as_str());
            let help = suggest::did_you_mean(name, names, || {
                "no fact, rule or assumption uses this predicate; `augur list predicates` names them"
                    .to_owned()
            });
            let what = format!("unknown predicate `{name}`");
            return Err(PatternError::unknown(file, atom.predicate.span, what, help).into());
        };
        let arity = program.predicate(pred).arity;
        if arity != atom.args.len() {
            let given = atom.args.len();
            return Err(PatternError::arity(file, atom.span, name, arity, given).into());
        }
        let mut vars: Vec<String> = Vec::new();
        let mut args = Vec::with_capacity(arity);
        for node in &atom.args {
            let value = match &node.term {
                ast::Term::Var(v) => {
                    let index = vars
                        .iter()
                        .position(|x| x == v.as_str())
                        .unwrap_or_else(|| {
                            vars.push(v.to_string());
                            vars.len() - 1
                        });
                    args.push(Arg::Var(VarId::from_index(index)));
                    continue;
                }
                ast::Term::Ident(s) => Value::Ident(s.clone()),
                ast::Term::Int(n) => Value::Int(*n),
                ast::Term::Str(s) => Value::Str(s.clone()),
            };
            let Some(id) = program.symbols().get(&value) else {
                let shown = value.to_string();
                let constants = constants(program);
                let help =
                    suggest::did_you_mean(&shown, constants.iter().map(String::as_str), || {
                        "no rule file mentions it; `augur list atoms` names the atoms that hold"
                            .to_owned()
                    });
                let what = format!("unknown constant `{shown}`");
                return Err(PatternError::unknown(file, node.span, what, help).into());
            };
            args.push(Arg::Const(id));
        }
        Ok(Pattern { pred, args, vars })
    }

    /// Whether an atom that can hold in some scenario, or a declared open question, matches.
    fn can_match(&self, program: &Program) -> bool {
        let possible = reach::reach(program).possible;
        possible.can_hold(self.pred, Args::Pattern(&self.args))
            || program
                .opens()
                .iter()
                .any(|o| self.matches(&o.atom).is_some())
    }

    /// The variables' values (by [`VarId`]) that make the pattern `atom`, if any.
    pub fn matches(&self, atom: &GroundAtom) -> Option<Vec<SymbolId>> {
        if atom.pred != self.pred {
            return None;
        }
        unify::bind_all(&self.args, &atom.args, self.vars.len())
    }

    /// The pattern in canonical form, variables written `?name`.
    pub fn show(&self, program: &Program) -> String {
        program.show_args(self.pred, &self.args, &self.vars)
    }
}

/// A predicate with one variable per argument, `?a fills_gap_in ?b`: the pattern that
/// matches every atom of it. Past `?z`, `?a26`, `?a27`, ...
pub fn general_pattern(program: &Program, pred: PredId) -> String {
    let predicate = program.predicate(pred);
    let args: Vec<String> = (0..predicate.arity)
        .map(|i| match u8::try_from(i).ok().filter(|&n| n < 26) {
            Some(n) => format!("?{}", char::from(b'a' + n)),
            None => format!("?a{i}"),
        })
        .collect();
    canonical_atom(&predicate.name, &args)
}

/// Every constant of the program as written, the candidates of a did-you-mean.
fn constants(program: &Program) -> Vec<String> {
    let symbols = program.symbols();
    (0..symbols.len())
        .map(|i| symbols.show(SymbolId::from_index(i)))
        .collect()
}

/// The atoms of `model` that match `pattern`: those that hold, strongest first, then by
/// text; then the open questions of the scenario that match, by text (an open question is
/// neither true nor false, and saying so beats leaving it out).
pub fn answers(model: &Model<'_>, pattern: &Pattern) -> Vec<Answer> {
    let program = model.program();
    let relation = model.relation(pattern.pred);
    let mut holds: Vec<(Answer, String)> = relation
        .ids()
        .filter_map(|t| {
            let likelihood = model.tuple_likelihood(pattern.pred, t)?;
            let atom = model.atom(pattern.pred, t);
            let bindings = pattern.matches(&atom)?;
            let text = program.show_atom(&atom);
            let answer = Answer {
                atom,
                bindings,
                likelihood: Some(likelihood),
            };
            Some((answer, text))
        })
        .collect();
    holds.sort_by(|(a, at), (b, bt)| b.likelihood.cmp(&a.likelihood).then_with(|| at.cmp(bt)));
    let mut open: Vec<(Answer, String)> = model
        .open_questions()
        .into_iter()
        .filter_map(|o| {
            let bindings = pattern.matches(&o.atom)?;
            let answer = Answer {
                atom: o.atom.clone(),
                bindings,
                likelihood: None,
            };
            Some((answer, program.show_atom(&o.atom)))
        })
        .collect();
    open.sort_by(|(_, a), (_, b)| a.cmp(b));
    holds.into_iter().chain(open).map(|(a, _)| a).collect()
}

#[cfg(test)]
mod tests;
