//! Likelihoods written so that they read as part of an atom: `... fall very_likley` (a
//! misspelling, so the rule is `certain` and concludes `housing_starts fall very_likley`)
//! or `... increase very likely` (split, so the rule is `likely` and concludes
//! `rents increase very`). Both change the answer silently, so both are errors. Checked on
//! the syntax tree, before lowering, so that the report stands beside the arity mismatch
//! the extra argument usually causes.

use super::error::CheckError;
use super::suggest::edit_distance;
use crate::likelihood::Likelihood;
use crate::source::SourceMap;
use crate::syntax::ast::{self, Item, Term};

/// An atom with the level written after it, as in a fact, an assumption or a rule.
struct Written<'a> {
    atom: &'a ast::Atom,
    level: Option<ast::Level>,
}

pub(super) fn check(sources: &SourceMap, files: &[ast::File]) -> Vec<CheckError> {
    let (written, used) = atoms(files);
    written
        .iter()
        .filter_map(|w| misread(sources, w, &used))
        .collect()
}

/// The atoms with a level written after them, and the atoms used without one.
fn atoms(files: &[ast::File]) -> (Vec<Written<'_>>, Vec<&ast::Atom>) {
    let items = files.iter().flat_map(|f| &f.items);
    let mut written: Vec<Written<'_>> = Vec::new();
    let mut used: Vec<&ast::Atom> = Vec::new();
    for item in items {
        match item {
            Item::Fact(f) => written.push(Written {
                atom: &f.atom,
                level: f.level,
            }),
            Item::Assume(a) => written.push(Written {
                atom: &a.atom,
                level: a.level,
            }),
            Item::Scenario(s) => written.extend(s.assumes.iter().map(|a| Written {
                atom: &a.atom,
                level: a.level,
            })),
            Item::Rule(r) => {
                used.extend(r.premises.iter().map(|l| &l.atom));
                if let Some(last) = r.conclusions.last() {
                    written.push(Written {
                        atom: last,
                        level: r.level,
                    });
                }
            }
            Item::Conflict(c) => used.extend(c.premises.iter().map(|l| &l.atom)),
            // An open question's atom and its condition are written as meant, as is what a
            // scenario may assume.
            Item::Assumable(a) => used.push(&a.atom),
            // An observation's credibility is written after it as a fact's likelihood is.
            Item::Observed(o) => written.push(Written {
                atom: &o.atom,
                level: o.level,
            }),
            Item::Indicator(i) => used.push(&i.atom),
            Item::Open(o) => {
                used.push(&o.atom);
                used.extend(o.when.iter().map(|l| &l.atom));
            }
            Item::Test(t) => used.extend(t.expects.iter().filter_map(|e| match &e.kind {
                ast::ExpectKind::Holds { atom, .. }
                | ast::ExpectKind::NotHolds { atom }
                | ast::ExpectKind::Open { atom } => Some(atom),
                ast::ExpectKind::Conflict { .. } | ast::ExpectKind::NotConflict { .. } => None,
            })),
            _ => {}
        }
    }
    (written, used)
}

/// The report for an atom whose last argument reads as part of its level, if it does.
fn misread(sources: &SourceMap, w: &Written<'_>, used: &[&ast::Atom]) -> Option<CheckError> {
    let last = w.atom.args.last().filter(|_| w.atom.args.len() >= 2)?;
    let Term::Ident(word) = &last.term else {
        return None;
    };
    let found = match w.level {
        // `very likely`: the word and the level spell one level.
        Some(level) => Likelihood::from_keyword(&format!("{word}_{}", level.value)).map(|fix| {
            (
                fix,
                last.span.to(level.span),
                format!("{word} {}", level.value),
            )
        }),
        // `very_likley`: a misspelling, unless the atom is used as written elsewhere.
        None => misspelled(word)
            .filter(|_| !used.iter().any(|u| same_use(u, w.atom)))
            .map(|fix| (fix, last.span, word.to_string())),
    };
    let (fix, span, written) = found?;
    let atom_args: Vec<String> = w.atom.args[..w.atom.args.len() - 1]
        .iter()
        .map(|a| term_text(&a.term))
        .collect();
    let meant = super::canonical_atom(&w.atom.predicate.text, &atom_args);
    let help = format!(
        "as written, the atom has {} arguments and the likelihood is {}; write `{meant} {fix}`",
        w.atom.args.len(),
        w.level
            .map_or("`certain` (none given)".to_owned(), |l| format!(
                "`{}`",
                l.value
            )),
    );
    Some(CheckError::MisspelledLikelihood {
        written,
        fix: fix.to_string(),
        span: span.into(),
        help,
        src: sources.named_source(span),
    })
}

/// The level `word` is a plausible misspelling of: within two edits, and a third of its
/// length, of one level's keyword, and not that keyword with letters added before or after
/// it: `uncertain` and `certainty` are words of their own (`outlook is uncertain`), not
/// `certain` misspelled.
fn misspelled(word: &str) -> Option<Likelihood> {
    let n = word.chars().count();
    let limit = (n / 3).clamp(1, 2);
    let derived = |keyword: &str| {
        let affix = |rest: &str| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphabetic());
        word.strip_prefix(keyword).is_some_and(affix)
            || word.strip_suffix(keyword).is_some_and(affix)
    };
    Likelihood::ALL
        .into_iter()
        .filter(|l| l.keyword().len().abs_diff(n) <= limit && !derived(l.keyword()))
        .map(|l| (edit_distance(word, l.keyword()), l))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, l)| l)
}

/// Whether `used` (a premise or expectation) is the written atom's predicate with the same
/// last argument: then that argument is meant.
fn same_use(used: &ast::Atom, written: &ast::Atom) -> bool {
    used.predicate.text == written.predicate.text
        && used.args.len() == written.args.len()
        && used.args.last().map(|a| &a.term) == written.args.last().map(|a| &a.term)
}

fn term_text(t: &Term) -> String {
    match t {
        Term::Ident(s) => s.to_string(),
        Term::Int(n) => n.to_string(),
        Term::Str(s) => crate::escape::quoted(s),
        Term::Var(v) => format!("?{v}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspellings_are_close_to_one_level() {
        assert_eq!(misspelled("very_likley"), Some(Likelihood::VeryLikely));
        assert_eq!(misspelled("certian"), Some(Likelihood::Certain));
        assert_eq!(misspelled("unlikly"), Some(Likelihood::Unlikely));
        assert_eq!(misspelled("latin_america"), None);
        assert_eq!(misspelled("rise"), None);
        assert_eq!(misspelled("likely_"), Some(Likelihood::Likely));
    }

    #[test]
    fn a_level_with_letters_added_is_a_word_of_its_own() {
        assert_eq!(misspelled("uncertain"), None);
        assert_eq!(misspelled("certainty"), None);
        assert_eq!(misspelled("certainly"), None);
    }

    #[test]
    fn an_open_question_or_an_assumable_uses_the_atom_as_written() {
        use crate::Analysis;
        let misspelled = |text: &str| match Analysis::parse("t.augur", text) {
            Ok(_) => false,
            Err(problems) => format!("{problems:?}").contains("MisspelledLikelihood"),
        };
        assert!(misspelled("fact debate is lively\n"));
        assert!(!misspelled(
            "fact debate is lively\nopen x y when debate is lively\n"
        ));
        assert!(!misspelled(
            "fact debate is lively\nopen debate is lively\n"
        ));
        assert!(!misspelled(
            "assumable ?x is lively\nscenario s { assume debate is lively }\n"
        ));
    }
}
