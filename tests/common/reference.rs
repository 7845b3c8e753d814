//! The reference evaluator, written to be obviously correct: the program grounded over its
//! constants, local strata from the ground atoms' dependency graph, and naive fixpoint
//! iteration, no indexes, no deltas; and the checks of the engine against it (every atom's
//! likelihood, every proof's validity and minimal height). Shared by `tests/reference.rs` and
//! `tests/fast_paths.rs`, which include it with `#[path]` beside `mod common`.

use std::collections::HashMap;

use augur::engine::{Model, Options};
use augur::explain::{self, By, Proof};
use augur::{Analysis, Likelihood};
use proptest::prelude::*;

use crate::common::programs::*;

/// The likelihood of `not X` given the atoms that hold: `certain` (7) when X does not
/// hold, none when X is certain, else the mirror of X's on the ICD 203 scale.
pub fn not_value(val: &HashMap<Atom, usize>, atom: &Atom) -> Option<usize> {
    const MIRROR: [usize; 7] = [6, 5, 4, 3, 2, 1, 0];
    match val.get(atom) {
        None => Some(7),
        Some(&l) => MIRROR.get(l).copied(),
    }
}

/// Likelihood of every atom that holds: naive fixpoint, local stratum by local stratum.
/// `blocked` atoms (`assume not`) never hold.
pub fn reference(p: &Prog, blocked: &[Atom]) -> HashMap<Atom, usize> {
    let mut val: HashMap<Atom, usize> = HashMap::new();
    let leaves = p.facts.iter().chain(&p.assumes);
    for (pred, args, l) in leaves.filter(|(pr, a, _)| !blocked.contains(&(*pr, a.clone()))) {
        let e = val.entry((*pred, args.clone())).or_insert(*l);
        *e = (*e).max(*l);
    }
    for stratum in local_strata(p) {
        loop {
            let mut changed = false;
            for (r, envs) in &stratum {
                for &env in envs {
                    let premises: Option<Vec<usize>> = r
                        .pos
                        .iter()
                        .map(|a| val.get(&ground(a, &env)).copied())
                        .collect();
                    let Some(premises) = premises else { continue };
                    let negs: Option<Vec<usize>> = r
                        .neg
                        .iter()
                        .map(|a| not_value(&val, &ground(a, &env)))
                        .collect();
                    let Some(negs) = negs else { continue };
                    let level = premises.into_iter().chain(negs).fold(r.level, usize::min);
                    let head = ground(&r.head, &env);
                    if blocked.contains(&head) {
                        continue;
                    }
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

/// A rule and the variable values of its instances in one local stratum.
type Instances<'p> = (&'p R, Vec<[usize; 3]>);

/// The program grounded over its four constants, in local strata: the strongly connected
/// components of the ground atoms' dependency graph (a head depends on each premise of
/// each of its ground instances), dependencies first, each with the rule instances that
/// conclude into it. Evaluating them in order gives the perfect model of a locally
/// stratified program, independently of how the engine stratifies by pattern. Panics
/// when a `not` lies inside a component: the generators make no such program.
fn local_strata(p: &Prog) -> Vec<Vec<Instances<'_>>> {
    let atoms = all_atoms(p);
    let id: HashMap<&Atom, usize> = atoms.iter().enumerate().map(|(i, a)| (a, i)).collect();
    let mut edges: Vec<(usize, usize, bool)> = Vec::new();
    let mut instances: Vec<(usize, usize, [usize; 3])> = Vec::new();
    for (ri, r) in p.rules.iter().enumerate() {
        for env in assignments() {
            let head = id[&ground(&r.head, &env)];
            instances.push((head, ri, env));
            for a in &r.pos {
                edges.push((id[&ground(a, &env)], head, false));
            }
            for a in &r.neg {
                edges.push((id[&ground(a, &env)], head, true));
            }
        }
    }
    // Kosaraju: finishing order on the graph, then components on the reverse graph in
    // reverse finishing order, which numbers them dependencies first.
    let n = atoms.len();
    let mut succ = vec![Vec::new(); n];
    let mut pred = vec![Vec::new(); n];
    for &(from, to, _) in &edges {
        succ[from].push(to);
        pred[to].push(from);
    }
    fn finish(v: usize, succ: &[Vec<usize>], seen: &mut [bool], order: &mut Vec<usize>) {
        seen[v] = true;
        for &w in &succ[v] {
            if !seen[w] {
                finish(w, succ, seen, order);
            }
        }
        order.push(v);
    }
    let (mut seen, mut order) = (vec![false; n], Vec::new());
    for v in 0..n {
        if !seen[v] {
            finish(v, &succ, &mut seen, &mut order);
        }
    }
    let mut comp = vec![usize::MAX; n];
    let mut count = 0;
    for &root in order.iter().rev() {
        if comp[root] != usize::MAX {
            continue;
        }
        let mut stack = vec![root];
        comp[root] = count;
        while let Some(v) = stack.pop() {
            for &w in &pred[v] {
                if comp[w] == usize::MAX {
                    comp[w] = count;
                    stack.push(w);
                }
            }
        }
        count += 1;
    }
    // Components come out sources first: what an atom depends on is numbered before it.
    for &(from, to, negated) in &edges {
        assert!(comp[from] <= comp[to], "components out of order");
        assert!(
            !(negated && comp[from] == comp[to]),
            "not locally stratified"
        );
    }
    let mut out: Vec<Vec<Instances<'_>>> = vec![Vec::new(); count];
    for (head, ri, env) in instances {
        let stratum = &mut out[comp[head]];
        match stratum
            .iter_mut()
            .find(|(r, _)| std::ptr::eq(*r, &p.rules[ri]))
        {
            Some((_, envs)) => envs.push(env),
            None => stratum.push((&p.rules[ri], vec![env])),
        }
    }
    out
}

/// Minimal proof height at threshold `l` for every atom with a proof whose every step is
/// at least `l`: Bellman-Ford style iteration.
/// A `not X` premise is a step of height 0 of its likelihood ([`not_value`]).
pub fn heights(p: &Prog, holds: &HashMap<Atom, usize>, l: usize) -> HashMap<Atom, u32> {
    let mut h: HashMap<Atom, u32> = HashMap::new();
    for (pred, args, lv) in p.facts.iter().chain(&p.assumes) {
        if *lv >= l && holds.contains_key(&(*pred, args.clone())) {
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
                if r.neg
                    .iter()
                    .any(|a| not_value(holds, &ground(a, &env)).is_none_or(|m| m < l))
                {
                    continue;
                }
                let new = 1 + hs.into_iter().max().unwrap_or(0);
                let head = ground(&r.head, &env);
                if !holds.contains_key(&head) {
                    continue; // blocked
                }
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

/// What a proof is checked against: the program as the run sees it (its assumptions the
/// run's), the atoms that hold and their likelihoods (by the reference), the atoms the run
/// forbids, and a what-if run's change.
pub struct Checked<'a> {
    pub p: &'a Prog,
    pub holds: &'a HashMap<Atom, usize>,
    pub blocked: &'a [Atom],
    pub what_if: Option<&'a Change>,
}

impl Checked<'_> {
    /// Checks one proof node: its rule derives its atom from its premises, its likelihood
    /// is the minimum of the rule's and the premises', and leaves are facts or assumptions
    /// of that likelihood, or hypotheses the what-if adds (none in a plain run). A `not X`
    /// node is `certain` because X does not hold, or is forbidden, or has the mirror of X's
    /// likelihood, with a valid proof of X at X's likelihood.
    pub fn valid(&self, proof: &Proof) -> Result<(), String> {
        match &proof.by {
            By::Fact { .. } | By::Assumed { .. } | By::Hypothesized { .. } => self.leaf(proof),
            By::Absent { .. } | By::Forbidden { .. } | By::Negation { .. } => self.negation(proof),
            By::Folded { .. } => Err("folded node in a small proof".into()),
            By::Rule { rule } => {
                let rule = proof.program().rule(*rule);
                self.rule(proof, &rule.name, rule.level)
            }
        }
    }

    /// A fact, assumption or what-if's added atom at the proof's likelihood.
    fn leaf(&self, proof: &Proof) -> Result<(), String> {
        let with_level = |(q, a, l): &(usize, Vec<usize>, usize)| ((*q, a.clone()), *l);
        let (what, leaves): (&str, Vec<(Atom, usize)>) = match proof.by {
            By::Fact { .. } => ("fact", self.p.facts.iter().map(with_level).collect()),
            By::Assumed { .. } => (
                "assumption",
                self.p.assumes.iter().map(with_level).collect(),
            ),
            _ => (
                "added atom",
                self.what_if.map(|c| c.added.clone()).unwrap_or_default(),
            ),
        };
        let ok = leaves.iter().any(|(atom, l)| {
            ground_text(atom) == proof.atom_text() && Likelihood::ALL[*l] == proof.likelihood
        });
        if ok {
            Ok(())
        } else {
            Err(format!(
                "no {what} {} at {}",
                proof.atom_text(),
                proof.likelihood
            ))
        }
    }

    /// The atom X of a `not X` node whose likelihood is the one `not X` has.
    fn negated(&self, proof: &Proof) -> Result<Atom, String> {
        if !proof.atom.negated {
            return Err("negation node without not".into());
        }
        let atom = proof.program().show_atom(&proof.atom.atom);
        let found = all_atoms(self.p)
            .into_iter()
            .find(|a| ground_text(a) == atom);
        let found = found.ok_or_else(|| format!("unknown atom {atom}"))?;
        let want = not_value(self.holds, &found).map(|m| Likelihood::ALL[m]);
        if want != Some(proof.likelihood) {
            return Err(format!(
                "{} at {} but should be {want:?}",
                proof.atom_text(),
                proof.likelihood
            ));
        }
        Ok(found)
    }

    fn negation(&self, proof: &Proof) -> Result<(), String> {
        let atom = self.negated(proof)?;
        let forbidden = self.blocked.contains(&atom);
        match &proof.by {
            By::Absent => {
                if self.holds.contains_key(&atom) || forbidden {
                    return Err(format!(
                        "{} holds or is forbidden but is shown absent",
                        proof.atom_text()
                    ));
                }
                Ok(())
            }
            By::Forbidden { .. } if !forbidden => {
                Err(format!("{} shown forbidden", proof.atom_text()))
            }
            By::Negation { negation_of } => {
                let level = self.holds.get(&atom).map(|l| Likelihood::ALL[*l]);
                if negation_of.atom_text() != ground_text(&atom)
                    || level != Some(negation_of.likelihood)
                {
                    return Err(format!("{} mirrors a wrong proof", proof.atom_text()));
                }
                if proof.height != 0 {
                    return Err(format!("{} is no rule application", proof.atom_text()));
                }
                self.valid(negation_of)
            }
            _ => Ok(()),
        }
    }

    /// A rule node: the rule's likelihood, the weakest link, an instance of the rule whose
    /// head is the atom and whose premises are the premises', each valid.
    fn rule(&self, proof: &Proof, rule: &str, likelihood: Likelihood) -> Result<(), String> {
        let i: usize = rule
            .trim_start_matches('r')
            .parse()
            .map_err(|_| "bad rule name")?;
        let r = &self.p.rules[i];
        if Likelihood::ALL[r.level] != likelihood {
            return Err(format!("rule {rule} shown at {likelihood}"));
        }
        let expected_min = proof
            .premises
            .iter()
            .map(|q| q.likelihood)
            .fold(likelihood, Ord::min);
        if expected_min != proof.likelihood {
            return Err(format!(
                "{} at {} but min is {expected_min}",
                proof.atom_text(),
                proof.likelihood
            ));
        }
        let instantiates = assignments().any(|env| {
            let g = |a: &At| ground_text(&ground(a, &env));
            g(&r.head) == proof.atom_text()
                && r.pos.len() + r.neg.len() == proof.premises.len()
                && r.pos
                    .iter()
                    .zip(&proof.premises)
                    .all(|(a, q)| g(a) == q.atom_text())
                && r.neg
                    .iter()
                    .zip(&proof.premises[r.pos.len()..])
                    .all(|(a, q)| format!("not {}", g(a)) == q.atom_text())
        });
        if !instantiates {
            return Err(format!(
                "rule {rule} does not derive {} from its premises",
                proof.atom_text()
            ));
        }
        proof.premises.iter().try_for_each(|q| self.valid(q))
    }
}

/// The engine's likelihoods equal the reference's, and each proof is valid and of minimal
/// height: in the program's own default scenario, and in each of its generated scenarios
/// (where `assume not` forbids atoms, and `extends` inherits, overrides and lifts lines).
pub fn check_against_reference(p: &Prog) -> Result<(), TestCaseError> {
    check_scenario(p, &p.text(), "default", &[])?;
    let text = p.text_with_scenarios();
    for i in 0..p.scenarios.len() {
        let (view, blocked) = p.scenario_view(&p.effective_lines(i));
        check_scenario(&view, &text, &format!("s{i}"), &blocked)?;
    }
    Ok(())
}

/// One scenario of `text` against the reference over `p` (its facts and assumptions are
/// the scenario's), `blocked` being the atoms it forbids.
pub fn check_scenario(
    p: &Prog,
    text: &str,
    scenario: &str,
    blocked: &[Atom],
) -> Result<(), TestCaseError> {
    let analysis = Analysis::parse("gen.augur", text)
        .map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
    let model = analysis
        .run(scenario, &Options::default())
        .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
    let context = format!("scenario {scenario} of\n{text}");
    check_model(p, &analysis, &model, blocked, None, &context)
}

/// One model against the reference over `p` (whose facts and assumptions are the run's),
/// `blocked` being the atoms the run forbids, `what_if` the change of a what-if run (proofs
/// show its added atoms as hypotheses); `context` names the run in failures.
pub fn check_model(
    p: &Prog,
    analysis: &Analysis,
    model: &Model<'_>,
    blocked: &[Atom],
    what_if: Option<&Change>,
    context: &str,
) -> Result<(), TestCaseError> {
    let expected = reference(p, blocked);
    // Minimal proof heights, per likelihood rank: computed once for every atom.
    let mut minimal: [Option<HashMap<Atom, u32>>; 8] = Default::default();
    for atom in all_atoms(p) {
        let text_atom = ground_text(&atom);
        // An atom no rule, fact or assumption can produce is refused: it holds nowhere.
        let resolved = analysis.atom(&text_atom).ok();
        let got = resolved.as_ref().and_then(|a| model.likelihood(a));
        let want = expected.get(&atom).map(|l| Likelihood::ALL[*l]);
        prop_assert_eq!(got, want, "atom {} in {}", text_atom, context);
        let Some(level) = want else { continue };
        let fail = |what: &str| TestCaseError::fail(format!("{what} {text_atom} in {context}"));
        let resolved = resolved.ok_or_else(|| fail("unresolved atom"))?;
        let proof = explain::why(model, &resolved).ok_or_else(|| fail("no proof of"))?;
        prop_assert_eq!(
            proof.likelihood,
            level,
            "proof of {} in {}",
            text_atom,
            context
        );
        let checked = Checked {
            p,
            holds: &expected,
            blocked,
            what_if,
        };
        if let Err(e) = checked.valid(&proof) {
            prop_assert!(
                false,
                "invalid proof of {}: {} in {}",
                text_atom,
                e,
                context
            );
        }
        let rank = level.rank();
        let minimal = minimal[rank].get_or_insert_with(|| heights(p, &expected, rank));
        prop_assert_eq!(
            proof.height,
            minimal[&atom],
            "proof of {} is not of minimal height in {}",
            text_atom,
            context
        );
    }
    Ok(())
}
