//! The search: sets of candidates by size, each verified by a what-if run.
//!
//! Invariants, kept by [`Search::run`]:
//! 1. Sets are tried by size, smallest first, and every set of one size is tried before
//!    any larger one.
//! 2. A set is tried only when no set found so far, nor any set whose run stopped at an
//!    evaluation limit, lies within it ([`Element::within`]); so, by 1, every proper subset
//!    of a set found was tried and failed: every set listed is minimal under inclusion.
//! 3. When the search ends without a cut, every minimal set of at most `max_size`
//!    candidates has been tried, so the list is complete.

use crate::combinations::next_combination;
use std::cmp::Reverse;

use crate::engine::{Engine, Model, Options};
use crate::error::Error;
use crate::likelihood::Likelihood;
use crate::program::{Program, ScenarioInputs, WhatIf};

use super::candidates::{Element, Found};
use super::{Abduction, Bounds, Change, ChangeKind, Cut, Explanation, Goal, Question, SearchStats};

/// A search under way: the scenario searched, the question and the bounds.
pub(super) struct Search<'s, 'p> {
    engine: &'s Engine<'p>,
    base: &'s ScenarioInputs<'p>,
    question: &'s Question,
    bounds: &'s Bounds,
    options: &'s Options,
    pub stats: SearchStats,
    cut: Option<Cut>,
}

/// What one what-if run gave.
pub(super) enum Evaluation<'p> {
    /// The model.
    Model(Box<Model<'p>>),
    /// An evaluation limit stopped it.
    Stopped,
    /// The run budget is spent: no run was made.
    Spent,
}

/// A set found: its candidates' positions, and the likelihood the goal's atom reached.
type Hit = (Vec<usize>, Option<Likelihood>);

impl<'s, 'p> Search<'s, 'p> {
    pub fn new(
        engine: &'s Engine<'p>,
        base: &'s ScenarioInputs<'p>,
        question: &'s Question,
        bounds: &'s Bounds,
        options: &'s Options,
    ) -> Self {
        Search {
            engine,
            base,
            question,
            bounds,
            options,
            stats: SearchStats::default(),
            cut: None,
        }
    }

    pub fn program(&self) -> &'p Program {
        self.base.program()
    }

    pub fn base(&self) -> &'s ScenarioInputs<'p> {
        self.base
    }

    pub fn bounds(&self) -> &'s Bounds {
        self.bounds
    }

    pub fn question(&self) -> &'s Question {
        self.question
    }

    /// Records a cut; the first one met is the one reported.
    pub fn cut(&mut self, cut: Cut) {
        self.cut.get_or_insert(cut);
    }

    /// One what-if run of the scenario searched, changed by `change`, within the budget.
    pub fn evaluate(&mut self, change: &WhatIf) -> Result<Evaluation<'p>, Error> {
        if self.stats.runs >= self.bounds.max_runs {
            self.cut(Cut::Budget);
            return Ok(Evaluation::Spent);
        }
        self.stats.runs += 1;
        let inputs = self
            .base
            .clone()
            .what_if(change)
            .map_err(crate::engine::EngineError::from)?;
        match self.engine.run_inputs(inputs, self.options) {
            Ok(model) => Ok(Evaluation::Model(Box::new(model))),
            Err(
                crate::engine::EngineError::LimitExceeded { .. }
                | crate::engine::EngineError::Timeout { .. }
                | crate::engine::EngineError::TooManyAtoms { .. },
            ) => {
                self.stats.stopped += 1;
                self.cut(Cut::Stopped);
                Ok(Evaluation::Stopped)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Whether a model meets the goal, and if so the likelihood to report.
    fn verdict(&self, model: &Model<'_>) -> Option<Option<Likelihood>> {
        let level = model.likelihood(&self.question.atom);
        match self.question.goal {
            Goal::Holds => level.map(Some),
            Goal::StopsHolding => level.is_none().then_some(None),
        }
    }

    /// Runs the search over `found`'s candidates and builds the answer.
    pub fn run(mut self, found: Found) -> Result<Abduction, Error> {
        let elements = found.elements;
        let mut hits: Vec<Hit> = Vec::new();
        let mut stopped: Vec<Vec<usize>> = Vec::new();
        match self.evaluate(&WhatIf::default())? {
            Evaluation::Model(model) => {
                if let Some(level) = self.verdict(&model) {
                    // Already so: the empty set is the one minimal set.
                    hits.push((Vec::new(), level));
                }
            }
            Evaluation::Stopped => stopped.push(Vec::new()),
            Evaluation::Spent => {}
        }
        if hits.is_empty() && self.cut != Some(Cut::Budget) {
            self.sizes(&elements, &mut hits, &mut stopped)?;
        }
        Ok(self.answer(&elements, hits))
    }

    /// Tries every set of size 1 to `max_size` (invariants 1 and 2), stopping once more
    /// than `limit` sets are found and a size is finished, or when the budget is spent.
    fn sizes(
        &mut self,
        elements: &[Element],
        hits: &mut Vec<Hit>,
        stopped: &mut Vec<Vec<usize>>,
    ) -> Result<(), Error> {
        let n = elements.len();
        // Once `limit` sets are found, larger sizes are searched only to learn whether
        // there is one more: the first found cuts the search.
        let mut probing = false;
        for size in 1..=self.bounds.max_size.min(n) {
            let mut pick: Vec<usize> = (0..size).collect();
            loop {
                let tried = |sets: &[Vec<usize>]| sets.iter().any(|s| within(elements, s, &pick));
                if valid(elements, &pick)
                    && !hits.iter().any(|(s, _)| within(elements, s, &pick))
                    && !tried(stopped)
                {
                    match self.evaluate(&what_if(elements, &pick))? {
                        Evaluation::Model(model) => {
                            if let Some(level) = self.verdict(&model) {
                                if probing {
                                    self.cut(Cut::Limit);
                                    return Ok(());
                                }
                                hits.push((pick.clone(), level));
                            }
                        }
                        Evaluation::Stopped => stopped.push(pick.clone()),
                        Evaluation::Spent => return Ok(()),
                    }
                }
                if !next_combination(&mut pick, n) {
                    break;
                }
            }
            // Within one size a set lies within another only by doing less to one atom
            // (a lift within an assume): keep the one that does less (invariant 2).
            let all: Vec<Vec<usize>> = hits.iter().map(|(s, _)| s.clone()).collect();
            hits.retain(|(s, _)| !all.iter().any(|o| o != s && within(elements, o, s)));
            if hits.len() > self.bounds.limit {
                self.cut(Cut::Limit);
                return Ok(());
            }
            probing = hits.len() == self.bounds.limit;
        }
        Ok(())
    }

    /// The sets found as explanations, ordered and cut at `limit`.
    fn answer(self, elements: &[Element], hits: Vec<Hit>) -> Abduction {
        let program = self.program();
        let mut explanations: Vec<(String, Explanation)> = hits
            .into_iter()
            .map(|(set, likelihood)| {
                let explanation = explanation(program, elements, &set, likelihood);
                (super::render::set_text(program, &explanation), explanation)
            })
            .collect();
        explanations.sort_by(|(a_text, a), (b_text, b)| {
            (a.size(), Reverse(a.likelihood), a_text).cmp(&(
                b.size(),
                Reverse(b.likelihood),
                b_text,
            ))
        });
        explanations.truncate(self.bounds.limit);
        Abduction {
            atom: self.question.atom.clone(),
            scenario: self.base.scenario(),
            goal: self.question.goal,
            max_size: self.bounds.max_size,
            complete: self.cut.is_none(),
            cut: self.cut,
            explanations: explanations.into_iter().map(|(_, e)| e).collect(),
            search: self.stats,
        }
    }
}

/// Whether the set `inner` lies within `outer`: each of its elements is one of `outer`'s,
/// or is done by one of them ([`Element::within`]).
fn within(elements: &[Element], inner: &[usize], outer: &[usize]) -> bool {
    inner
        .iter()
        .all(|&i| outer.iter().any(|&o| elements[i].within(&elements[o])))
}

/// Whether a set touches each atom at most once.
fn valid(elements: &[Element], pick: &[usize]) -> bool {
    pick.iter().enumerate().all(|(k, &i)| {
        pick[..k]
            .iter()
            .all(|&j| elements[j].atom() != elements[i].atom())
    })
}

/// The what-if run that makes a set's changes (and settles its open questions true).
pub(super) fn what_if(elements: &[Element], pick: &[usize]) -> WhatIf {
    let mut change = WhatIf::default();
    for &i in pick {
        elements[i].add_to(&mut change);
    }
    change
}

fn explanation(
    program: &Program,
    elements: &[Element],
    set: &[usize],
    likelihood: Option<Likelihood>,
) -> Explanation {
    let mut changes: Vec<(ChangeKind, String, Change)> = Vec::new();
    let mut open = Vec::new();
    for &i in set {
        match &elements[i] {
            Element::Change(c) => changes.push((c.kind, program.show_atom(&c.atom), c.clone())),
            Element::Open(atom) => open.push((program.show_atom(atom), atom.clone())),
        }
    }
    changes.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    open.sort_by(|a, b| a.0.cmp(&b.0));
    Explanation {
        changes: changes.into_iter().map(|(_, _, c)| c).collect(),
        open: open.into_iter().map(|(_, a)| a).collect(),
        likelihood,
    }
}
