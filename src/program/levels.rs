//! Likelihoods written so that they read as part of an atom: `... fall very_likley` (a
//! misspelling, so the rule is `certain` and concludes `housing_starts fall very_likley`)
//! or `... increase very likely` (split, so the rule is `likely` and concludes
//! `rents increase very`). Both change the answer silently, so both are errors. Checked on
//! the syntax tree, before lowering, so that the report stands beside the arity mismatch
//! the extra argument usually causes.

use compact_str::CompactString;

use super::error::CheckError;
use super::suggest::edit_distance;
use crate::hash::HashSet;
use crate::likelihood::Likelihood;
use crate::source::SourceMap;
use crate::syntax::ast::{self, Item, Term};

/// The check over a whole program, fed one item at a time (the parser hands over a large
/// file in pieces, each dropped once lowered): the reports in the order the atoms are
/// written, and, of the atoms used without a level, only the keys a misspelling's report
/// needs (an atom used as written elsewhere is meant as written).
#[derive(Default)]
pub(super) struct Levels {
    /// Each report, with the key of a misspelling, which stands only if no atom uses it.
    found: Vec<(CheckError, Option<UseKey>)>,
    /// The keys of the atoms used whose last word is near a level.
    used: HashSet<UseKey>,
}

/// An atom's predicate, its number of arguments and its last word: a use with the same key
/// as a written atom's is that atom, meant as written.
type UseKey = (CompactString, usize, CompactString);

/// An atom with the level written after it, as in a fact, an assumption or a rule.
struct Written<'a> {
    atom: &'a ast::Atom,
    level: Option<ast::Level>,
}

impl Levels {
    /// Takes in one item's atoms.
    pub(super) fn item(&mut self, sources: &SourceMap, item: &Item) {
        let (found, used) = (&mut self.found, &mut self.used);
        visit(
            item,
            |w| found.extend(misread(sources, &w)),
            |atom| {
                if let Some(key) = near_level(atom) {
                    used.insert(key);
                }
            },
        );
    }

    /// The reports, in the order the atoms were written.
    pub(super) fn finish(self) -> Vec<CheckError> {
        let used = self.used;
        self.found
            .into_iter()
            .filter(|(_, key)| key.as_ref().is_none_or(|k| !used.contains(k)))
            .map(|(report, _)| report)
            .collect()
    }
}

/// The key of an atom of two arguments or more whose last word is a misspelled level.
fn near_level(atom: &ast::Atom) -> Option<UseKey> {
    let last = atom.args.last().filter(|_| atom.args.len() >= 2)?;
    let Term::Ident(word) = &last.term else {
        return None;
    };
    misspelled(word)?;
    Some((atom.predicate.text.clone(), atom.args.len(), word.clone()))
}

/// Calls `written` on each of an item's atoms with a level written after it, and `used` on
/// each of its atoms used without one (callbacks, not collections: this runs for every item).
fn visit<'a>(
    item: &'a Item,
    mut written: impl FnMut(Written<'a>),
    mut used: impl FnMut(&'a ast::Atom),
) {
    match item {
        Item::Fact(f) => written(Written {
            atom: &f.atom,
            level: f.level,
        }),
        Item::Assume(a) => written(Written {
            atom: &a.atom,
            level: a.level,
        }),
        Item::Scenario(s) => s.assumes.iter().for_each(|a| {
            written(Written {
                atom: &a.atom,
                level: a.level,
            });
        }),
        Item::Rule(r) => {
            r.premises.iter().for_each(|l| used(&l.atom));
            if let Some(last) = r.conclusions.last() {
                written(Written {
                    atom: last,
                    level: r.level,
                });
            }
        }
        Item::Conflict(c) => c.premises.iter().for_each(|l| used(&l.atom)),
        // An open question's atom and its condition are written as meant, as is what a
        // scenario may assume.
        Item::Assumable(a) => used(&a.atom),
        // An observation's credibility is written after it as a fact's likelihood is.
        Item::Observed(o) => written(Written {
            atom: &o.atom,
            level: o.level,
        }),
        Item::Indicator(i) => used(&i.atom),
        Item::Open(o) => {
            used(&o.atom);
            o.when.iter().for_each(|l| used(&l.atom));
        }
        Item::Test(t) => t.expects.iter().for_each(|e| match &e.kind {
            ast::ExpectKind::Holds { atom, .. }
            | ast::ExpectKind::NotHolds { atom }
            | ast::ExpectKind::Open { atom }
            | ast::ExpectKind::Probability { atom, .. } => used(atom),
            ast::ExpectKind::Conflict { .. } | ast::ExpectKind::NotConflict { .. } => {}
        }),
        Item::Document(_) => {}
    }
}

/// The report for an atom whose last argument reads as part of its level, if it does; for
/// a misspelling, with the atom's key, whose use elsewhere withdraws the report.
fn misread(sources: &SourceMap, w: &Written<'_>) -> Option<(CheckError, Option<UseKey>)> {
    let last = w.atom.args.last().filter(|_| w.atom.args.len() >= 2)?;
    let Term::Ident(word) = &last.term else {
        return None;
    };
    let found = match w.level {
        // A probability (`very 0.9`) spells no level with the word before it.
        Some(level) if level.probability.is_some() => None,
        // `very likely`: the word and the level spell one level.
        Some(level) => Likelihood::from_keyword(&format!("{word}_{}", level.value)).map(|fix| {
            (
                fix,
                last.span.to(level.span),
                format!("{word} {}", level.value),
                None,
            )
        }),
        // `very_likley`: a misspelling, unless the atom is used as written elsewhere.
        None => misspelled(word).map(|fix| {
            let key = (
                w.atom.predicate.text.clone(),
                w.atom.args.len(),
                word.clone(),
            );
            (fix, last.span, word.to_string(), Some(key))
        }),
    };
    let (fix, span, written, key) = found?;
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
    let report = CheckError::MisspelledLikelihood {
        written,
        fix: fix.to_string(),
        span: span.into(),
        help,
        src: sources.named_source(span),
    };
    Some((report, key))
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
        // Every atom a program writes with two arguments or more asks this of its last
        // word: a bound that costs a pass over the word rules most words out before the
        // quadratic distance (half of the check of W2 as data, before).
        .filter(|l| foreign(word, l.keyword()) <= limit)
        .map(|l| (edit_distance(word, l.keyword()), l))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, l)| l)
}

/// How many characters of `word`, counted with repeats, `keyword` has none of: a lower
/// bound on their [`edit_distance`], since each such character is deleted or substituted
/// (a transposition moves only characters both words have), one per edit.
fn foreign(word: &str, keyword: &str) -> usize {
    // Keywords are lowercase ASCII and `_`: one bit each.
    let bit = |c: char| match c {
        'a'..='z' => 1u32 << (u32::from(c) - u32::from('a')),
        '_' => 1 << 26,
        _ => 0,
    };
    let present = keyword.chars().fold(0, |m, c| m | bit(c));
    word.chars().filter(|&c| bit(c) & present == 0).count()
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
    fn the_foreign_bound_never_exceeds_the_distance() {
        // Words near and far from the levels, from a generator over their letters, digits
        // and a non-ASCII letter: the bound is a lower bound, so `misspelled` answers as the
        // distance alone would.
        let alphabet: Vec<char> = "aceiklnorstuvy_1é".chars().collect();
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % n as u64).unwrap_or(0)
        };
        let mut words: Vec<String> = Vec::new();
        for level in Likelihood::ALL {
            let keyword: Vec<char> = level.keyword().chars().collect();
            for _ in 0..300 {
                let mut w = keyword.clone();
                for _ in 0..=next(3) {
                    let at = next(w.len() + 1);
                    match next(3) {
                        0 if at < w.len() => drop(w.remove(at)),
                        1 if at < w.len() => w[at] = alphabet[next(alphabet.len())],
                        _ => w.insert(at, alphabet[next(alphabet.len())]),
                    }
                }
                words.push(w.into_iter().collect());
            }
        }
        for _ in 0..3000 {
            let len = 1 + next(16);
            words.push((0..len).map(|_| alphabet[next(alphabet.len())]).collect());
        }
        let mut near = 0;
        for word in &words {
            for level in Likelihood::ALL {
                let (bound, d) = (
                    foreign(word, level.keyword()),
                    edit_distance(word, level.keyword()),
                );
                assert!(bound <= d, "{word} against {level}: {bound} > {d}");
                near += usize::from(d <= 2);
            }
        }
        assert!(
            near > 1000,
            "the words test the bound near the levels too ({near})"
        );
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
