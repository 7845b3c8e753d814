//! Atoms written by a user (on the command line, in a what-if) resolved against a checked
//! program, and why one cannot be asked about.

use super::{GroundAtom, Program, Value, canonical_atom, reach, suggest};
use crate::syntax::ast;

impl Program {
    /// Resolves an atom written by a user (e.g. on the command line) against this program.
    /// An atom that can hold in no scenario (a constant or predicate the rule files never
    /// use, or one no fact, assumption, assumable or rule can produce) is an error that
    /// names the closest atom that can hold: "does not hold" would hide a typo. An atom
    /// declared `open` can be asked about.
    pub fn ground(&self, atom: &ast::Atom) -> Result<GroundAtom, QueryError> {
        let ground = self.resolve(atom)?;
        let open = self.opens.iter().any(|o| o.atom == ground);
        let possible = reach::reach(self).possible;
        if open || possible.can_hold(ground.pred, reach::Args::Ground(&ground.args)) {
            return Ok(ground);
        }
        let cause = "no fact, assumption, assumable or rule produces it".to_owned();
        Err(self.never_holds(self.show_atom(&ground), cause))
    }

    /// The error for a user's atom that can hold in no scenario, with the closest atom
    /// that can (or is declared open).
    fn never_holds(&self, atom: String, cause: String) -> QueryError {
        let mut texts = reach::reach(self).possible.texts();
        texts.extend(self.opens.iter().map(|o| self.show_atom(&o.atom)));
        let help = suggest::did_you_mean(&atom, texts.iter().map(String::as_str), || {
            "no fact, assumption, assumable or rule can produce it".to_owned()
        });
        QueryError::NeverHolds { atom, cause, help }
    }

    /// Resolves a user's atom to this program's names, without asking whether it can hold:
    /// for a hypothesis ("what if this held too?"). A constant the program never uses is
    /// an error, as the atom could not be represented.
    pub fn resolve(&self, atom: &ast::Atom) -> Result<GroundAtom, QueryError> {
        let name = &atom.predicate.text;
        let Some(pred) = self.predicate_named(name) else {
            let names = self.predicates.iter().map(|p| p.name.as_str());
            let help = suggest::did_you_mean(name, names, || {
                "no fact, rule or assumption uses this predicate".to_owned()
            });
            return Err(QueryError::UnknownPredicate {
                name: name.to_string(),
                help,
            });
        };
        let arity = self.predicate(pred).arity;
        if arity != atom.args.len() {
            return Err(QueryError::Arity {
                name: name.to_string(),
                arity,
                given: atom.args.len(),
            });
        }
        let mut args = Vec::with_capacity(arity);
        let mut shown = Vec::with_capacity(arity);
        let mut unknown = None;
        for arg in &atom.args {
            let value = match &arg.term {
                ast::Term::Ident(s) => Value::Ident(s.clone()),
                ast::Term::Int(n) => Value::Int(*n),
                ast::Term::Str(s) => Value::Str(s.clone()),
                ast::Term::Var(v) => return Err(QueryError::Variable { var: v.to_string() }),
            };
            match self.symbols.get(&value) {
                Some(id) => args.push(id),
                None => unknown = unknown.or_else(|| Some(value.to_string())),
            }
            shown.push(value.to_string());
        }
        if let Some(constant) = unknown {
            // Said outright: a rule with a variable in that place does not make the atom
            // possible when no rule file mentions the value at all.
            let cause = format!("the constant `{constant}` appears in no rule file");
            return Err(self.never_holds(canonical_atom(name, &shown), cause));
        }
        Ok(GroundAtom {
            pred,
            args: args.into(),
        })
    }
}

/// Why a user's atom cannot be asked about.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum QueryError {
    /// `augur why 'a nowhere b'`.
    #[error("unknown predicate `{name}`")]
    #[diagnostic(code(augur::query::unknown_predicate))]
    UnknownPredicate {
        /// The name.
        name: String,
        /// A suggestion.
        #[help]
        help: String,
    },
    /// `augur why 'government subsidizes construction'` where only `government subsidises
    /// construction` can hold.
    #[error("`{atom}` can never hold: {cause}")]
    #[diagnostic(code(augur::query::never_holds))]
    NeverHolds {
        /// The atom asked about.
        atom: String,
        /// Why: an unknown constant, or nothing produces it.
        cause: String,
        /// The closest atom that can hold.
        #[help]
        help: String,
    },
    /// `augur why 'p(a, b, c)'` where `p` takes two arguments.
    #[error("predicate `{name}` takes {}, not {given}", suggest::count(*.arity, "argument"))]
    #[diagnostic(code(augur::query::arity), help("write it as in the rule files"))]
    Arity {
        /// The name.
        name: String,
        /// Its arity.
        arity: usize,
        /// The arguments given.
        given: usize,
    },
    /// `augur why '?x p'`.
    #[error("a question must name constants, not the variable `?{var}`")]
    #[diagnostic(
        code(augur::query::variable),
        help("ask about one atom, e.g. `china gains_influence_in latin_america`")
    )]
    Variable {
        /// The variable.
        var: String,
    },
}
