//! What two scenarios assume and forbid, compared line against line: assumptions added,
//! withdrawn, changed in level, forbidden and lifted; and the open questions open in one
//! scenario only, settled by an `assume` line in the other or not arising there.

use std::fmt;

use indexmap::IndexMap;
use serde::{Serialize, Serializer};

use crate::engine::Model;
use crate::explain::Place;
use crate::hash::HashSet;
use crate::likelihood::Likelihood;
use crate::program::{GroundAtom, Origin, Program};

/// What a scenario's `assume` lines say about one atom.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stance {
    /// `assume ATOM [LEVEL]`: the strongest of the scenario's lines about it.
    Assumed(Likelihood),
    /// `assume not ATOM`: an intervention that forces it false.
    Forbidden,
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stance::Assumed(l) => l.fmt(f),
            Stance::Forbidden => f.write_str("forbidden"),
        }
    }
}

/// A likelihood keyword, or `"forbidden"`.
impl Serialize for Stance {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Stance::Assumed(l) => l.serialize(s),
            Stance::Forbidden => s.serialize_str("forbidden"),
        }
    }
}

/// Where what a scenario says about an atom comes from: an `assume` line of the scenario
/// diffed or of an ancestor it `extends`, or the change of a what-if run (an ad-hoc
/// scenario's `--assume` or `--assume-not`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum AssumeLine {
    /// A line of a scenario block.
    Line {
        /// The scenario whose block holds the line.
        scenario: String,
        /// The file.
        file: String,
        /// The line.
        line: usize,
    },
    /// A what-if run's change (JSON `{"adhoc": true}`).
    AdHoc {
        /// Always `true`.
        adhoc: bool,
    },
}

impl AssumeLine {
    /// The scenario whose block holds the line; `None` for a what-if's change.
    pub fn scenario(&self) -> Option<&str> {
        match self {
            AssumeLine::Line { scenario, .. } => Some(scenario),
            AssumeLine::AdHoc { .. } => None,
        }
    }
}

impl fmt::Display for AssumeLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AssumeLine::Line {
                scenario,
                file,
                line,
            } => write!(f, "in scenario {scenario} at {file}:{line}"),
            AssumeLine::AdHoc { .. } => f.write_str("ad hoc"),
        }
    }
}

/// One atom whose `assume` lines differ between the two scenarios.
#[derive(Clone, Debug, Serialize)]
pub struct AssumptionChange {
    /// The atom, canonical form.
    pub atom: String,
    /// What the first scenario says about it (`null`: nothing).
    pub before: Option<Stance>,
    /// What the second scenario says about it (`null`: nothing).
    pub after: Option<Stance>,
    /// The line that makes the difference: the second scenario's when it has one, else the
    /// first's.
    pub line: AssumeLine,
}

/// The assumptions that differ, each atom in exactly one list: the second scenario's atoms
/// in its order (ancestors' lines first), then those only the first has, in its order.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Assumptions {
    /// Assumed in the second scenario only.
    pub added: Vec<AssumptionChange>,
    /// Assumed in the first scenario only.
    pub withdrawn: Vec<AssumptionChange>,
    /// Assumed in both, at different levels.
    pub changed: Vec<AssumptionChange>,
    /// Forbidden (`assume not`) in the second scenario and not in the first.
    pub forbidden: Vec<AssumptionChange>,
    /// Forbidden in the first scenario and not in the second (which may assume it instead).
    pub lifted: Vec<AssumptionChange>,
}

/// An open question whose status differs between the two scenarios.
#[derive(Clone, Debug, Serialize)]
pub struct OpenChange {
    /// The atom, canonical form.
    pub atom: String,
    /// How the scenario that settles it by an `assume` line does so, if one does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settled: Option<Stance>,
    /// That line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<AssumeLine>,
    /// The `open` declaration that leaves it open on the other side.
    pub open: Place,
}

/// The open questions whose status differs, in declaration order.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Opens {
    /// Open in the first scenario, settled by an `assume` or `assume not` line in the second.
    pub resolved: Vec<OpenChange>,
    /// Settled by such a line in the first scenario, open in the second.
    pub reopened: Vec<OpenChange>,
    /// Open in the second scenario only, no line settling it in the first: its question
    /// arises there (its `when` premises hold) and not in the first.
    pub newly_open: Vec<OpenChange>,
    /// Open in the first scenario only, no line settling it in the second.
    pub no_longer_open: Vec<OpenChange>,
}

/// The `assume` lines in force in one run, one entry per atom, in [`Program::assumptions`]
/// order, then a what-if's changes in their order (see [`ScenarioInputs::what_if`]).
pub(super) struct Stances(IndexMap<GroundAtom, (Stance, AssumeLine)>);

impl Stances {
    pub(super) fn new(model: &Model<'_>) -> Self {
        let p = model.program();
        let inputs = model.inputs();
        // The lines a what-if left in force (all of them, for a scenario as declared).
        let kept: HashSet<Origin> = inputs
            .assumed()
            .iter()
            .chain(inputs.blocked())
            .map(|a| a.origin)
            .collect();
        let mut by_atom: IndexMap<GroundAtom, (Stance, AssumeLine)> = IndexMap::new();
        for (owner, index, a) in p.assumptions(model.scenario()) {
            let origin = u32::try_from(index).map(|index| Origin::Line {
                scenario: owner,
                index,
            });
            if !origin.is_ok_and(|o| kept.contains(&o)) {
                continue;
            }
            let stance = if a.negated {
                Stance::Forbidden
            } else {
                Stance::Assumed(a.level)
            };
            let loc = p.sources().location(a.span);
            let line = AssumeLine::Line {
                scenario: p.scenarios()[owner.index()].name.clone(),
                file: loc.file,
                line: loc.line,
            };
            insert(&mut by_atom, &a.atom, stance, line);
        }
        let changed = inputs.assumed().iter().chain(inputs.blocked());
        for entry in changed.filter(|a| !matches!(a.origin, Origin::Line { .. })) {
            let stance = match entry.origin {
                Origin::Forbidden(_) => Stance::Forbidden,
                _ => Stance::Assumed(entry.level),
            };
            insert(
                &mut by_atom,
                &entry.atom,
                stance,
                AssumeLine::AdHoc { adhoc: true },
            );
        }
        Stances(by_atom)
    }

    pub(super) fn get(&self, atom: &GroundAtom) -> Option<&(Stance, AssumeLine)> {
        self.0.get(atom)
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = (&GroundAtom, &(Stance, AssumeLine))> {
        self.0.iter()
    }

    /// Whether this scenario says something about the atom.
    pub(super) fn contains(&self, atom: &GroundAtom) -> bool {
        self.0.contains_key(atom)
    }
}

/// Records one line. Lines about one atom all come from one scenario (or all from a
/// what-if), all `assume` or all `assume not` (the checker, and a what-if, refuse both);
/// the strongest stands, the first among equals.
fn insert(
    by_atom: &mut IndexMap<GroundAtom, (Stance, AssumeLine)>,
    atom: &GroundAtom,
    stance: Stance,
    line: AssumeLine,
) {
    match (by_atom.get_mut(atom), stance) {
        (Some((Stance::Assumed(old), old_line)), Stance::Assumed(level)) if level > *old => {
            *old = level;
            *old_line = line;
        }
        (Some(_), _) => {}
        (None, _) => {
            by_atom.insert(atom.clone(), (stance, line));
        }
    }
}

/// Compares the lines in force in two scenarios.
pub(super) fn assumptions(p: &Program, from: &Stances, to: &Stances) -> Assumptions {
    let mut out = Assumptions::default();
    let atoms = to
        .iter()
        .map(|(a, _)| a)
        .chain(from.iter().map(|(a, _)| a).filter(|a| !to.contains(a)));
    for atom in atoms {
        let (before, after) = (from.get(atom), to.get(atom));
        let Some((_, line)) = after.or(before) else {
            continue;
        };
        let (b, a) = (before.map(|s| s.0), after.map(|s| s.0));
        let list = match (b, a) {
            (None, Some(Stance::Assumed(_))) => &mut out.added,
            (Some(Stance::Assumed(_)), None) => &mut out.withdrawn,
            (Some(Stance::Assumed(x)), Some(Stance::Assumed(y))) if x != y => &mut out.changed,
            (b, Some(Stance::Forbidden)) if b != Some(Stance::Forbidden) => &mut out.forbidden,
            (Some(Stance::Forbidden), a) if a != Some(Stance::Forbidden) => &mut out.lifted,
            _ => continue,
        };
        list.push(AssumptionChange {
            atom: p.show_atom(atom),
            before: b,
            after: a,
            line: line.clone(),
        });
    }
    out
}

/// The open questions, in declaration order, open in one scenario and not the other.
pub(super) fn opens(from: &Model<'_>, to: &Model<'_>, fs: &Stances, ts: &Stances) -> Opens {
    let p = from.program();
    let mut out = Opens::default();
    let mut seen: Vec<&GroundAtom> = Vec::new();
    for declared in p.opens() {
        let atom = &declared.atom;
        if seen.contains(&atom) {
            continue;
        }
        seen.push(atom);
        let (list, open, settled) = match (from.is_open(atom), to.is_open(atom)) {
            (Some(o), None) => match ts.get(atom) {
                Some(s) => (&mut out.resolved, o, Some(s)),
                None => (&mut out.no_longer_open, o, None),
            },
            (None, Some(o)) => match fs.get(atom) {
                Some(s) => (&mut out.reopened, o, Some(s)),
                None => (&mut out.newly_open, o, None),
            },
            _ => continue,
        };
        list.push(OpenChange {
            atom: p.show_atom(atom),
            settled: settled.map(|s| s.0),
            line: settled.map(|s| s.1.clone()),
            open: p.sources().location(open.span).into(),
        });
    }
    out
}
