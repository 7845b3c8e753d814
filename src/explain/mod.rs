//! Model to proofs: why an atom holds, as a tree back to facts and assumptions, with every
//! rule's citations. Proofs are rebuilt from the heights the engine recorded; nothing is
//! evaluated again.

pub mod render;

use std::ops::ControlFlow;

use serde::Serialize;

use crate::engine::{Leaf, Model, TupleId};
use crate::likelihood::Likelihood;
use crate::program::{GroundAtom, PredId, Program};
use crate::source::Location;

/// Subproofs deeper than this are folded when a proof is built, so that proof trees of
/// very long chains stay printable and serializable.
pub const MAX_PROOF_DEPTH: usize = 256;

/// A citation in a proof.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CiteRef {
    /// The document's name.
    pub document: String,
    /// The quoted sentence.
    pub quote: String,
}

impl std::fmt::Display for CiteRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        crate::program::show_cite(f, &self.document, &self.quote)
    }
}

impl From<&crate::program::Cite> for CiteRef {
    fn from(c: &crate::program::Cite) -> Self {
        CiteRef {
            document: c.document.clone(),
            quote: c.quote.clone(),
        }
    }
}

/// How a proof node was established.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum By {
    /// A rule application.
    Rule {
        /// The rule's name.
        rule: String,
        /// Its file.
        file: String,
        /// Its line.
        line: usize,
        /// The rule's own likelihood.
        likelihood: Likelihood,
        /// Its citations.
        cites: Vec<CiteRef>,
    },
    /// A fact.
    Fact {
        /// Where it is declared, and the sentences it rests on.
        fact: FactPlace,
    },
    /// An assumption of a scenario.
    Assumed {
        /// The scenario whose block holds the `assume` line.
        assumed: String,
        /// The line's file.
        file: String,
        /// The line.
        line: usize,
    },
    /// An atom added by a what-if run (a nearest miss being tried).
    Hypothesized {
        /// Always true.
        hypothesized: bool,
    },
    /// A `not X` premise that is `certain` because X does not hold at all.
    Absent {
        /// Always true.
        absent: bool,
    },
    /// A `not X` premise that is `certain` because the scenario forbids X (`assume not X`).
    Forbidden {
        /// The `assume not` line.
        forbidden: ForbiddenBy,
    },
    /// A `not X` premise whose X holds below `certain`: `not X` has the mirrored
    /// likelihood ([`Likelihood::negated`]), and X's strongest proof is the reason.
    Negation {
        /// The proof of X.
        negation_of: Box<Proof>,
    },
    /// A subproof not built because it lies deeper than [`MAX_PROOF_DEPTH`].
    Folded {
        /// Always true.
        folded: bool,
    },
}

/// Where a fact is declared and what it cites.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FactPlace {
    /// The file.
    pub file: String,
    /// The line.
    pub line: usize,
    /// Its citations.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<CiteRef>,
}

/// The `assume not` line that forbids an atom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ForbiddenBy {
    /// The scenario whose block holds the line (the one asked about, or one it extends).
    pub scenario: String,
    /// The line's file.
    pub file: String,
    /// The line.
    pub line: usize,
}

/// A file and line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The file.
    pub file: String,
    /// The line.
    pub line: usize,
}

impl From<Location> for Place {
    fn from(l: Location) -> Self {
        Place {
            file: l.file,
            line: l.line,
        }
    }
}

/// A proof tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Proof {
    /// The atom proved (`not X` for a negated premise), canonical form.
    pub atom: String,
    /// The likelihood this proof gives: the minimum over its rules and leaves.
    pub likelihood: Likelihood,
    /// How the atom is established.
    pub by: By,
    /// Proofs of the premises, in written order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub premises: Vec<Proof>,
    /// Rule applications on the longest path to a leaf.
    #[serde(skip)]
    pub height: u32,
}

/// An open question: where it is declared and what it cites.
#[derive(Clone, Debug, Serialize)]
pub struct LeftOpen {
    /// The declaration.
    pub place: Place,
    /// For a conditional question, its premises as written: they hold in this scenario.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arises_when: Option<String>,
    /// Its citations.
    pub cites: Vec<CiteRef>,
}

/// The `open` declaration that leaves `atom` undecided in this scenario, if one does (see
/// [`Model::is_open`]).
pub fn left_open(model: &Model<'_>, atom: &GroundAtom) -> Option<LeftOpen> {
    let p = model.program();
    let open = model.is_open(atom)?;
    Some(LeftOpen {
        place: p.sources().location(open.span).into(),
        arises_when: open.is_conditional().then(|| condition(p, open)),
        cites: open.cites.iter().map(CiteRef::from).collect(),
    })
}

/// For an atom declared open only under premises that fail in this scenario, a sentence
/// saying so: it reads as false here, not as undecided.
pub fn open_elsewhere(model: &Model<'_>, atom: &GroundAtom) -> Option<String> {
    if model.is_open(atom).is_some() || model.likelihood(atom).is_some() {
        return None;
    }
    let p = model.program();
    let open = p.open_declarations(atom).find(|o| o.is_conditional())?;
    let at = p.sources().location(open.span);
    Some(format!(
        "it is an open question only when {} (declared at {}:{}), which does not hold in scenario {}",
        condition(p, open),
        at.file,
        at.line,
        p.scenarios()[model.scenario().index()].name
    ))
}

/// A conditional question's premises as written: `a p and not b q`.
fn condition(p: &Program, open: &crate::program::Open) -> String {
    let premises: Vec<String> = open
        .when
        .iter()
        .map(|w| {
            let atom = p.show_pattern(&w.atom, &open.vars);
            if w.negated {
                format!("not {atom}")
            } else {
                atom
            }
        })
        .collect();
    premises.join(" and ")
}

/// The strongest proof of `atom` (its likelihood is the atom's), and among those one of
/// minimal height; `None` when the atom does not hold, or when the model was evaluated
/// without provenance.
pub fn why(model: &Model<'_>, atom: &GroundAtom) -> Option<Proof> {
    why_within(model, atom, Limits::PRODUCTION)
}

/// [`why`] within `limits`.
fn why_within(model: &Model<'_>, atom: &GroundAtom, limits: Limits) -> Option<Proof> {
    if !model.has_provenance() {
        return None;
    }
    let t = model.find(atom)?;
    let heights = model.relation(atom.pred).heights(t);
    let level = heights.iter().rposition(|&h| h != crate::engine::INF)?;
    let mut cx = Cx::within(model.program(), limits);
    Some(strongest(model, atom.pred, t, level, 0, &mut cx))
}

/// What [`strongest`] builds a node from: a tuple at a level, or a `not` premise.
enum Strong {
    Tuple(PredId, TupleId, usize),
    Not(GroundAtom),
}

/// The lowest proof of a tuple whose every step is at least `level`, its root at `depth`.
fn strongest(
    model: &Model<'_>,
    pred: PredId,
    t: TupleId,
    level: usize,
    depth: usize,
    cx: &mut Cx,
) -> Proof {
    let root = Strong::Tuple(pred, t, level);
    build(
        model.program(),
        root,
        depth,
        cx,
        &mut |spec, depth, cx, fold| match spec {
            Strong::Not(atom) => Build::Done(negation_within(model, &atom, depth, cx)),
            Strong::Tuple(pred, t, level) => strongest_step(model, cx, pred, t, level, fold),
        },
    )
}

/// One node of a strongest proof: a leaf, a fold, or the rule application whose premises'
/// heights are one lower.
fn strongest_step(
    model: &Model<'_>,
    cx: &Cx,
    pred: PredId,
    t: TupleId,
    level: usize,
    fold: bool,
) -> Build<Strong> {
    let p = model.program();
    let atom = model.atom(pred, t);
    let text = p.show_atom(&atom);
    let target = model.relation(pred).heights(t)[level];
    if target == 0
        && let Some((leaf, value)) = model.leaf(pred, t)
    {
        return Build::Done(Proof {
            atom: text,
            likelihood: value,
            by: leaf_by(p, leaf),
            premises: Vec::new(),
            height: 0,
        });
    }
    let folded = Proof {
        atom: text.clone(),
        likelihood: Likelihood::ALL[level],
        by: By::Folded { folded: true },
        premises: Vec::new(),
        height: target,
    };
    if fold {
        return Build::Done(folded);
    }
    let mut found = None;
    let mut visit = |d: &crate::engine::Derivation| {
        let rule = p.rule(d.rule);
        if rule.level.rank() >= level && d.premise_heights[level].checked_add(1) == Some(target) {
            found = Some(d.clone());
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    };
    let _ = cx
        .concluding(pred)
        .iter()
        .try_for_each(|&r| model.derivations_by(r, &atom, &mut visit));
    // Unreachable at a fixpoint (some derivation attains the recorded height); shown as a
    // fold rather than a panic.
    let Some(d) = found else {
        return Build::Done(folded);
    };
    let rule = p.rule(d.rule);
    let premises = rule
        .premises
        .iter()
        .zip(&d.premises)
        .map(|(prem, m)| match m {
            Some((pp, pt)) => Strong::Tuple(*pp, *pt, level),
            None => Strong::Not(prem.atom.ground(&d.bindings)),
        })
        .collect();
    Build::Rule {
        rule: d.rule,
        atom: text,
        premises,
    }
}

/// A proof shows at most this many rule applications; past them (in drawing order) its
/// subproofs are folded, so that a proof whose subproofs share atoms (each drawn in full
/// wherever it is used) stays small.
pub const MAX_PROOF_STEPS: usize = 10_000;

/// What the proofs built for one answer share: the rule applications a proof may still
/// show, and the rules concluding each predicate (so that an atom tries only those).
pub(crate) struct Cx {
    /// Rule applications left before subproofs are folded.
    pub(crate) steps_left: usize,
    /// The limits this answer is built within.
    pub(crate) limits: Limits,
    concluders: Vec<Vec<crate::program::RuleId>>,
}

/// The limits a proof is built within: the production ones are the constants; tests pass
/// small ones to check each at its boundary without building huge programs.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// Subproofs at this depth or deeper are folded ([`MAX_PROOF_DEPTH`]).
    pub(crate) depth: usize,
    /// Rule applications a proof shows ([`MAX_PROOF_STEPS`]).
    pub(crate) steps: usize,
    /// Rule applications read while mapping the proof graph ([`all::MAX_GRAPH_STEPS`]).
    pub(crate) graph_steps: usize,
}

impl Limits {
    /// The limits every answer is built within.
    pub(crate) const PRODUCTION: Limits = Limits {
        depth: MAX_PROOF_DEPTH,
        steps: MAX_PROOF_STEPS,
        graph_steps: all::MAX_GRAPH_STEPS,
    };
}

impl Cx {
    pub(crate) fn new(p: &Program) -> Cx {
        Cx::within(p, Limits::PRODUCTION)
    }

    /// [`Cx::new`] with the given limits.
    pub(crate) fn within(p: &Program, limits: Limits) -> Cx {
        let mut concluders = vec![Vec::new(); p.predicates().len()];
        for (r, rule) in p.rules().iter().enumerate() {
            let mut preds: Vec<PredId> = rule.conclusions.iter().map(|c| c.pred).collect();
            preds.sort_unstable();
            preds.dedup();
            for pred in preds {
                concluders[pred.index()].push(crate::program::RuleId::from_index(r));
            }
        }
        Cx {
            steps_left: limits.steps,
            limits,
            concluders,
        }
    }

    /// The rules with a conclusion of predicate `pred`, in declaration order.
    pub(crate) fn concluding(&self, pred: PredId) -> &[crate::program::RuleId] {
        self.concluders.get(pred.index()).map_or(&[], Vec::as_slice)
    }
}

/// One step of building a proof: a finished node, or a rule application whose premises are
/// still to build.
pub(crate) enum Build<S> {
    Done(Proof),
    Rule {
        rule: crate::program::RuleId,
        atom: String,
        premises: Vec<S>,
    },
}

/// Builds a proof tree from `root` without recursion: `step(spec, depth, budget, fold)`
/// gives each node (and must give a finished one when `fold` is set, which happens past
/// [`MAX_PROOF_DEPTH`] or when [`Cx::steps_left`] is spent).
pub(crate) fn build<S>(
    p: &Program,
    root: S,
    depth: usize,
    cx: &mut Cx,
    step: &mut dyn FnMut(S, usize, &mut Cx, bool) -> Build<S>,
) -> Proof {
    #[derive(Default)]
    struct Slot {
        parent: Option<usize>,
        done: Option<Proof>,
        rule: Option<(crate::program::RuleId, String)>,
        premises: Vec<Proof>,
    }
    let mut slots: Vec<Slot> = Vec::new();
    let mut stack = vec![(root, None, depth)];
    while let Some((spec, parent, depth)) = stack.pop() {
        let fold = depth >= cx.limits.depth || cx.steps_left == 0;
        let index = slots.len();
        match step(spec, depth, cx, fold) {
            Build::Done(proof) => slots.push(Slot {
                parent,
                done: Some(proof),
                ..Slot::default()
            }),
            Build::Rule {
                rule,
                atom,
                premises,
            } => {
                cx.steps_left = cx.steps_left.saturating_sub(1);
                slots.push(Slot {
                    parent,
                    rule: Some((rule, atom)),
                    ..Slot::default()
                });
                stack.extend(
                    premises
                        .into_iter()
                        .rev()
                        .map(|s| (s, Some(index), depth + 1)),
                );
            }
        }
    }
    // In reverse drawing order every node comes after its premises: assemble bottom-up.
    let mut root = None;
    for i in (0..slots.len()).rev() {
        let slot = std::mem::take(&mut slots[i]);
        let proof = match (slot.done, slot.rule) {
            (Some(proof), _) => proof,
            (None, Some((rule, atom))) => {
                let mut premises = slot.premises;
                premises.reverse();
                rule_node(p, rule, atom, premises)
            }
            // Every slot is made with one of the two.
            (None, None) => continue,
        };
        match slot.parent {
            Some(parent) => slots[parent].premises.push(proof),
            None => root = Some(proof),
        }
    }
    root.unwrap_or_else(|| Proof {
        atom: String::new(),
        likelihood: Likelihood::Certain,
        by: By::Folded { folded: true },
        premises: Vec::new(),
        height: 0,
    })
}

/// A node for a rule application over already-built premise proofs.
pub(crate) fn rule_node(
    p: &Program,
    rule_id: crate::program::RuleId,
    atom: String,
    premises: Vec<Proof>,
) -> Proof {
    let rule = p.rule(rule_id);
    let likelihood = premises
        .iter()
        .map(|q| q.likelihood)
        .fold(rule.level, Ord::min);
    let height = 1 + premises.iter().map(|q| q.height).max().unwrap_or(0);
    let loc = p.sources().location(rule.span);
    let cites = rule.cites.iter().map(CiteRef::from).collect();
    let by = By::Rule {
        rule: rule.name.clone(),
        file: loc.file,
        line: loc.line,
        likelihood: rule.level,
        cites,
    };
    Proof {
        atom,
        likelihood,
        by,
        premises,
        height,
    }
}

/// The node of a `not X` premise that holds, X being `atom`: forbidden by the scenario,
/// absent, or holding below `certain` (then X's proof, built at `depth`, is the reason
/// for the mirrored likelihood). Its height is 0, as the engine counts it: a `not` is
/// no rule application, whatever X's proof.
pub(crate) fn negation(model: &Model<'_>, atom: &GroundAtom, depth: usize) -> Proof {
    negation_within(model, atom, depth, &mut Cx::new(model.program()))
}

/// [`negation`], X's proof drawing on the rule applications left in `cx`.
pub(crate) fn negation_within(
    model: &Model<'_>,
    atom: &GroundAtom,
    depth: usize,
    cx: &mut Cx,
) -> Proof {
    let p = model.program();
    let text = format!("not {}", p.show_atom(atom));
    let certain = |by| Proof {
        atom: text.clone(),
        likelihood: Likelihood::Certain,
        by,
        premises: Vec::new(),
        height: 0,
    };
    if let Some(forbidden) = forbidden_by(model, atom) {
        return certain(By::Forbidden { forbidden });
    }
    let Some(t) = model.find(atom) else {
        return certain(By::Absent { absent: true });
    };
    let held = model.relation(atom.pred).heights(t);
    let level = held.iter().rposition(|&h| h != crate::engine::INF);
    // A `not` premise that matched has an X below `certain`: X certain (no mirror) is
    // unreachable here, and shown as a fold rather than a panic.
    let Some((level, likelihood)) = level.and_then(|l| Some((l, Likelihood::ALL[l].negated()?)))
    else {
        return certain(By::Folded { folded: true });
    };
    let negation_of = strongest(model, atom.pred, t, level, depth, cx);
    Proof {
        atom: text,
        likelihood,
        by: By::Negation {
            negation_of: Box::new(negation_of),
        },
        premises: Vec::new(),
        height: 0,
    }
}

/// The `assume not` line by which the model's scenario forbids `atom`, if any.
pub fn forbidden_by(model: &Model<'_>, atom: &GroundAtom) -> Option<ForbiddenBy> {
    let p = model.program();
    let (owner, _, a) = p
        .assumptions(model.scenario())
        .into_iter()
        .find(|(_, _, a)| a.negated && a.atom == *atom)?;
    let loc = p.sources().location(a.span);
    Some(ForbiddenBy {
        scenario: p.scenarios()[owner.index()].name.clone(),
        file: loc.file,
        line: loc.line,
    })
}

/// How a leaf is shown.
pub(crate) fn leaf_by(p: &Program, leaf: Leaf) -> By {
    match leaf {
        Leaf::Hypothesis(_) => By::Hypothesized { hypothesized: true },
        Leaf::Fact(f) => {
            let fact = &p.facts()[f.index()];
            let loc = p.sources().location(fact.span);
            By::Fact {
                fact: FactPlace {
                    file: loc.file,
                    line: loc.line,
                    cites: fact.cites.iter().map(CiteRef::from).collect(),
                },
            }
        }
        Leaf::Assumed { scenario, index } => {
            let s = &p.scenarios()[scenario.index()];
            let span = s.assumptions.get(index as usize).map_or(s.span, |a| a.span);
            let loc = p.sources().location(span);
            By::Assumed {
                assumed: s.name.clone(),
                file: loc.file,
                line: loc.line,
            }
        }
    }
}

pub mod all;
pub mod why_not;
pub use all::{AllProofs, all_proofs};
pub use why_not::{Bounds, ConflictWhyNot, WhyNot, why_not, why_not_conflict};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Analysis;
    use crate::engine::Options;

    /// A chain `x c0 <- x c1 <- ... <- x cN`, `x cN` a fact.
    fn chain(n: usize) -> Analysis {
        let mut text = format!("fact x c{n}\n");
        for i in 0..n {
            text.push_str(&format!("rule r{i}: x c{} implies x c{i}\n", i + 1));
        }
        Analysis::parse("chain.augur", &text).expect("the program checks")
    }

    /// The rule applications a proof shows, and its folded subproofs.
    fn shown(proof: &Proof) -> (usize, usize) {
        let (mut rules, mut folded) = (0, 0);
        let mut stack = vec![proof];
        while let Some(p) = stack.pop() {
            match p.by {
                By::Rule { .. } => rules += 1,
                By::Folded { .. } => folded += 1,
                _ => {}
            }
            stack.extend(&p.premises);
        }
        (rules, folded)
    }

    /// The proof of `x c0` in a chain of `n` rules, within `limits`.
    fn chain_proof(n: usize, limits: Limits) -> Proof {
        let analysis = chain(n);
        let model = analysis
            .run("default", &Options::default())
            .expect("it runs");
        let atom = analysis.atom("x c0").expect("it can hold");
        why_within(&model, &atom, limits).expect("it holds")
    }

    #[test]
    fn the_production_proof_limits_are_as_documented() {
        assert_eq!(MAX_PROOF_DEPTH, 256);
        assert_eq!(MAX_PROOF_STEPS, 10_000);
        assert_eq!(all::MAX_GRAPH_STEPS, 200_000);
        let limits = Limits::PRODUCTION;
        assert_eq!(
            (limits.depth, limits.steps, limits.graph_steps),
            (256, 10_000, 200_000)
        );
    }

    #[test]
    fn a_proof_is_folded_past_its_depth() {
        let limits = Limits {
            depth: 5,
            ..Limits::PRODUCTION
        };
        // The rule applications of a chain of `n` lie at depths 0 to n - 1 (its fact at n):
        // up to `depth` of them are shown; past it, the one at depth `depth` is folded.
        for (n, rules, folded) in [(4, 4, 0), (5, 5, 0), (6, 5, 1)] {
            assert_eq!(shown(&chain_proof(n, limits)), (rules, folded), "{n}");
        }
    }

    #[test]
    fn a_proof_shows_at_most_its_steps() {
        let limits = Limits {
            steps: 5,
            ..Limits::PRODUCTION
        };
        for (n, rules, folded) in [(4, 4, 0), (5, 5, 0), (6, 5, 1)] {
            assert_eq!(shown(&chain_proof(n, limits)), (rules, folded), "{n}");
        }
    }

    #[test]
    fn the_proof_graph_is_mapped_up_to_its_steps() {
        let limits = Limits {
            graph_steps: 5,
            ..Limits::PRODUCTION
        };
        // A chain of `n` rules has `n` rule applications to read: up to the limit the
        // count is exact; past it, it is a lower bound.
        for (n, exact) in [(4, true), (5, true), (6, false)] {
            let analysis = chain(n);
            let model = analysis
                .run("default", &Options::default())
                .expect("it runs");
            let atom = analysis.atom("x c0").expect("it can hold");
            let all = all::all_proofs_within(&model, &atom, 1, limits).expect("it holds");
            assert_eq!((all.total, all.exact), (1, exact), "{n}");
        }
    }

    /// A rule whose `not` premise is, by scenario: mirrored (`dovish`: X almost_no_chance),
    /// forbidden (`hawkish`), absent (`quiet`), and failing (`sure`: X certain).
    const RATES: &str = "assumable central_bank cuts policy_rate\n\
        assumable inflation is high\n\
        rule tight: inflation is high and not central_bank cuts policy_rate \
        implies mortgage_costs rise\n\
        scenario dovish {\n  assume inflation is high\n  \
        assume central_bank cuts policy_rate [almost_no_chance]\n}\n\
        scenario hawkish {\n  assume inflation is high\n  \
        assume not central_bank cuts policy_rate\n}\n\
        scenario quiet {\n  assume inflation is high\n}\n\
        scenario sure {\n  assume inflation is high\n  assume central_bank cuts policy_rate\n}\n";

    /// The `not` premise of the proof of `mortgage_costs rise` in `scenario`, drawn and as
    /// JSON; `None` when the atom does not hold.
    fn negated_premise(scenario: &str) -> Option<(Likelihood, String, serde_json::Value)> {
        let analysis = Analysis::parse("rates.augur", RATES).expect("the program checks");
        let model = analysis
            .run(scenario, &Options::default())
            .expect("it runs");
        let atom = analysis.atom("mortgage_costs rise").expect("it can hold");
        let proof = why(&model, &atom)?;
        let premise = proof.premises.get(1).expect("two premises").clone();
        let json = serde_json::to_value(&premise).expect("it serializes");
        Some((proof.likelihood, render::proof_text(&premise, None), json))
    }

    #[test]
    fn a_mirrored_not_shows_its_atoms_proof_as_the_reason() {
        let (level, text, json) = negated_premise("dovish").expect("it holds");
        assert_eq!(level, Likelihood::AlmostCertain);
        assert_eq!(
            text,
            "not central_bank cuts policy_rate [almost_certain]\n\
             │ mirrors the likelihood of:\n\
             └─ central_bank cuts policy_rate [almost_no_chance]\n     \
             assumed in scenario dovish at rates.augur:6\n"
        );
        assert_eq!(json["likelihood"], "almost_certain");
        let of = &json["by"]["negation_of"];
        assert_eq!(of["atom"], "central_bank cuts policy_rate");
        assert_eq!(of["likelihood"], "almost_no_chance");
        assert_eq!(of["by"]["assumed"], "dovish");
    }

    #[test]
    fn a_forbidden_not_names_the_assume_not_line() {
        let (level, text, json) = negated_premise("hawkish").expect("it holds");
        assert_eq!(level, Likelihood::Certain);
        assert_eq!(
            text,
            "not central_bank cuts policy_rate [certain]\n  \
             forbidden in scenario hawkish at rates.augur:10\n"
        );
        assert_eq!(
            json["by"],
            serde_json::json!({"forbidden": {"scenario": "hawkish", "file": "rates.augur", "line": 10}})
        );
    }

    #[test]
    fn an_absent_not_says_its_atom_does_not_hold() {
        let (level, text, json) = negated_premise("quiet").expect("it holds");
        assert_eq!(level, Likelihood::Certain);
        assert_eq!(
            text,
            "not central_bank cuts policy_rate [certain]\n  \
             central_bank cuts policy_rate does not hold\n"
        );
        assert_eq!(json["by"], serde_json::json!({"absent": true}));
        // A certain X leaves `not X` no chance: the conclusion does not hold at all.
        assert!(negated_premise("sure").is_none());
    }

    #[test]
    fn all_proofs_and_why_not_agree_with_graded_negation() {
        let analysis = Analysis::parse("rates.augur", RATES).expect("the program checks");
        let atom = analysis.atom("mortgage_costs rise").expect("it can hold");
        let dovish = analysis
            .run("dovish", &Options::default())
            .expect("it runs");
        let all = all_proofs(&dovish, &atom, 10).expect("it holds");
        assert_eq!(all.total, 1);
        assert_eq!(Some(&all.proofs[0]), why(&dovish, &atom).as_ref());
        // Why-not on the conclusion of a rule whose `not` premise is blocked by a certain
        // X, and on one whose `not` holds below certain.
        let sure = analysis.run("sure", &Options::default()).expect("it runs");
        let answer = why_not(&sure, &atom, &Bounds::default());
        let premise = &answer.tree.rules[0].premises[1];
        assert_eq!(premise.status, why_not::Status::Blocking);
        let answer = why_not(&dovish, &atom, &Bounds::default());
        assert_eq!(answer.tree.status, why_not::Status::Holds);
    }
}
