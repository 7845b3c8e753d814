//! Warnings: things that are legal but probably not what the analyst meant.

use super::error::CheckError;
use super::suggest::did_you_mean;
use super::{ConflictKind, PredId, Program};
use crate::source::Span;

pub(super) fn warnings(p: &Program) -> Vec<CheckError> {
    let mut out = not_assumable(p);
    out.extend(premises_never_hold(p));
    out.extend(negated_open(p));
    out
}

fn src(p: &Program, span: Span) -> miette::NamedSource<std::sync::Arc<str>> {
    p.sources.named_source(span)
}

/// `assume` of an atom no `assumable` declaration matches. Skipped when the program
/// declares no assumables at all: then the analyst has opted out of the check.
fn not_assumable(p: &Program) -> Vec<CheckError> {
    if p.assumables.is_empty() {
        return Vec::new();
    }
    let names: Vec<String> = p
        .assumables
        .iter()
        .map(|a| p.show_pattern(a, &[]))
        .collect();
    let mut out = Vec::new();
    for a in p.scenarios.iter().flat_map(|s| &s.assumptions) {
        if p.assumables.iter().any(|pat| pat.matches(&a.atom)) {
            continue;
        }
        let atom = p.show_atom(&a.atom);
        let help = did_you_mean(&atom, names.iter().map(String::as_str), || {
            format!("declare it: assumable {atom}")
        });
        out.push(CheckError::NotAssumable {
            atom,
            span: a.span.into(),
            help,
            src: src(p, a.span),
        });
    }
    out
}

/// Positive premises whose predicate nothing can make true: of rules, of tensions (a
/// trade-off the analysis means to find) and of conditional open questions (a question that
/// could never arise). Conflict bodies are not checked: a conflict guards against a state
/// that should not arise.
fn premises_never_hold(p: &Program) -> Vec<CheckError> {
    let mut makeable = vec![false; p.predicates.len()];
    let mut mark = |pred: PredId| makeable[pred.index()] = true;
    p.facts.iter().for_each(|f| mark(f.atom.pred));
    p.assumables.iter().for_each(|a| mark(a.pred));
    p.scenarios
        .iter()
        .flat_map(|s| &s.assumptions)
        .filter(|a| !a.negated)
        .for_each(|a| mark(a.atom.pred));
    p.rules
        .iter()
        .flat_map(|r| &r.conclusions)
        .for_each(|c| mark(c.pred));
    let candidates: Vec<&str> = p
        .predicates
        .iter()
        .zip(&makeable)
        .filter(|(_, m)| **m)
        .map(|(pr, _)| pr.name.as_str())
        .collect();
    let tensions = p
        .conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::Tension);
    let bodies = p
        .rules
        .iter()
        .map(|r| (&r.premises, &r.vars))
        .chain(tensions.map(|c| (&c.premises, &c.vars)))
        .chain(p.opens.iter().map(|o| (&o.when, &o.vars)));
    let mut out = Vec::new();
    for (premises, vars) in bodies {
        for prem in premises
            .iter()
            .filter(|pr| !pr.negated && !makeable[pr.atom.pred.index()])
        {
            let predicate = p.predicate(prem.atom.pred).name.clone();
            let help = did_you_mean(&predicate, candidates.iter().copied(), || {
                "add a fact, an `assumable` or a rule that concludes it, or remove the premise"
                    .into()
            });
            let atom = p.show_pattern(&prem.atom, vars);
            out.push(CheckError::PremiseNeverHolds {
                atom,
                predicate,
                span: prem.span.into(),
                help,
                src: src(p, prem.span),
            });
        }
    }
    out
}

/// `not X` premises where X, or an instance of it, is declared open.
fn negated_open(p: &Program) -> Vec<CheckError> {
    let mut out = Vec::new();
    for rule in &p.rules {
        for prem in rule.premises.iter().filter(|pr| pr.negated) {
            if let Some(open) = p.opens.iter().find(|o| prem.atom.matches(&o.atom)) {
                out.push(CheckError::NegatesOpen {
                    rule: rule.name.clone(),
                    atom: p.show_atom(&open.atom),
                    span: prem.span.into(),
                    src: src(p, prem.span),
                });
            }
        }
    }
    out
}
