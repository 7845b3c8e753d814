//! The candidate changes: the ground changes that move a pattern of the backward pass the
//! way the goal needs it moved.

use crate::error::Error;
use crate::hash::HashSet;
use crate::likelihood::Likelihood;
use crate::program::{Arg, AtomPattern, GroundAtom, Program, SymbolId, WhatIf};

use super::backward::{Item, Reached};
use super::search::{Evaluation, Search};
use super::{Bounds, Change, ChangeKind, Cut};

/// One element of a set: a change, or an open question the set needs settled.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Element {
    Change(Change),
    Open(GroundAtom),
}

impl Element {
    fn change(kind: ChangeKind, atom: GroundAtom) -> Self {
        Element::Change(Change { kind, atom })
    }

    /// The atom it touches: a set touches each atom at most once.
    pub fn atom(&self) -> &GroundAtom {
        match self {
            Element::Change(c) => &c.atom,
            Element::Open(a) => a,
        }
    }

    /// Adds this element to a what-if run (an open question settled true).
    pub fn add_to(&self, change: &mut WhatIf) {
        match self {
            Element::Change(c) => super::apply(change, Some(c.kind), &c.atom),
            Element::Open(atom) => super::apply(change, None, atom),
        }
    }

    /// Whether a set holding `other` has made this change too: `other` is this element,
    /// or does more to the same atom (`assume X` of a forbidden X also lifts it; `forbid X`
    /// of an assumed X also withdraws it). Minimality is under inclusion by this order.
    pub fn within(&self, other: &Element) -> bool {
        match (self, other) {
            (Element::Change(a), Element::Change(b)) => {
                a.atom == b.atom
                    && (a.kind == b.kind
                        || matches!(
                            (a.kind, b.kind),
                            (ChangeKind::Lift, ChangeKind::Assume)
                                | (ChangeKind::Withdraw, ChangeKind::Forbid)
                        ))
            }
            _ => self == other,
        }
    }
}

/// The candidates, in the order the backward pass met their patterns.
pub(super) struct Found {
    pub elements: Vec<Element>,
}

impl Found {
    /// The candidates of every pattern reached. With interventions, the atoms a `forbid`
    /// may name are those that hold in the scenario or in one of two bounding runs: every
    /// positive candidate made at once (assumed, lifted, open questions settled), and every
    /// assumption a candidate withdraws withdrawn at once.
    pub fn collect(search: &mut Search<'_, '_>, reached: &Reached) -> Result<Self, Error> {
        let mut found = Collector {
            program: search.program(),
            elements: Vec::new(),
            seen: HashSet::default(),
            truncated: false,
        };
        for item in &reached.items {
            if item.positive {
                found.positive(item, search);
            } else {
                found.negative(item, search);
            }
        }
        if search.bounds().interventions {
            found.forbids(search, reached)?;
        }
        if found.truncated {
            search.cut(Cut::Budget);
        }
        search.stats.candidates = found.elements.len();
        Ok(Found {
            elements: found.elements,
        })
    }
}

struct Collector<'p> {
    program: &'p Program,
    elements: Vec<Element>,
    seen: HashSet<Element>,
    /// True when [`Bounds::MAX_CANDIDATES`] left candidates out.
    truncated: bool,
}

impl<'p> Collector<'p> {
    fn push(&mut self, element: Element) {
        if self.seen.contains(&element) {
            return;
        }
        if self.elements.len() >= Bounds::MAX_CANDIDATES {
            self.truncated = true;
            return;
        }
        self.seen.insert(element.clone());
        self.elements.push(element);
    }

    /// For a pattern that must hold: open questions it names, atoms an `assumable` covers
    /// (unless the scenario already assumes them `certain`), and `assume not` lines to lift.
    fn positive(&mut self, item: &Item, search: &Search<'_, 'p>) {
        let program = self.program;
        let base = search.base();
        for open in program.opens() {
            if item.matches(&open.atom) {
                self.push(Element::Open(open.atom.clone()));
            }
        }
        for assumable in program.assumables() {
            let budget = Bounds::MAX_CANDIDATES.saturating_sub(self.elements.len());
            let Some(atoms) = instances(program, item, assumable, budget) else {
                self.truncated = true;
                continue;
            };
            for atom in atoms {
                let open = program.opens().iter().any(|o| o.atom == atom);
                let certain = base
                    .assumed()
                    .iter()
                    .any(|a| *a.atom == atom && a.level == Likelihood::Certain);
                if open {
                    self.push(Element::Open(atom));
                } else if !certain {
                    self.push(Element::change(ChangeKind::Assume, atom));
                }
            }
        }
        for blocked in base.blocked() {
            if item.matches(&blocked.atom) {
                self.push(Element::change(ChangeKind::Lift, (*blocked.atom).clone()));
            }
        }
    }

    /// For a pattern that must not hold: the scenario's assumptions of it, to withdraw.
    fn negative(&mut self, item: &Item, search: &Search<'_, 'p>) {
        for assumed in search.base().assumed() {
            if item.matches(&assumed.atom) {
                self.push(Element::change(
                    ChangeKind::Withdraw,
                    (*assumed.atom).clone(),
                ));
            }
        }
    }

    /// With interventions: atoms of the patterns that must not hold, other than the
    /// goal's atom, facts and atoms that can never hold (even with every open question
    /// settled). A pattern with every argument
    /// known is its own atom; the atoms of one with unknown arguments are those found in
    /// the scenario and in two bounding runs (every positive candidate made at once:
    /// assumed, lifted, open questions settled; and every withdrawal made at once).
    fn forbids(&mut self, search: &mut Search<'_, 'p>, reached: &Reached) -> Result<(), Error> {
        // A set may settle an open question, so what it makes possible counts too.
        let possible = crate::program::reach::reach_settling_opens(self.program).possible;
        let facts: HashSet<&GroundAtom> = self.program.facts().iter().map(|f| &f.atom).collect();
        let goal = &search.question().atom;
        let base = search.base();
        let allowed = |atom: &GroundAtom| {
            atom != goal
                && !facts.contains(atom)
                && !base.is_blocked(atom)
                && possible.can_hold(atom.pred, crate::program::reach::Args::Ground(&atom.args))
        };
        let mut open_patterns: Vec<&Item> = Vec::new();
        for item in reached.items.iter().filter(|i| !i.positive) {
            match item
                .args
                .iter()
                .copied()
                .collect::<Option<Box<[SymbolId]>>>()
            {
                Some(args) => {
                    let atom = GroundAtom {
                        pred: item.pred,
                        args,
                    };
                    if allowed(&atom) {
                        self.push(Element::change(ChangeKind::Forbid, atom));
                    }
                }
                None => open_patterns.push(item),
            }
        }
        if open_patterns.is_empty() {
            return Ok(());
        }
        let (positive, withdrawals) = self.bounding_runs();
        for change in [WhatIf::default(), positive, withdrawals] {
            let Evaluation::Model(model) = search.evaluate(&change)? else {
                continue;
            };
            for item in &open_patterns {
                for t in model.relation(item.pred).ids() {
                    let atom = model.atom(item.pred, t);
                    if item.matches(&atom) && allowed(&atom) {
                        self.push(Element::change(ChangeKind::Forbid, atom));
                    }
                }
            }
        }
        Ok(())
    }

    /// The two bounding runs of [`Collector::forbids`]: every positive candidate at once,
    /// and every withdrawal at once.
    fn bounding_runs(&self) -> (WhatIf, WhatIf) {
        let mut positive = WhatIf::default();
        let mut withdrawals = WhatIf::default();
        for element in &self.elements {
            match element {
                Element::Change(Change {
                    kind: ChangeKind::Withdraw,
                    ..
                }) => element.add_to(&mut withdrawals),
                Element::Change(Change {
                    kind: ChangeKind::Forbid,
                    ..
                }) => {}
                _ => element.add_to(&mut positive),
            }
        }
        // A lifted atom that is also assumed would be withdrawn and added at once: keep the
        // assumption, which lifts it too.
        positive
            .withdrawn
            .retain(|a| !positive.added.iter().any(|(b, _)| a == b));
        (positive, withdrawals)
    }
}

/// The ground atoms `assumable` covers that are instances of `item`: its variables the
/// item does not fix range over every constant of the program. `None` when there are
/// more than `budget`.
fn instances(
    program: &Program,
    item: &Item,
    assumable: &AtomPattern,
    budget: usize,
) -> Option<Vec<GroundAtom>> {
    if assumable.pred != item.pred || assumable.args.len() != item.args.len() {
        return Some(Vec::new());
    }
    let nvars = assumable
        .args
        .iter()
        .filter_map(|a| match a {
            Arg::Var(v) => Some(v.index() + 1),
            Arg::Const(_) => None,
        })
        .max()
        .unwrap_or(0);
    let mut env: Vec<Option<SymbolId>> = vec![None; nvars];
    for (arg, known) in assumable.args.iter().zip(item.args.iter()) {
        match (*arg, *known) {
            (Arg::Const(c), Some(k)) if c != k => return Some(Vec::new()),
            (Arg::Var(v), Some(k)) => match env[v.index()] {
                Some(old) if old != k => return Some(Vec::new()),
                _ => env[v.index()] = Some(k),
            },
            _ => {}
        }
    }
    let free: Vec<usize> = (0..nvars)
        .filter(|&v| env[v].is_none() && assumable.args.contains(&Arg::Var(var(v))))
        .collect();
    let symbols = program.symbols().len();
    let count = u32::try_from(free.len())
        .ok()
        .and_then(|k| symbols.checked_pow(k))?;
    if count > budget {
        return None;
    }
    let mut out = Vec::with_capacity(count);
    let mut digits = vec![0usize; free.len()];
    for _ in 0..count {
        for (&v, &d) in free.iter().zip(&digits) {
            env[v] = Some(SymbolId::from_index(d));
        }
        let args = assumable
            .args
            .iter()
            .map(|a| match *a {
                Arg::Const(c) => Some(c),
                Arg::Var(v) => env[v.index()],
            })
            .collect::<Option<Box<[SymbolId]>>>()?;
        out.push(GroundAtom {
            pred: assumable.pred,
            args,
        });
        // The next combination, last digit fastest.
        for d in digits.iter_mut().rev() {
            *d += 1;
            if *d < symbols {
                break;
            }
            *d = 0;
        }
    }
    Some(out)
}

fn var(index: usize) -> crate::program::VarId {
    crate::program::VarId::from_index(index)
}
