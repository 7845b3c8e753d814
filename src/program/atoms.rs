//! Checks at the level of atoms: every premise, conflict body atom and expectation against
//! what can ever hold ([`super::reach`]), constants included, and rules against the
//! questions declared open.

use std::cell::OnceCell;

use super::error::CheckError;
use super::reach::{Args, Possible, Reach, reach};
use super::suggest::{Nearest, SEARCH_WORK};
use crate::hash::HashMap;

use super::unify::ground_args;
use super::{
    Assumption, AtomPattern, ConflictKind, Expectation, GroundAtom, LevelBound, Open, Program,
    ScenarioId,
};
use crate::source::Span;

mod evidence;

/// How many reports of one kind are shown before the rest are counted in one line: a
/// generated network can have many thousands of atoms that never hold, and a report each
/// would bury the first ones and cost more to render than the check itself.
const REPORTS_PER_KIND: usize = 100;

pub(super) fn check(p: &Program) -> Vec<CheckError> {
    let Reach { live, possible } = reach(p);
    let mut c = Checker {
        p,
        live,
        possible,
        opens: Opens::new(p),
        facts: OnceCell::new(),
        nearest: OnceCell::new(),
        dead: OnceCell::new(),
        out: Vec::new(),
    };
    c.bodies();
    c.tests();
    c.concluded_opens();
    c.evidence();
    c.capped()
}

/// What a list of premises belongs to.
#[derive(Clone, Copy)]
enum Body {
    Rule,
    Conflict,
    Tension,
    OpenCondition,
}

impl Body {
    /// What a positive premise that can never hold means for its owner; `None` for a
    /// conflict, which has a report of its own (it guards against nothing).
    fn consequence(self) -> Option<&'static str> {
        match self {
            Body::Rule => Some("the rule never fires"),
            Body::Conflict => None,
            Body::Tension => Some("the tension is never found"),
            Body::OpenCondition => Some("the question never arises"),
        }
    }
}

/// What owns a list of premises.
#[derive(Clone, Copy)]
enum Owner<'p> {
    Rule(&'p super::Rule),
    Conflict(&'p super::Conflict),
    Open(&'p Open),
}

impl<'p> Owner<'p> {
    /// What kind of body it is, its premises and their variables.
    fn body(self) -> (Body, &'p [super::Premise], &'p [String]) {
        match self {
            Owner::Rule(r) => (Body::Rule, &r.premises, &r.vars),
            Owner::Conflict(c) => {
                let body = match c.kind {
                    ConflictKind::Conflict => Body::Conflict,
                    ConflictKind::Tension => Body::Tension,
                };
                (body, &c.premises, &c.vars)
            }
            Owner::Open(o) => (Body::OpenCondition, &o.when, &o.vars),
        }
    }

    /// How a report names it.
    fn shown(self, p: &Program) -> String {
        match self {
            Owner::Rule(r) => format!("rule `{}`", r.name),
            Owner::Conflict(c) => format!("{} `{}`", c.kind.keyword(), c.name),
            Owner::Open(o) => format!("open question `{}`", p.show_atom(&o.atom)),
        }
    }
}

struct Checker<'p> {
    p: &'p Program,
    live: Vec<bool>,
    possible: Possible<'p>,
    opens: Opens<'p>,
    /// Facts by atom, in declaration order: built once, when a report or a conflict's
    /// premises ask (a rule base of millions of facts and no tests asks nothing).
    facts: OnceCell<HashMap<&'p GroundAtom, Vec<&'p super::Fact>>>,
    /// Everything that can hold, in canonical form, indexed: built once, when needed.
    nearest: OnceCell<Nearest>,
    /// The conclusions of rules that can never fire: built once, when needed.
    dead: OnceCell<Possible<'p>>,
    out: Vec<CheckError>,
}

impl<'p> Checker<'p> {
    fn src(&self, span: Span) -> crate::source::NamedText {
        self.p.sources.named_source(span)
    }

    /// Facts by atom, in declaration order.
    fn facts(&self) -> &HashMap<&'p GroundAtom, Vec<&'p super::Fact>> {
        self.facts.get_or_init(|| facts_by_atom(self.p))
    }

    fn never(&self, atom: &AtomPattern) -> bool {
        !self.possible.can_hold(atom.pred, Args::Pattern(&atom.args))
    }

    /// The help for an atom that can never hold: the closest atom that can, else the rules
    /// that conclude it but can never fire, else `otherwise`. The atoms that can hold are
    /// indexed once, so a search reads only the few near the atom's length and letters.
    fn help(&self, shown: &str, atom: &AtomPattern, otherwise: &str) -> String {
        let nearest = self
            .nearest
            .get_or_init(|| Nearest::new(self.possible.texts()));
        if super::suggest::within_search_work(nearest.work(), SEARCH_WORK)
            && let Some(near) = nearest.closest(shown)
        {
            return format!("did you mean `{near}`? that atom can hold");
        }
        let p = self.p;
        let dead = self.dead.get_or_init(|| {
            let dead: Vec<bool> = self.live.iter().map(|l| !l).collect();
            Possible::build(p, &dead)
        });
        let rules = dead.rules_producing(atom.pred, Args::Pattern(&atom.args));
        if rules.is_empty() {
            return otherwise.to_owned();
        }
        let names: Vec<String> = rules
            .iter()
            .take(3)
            .map(|&r| format!("`{}`", p.rule(r).name))
            .collect();
        let (only, verb) = if rules.len() == 1 {
            ("only rule", "it can")
        } else {
            ("only rules", "they can")
        };
        let more = if rules.len() > 3 { " and others" } else { "" };
        format!(
            "{only} {}{more} conclude{} it, and {verb} never fire",
            names.join(", "),
            if rules.len() == 1 { "s" } else { "" }
        )
    }

    /// The reports, at most [`REPORTS_PER_KIND`] warnings of each kind, then one line per
    /// kind counting those not shown.
    fn capped(self) -> Vec<CheckError> {
        use miette::Diagnostic;
        let mut counts: Vec<(String, usize)> = Vec::new();
        let mut out = Vec::new();
        for e in self.out {
            let code = e.code().map(|c| c.to_string()).unwrap_or_default();
            let n = match counts.iter_mut().find(|(c, _)| *c == code) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    counts.push((code, 1));
                    1
                }
            };
            if !e.is_warning() || n <= REPORTS_PER_KIND {
                out.push(e);
            }
        }
        for (code, n) in counts {
            if n > REPORTS_PER_KIND {
                out.push(CheckError::MoreNeverHold {
                    code,
                    more: n - REPORTS_PER_KIND,
                });
            }
        }
        out
    }

    /// The premises of rules, conflicts, tensions and the conditions of open questions.
    fn bodies(&mut self) {
        let p = self.p;
        let rules = p.rules.iter().map(Owner::Rule);
        let conflicts = p.conflicts.iter().map(Owner::Conflict);
        let opens = p.opens.iter().map(Owner::Open);
        for owner in rules.chain(conflicts).chain(opens) {
            let (body, premises, vars) = owner.body();
            for prem in premises {
                if !self.never(&prem.atom) {
                    continue;
                }
                // `not` of an open question has its own warning (`negates_open_question`).
                if prem.negated && self.opens.matching(&prem.atom).is_some() {
                    continue;
                }
                // Named only here: a large rule base has few reports and many owners.
                let owner = owner.shown(p);
                let atom = p.show_pattern(&prem.atom, vars);
                let error = match (prem.negated, body.consequence()) {
                    (true, _) => {
                        let help = self.help(
                            &atom,
                            &prem.atom,
                            "the `not` premise always holds: remove it, or add what makes the atom true",
                        );
                        CheckError::NegationAlwaysTrue {
                            owner,
                            atom,
                            span: prem.span.into(),
                            help,
                            src: self.src(prem.span),
                        }
                    }
                    (false, None) => {
                        let help = self.help(
                            &atom,
                            &prem.atom,
                            "a conflict that can never hold guards against nothing: fix the atom or remove the conflict",
                        );
                        CheckError::ConflictNeverHolds {
                            conflict: owner,
                            atom,
                            span: prem.span.into(),
                            help,
                            src: self.src(prem.span),
                        }
                    }
                    (false, Some(consequence)) => {
                        let help = self.help(
                            &atom,
                            &prem.atom,
                            "add a fact, an `assumable` or a rule that concludes it, or remove the premise",
                        );
                        CheckError::PremiseNeverHolds {
                            owner,
                            consequence,
                            atom,
                            span: prem.span.into(),
                            help,
                            src: self.src(prem.span),
                        }
                    }
                };
                self.out.push(error);
            }
        }
    }

    fn tests(&mut self) {
        let p = self.p;
        // Each tested scenario's lines, by atom: computed once per scenario, however many
        // tests run it.
        let mut by_scenario: HashMap<super::ScenarioId, Lines<'p>> = HashMap::default();
        for test in &p.tests {
            let lines = by_scenario
                .entry(test.scenario)
                .or_insert_with(|| Lines::new(p, test.scenario));
            for (e, span) in &test.expects {
                if let Some(error) = self.settled(test, lines, e, *span) {
                    self.out.push(error);
                    continue;
                }
                let (atom, negated) = match e {
                    Expectation::Holds(a, _) => (a, false),
                    Expectation::NotHolds(a) => (a, true),
                    // `expect open X` needs an `open X` (checked when lowering) and fails
                    // where a scenario settles X; conflicts are not atoms.
                    Expectation::Open(_)
                    | Expectation::Conflict(_)
                    | Expectation::Probability(..) => {
                        continue;
                    }
                    Expectation::NotConflict(id) => {
                        self.vacuous_not_conflict(&test.name, *id, *span);
                        continue;
                    }
                };
                // An open question may arise, which the test runner checks against.
                if self.opens.declared(atom)
                    || self.possible.can_hold(atom.pred, Args::Ground(&atom.args))
                {
                    continue;
                }
                let pattern = AtomPattern {
                    pred: atom.pred,
                    args: atom.args.iter().map(|&c| super::Arg::Const(c)).collect(),
                    span: *span,
                };
                let shown = p.show_atom(atom);
                let error = if negated {
                    let help = self.help(
                        &shown,
                        &pattern,
                        "a test that cannot fail proves nothing: expect the absence of an atom some rule can conclude, or remove the line",
                    );
                    CheckError::VacuousExpectation {
                        test: test.name.clone(),
                        atom: shown,
                        span: (*span).into(),
                        help,
                        src: self.src(*span),
                    }
                } else {
                    let help = self.help(
                        &shown,
                        &pattern,
                        "no fact, assumption, assumable or rule can produce it",
                    );
                    CheckError::ExpectationNeverHolds {
                        test: test.name.clone(),
                        atom: shown,
                        span: (*span).into(),
                        help,
                        src: self.src(*span),
                    }
                };
                self.out.push(error);
            }
        }
    }

    /// `expect not conflict K` where a positive premise of K can never hold: K never
    /// arises, so the line always passes.
    fn vacuous_not_conflict(&mut self, test: &str, id: super::ConflictId, span: Span) {
        let p = self.p;
        let conflict = &p.conflicts[id.index()];
        let Some(dead) = conflict
            .premises
            .iter()
            .find(|prem| !prem.negated && self.never(&prem.atom))
        else {
            return;
        };
        let premise = p.show_pattern(&dead.atom, &conflict.vars);
        let help = self.help(
            &premise,
            &dead.atom,
            "a test that cannot fail proves nothing: fix the premise, or remove the line",
        );
        self.out.push(CheckError::VacuousExpectation {
            test: test.to_owned(),
            atom: format!("{} {}", conflict.kind.keyword(), conflict.name),
            span: span.into(),
            help: format!("its premise `{premise}` can never hold; {help}"),
            src: self.src(span),
        });
    }

    /// An expectation its scenario settles whatever the rules say: `expect not X` where
    /// the scenario forbids X, `expect X [at least L]` where it assumes X at L or above, or
    /// X is such a fact it does not forbid. A likelihood is the max over derivations,
    /// assumptions and facts included, so no rule can lower it, and `assume not` beats
    /// every rule.
    fn settled(
        &self,
        test: &super::Test,
        lines: &Lines<'_>,
        e: &Expectation,
        span: Span,
    ) -> Option<CheckError> {
        let p = self.p;
        // `at most` and `exactly` can be broken by a rule raising the atom, `expect open`
        // and `expect not conflict` by the scenario settling what they need: neither is
        // settled here.
        let (atom, at_least) = match e {
            Expectation::Holds(a, LevelBound::Any) => (a, Some(None)),
            Expectation::Holds(a, LevelBound::AtLeast(l)) => (a, Some(Some(*l))),
            Expectation::NotHolds(a) => (a, None),
            Expectation::Conflict(id) => return self.settled_conflict(test, lines, *id, span),
            Expectation::Holds(..)
            | Expectation::Open(_)
            | Expectation::NotConflict(_)
            | Expectation::Probability(..) => {
                return None;
            }
        };
        // A conditional question that arises makes any expectation about it fail.
        if self.opens.declared(atom) {
            return None;
        }
        let place = |owner: super::ScenarioId, at: Span| {
            let loc = p.sources.location(at);
            format!("scenario {} at {loc}", p.scenarios[owner.index()].name)
        };
        let shown = p.show_atom(atom);
        let about = lines.about(atom);
        let forbidden = about.clone().find(|(_, _, a)| a.negated);
        let (expectation, reason) = match (at_least, forbidden) {
            (None, Some(&(owner, _, a))) => (
                format!("expect not {shown}"),
                format!("{} forbids it with `assume not`", place(owner, a.span)),
            ),
            (Some(level), None) => {
                let floor = level.unwrap_or(crate::likelihood::Likelihood::AlmostNoChance);
                let by_assumption =
                    about
                        .filter(|(_, _, a)| a.level >= floor)
                        .map(|&(owner, _, a)| {
                            format!("{} assumes it [{}]", place(owner, a.span), a.level)
                        });
                let by_fact = self
                    .facts()
                    .get(atom)
                    .into_iter()
                    .flatten()
                    .filter(|f| f.level >= floor)
                    .map(|f| {
                        format!(
                            "it is a fact [{}] at {}",
                            f.level,
                            p.sources.location(f.span)
                        )
                    });
                let reason = by_assumption.chain(by_fact).next()?;
                let written = match level {
                    Some(l) => format!("expect {shown} at least {l}"),
                    None => format!("expect {shown}"),
                };
                (written, reason)
            }
            _ => return None,
        };
        Some(CheckError::SettledExpectation {
            test: test.name.clone(),
            expectation,
            reason,
            span: span.into(),
            help: "a test that cannot fail proves nothing: expect something the rules conclude, or remove the line".to_owned(),
            src: self.src(span),
        })
    }

    /// `expect conflict NAME` (or `tension`) where the scenario settles every premise of a
    /// conflict without variables: each positive one a fact or an assumption it does not
    /// forbid, each `not` one an atom it forbids or nothing can produce. No rule can then
    /// make the expectation fail.
    fn settled_conflict(
        &self,
        test: &super::Test,
        lines: &Lines<'_>,
        id: super::ConflictId,
        span: Span,
    ) -> Option<CheckError> {
        let p = self.p;
        let conflict = &p.conflicts[id.index()];
        if !conflict.vars.is_empty() {
            return None;
        }
        for premise in &conflict.premises {
            let atom = super::GroundAtom {
                pred: premise.atom.pred,
                args: super::unify::ground_args(&premise.atom.args)?
                    .to_vec()
                    .into(),
            };
            if self.opens.declared(&atom) {
                return None;
            }
            let about = || lines.about(&atom);
            let forbidden = about().any(|(_, _, a)| a.negated);
            let settled = if premise.negated {
                forbidden || !self.possible.can_hold(atom.pred, Args::Ground(&atom.args))
            } else {
                !forbidden && (about().next().is_some() || self.facts().contains_key(&atom))
            };
            if !settled {
                return None;
            }
        }
        let scenario = &p.scenarios[test.scenario.index()].name;
        Some(CheckError::SettledExpectation {
            test: test.name.clone(),
            expectation: format!("expect {} {}", conflict.kind.keyword(), conflict.name),
            reason: format!(
                "scenario {scenario} settles every premise itself (facts, its assumptions, and atoms it forbids or nothing produces)"
            ),
            span: span.into(),
            help: "a test that cannot fail proves nothing: expect a conflict that rests on what the rules conclude, or remove the line".to_owned(),
            src: self.src(span),
        })
    }

    /// Rules whose conclusions unify with an atom declared `open`.
    fn concluded_opens(&mut self) {
        let p = self.p;
        if p.opens.is_empty() {
            return;
        }
        for rule in &p.rules {
            for c in &rule.conclusions {
                let Some(open) = self.opens.matching(c) else {
                    continue;
                };
                self.out.push(CheckError::ConcludesOpen {
                    rule: rule.name.to_string(),
                    atom: p.show_atom(&open.atom),
                    span: c.span.into(),
                    open: (open.span.file == c.span.file).then(|| open.span.into()),
                    src: self.src(c.span),
                });
            }
        }
    }
}

/// The questions declared open, indexed: by atom, and by predicate in declaration order.
pub(super) struct Opens<'p> {
    by_atom: HashMap<&'p GroundAtom, &'p Open>,
    by_pred: Vec<Vec<&'p Open>>,
}

impl<'p> Opens<'p> {
    pub(super) fn new(p: &'p Program) -> Self {
        let mut by_atom = HashMap::default();
        let mut by_pred = vec![Vec::new(); p.predicates.len()];
        for o in &p.opens {
            by_atom.entry(&o.atom).or_insert(o);
            if let Some(list) = by_pred.get_mut(o.atom.pred.index()) {
                list.push(o);
            }
        }
        Opens { by_atom, by_pred }
    }

    /// Whether `atom` is declared open (with or without `when`).
    fn declared(&self, atom: &GroundAtom) -> bool {
        self.by_atom.contains_key(atom)
    }

    /// The first declaration whose atom is an instance of `pattern`.
    pub(super) fn matching(&self, pattern: &AtomPattern) -> Option<&'p Open> {
        if let Some(args) = ground_args(&pattern.args) {
            let atom = GroundAtom {
                pred: pattern.pred,
                args: args.to_vec().into(),
            };
            return self.by_atom.get(&atom).copied();
        }
        let list = self.by_pred.get(pattern.pred.index())?;
        list.iter().copied().find(|o| pattern.matches(&o.atom))
    }
}

fn facts_by_atom(p: &Program) -> HashMap<&GroundAtom, Vec<&super::Fact>> {
    let mut out: HashMap<&GroundAtom, Vec<&super::Fact>> = HashMap::default();
    for f in &p.facts {
        out.entry(&f.atom).or_default().push(f);
    }
    out
}

/// A scenario's `assume` lines in force ([`Program::assumptions`]), by atom.
struct Lines<'p> {
    lines: Vec<(ScenarioId, usize, &'p Assumption)>,
    by_atom: HashMap<&'p GroundAtom, Vec<usize>>,
}

impl<'p> Lines<'p> {
    fn new(p: &'p Program, scenario: ScenarioId) -> Self {
        let lines = p.assumptions(scenario);
        let mut by_atom: HashMap<&GroundAtom, Vec<usize>> = HashMap::default();
        for (i, (_, _, a)) in lines.iter().enumerate() {
            by_atom.entry(&a.atom).or_default().push(i);
        }
        Lines { lines, by_atom }
    }

    /// The lines about `atom`, in order.
    fn about<'s>(
        &'s self,
        atom: &GroundAtom,
    ) -> impl Iterator<Item = &'s (ScenarioId, usize, &'p Assumption)> + Clone + 's {
        let at = self.by_atom.get(atom).map_or(&[][..], Vec::as_slice);
        at.iter().map(|&i| &self.lines[i])
    }
}
