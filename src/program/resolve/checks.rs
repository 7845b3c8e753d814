//! Checks over the lowered tables: citations, expectations about open questions,
//! contradictory assumptions and `extends` cycles.

use super::*;

impl Lowering<'_> {
    pub(super) fn check_cites(&mut self, p: &Program) {
        let declared: HashSet<&str> = p.documents.iter().map(|d| d.name.as_str()).collect();
        for c in p.all_cites() {
            if declared.contains(c.document.as_str()) {
                continue;
            }
            let known = self
                .known
                .entry("document")
                .or_insert_with(|| Names::new(p.documents.iter().map(|d| d.name.as_str())));
            let help = known.did_you_mean(&c.document, |_| {
                format!("declare it first: document {} \"Title\"", c.document)
            });
            self.problems.push(CheckError::UnknownDocument {
                name: c.document.clone(),
                span: c.span.into(),
                help,
                src: self.src(c.span),
            });
        }
    }

    /// A test may not expect an open question to hold or not to hold: the analysis leaves
    /// it undecided on purpose. `expect open X` is how a test pins that down, and it needs
    /// an `open X` declaration to be able to pass.
    pub(super) fn check_open_expectations(&mut self, p: &Program) {
        // Per atom declared open: whether some declaration of it has no `when`.
        let mut opens: HashMap<&GroundAtom, bool> = HashMap::default();
        for o in &p.opens {
            *opens.entry(&o.atom).or_default() |= !o.is_conditional();
        }
        for (expectation, span) in p.tests.iter().flat_map(|t| &t.expects) {
            let (atom, wants_open) = match expectation {
                Expectation::Holds(a, _)
                | Expectation::NotHolds(a)
                | Expectation::Probability(a, _) => (a, false),
                Expectation::Open(a) => (a, true),
                Expectation::Conflict(_) | Expectation::NotConflict(_) => continue,
            };
            // `expect X` and `expect not X` are errors only for a question open in every
            // scenario; a conditional one is open only where it arises, and the test runner
            // fails such an expectation there. `expect open X` needs some `open X`.
            let declared = opens
                .get(atom)
                .is_some_and(|&unconditional| wants_open || unconditional);
            if declared == wants_open {
                continue;
            }
            let atom = show_ground(&self.symbols, &self.predicates, atom);
            let (span, src) = ((*span).into(), self.src(*span));
            self.problems.push(if wants_open {
                CheckError::ExpectsUndeclaredOpen { atom, span, src }
            } else {
                CheckError::ExpectsOpen { atom, span, src }
            });
        }
    }

    pub(super) fn check_contradictions(&mut self, p: &Program) {
        for s in &p.scenarios {
            // The first positive line about each atom, so that a scenario of thousands of
            // lines is not searched once per `assume not`.
            let mut assumed: HashMap<&GroundAtom, &Assumption> = HashMap::default();
            for a in s.assumptions.iter().filter(|a| !a.negated) {
                assumed.entry(&a.atom).or_insert(a);
            }
            for neg in s.assumptions.iter().filter(|a| a.negated) {
                if let Some(pos) = assumed.get(&neg.atom) {
                    let atom = show_ground(&self.symbols, &self.predicates, &neg.atom);
                    self.problems.push(CheckError::ContradictoryAssumptions {
                        scenario: s.name.clone(),
                        atom,
                        span: neg.span.into(),
                        other: pos.span.into(),
                        src: self.src(neg.span),
                    });
                }
            }
        }
    }

    /// Each `extends` cycle once, entered where the walk from the first scenario that
    /// reaches it enters it. Every scenario has at most one parent, so one walk per
    /// scenario, stopping at a scenario an earlier walk visited, sees each link once: a
    /// chain of thousands of scenarios is checked in linear time.
    pub(super) fn check_extends_cycles(&mut self, p: &Program) {
        /// Where a walk stands with a scenario.
        #[derive(Clone, Copy, PartialEq)]
        enum Seen {
            Never,
            /// On the current walk, at this position of it.
            OnWalk(usize),
            /// Visited by an earlier walk: whatever it leads to is reported already.
            Done,
        }
        let mut seen = vec![Seen::Never; p.scenarios.len()];
        let mut walk: Vec<ScenarioId> = Vec::new();
        for start in 0..p.scenarios.len() {
            walk.clear();
            let mut at = Some(ScenarioId::from_index(start));
            while let Some(next) = at {
                match seen[next.index()] {
                    Seen::Done => break,
                    Seen::OnWalk(pos) => {
                        let cycle = &walk[pos..];
                        let names: Vec<&str> = cycle
                            .iter()
                            .chain(std::iter::once(&next))
                            .map(|c| p.scenarios[c.index()].name.as_str())
                            .collect();
                        let s = &p.scenarios[cycle[cycle.len() - 1].index()];
                        self.problems.push(CheckError::ExtendsCycle {
                            name: s.name.clone(),
                            cycle: names.join(" -> "),
                            span: s.span.into(),
                            src: self.src(s.span),
                        });
                        break;
                    }
                    Seen::Never => {
                        seen[next.index()] = Seen::OnWalk(walk.len());
                        walk.push(next);
                        at = p.scenarios[next.index()].extends;
                    }
                }
            }
            for s in &walk {
                seen[s.index()] = Seen::Done;
            }
        }
    }
}
