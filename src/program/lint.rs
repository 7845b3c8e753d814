//! Warnings: things that are legal but probably not what the analyst meant.

use crate::hash::HashSet;

use super::atoms::Opens;
use super::error::CheckError;
use super::suggest::{Nearest, SEARCH_WORK};
use super::unify::ground_args;
use super::{AtomPattern, GroundAtom, Program};
use crate::source::Span;

pub(super) fn warnings(p: &Program) -> Vec<CheckError> {
    let mut out = not_assumable(p);
    out.extend(negated_open(p));
    out
}

fn src(p: &Program, span: Span) -> crate::source::NamedText {
    p.sources.named_source(span)
}

/// `assume` of an atom no `assumable` declaration matches. Skipped when the program
/// declares no assumables at all: then the analyst has opted out of the check. An
/// `assume not` is an intervention, which may target any atom.
fn not_assumable(p: &Program) -> Vec<CheckError> {
    if p.assumables.is_empty() {
        return Vec::new();
    }
    // Ground assumables by atom, the others by predicate; their texts indexed for
    // did-you-mean once, at the first assumption none matches.
    let mut ground: HashSet<GroundAtom> = HashSet::default();
    let mut general: Vec<Vec<&AtomPattern>> = vec![Vec::new(); p.predicates.len()];
    for a in &p.assumables {
        match ground_args(&a.args) {
            Some(args) => {
                ground.insert(GroundAtom {
                    pred: a.pred,
                    args: args.to_vec().into(),
                });
            }
            None => general[a.pred.index()].push(a),
        }
    }
    let matched = |atom: &GroundAtom| {
        ground.contains(atom)
            || general[atom.pred.index()]
                .iter()
                .any(|pat| pat.matches(atom))
    };
    let mut names: Option<Nearest> = None;
    let mut out = Vec::new();
    for a in p
        .scenarios
        .iter()
        .flat_map(|s| &s.assumptions)
        .filter(|a| !a.negated)
    {
        if matched(&a.atom) {
            continue;
        }
        let atom = p.show_atom(&a.atom);
        let names = names.get_or_insert_with(|| {
            Nearest::new(p.assumables.iter().map(|a| p.show_pattern(a, &[])))
        });
        let near = super::suggest::within_search_work(names.work(), SEARCH_WORK)
            .then(|| names.closest(&atom));
        let help = near.flatten().map_or_else(
            || format!("declare it: assumable {atom}"),
            |s| format!("did you mean `{s}`?"),
        );
        out.push(CheckError::NotAssumable {
            atom,
            span: a.span.into(),
            help,
            src: src(p, a.span),
        });
    }
    out
}

/// `not X` premises where X, or an instance of it, is declared open.
fn negated_open(p: &Program) -> Vec<CheckError> {
    let mut out = Vec::new();
    if p.opens.is_empty() {
        return out;
    }
    let opens = Opens::new(p);
    for rule in &p.rules {
        for prem in rule.premises.iter().filter(|pr| pr.negated) {
            if let Some(open) = opens.matching(&prem.atom) {
                out.push(CheckError::NegatesOpen {
                    rule: rule.name.to_string(),
                    atom: p.show_atom(&open.atom),
                    span: prem.span.into(),
                    src: src(p, prem.span),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::Analysis;

    #[test]
    fn an_intervention_may_target_any_atom() {
        let text = "assumable a p\nrule r: a p implies b q\n\
                    scenario s { assume a p  assume not b q }\n";
        let analysis = Analysis::parse("t.augur", text).expect("checks");
        assert!(analysis.warnings().is_empty(), "{:?}", analysis.warnings());
        let assumed = text.replace("assume not b q", "assume b q");
        let analysis = Analysis::parse("t.augur", &assumed).expect("checks");
        assert_eq!(analysis.warnings().len(), 1, "{:?}", analysis.warnings());
    }
}
