//! The result of evaluating one scenario: every atom that holds, with its likelihood and
//! the provenance `explain` needs, plus the conflicts that hold.

use std::ops::ControlFlow;

use super::join::{Scratch, for_each_match};
use super::plan::plan;
use super::relation::{Heights, INF, Leaf, Relation, TupleId, likelihood_of};
use super::spare::{Buffers, Return};
use super::{Options, RuleStats};
use crate::likelihood::Likelihood;
use crate::program::unify::bind;
use crate::program::{
    Arg, ConflictId, ConflictKind, GroundAtom, Origin, PredId, Premise, Program, RuleId,
    ScenarioId, ScenarioInputs, SymbolId,
};

/// The proof leaf of an assumption from `origin`: an `assume` line, or an atom a what-if
/// run added.
impl From<Origin> for Leaf {
    fn from(origin: Origin) -> Leaf {
        match origin {
            Origin::Line { scenario, index } => Leaf::Assumed { scenario, index },
            // A forbidden atom is never assumed (ScenarioInputs, invariant 2); were one to
            // be, it would still be shown as a what-if's.
            Origin::Added(i) | Origin::Forbidden(i) => Leaf::Hypothesis(i),
        }
    }
}

/// One way a conflict's premises hold.
#[derive(Clone, Debug)]
pub struct ConflictMatch {
    /// The conflict.
    pub conflict: ConflictId,
    /// Its variables' values, in order of first appearance.
    pub bindings: Vec<(String, SymbolId)>,
    /// The weakest premise's likelihood.
    pub likelihood: Likelihood,
    /// Per premise (plan order): its position as written and the tuple it matched
    /// (`None` for a `not` premise).
    pub premises: Vec<(usize, Option<(PredId, TupleId)>)>,
}

/// One rule application that concludes a given tuple.
#[derive(Clone, Debug)]
pub struct Derivation {
    /// The rule.
    pub rule: RuleId,
    /// Which of its conclusions.
    pub conclusion: usize,
    /// The highest premise height per level.
    pub premise_heights: Heights,
    /// Per premise, as written: the tuple it matched, or `None` for a `not` premise.
    pub premises: Vec<Option<(PredId, TupleId)>>,
    /// The rule's variables' values.
    pub bindings: Vec<SymbolId>,
}

/// Everything that holds in one scenario.
#[derive(Debug)]
pub struct Model<'p> {
    program: &'p Program,
    /// What the run started from: its facts, assumptions and forbidden atoms, a what-if's
    /// changes included, so that `explain` reads the run's own inputs.
    inputs: ScenarioInputs<'p>,
    relations: Vec<Relation>,
    conflicts: Vec<ConflictMatch>,
    stats: Vec<RuleStats>,
    /// The options it was evaluated with: what-if runs that explain it use the same.
    options: Options,
    /// Where the relations and counters go when the model is dropped.
    giveback: Option<Return>,
}

impl Drop for Model<'_> {
    fn drop(&mut self) {
        if let Some(Return { spare, fallback }) = self.giveback.take() {
            spare.give(Buffers {
                relations: std::mem::take(&mut self.relations),
                stats: std::mem::take(&mut self.stats),
                fallback,
            });
        }
    }
}

/// An atom that holds, with its likelihood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conclusion {
    /// The atom.
    pub atom: GroundAtom,
    /// Its likelihood.
    pub likelihood: Likelihood,
    /// For a fact, assumption or hypothesis whose likelihood a rule raised: that leaf and
    /// the lower likelihood it holds at by itself.
    pub raised_from: Option<(Leaf, Likelihood)>,
}

/// Whether a tuple is a conclusion: it holds, and either no fact or assumption gives it
/// or a rule raised it above the strongest one that does. Its likelihood and that leaf.
fn concluded(rel: &Relation, t: TupleId) -> Option<(Likelihood, Option<(Leaf, Likelihood)>)> {
    let likelihood = likelihood_of(rel.heights(t))?;
    match rel.leaf(t) {
        Some((_, level)) if likelihood <= level => None,
        leaf => Some((likelihood, leaf)),
    }
}

impl<'p> Model<'p> {
    pub(super) fn new(
        inputs: ScenarioInputs<'p>,
        relations: Vec<Relation>,
        conflicts: Vec<ConflictMatch>,
        stats: Vec<RuleStats>,
        options: Options,
        giveback: Option<Return>,
    ) -> Self {
        Model {
            program: inputs.program(),
            inputs,
            relations,
            conflicts,
            stats,
            options,
            giveback,
        }
    }

    /// Whether a rule's premises held at least once in this scenario.
    pub fn fired(&self, rule: RuleId) -> bool {
        self.stats
            .get(rule.index())
            .is_some_and(|s| s.derivations > 0)
    }

    /// Whether proof heights were kept ([`crate::engine::Options::provenance`]); without
    /// them `explain` has nothing to rebuild proofs from.
    pub fn has_provenance(&self) -> bool {
        self.options.provenance
    }

    /// The options this model was evaluated with (its limits included), so that a
    /// what-if run made to explain it is bounded as the run itself was.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// What each rule did, by [`RuleId`].
    pub fn rule_stats(&self) -> &[RuleStats] {
        &self.stats
    }

    /// The program evaluated.
    pub fn program(&self) -> &'p Program {
        self.program
    }

    /// The scenario evaluated.
    pub fn scenario(&self) -> ScenarioId {
        self.inputs.scenario()
    }

    /// What the run started from: the scenario's facts, assumptions and forbidden atoms,
    /// with a what-if's changes.
    pub fn inputs(&self) -> &ScenarioInputs<'p> {
        &self.inputs
    }

    /// A predicate's tuples.
    pub fn relation(&self, pred: PredId) -> &Relation {
        &self.relations[pred.index()]
    }

    /// Every relation, by predicate.
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    /// The tuple of an atom, if it holds. An atom of another program (a predicate this
    /// one lacks, or the wrong number of arguments) holds in none of its models.
    pub fn find(&self, atom: &GroundAtom) -> Option<TupleId> {
        let rel = self.relations.get(atom.pred.index())?;
        // A relation finds rows of its own arity only: a shorter row may share a check
        // word with one of its tuples.
        (rel.arity() == atom.args.len())
            .then(|| rel.find(&atom.args))
            .flatten()
    }

    /// The likelihood of an atom, `None` when it does not hold.
    pub fn likelihood(&self, atom: &GroundAtom) -> Option<Likelihood> {
        self.find(atom)
            .and_then(|t| likelihood_of(self.relation(atom.pred).heights(t)))
    }

    /// The atom stored as `t` in `pred`'s relation.
    pub fn atom(&self, pred: PredId, t: TupleId) -> GroundAtom {
        GroundAtom {
            pred,
            args: self.relation(pred).row(t).into(),
        }
    }

    /// How many atoms [`Model::conclusions`] would list, counted without building them.
    pub fn conclusion_count(&self) -> usize {
        self.relations
            .iter()
            .map(|rel| rel.ids().filter(|&t| concluded(rel, t).is_some()).count())
            .sum()
    }

    /// How many atoms rules added that are not facts, assumptions or hypotheses: what
    /// [`crate::engine::Options::max_derived`] counts.
    pub fn derived_count(&self) -> usize {
        self.relations
            .iter()
            .map(|rel| rel.ids().filter(|&t| rel.leaf(t).is_none()).count())
            .sum()
    }

    /// Every atom that holds and that rules concluded: atoms no fact or assumption gives,
    /// and facts and assumptions a rule raised above their own likelihood. Predicates in
    /// declaration order, then tuples in order of first derivation.
    pub fn conclusions(&self) -> Vec<Conclusion> {
        let mut out = Vec::new();
        for (p, rel) in self.relations.iter().enumerate() {
            for t in rel.ids() {
                if let Some((likelihood, raised_from)) = concluded(rel, t) {
                    out.push(Conclusion {
                        atom: GroundAtom {
                            pred: PredId::from_index(p),
                            args: rel.row(t).into(),
                        },
                        likelihood,
                        raised_from,
                    });
                }
            }
        }
        out
    }

    /// The conflicts and tensions that hold.
    pub fn conflicts(&self) -> &[ConflictMatch] {
        &self.conflicts
    }

    /// The matches of the conflicts alone, or of the tensions alone.
    pub fn conflicts_of(&self, kind: ConflictKind) -> impl Iterator<Item = &ConflictMatch> {
        self.conflicts
            .iter()
            .filter(move |m| self.program.conflicts()[m.conflict.index()].kind == kind)
    }

    /// The number of atoms that hold, facts and assumptions included.
    pub fn size(&self) -> usize {
        self.relations.iter().map(Relation::len).sum()
    }

    /// The likelihood tuple `t` of `pred` holds at, `None` when it does not hold.
    pub fn tuple_likelihood(&self, pred: PredId, t: TupleId) -> Option<Likelihood> {
        likelihood_of(self.relation(pred).heights(t))
    }

    /// The strongest likelihood tuple `t` of `pred` holds at, and the height (rule
    /// applications on the longest path to a leaf) of its lowest proof at that likelihood;
    /// `None` when it does not hold.
    pub fn strongest(&self, pred: PredId, t: TupleId) -> Option<(Likelihood, u32)> {
        let level = self.tuple_likelihood(pred, t)?;
        Some((level, self.height_at(pred, t, level)?))
    }

    /// The height of the lowest proof of tuple `t` of `pred` whose every step is at least
    /// `level`; `None` when it has none.
    pub fn height_at(&self, pred: PredId, t: TupleId, level: Likelihood) -> Option<u32> {
        let h = self.relation(pred).heights(t)[level.rank()];
        (h != INF).then_some(h)
    }

    /// The likelihood of `not atom`: `certain` when the atom does not hold, the mirror of
    /// its likelihood below that, `None` (the `not` fails) when it is certain.
    pub fn negation(&self, atom: &GroundAtom) -> Option<Likelihood> {
        match self.find(atom) {
            Some(t) => self.relation(atom.pred).negation(Some(t)),
            None => Some(Likelihood::Certain),
        }
    }

    /// The derivation of tuple `t` of `pred` at `level`: the first rule application, by
    /// one of `rules` in their order, whose rule and premises are at least `level` and
    /// whose premises' lowest proofs at `level` are one rule application lower than `t`'s,
    /// so that it attains the height recorded for `t` there. `None` when `t` has no proof
    /// at `level` or its lowest one there is a leaf (height 0). Looks tuples up; evaluates
    /// nothing.
    pub fn derivation_at(
        &self,
        pred: PredId,
        t: TupleId,
        level: Likelihood,
        rules: &[RuleId],
    ) -> Option<Derivation> {
        let target = self.height_at(pred, t, level).filter(|&h| h > 0)?;
        let atom = self.atom(pred, t);
        let mut found = None;
        let mut visit = |d: &Derivation| {
            let rule = self.program.rule(d.rule);
            let below = d.premise_heights[level.rank()].checked_add(1);
            if rule.level >= level && below == Some(target) {
                found = Some(d.clone());
                return ControlFlow::Break(());
            }
            ControlFlow::Continue(())
        };
        let _ = rules
            .iter()
            .try_for_each(|&r| self.derivations_by(r, &atom, &mut visit));
        found
    }

    /// The leaf (fact or assumption) behind a tuple, if any.
    pub fn leaf(&self, pred: PredId, t: TupleId) -> Option<(Leaf, Likelihood)> {
        self.relation(pred).leaf(t)
    }

    /// Calls `visit` for each rule application in this model that concludes `atom`, in
    /// rule order then match order; stops when `visit` breaks. Looks tuples up; evaluates
    /// nothing.
    pub fn derivations(
        &self,
        atom: &GroundAtom,
        visit: &mut dyn FnMut(&Derivation) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        for r in 0..self.program.rules().len() {
            self.derivations_by(RuleId::from_index(r), atom, visit)?;
        }
        ControlFlow::Continue(())
    }

    /// [`Model::derivations`] by one rule: a caller that knows which rules conclude an
    /// atom's predicate need not try every rule.
    pub fn derivations_by(
        &self,
        r: RuleId,
        atom: &GroundAtom,
        visit: &mut dyn FnMut(&Derivation) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let rule = self.program.rule(r);
        for (c, head) in rule.conclusions.iter().enumerate() {
            if head.pred != atom.pred {
                continue;
            }
            let Some(env) = bind(&head.args, &atom.args, rule.vars.len()) else {
                continue;
            };
            let bound: Vec<bool> = env.iter().map(Option::is_some).collect();
            let p = plan(
                &rule.premises,
                rule.vars.len(),
                bound,
                None,
                |pred, cols| self.best_index(pred, cols),
            );
            let mut start: Vec<SymbolId> = env.iter().map(|v| v.unwrap_or(SymbolId(0))).collect();
            for_each_match(
                &p,
                &self.relations,
                None,
                &mut start,
                &mut Scratch::default(),
                &mut |env, acc, chosen| {
                    let mut premises = vec![None; rule.premises.len()];
                    for (step, t) in p.steps.iter().zip(chosen) {
                        premises[step.premise] = t.map(|t| (step.pred, t));
                    }
                    visit(&Derivation {
                        rule: r,
                        conclusion: c,
                        premise_heights: *acc,
                        premises,
                        bindings: env.to_vec(),
                    })
                },
            )?;
        }
        ControlFlow::Continue(())
    }

    /// The first way (in plan order) to satisfy `premises` with the variables already known
    /// in `env`; returns every variable's value, `None` where still unbound. Looks tuples
    /// up; evaluates nothing.
    pub fn first_match(
        &self,
        premises: &[Premise],
        env: &[Option<SymbolId>],
    ) -> Option<Vec<Option<SymbolId>>> {
        let bound: Vec<bool> = env.iter().map(Option::is_some).collect();
        let p = plan(premises, env.len(), bound, None, |pred, cols| {
            self.best_index(pred, cols)
        });
        let mut start: Vec<SymbolId> = env.iter().map(|v| v.unwrap_or(SymbolId(0))).collect();
        let mut found = None;
        let _ = for_each_match::<Heights>(
            &p,
            &self.relations,
            None,
            &mut start,
            &mut Scratch::default(),
            &mut |values, _, _| {
                let mut known = env.to_vec();
                for step in &p.steps {
                    for a in &premises[step.premise].atom.args {
                        if let Arg::Var(v) = a {
                            known[v.index()] = Some(values[v.index()]);
                        }
                    }
                }
                found = Some(known);
                ControlFlow::Break(())
            },
        );
        found
    }

    /// The largest existing index whose columns are all known.
    fn best_index(&self, pred: PredId, known: &[usize]) -> Box<[usize]> {
        self.relation(pred)
            .index_columns()
            .filter(|cols| cols.iter().all(|c| known.contains(c)))
            .max_by_key(|cols| cols.len())
            .map_or_else(|| Box::from([]), Box::from)
    }
}

#[cfg(test)]
mod tests {
    use super::Leaf;
    use crate::Analysis;
    use crate::engine::Options;
    use crate::likelihood::Likelihood;

    /// Each conclusion of `scenario` as text, with the leaf kind and likelihood it was
    /// raised from.
    fn conclusions(text: &str, scenario: &str) -> Vec<(String, Likelihood, Option<Likelihood>)> {
        let analysis = Analysis::parse("t.augur", text).expect("the program checks");
        let model = analysis
            .run(scenario, &Options::default())
            .expect("it runs");
        assert_eq!(model.conclusion_count(), model.conclusions().len());
        model
            .conclusions()
            .into_iter()
            .map(|c| {
                (
                    analysis.program().show_atom(&c.atom),
                    c.likelihood,
                    c.raised_from.map(|(_, l)| l),
                )
            })
            .collect()
    }

    #[test]
    fn a_fact_a_rule_raises_is_a_conclusion() {
        // The repro `t21.augur`.
        let text = "fact a p unlikely
rule up: m n implies a p
                    scenario low {}
scenario high { assume m n }
";
        assert_eq!(conclusions(text, "low"), []);
        let high = [(
            "a p".to_owned(),
            Likelihood::Certain,
            Some(Likelihood::Unlikely),
        )];
        assert_eq!(conclusions(text, "high"), high);
    }

    #[test]
    fn an_assumption_a_rule_raises_is_a_conclusion_and_one_it_matches_is_not() {
        let text = "fact m n
rule up: m n implies a p [likely]
                    scenario raised { assume a p [unlikely] }
                    scenario same { assume a p [likely] }
                    scenario above { assume a p }
";
        let analysis = Analysis::parse("t.augur", text).expect("the program checks");
        let model = analysis
            .run("raised", &Options::default())
            .expect("it runs");
        let raised = model.conclusions();
        assert!(matches!(
            raised[..],
            [super::Conclusion {
                likelihood: Likelihood::Likely,
                raised_from: Some((Leaf::Assumed { .. }, Likelihood::Unlikely)),
                ..
            }]
        ));
        assert_eq!(model.derived_count(), 0, "no atom was added");
        assert_eq!(conclusions(text, "same"), []);
        assert_eq!(conclusions(text, "above"), []);
    }

    #[test]
    fn the_derivation_at_a_level_attains_the_height_recorded_there() {
        let text = "fact a x\nfact b x\nrule r1: b x implies c x\n\
            rule long: c x implies d x\nrule short: a x implies d x\n\
            rule weak: a x implies e x [unlikely]\nrule strong: c x implies e x\n\
            rule weak2: a x implies f x [unlikely]\nrule strong2: a x implies f x\n";
        let analysis = Analysis::parse("t.augur", text).expect("the program checks");
        let model = analysis
            .run("default", &Options::default())
            .expect("it runs");
        let p = analysis.program();
        let rules: Vec<_> = (0..p.rules().len())
            .map(crate::program::RuleId::from_index)
            .collect();
        let at = |atom: &str, level: Likelihood| {
            let atom = analysis.atom(atom).expect("it can hold");
            let t = model.find(&atom).expect("it holds");
            let height = model.height_at(atom.pred, t, level);
            let d = model.derivation_at(atom.pred, t, level, &rules);
            (height, d.map(|d| p.rule(d.rule).name.clone()))
        };
        // Two ways to `d x`: the lower one (height 1) is its derivation, whatever the order.
        assert_eq!(
            at("d x", Likelihood::Certain),
            (Some(1), Some("short".into()))
        );
        // `e x`: certain only through `strong` (height 2); at `unlikely`, `weak` is lower.
        assert_eq!(
            at("e x", Likelihood::Certain),
            (Some(2), Some("strong".into()))
        );
        assert_eq!(
            at("e x", Likelihood::Unlikely),
            (Some(1), Some("weak".into()))
        );
        // As low through a weaker rule: only the rule as strong as the level counts.
        assert_eq!(
            at("f x", Likelihood::Certain),
            (Some(1), Some("strong2".into()))
        );
        // A fact's lowest proof is itself: no derivation.

        assert_eq!(at("a x", Likelihood::Certain), (Some(0), None));
        let e = analysis.atom("e x").expect("it can hold");
        let t = model.find(&e).expect("it holds");
        assert_eq!(model.strongest(e.pred, t), Some((Likelihood::Certain, 2)));
    }
}
