//! The engine against a reference evaluator written to be obviously correct: naive
//! fixpoint iteration over every variable assignment, no indexes, no deltas. Random
//! stratified programs with joins, constants, negation, recursion and likelihoods must give
//! the same likelihood for every atom, and every proof `why` returns must be valid and of
//! minimal height.

use std::collections::HashMap;

use augur::engine::Options;
use augur::explain::{self, By, Proof};
use augur::{Analysis, Likelihood};
use proptest::prelude::*;

mod common;
use common::programs::*;

/// Likelihood of every atom that holds: naive fixpoint, stratum by rank.
fn reference(p: &Prog) -> HashMap<Atom, usize> {
    let mut val: HashMap<Atom, usize> = HashMap::new();
    for (pred, args, l) in p.facts.iter().chain(&p.assumes) {
        let e = val.entry((*pred, args.clone())).or_insert(*l);
        *e = (*e).max(*l);
    }
    let max_rank = p.rank.iter().copied().max().unwrap_or(0);
    for rank in 0..=max_rank {
        loop {
            let mut changed = false;
            for r in p.rules.iter().filter(|r| p.rank[r.head.pred] == rank) {
                for env in assignments() {
                    let premises: Option<Vec<usize>> = r
                        .pos
                        .iter()
                        .map(|a| val.get(&ground(a, &env)).copied())
                        .collect();
                    let Some(premises) = premises else { continue };
                    if r.neg.iter().any(|a| val.contains_key(&ground(a, &env))) {
                        continue;
                    }
                    let level = premises.into_iter().fold(r.level, usize::min);
                    let head = ground(&r.head, &env);
                    if val.get(&head).is_none_or(|old| level > *old) {
                        val.insert(head, level);
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
    }
    val
}

/// Minimal proof height at threshold `l` for every atom with a proof whose every step is
/// at least `l`: Bellman-Ford style iteration.
fn heights(p: &Prog, holds: &HashMap<Atom, usize>, l: usize) -> HashMap<Atom, u32> {
    let mut h: HashMap<Atom, u32> = HashMap::new();
    for (pred, args, lv) in p.facts.iter().chain(&p.assumes) {
        if *lv >= l {
            h.insert((*pred, args.clone()), 0);
        }
    }
    loop {
        let mut changed = false;
        for r in p.rules.iter().filter(|r| r.level >= l) {
            for env in assignments() {
                let Some(hs) = r
                    .pos
                    .iter()
                    .map(|a| h.get(&ground(a, &env)).copied())
                    .collect::<Option<Vec<u32>>>()
                else {
                    continue;
                };
                if r.neg.iter().any(|a| holds.contains_key(&ground(a, &env))) {
                    continue;
                }
                let new = 1 + hs.into_iter().max().unwrap_or(0);
                let head = ground(&r.head, &env);
                if h.get(&head).is_none_or(|old| new < *old) {
                    h.insert(head, new);
                    changed = true;
                }
            }
        }
        if !changed {
            return h;
        }
    }
}

/// Checks one proof node against the program: its rule derives its atom from its
/// premises, its likelihood is the minimum of the rule's and the premises', and leaves are
/// facts or assumptions of that likelihood.
fn valid(p: &Prog, holds: &HashMap<Atom, usize>, proof: &Proof) -> Result<(), String> {
    match &proof.by {
        By::Fact { .. } => {
            let ok = p.facts.iter().any(|(pr, args, l)| {
                ground_text(&(*pr, args.clone())) == proof.atom
                    && Likelihood::ALL[*l] == proof.likelihood
            });
            if ok {
                Ok(())
            } else {
                Err(format!("no fact {} at {}", proof.atom, proof.likelihood))
            }
        }
        By::Assumed { .. } => {
            let ok = p.assumes.iter().any(|(pr, args, l)| {
                ground_text(&(*pr, args.clone())) == proof.atom
                    && Likelihood::ALL[*l] == proof.likelihood
            });
            if ok {
                Ok(())
            } else {
                Err(format!(
                    "no assumption {} at {}",
                    proof.atom, proof.likelihood
                ))
            }
        }
        By::Absent { .. } => {
            let atom = proof
                .atom
                .strip_prefix("not ")
                .ok_or("absent node without not")?;
            if holds.keys().any(|a| ground_text(a) == atom) {
                Err(format!("{atom} holds but is shown absent"))
            } else {
                Ok(())
            }
        }
        By::Folded { .. } => Err("folded node in a small proof".into()),
        By::Hypothesized { .. } => Err("hypothesis in a plain run".into()),
        By::Rule {
            rule, likelihood, ..
        } => {
            let i: usize = rule
                .trim_start_matches('r')
                .parse()
                .map_err(|_| "bad rule name")?;
            let r = &p.rules[i];
            if Likelihood::ALL[r.level] != *likelihood {
                return Err(format!("rule {rule} shown at {likelihood}"));
            }
            let expected_min = proof
                .premises
                .iter()
                .map(|q| q.likelihood)
                .fold(*likelihood, Ord::min);
            if expected_min != proof.likelihood {
                return Err(format!(
                    "{} at {} but min is {expected_min}",
                    proof.atom, proof.likelihood
                ));
            }
            let instantiates = assignments().any(|env| {
                let g = |a: &At| ground_text(&ground(a, &env));
                g(&r.head) == proof.atom
                    && r.pos.len() + r.neg.len() == proof.premises.len()
                    && r.pos
                        .iter()
                        .zip(&proof.premises)
                        .all(|(a, q)| g(a) == q.atom)
                    && r.neg
                        .iter()
                        .zip(&proof.premises[r.pos.len()..])
                        .all(|(a, q)| format!("not {}", g(a)) == q.atom)
            });
            if !instantiates {
                return Err(format!(
                    "rule {rule} does not derive {} from its premises",
                    proof.atom
                ));
            }
            proof.premises.iter().try_for_each(|q| valid(p, holds, q))
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn engine_matches_reference(p in arb_prog()) {
        check_against_reference(&p)?;
    }

    #[test]
    fn engine_matches_reference_on_ground_rules(p in arb_ground_prog()) {
        check_against_reference(&p)?;
    }

    #[test]
    fn engine_matches_reference_when_every_likelihood_is_one(p in arb_uniform_prog()) {
        check_against_reference(&p)?;
    }
}

/// The engine's likelihoods equal the reference's, and each proof is valid and of minimal
/// height.
fn check_against_reference(p: &Prog) -> Result<(), TestCaseError> {
    let text = p.text();
    let analysis = Analysis::parse("gen.augur", &text)
        .map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
    let model = analysis
        .run("default", &Options::default())
        .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
    let expected = reference(p);
    for atom in all_atoms(p) {
        let text_atom = ground_text(&atom);
        // A predicate no rule or fact mentions is unknown to the program: it holds nowhere.
        let resolved = analysis.atom(&text_atom).ok().flatten();
        let got = resolved.as_ref().and_then(|a| model.likelihood(a));
        let want = expected.get(&atom).map(|l| Likelihood::ALL[*l]);
        prop_assert_eq!(got, want, "atom {} in\n{}", text_atom, text);
        let Some(level) = want else { continue };
        let fail = |what: &str| TestCaseError::fail(format!("{what} {text_atom} in\n{text}"));
        let resolved = resolved.ok_or_else(|| fail("unresolved atom"))?;
        let proof = explain::why(&model, &resolved).ok_or_else(|| fail("no proof of"))?;
        prop_assert_eq!(
            proof.likelihood,
            level,
            "proof of {} in\n{}",
            text_atom,
            text
        );
        if let Err(e) = valid(p, &expected, &proof) {
            prop_assert!(false, "invalid proof of {}: {}\n{}", text_atom, e, text);
        }
        let minimal = heights(p, &expected, level.rank())[&atom];
        prop_assert_eq!(
            proof.height,
            minimal,
            "proof of {} is not of minimal height in\n{}",
            text_atom,
            text
        );
    }
    Ok(())
}
