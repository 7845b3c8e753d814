//! Lowering: syntax trees to program tables. Interns names, checks arities, ground atoms,
//! variable safety, duplicate names and references to documents, scenarios and conflicts.

use crate::hash::{HashMap, HashSet};

use miette::SourceSpan;
use smallvec::SmallVec;

use super::error::CheckError;
use super::suggest::Names;
use super::*;
use crate::likelihood::Likelihood;
use crate::source::{SourceMap, Span};
use crate::syntax::ast::{self, Item};

mod checks;
mod evidence;
mod names;
mod pieces;
mod terms;

pub(super) use pieces::{Done, Lowerer};

/// The name of the scenario that top-level `assume` lines belong to.
pub const DEFAULT_SCENARIO: &str = "default";

struct Lowering<'a> {
    sources: &'a SourceMap,
    symbols: Symbols,
    predicates: Vec<Predicate>,
    by_name: HashMap<String, PredId>,
    /// The predicate of the atom lowered last.
    recent: Option<PredId>,
    reported: HashSet<(PredId, usize)>,
    problems: Vec<CheckError>,
    /// Declared names by kind, for did-you-mean: built at the first unknown reference.
    known: HashMap<&'static str, Names>,
    /// The tests lowered so far, by name: where each is declared.
    tests: HashMap<String, Span>,
    /// The top-level `assume` lines lowered so far: scenario `default`'s assumptions, kept
    /// apart until the scenario table is made, once every scenario is declared.
    default_assumptions: Vec<Assumption>,
    /// Where the first rule of each `choice` group states its likelihood, by [`ChoiceId`].
    choice_first: Vec<Span>,
}

impl<'a> Lowering<'a> {
    fn new(sources: &'a SourceMap) -> Self {
        Lowering {
            sources,
            symbols: Symbols::default(),
            predicates: Vec::new(),
            by_name: HashMap::default(),
            recent: None,
            reported: HashSet::default(),
            problems: Vec::new(),
            known: HashMap::default(),
            tests: HashMap::default(),
            default_assumptions: Vec::new(),
            choice_first: Vec::new(),
        }
    }

    fn src(&self, span: Span) -> crate::source::NamedText {
        self.sources.named_source(span)
    }

    /// `first` as a label when it is in the same file as `span`; and a help line that says
    /// where it is either way.
    fn other_place(&self, span: Span, first: Span, what: &str) -> (Option<SourceSpan>, String) {
        let loc = self.sources.location(first);
        let label = (first.file == span.file).then(|| first.into());
        (
            label,
            format!("{what} at {}:{}:{}", loc.file, loc.line, loc.column),
        )
    }

    fn item(
        &mut self,
        item: &Item,
        p: &mut Program,
        scenarios: &HashMap<String, ScenarioId>,
        conflicts: &ConflictNames,
    ) {
        match item {
            Item::Document(_) => {}
            Item::Fact(f) => {
                if let Some(atom) = self.ground(&f.atom, "a fact") {
                    p.facts.push(Fact {
                        atom,
                        level: level(f.level),
                        probability: f.level.and_then(|l| l.probability),
                        cites: cites(&f.cites),
                        span: f.span,
                    });
                }
            }
            Item::Assumable(a) => {
                let mut vars = Vec::new();
                if let Some(atom) = self.pattern(&a.atom, &mut vars) {
                    p.assumables.push(atom);
                }
            }
            Item::Assume(a) => {
                if let Some(a) = self.assumption(a) {
                    self.default_assumptions.push(a);
                }
            }
            Item::Rule(r) => {
                if let Some(mut rule) = self.rule(r) {
                    rule.choice = r.choice.as_ref().and_then(|group| {
                        let id = RuleId::from_index(p.rules.len());
                        self.choice(p, group, id, &rule, r)
                    });
                    p.rules.push(rule);
                }
            }
            Item::Conflict(c) => {
                let first = conflicts
                    .get(c.name.text.as_str())
                    .is_some_and(|&(_, _, span)| span == c.name.span);
                // A duplicate is reported already, and would shift every later id.
                if first && let Some(c) = self.conflict(c) {
                    p.conflicts.push(c);
                }
            }
            Item::Scenario(s) => self.scenario(s, p, scenarios),
            Item::Test(t) => self.test(t, p, scenarios, conflicts),
            Item::Open(o) => {
                if let Some(open) = self.open(o) {
                    p.opens.push(open);
                }
            }
            Item::Indicator(i) => self.indicator(i, p),
            Item::Observed(o) => self.observation(o, p),
        }
    }

    fn scenario(
        &mut self,
        s: &ast::Scenario,
        p: &mut Program,
        scenarios: &HashMap<String, ScenarioId>,
    ) {
        let Some(&id) = scenarios.get(s.name.text.as_str()) else {
            return;
        };
        if p.scenarios[id.index()].span != s.name.span {
            return; // a duplicate, already reported
        }
        p.scenarios[id.index()].span = s.span;
        if let Some(parent) = &s.extends {
            p.scenarios[id.index()].extends = self.scenario_ref(parent, scenarios);
        }
        for a in &s.assumes {
            if let Some(a) = self.assumption(a) {
                p.scenarios[id.index()].assumptions.push(a);
            }
        }
    }

    fn test(
        &mut self,
        t: &ast::Test,
        p: &mut Program,
        scenarios: &HashMap<String, ScenarioId>,
        conflicts: &ConflictNames,
    ) {
        if let Some(&earlier) = self.tests.get(&t.name) {
            self.duplicate("test", &t.name, t.name_span, earlier);
            return;
        }
        let scenario = self.scenario_ref(&t.scenario, scenarios);
        if t.expects.is_empty() {
            self.problems.push(CheckError::EmptyTest {
                test: t.name.clone(),
                span: t.name_span.into(),
                src: self.src(t.name_span),
            });
        }
        let mut expects = Vec::new();
        for e in &t.expects {
            let expectation = match &e.kind {
                ast::ExpectKind::Holds { atom, bound } => {
                    let bound = match *bound {
                        ast::Bound::Any => LevelBound::Any,
                        ast::Bound::AtLeast(l) => LevelBound::AtLeast(l.value),
                        ast::Bound::AtMost(l) => LevelBound::AtMost(l.value),
                        ast::Bound::Exactly(l) => LevelBound::Exactly(l.value),
                    };
                    self.ground(atom, "an expectation")
                        .map(|a| Expectation::Holds(a, bound))
                }
                ast::ExpectKind::Probability { atom, bound } => {
                    let bound = match *bound {
                        ast::ProbabilityBound::AtLeast(l) => {
                            l.probability.map(ProbabilityBound::AtLeast)
                        }
                        ast::ProbabilityBound::AtMost(l) => {
                            l.probability.map(ProbabilityBound::AtMost)
                        }
                    };
                    // The parser reads a number there, so the bound has its probability.
                    bound.and_then(|bound| {
                        self.ground(atom, "an expectation")
                            .map(|a| Expectation::Probability(a, bound))
                    })
                }
                ast::ExpectKind::NotHolds { atom } => self
                    .ground(atom, "an expectation")
                    .map(Expectation::NotHolds),
                ast::ExpectKind::Open { atom } => {
                    self.ground(atom, "an expectation").map(Expectation::Open)
                }
                ast::ExpectKind::Conflict { kind, name } => self
                    .conflict_ref(*kind, name, conflicts)
                    .map(Expectation::Conflict),
                ast::ExpectKind::NotConflict { kind, name } => self
                    .conflict_ref(*kind, name, conflicts)
                    .map(Expectation::NotConflict),
            };
            expects.extend(expectation.map(|x| (x, e.span)));
        }
        if let Some(scenario) = scenario {
            self.tests.insert(t.name.clone(), t.span);
            p.tests.push(Test {
                name: t.name.clone(),
                scenario,
                expects,
                name_span: t.name_span,
                span: t.span,
            });
        }
    }

    fn assumption(&mut self, a: &ast::Assume) -> Option<Assumption> {
        let atom = self.ground(&a.atom, "an assumption")?;
        Some(Assumption {
            atom,
            level: level(a.level),
            probability: a.level.and_then(|l| l.probability),
            negated: a.negated,
            span: a.span,
        })
    }

    fn rule(&mut self, r: &ast::Rule) -> Option<Rule> {
        let owner = ("rule", r.name.text.as_str());
        let mut vars = Vec::new();
        let premises = self.premises(&r.premises, &mut vars);
        // Sized exactly, as the premises are (inline for one).
        let mut conclusions: SmallVec<[AtomPattern; 1]> =
            SmallVec::with_capacity(r.conclusions.len());
        conclusions.extend(
            r.conclusions
                .iter()
                .filter_map(|c| self.pattern(c, &mut vars)),
        );
        let bound = positive_vars(&r.premises);
        let unbound_sites = r
            .conclusions
            .iter()
            .flat_map(|c| &c.args)
            .chain(negated_args(&r.premises));
        let safe = self.check_safety(owner, &bound, unbound_sites);
        let complete =
            premises.len() == r.premises.len() && conclusions.len() == r.conclusions.len();
        (safe && complete).then(|| Rule {
            name: r.name.text.clone(),
            premises: premises.into(),
            conclusions,
            level: level(r.level),
            probability: r.level.and_then(|l| l.probability),
            choice: None,
            cites: cites(&r.cites).into(),
            vars: vars.into(),
            span: r.span,
        })
    }

    /// Puts rule `id` in the `choice` group `group`, made on first use; a rule stating
    /// another probability than the group's first is an error pointing at both.
    fn choice(
        &mut self,
        p: &mut Program,
        group: &ast::Name,
        id: RuleId,
        rule: &Rule,
        r: &ast::Rule,
    ) -> Option<ChoiceId> {
        let stated = |r: &ast::Rule| r.level.map_or(r.name.span, |l| l.span);
        let found = p.choices.iter().position(|g| g.name == group.text);
        let Some(at) = found else {
            p.choices.push(ChoiceGroup {
                name: group.text.clone(),
                probability: rule.chance(),
                rules: vec![id],
            });
            self.choice_first.push(stated(r));
            return Some(ChoiceId::from_index(p.choices.len() - 1));
        };
        let g = &mut p.choices[at];
        if g.probability != rule.chance() {
            let first = self.choice_first[at];
            let span = stated(r);
            let (label, place) = self.other_place(span, first, "the group's first rule is");
            let first_rule = &p.rules[g.rules[0].index()];
            self.problems.push(CheckError::ChoiceMismatch(
                group.text.to_string(),
                r.name.text.to_string(),
                rule.chance().to_string(),
                first_rule.name.to_string(),
                g.probability.to_string(),
                span.into(),
                label,
                format!(
                    "{place}; the rules of a `choice` group share one choice, so they state one probability: make the two agree, or name another group"
                ),
                self.src(span),
            ));
            return None;
        }
        g.rules.push(id);
        Some(ChoiceId::from_index(at))
    }

    fn conflict(&mut self, c: &ast::Conflict) -> Option<Conflict> {
        let owner = ("conflict", c.name.text.as_str());
        let mut vars = Vec::new();
        let premises = self.premises(&c.premises, &mut vars);
        let bound = positive_vars(&c.premises);
        let safe = self.check_safety(owner, &bound, negated_args(&c.premises));
        (safe && premises.len() == c.premises.len()).then(|| Conflict {
            kind: c.kind,
            name: c.name.text.to_string(),
            premises,
            vars,
            cites: cites(&c.cites),
            span: c.span,
        })
    }

    /// `open ATOM [when PREMISES]`: the atom is ground; the premises may use variables, each
    /// `not` premise's bound by a positive one, as in a conflict.
    fn open(&mut self, o: &ast::Open) -> Option<Open> {
        let atom = self.ground(&o.atom, "an open question");
        let shown = crate::syntax::show_atom(&o.atom);
        let mut vars = Vec::new();
        let when = self.premises(&o.when, &mut vars);
        let bound = positive_vars(&o.when);
        let safe = self.check_safety(("open question", &shown), &bound, negated_args(&o.when));
        let atom = atom?;
        (safe && when.len() == o.when.len()).then(|| Open {
            atom,
            when,
            vars,
            cites: cites(&o.cites),
            span: o.span,
        })
    }

    fn premises(&mut self, lits: &[ast::Literal], vars: &mut Vec<String>) -> Vec<Premise> {
        // Sized exactly: collecting a `filter_map` starts at four, which for the one to three
        // premises of most rules wastes more than it holds (hundreds of MB at W2 1M).
        let mut out = Vec::with_capacity(lits.len());
        out.extend(lits.iter().filter_map(|l| {
            self.pattern(&l.atom, vars).map(|atom| Premise {
                negated: l.negated,
                atom,
                span: l.span,
            })
        }));
        out
    }
}

/// Each conflict or tension name: its id, its kind and where it is first declared.
type ConflictNames = HashMap<String, (ConflictId, ast::ConflictKind, Span)>;

fn var_id(vars: &mut Vec<String>, name: &str) -> VarId {
    match vars.iter().position(|v| v == name) {
        Some(i) => VarId::from_index(i),
        None => {
            vars.push(name.to_owned());
            VarId::from_index(vars.len() - 1)
        }
    }
}

fn positive_vars(lits: &[ast::Literal]) -> Vec<&str> {
    lits.iter()
        .filter(|l| !l.negated)
        .flat_map(|l| &l.atom.args)
        .filter_map(|t| match &t.term {
            ast::Term::Var(v) => Some(v.as_str()),
            _ => None,
        })
        .collect()
}

fn negated_args(lits: &[ast::Literal]) -> impl Iterator<Item = &ast::TermNode> {
    lits.iter().filter(|l| l.negated).flat_map(|l| &l.atom.args)
}

fn level(l: Option<ast::Level>) -> Likelihood {
    l.map_or(Likelihood::Certain, |l| l.value)
}

fn cites(cs: &[ast::Cite]) -> Vec<Cite> {
    cs.iter()
        .map(|c| Cite {
            document: c.document.text.to_string(),
            quote: c.quote.clone(),
            span: c.span,
        })
        .collect()
}

/// A ground atom in canonical form, before the program's tables are assembled.
fn show_ground(symbols: &Symbols, predicates: &[Predicate], atom: &GroundAtom) -> String {
    let args: Vec<String> = atom.args.iter().map(|&a| symbols.show(a)).collect();
    canonical_atom(&predicates[atom.pred.index()].name, &args)
}

#[cfg(test)]
mod tests;
