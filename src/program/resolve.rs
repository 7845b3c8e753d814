//! Lowering: syntax trees to program tables. Interns names, checks arities, ground atoms,
//! variable safety, duplicate names and references to documents, scenarios and conflicts.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use miette::SourceSpan;

use super::error::CheckError;
use super::suggest::Names;
use super::symbols::ValueRef;
use super::*;
use crate::syntax::ast::{self, Item};

/// The name of the scenario that top-level `assume` lines belong to.
pub const DEFAULT_SCENARIO: &str = "default";

pub(super) fn lower(sources: SourceMap, files: Vec<ast::File>) -> (Program, Vec<CheckError>) {
    let mut l = Lowering {
        sources: &sources,
        symbols: Symbols::default(),
        predicates: Vec::new(),
        by_name: HashMap::default(),
        reported: HashSet::default(),
        problems: Vec::new(),
        known: HashMap::default(),
        tests: HashMap::default(),
    };
    let items: Vec<&Item> = files.iter().flat_map(|f| &f.items).collect();
    let documents = l.documents(&items);
    let (scenario_names, scenario_decls) = l.scenario_names(&items);
    // Conflicts and tensions share one table and one namespace: a name says which it is.
    let mut conflict_names: HashMap<String, (ConflictId, ast::ConflictKind, Span)> =
        HashMap::default();
    for c in items.iter().filter_map(|i| match i {
        Item::Conflict(c) => Some(c),
        _ => None,
    }) {
        let next = ConflictId::from_index(conflict_names.len());
        match conflict_names.get(c.name.text.as_str()) {
            Some(&(_, first_kind, earlier)) => {
                let kind = if first_kind == c.kind {
                    c.kind.keyword()
                } else {
                    "conflict or tension"
                };
                l.duplicate(kind, &c.name.text, c.name.span, earlier);
            }
            None => {
                conflict_names.insert(c.name.text.to_string(), (next, c.kind, c.name.span));
            }
        }
    }
    l.unique_names(
        "rule",
        items.iter().filter_map(|i| match i {
            Item::Rule(r) => Some(&r.name),
            _ => None,
        }),
    );
    let mut program = Program {
        sources: SourceMap::new(),
        symbols: Symbols::default(),
        predicates: Vec::new(),
        documents,
        facts: Vec::new(),
        assumables: Vec::new(),
        rules: Vec::new(),
        conflicts: Vec::new(),
        scenarios: scenario_decls,
        tests: Vec::new(),
        opens: Vec::new(),
        strata: Vec::new(),
    };
    // A generated rule base is millions of rules: growing these by doubling would copy
    // them over and over.
    let count = |kind: fn(&Item) -> bool| items.iter().filter(|i| kind(i)).count();
    program.rules.reserve(count(|i| matches!(i, Item::Rule(_))));
    program.facts.reserve(count(|i| matches!(i, Item::Fact(_))));
    drop(items);
    // Each item is freed once lowered, so the syntax tree shrinks as the program grows
    // and a big rule base never holds both whole.
    for item in files.into_iter().flat_map(|f| f.items) {
        l.item(&item, &mut program, &scenario_names, &conflict_names);
    }
    l.check_cites(&program);
    l.check_open_expectations(&program);
    l.check_contradictions(&program);
    l.check_extends_cycles(&program);
    program.symbols = l.symbols;
    program.predicates = l.predicates;
    let problems = l.problems;
    program.sources = sources;
    (program, problems)
}

struct Lowering<'a> {
    sources: &'a SourceMap,
    symbols: Symbols,
    predicates: Vec<Predicate>,
    by_name: HashMap<String, PredId>,
    reported: HashSet<(PredId, usize)>,
    problems: Vec<CheckError>,
    /// Declared names by kind, for did-you-mean: built at the first unknown reference.
    known: HashMap<&'static str, Names>,
    /// The tests lowered so far, by name: where each is declared.
    tests: HashMap<String, Span>,
}

impl Lowering<'_> {
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

    fn documents(&mut self, items: &[&Item]) -> Vec<Document> {
        let names = items.iter().filter_map(|i| match i {
            Item::Document(d) => Some(&d.name),
            _ => None,
        });
        self.unique_names("document", names);
        let mut seen = HashSet::default();
        items
            .iter()
            .filter_map(|i| match i {
                Item::Document(d) => Some(d),
                _ => None,
            })
            .filter(|d| seen.insert(d.name.text.to_string()))
            .map(|d| Document {
                name: d.name.text.to_string(),
                title: d.title.clone(),
                file: d.file.clone(),
                span: d.span,
            })
            .collect()
    }

    /// Reports duplicates among `names`; returns the first span of each name.
    /// Reports every name of `names` declared a second time.
    fn unique_names<'n>(
        &mut self,
        kind: &'static str,
        names: impl Iterator<Item = &'n ast::Name> + Clone,
    ) {
        // A generated rule base has millions of names: size the table once.
        let mut first: HashMap<&'n str, Span> = HashMap::default();
        first.reserve(names.clone().count());
        for name in names {
            match first.entry(name.text.as_str()) {
                std::collections::hash_map::Entry::Occupied(earlier) => {
                    let earlier = *earlier.get();
                    self.duplicate(kind, &name.text, name.span, earlier);
                }
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(name.span);
                }
            }
        }
    }

    fn duplicate(&mut self, kind: &'static str, name: &str, span: Span, earlier: Span) {
        let (first, help) = self.other_place(span, earlier, "first declared");
        let help = format!("{help}; names must be unique so that explanations can refer to them");
        self.problems.push(CheckError::DuplicateName {
            kind,
            name: name.to_owned(),
            span: span.into(),
            first,
            help,
            src: self.src(span),
        });
    }

    /// Scenario ids in declaration order, `default` first when top-level `assume` lines
    /// exist or no scenario is declared at all.
    fn scenario_names(&mut self, items: &[&Item]) -> (HashMap<String, ScenarioId>, Vec<Scenario>) {
        let declared: Vec<&ast::Scenario> = items
            .iter()
            .filter_map(|i| match i {
                Item::Scenario(s) => Some(s),
                _ => None,
            })
            .collect();
        let top_assume = items.iter().find_map(|i| match i {
            Item::Assume(a) => Some(a.span),
            _ => None,
        });
        let mut out = Vec::new();
        let mut ids = HashMap::default();
        if top_assume.is_some() || declared.is_empty() {
            ids.insert(DEFAULT_SCENARIO.to_owned(), ScenarioId(0));
            out.push(Scenario {
                name: DEFAULT_SCENARIO.into(),
                extends: None,
                assumptions: Vec::new(),
                span: top_assume.unwrap_or_default(),
            });
        }
        for s in declared {
            if ids.contains_key(s.name.text.as_str()) {
                let earlier = out
                    .iter()
                    .find(|o: &&Scenario| o.name == s.name.text)
                    .map_or(s.name.span, |o| o.span);
                self.duplicate("scenario", &s.name.text, s.name.span, earlier);
                continue;
            }
            ids.insert(s.name.text.to_string(), ScenarioId::from_index(out.len()));
            out.push(Scenario {
                name: s.name.text.to_string(),
                extends: None,
                assumptions: Vec::new(),
                span: s.name.span,
            });
        }
        (ids, out)
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
                    p.scenarios[0].assumptions.push(a);
                }
            }
            Item::Rule(r) => {
                if let Some(rule) = self.rule(r) {
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

    fn scenario_ref(
        &mut self,
        name: &ast::Name,
        scenarios: &HashMap<String, ScenarioId>,
    ) -> Option<ScenarioId> {
        if let Some(&id) = scenarios.get(name.text.as_str()) {
            return Some(id);
        }
        let known = self
            .known
            .entry("scenario")
            .or_insert_with(|| Names::new(scenarios.keys().map(String::as_str)));
        let help = known.did_you_mean(&name.text, |all| format!("declared scenarios: {all}"));
        self.problems.push(CheckError::UnknownScenario {
            name: name.text.to_string(),
            span: name.span.into(),
            help,
            src: self.src(name.span),
        });
        None
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

    /// `expect conflict NAME` or `expect tension NAME`: the name must be declared, and with
    /// the keyword the expectation uses.
    fn conflict_ref(
        &mut self,
        kind: ast::ConflictKind,
        name: &ast::Name,
        conflicts: &ConflictNames,
    ) -> Option<ConflictId> {
        match conflicts.get(name.text.as_str()) {
            Some(&(id, declared, _)) if declared == kind => {
                return Some(id);
            }
            Some(&(_, declared, _)) => {
                self.problems.push(CheckError::ConflictKindMismatch {
                    name: name.text.to_string(),
                    kind,
                    declared,
                    span: name.span.into(),
                    src: self.src(name.span),
                });
                return None;
            }
            None => {}
        }
        let known = self.known.entry(kind.keyword()).or_insert_with(|| {
            let of_kind = conflicts.iter().filter(|(_, (_, k, _))| *k == kind);
            Names::new(of_kind.map(|(n, _)| n.as_str()))
        });
        let help = known.did_you_mean(&name.text, |all| format!("declared {kind}s: {all}"));
        self.problems.push(CheckError::UnknownConflict {
            kind,
            name: name.text.to_string(),
            span: name.span.into(),
            help,
            src: self.src(name.span),
        });
        None
    }

    fn assumption(&mut self, a: &ast::Assume) -> Option<Assumption> {
        let atom = self.ground(&a.atom, "an assumption")?;
        Some(Assumption {
            atom,
            level: level(a.level),
            negated: a.negated,
            span: a.span,
        })
    }

    fn rule(&mut self, r: &ast::Rule) -> Option<Rule> {
        let owner = ("rule", r.name.text.as_str());
        let mut vars = Vec::new();
        let premises = self.premises(&r.premises, &mut vars);
        let conclusions: Vec<AtomPattern> = r
            .conclusions
            .iter()
            .filter_map(|c| self.pattern(c, &mut vars))
            .collect();
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
            name: r.name.text.to_string(),
            premises,
            conclusions,
            level: level(r.level),
            cites: cites(&r.cites),
            vars,
            span: r.span,
        })
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
        lits.iter()
            .filter_map(|l| {
                self.pattern(&l.atom, vars).map(|atom| Premise {
                    negated: l.negated,
                    atom,
                    span: l.span,
                })
            })
            .collect()
    }

    /// Reports each variable in `sites` that is not in `bound`, once per owner.
    fn check_safety<'t>(
        &mut self,
        (kind, name): (&str, &str),
        bound: &[&str],
        sites: impl Iterator<Item = &'t ast::TermNode>,
    ) -> bool {
        // Rules have a handful of variables: a vector beats hashing here.
        let mut reported: Vec<&str> = Vec::new();
        for t in sites {
            if let ast::Term::Var(v) = &t.term
                && !bound.contains(&v.as_str())
                && !reported.contains(&v.as_str())
            {
                reported.push(v);
                self.problems.push(CheckError::UnsafeVariable {
                    var: v.to_string(),
                    owner: format!("{kind} `{name}`"),
                    span: t.span.into(),
                    src: self.src(t.span),
                });
            }
        }
        reported.is_empty()
    }

    fn pred(&mut self, atom: &ast::Atom) -> Option<PredId> {
        let name = &atom.predicate.text;
        let arity = atom.args.len();
        let Some(&id) = self.by_name.get(name.as_str()) else {
            let id = PredId::from_index(self.predicates.len());
            self.predicates.push(Predicate {
                name: name.to_string(),
                arity,
                first_use: atom.span,
            });
            self.by_name.insert(name.to_string(), id);
            return Some(id);
        };
        let first = &self.predicates[id.index()];
        if first.arity == arity {
            return Some(id);
        }
        if self.reported.insert((id, arity)) {
            let (first_arity, first_span) = (first.arity, first.first_use);
            let (first, help) = self.other_place(
                atom.span,
                first_span,
                &format!(
                    "`{name}` was first used with {}",
                    suggest::count(first_arity, "argument")
                ),
            );
            let help =
                format!("{help}; a predicate has one arity everywhere, so rename one of them");
            self.problems.push(CheckError::ArityMismatch {
                predicate: name.to_string(),
                arity,
                first_arity,
                span: atom.span.into(),
                first,
                help,
                src: self.src(atom.span),
            });
        }
        None
    }

    fn pattern(&mut self, atom: &ast::Atom, vars: &mut Vec<String>) -> Option<AtomPattern> {
        let pred = self.pred(atom)?;
        let args = atom
            .args
            .iter()
            .map(|t| match &t.term {
                ast::Term::Var(v) => Arg::Var(var_id(vars, v)),
                other => Arg::Const(self.constant(other)),
            })
            .collect();
        Some(AtomPattern {
            pred,
            args,
            span: atom.span,
        })
    }

    fn ground(&mut self, atom: &ast::Atom, what: &'static str) -> Option<GroundAtom> {
        if let Some(t) = atom
            .args
            .iter()
            .find(|t| matches!(t.term, ast::Term::Var(_)))
        {
            let ast::Term::Var(var) = &t.term else {
                return None;
            };
            self.problems.push(CheckError::VariableInGroundAtom {
                what,
                var: var.to_string(),
                span: t.span.into(),
                src: self.src(t.span),
            });
            return None;
        }
        let pred = self.pred(atom)?;
        let args = atom.args.iter().map(|t| self.constant(&t.term)).collect();
        Some(GroundAtom { pred, args })
    }

    fn constant(&mut self, term: &ast::Term) -> SymbolId {
        let value = match term {
            ast::Term::Ident(s) | ast::Term::Var(s) => ValueRef::Ident(s),
            ast::Term::Int(n) => ValueRef::Int(*n),
            ast::Term::Str(s) => ValueRef::Str(s),
        };
        self.symbols.intern_ref(value)
    }

    fn check_cites(&mut self, p: &Program) {
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
    fn check_open_expectations(&mut self, p: &Program) {
        // Per atom declared open: whether some declaration of it has no `when`.
        let mut opens: HashMap<&GroundAtom, bool> = HashMap::default();
        for o in &p.opens {
            *opens.entry(&o.atom).or_default() |= !o.is_conditional();
        }
        for (expectation, span) in p.tests.iter().flat_map(|t| &t.expects) {
            let (atom, wants_open) = match expectation {
                Expectation::Holds(a, _) | Expectation::NotHolds(a) => (a, false),
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

    fn check_contradictions(&mut self, p: &Program) {
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
    fn check_extends_cycles(&mut self, p: &Program) {
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
mod tests {
    use crate::Analysis;
    use crate::error::Error;
    use crate::program::{CheckError, ConflictKind};

    fn errors(text: &str) -> Vec<CheckError> {
        match Analysis::parse("t.augur", text) {
            Ok(_) => Vec::new(),
            Err(problems) => problems
                .diagnostics
                .into_iter()
                .filter_map(|d| match d {
                    Error::Check(c) => Some(*c),
                    _ => None,
                })
                .collect(),
        }
    }

    #[test]
    fn conflicts_and_tensions_share_a_table_and_keep_their_kind() {
        let analysis = Analysis::parse(
            "t.augur",
            "fact a p\nconflict c { when a p }\ntension t { when a p and not b q }\n",
        )
        .expect("it checks");
        let kinds: Vec<(&str, ConflictKind)> = analysis
            .program()
            .conflicts
            .iter()
            .map(|c| (c.name.as_str(), c.kind))
            .collect();
        assert_eq!(
            kinds,
            [("c", ConflictKind::Conflict), ("t", ConflictKind::Tension)]
        );
    }

    #[test]
    fn a_name_is_a_conflict_or_a_tension_not_both() {
        let found = errors("fact a p\nconflict x { when a p }\ntension x { when a p }\n");
        assert!(matches!(
            found.as_slice(),
            [CheckError::DuplicateName {
                kind: "conflict or tension",
                ..
            }]
        ));
        let found = errors("fact a p\ntension x { when a p }\ntension x { when a p }\n");
        assert!(matches!(
            found.as_slice(),
            [CheckError::DuplicateName {
                kind: "tension",
                ..
            }]
        ));
    }

    #[test]
    fn an_expectation_names_the_kind_it_means() {
        // Over a rule's conclusion: a conflict on facts alone would be settled, so
        // expecting it could never fail.
        let text = "fact a p\nrule r: a p implies b q\ntension t { when b q }\nconflict c { when b q }\nscenario s { }\n";
        let ok = format!("{text}test \"x\" in s {{ expect tension t expect conflict c }}\n");
        assert!(errors(&ok).is_empty());
        let wrong = format!("{text}test \"x\" in s {{ expect conflict t expect tension c }}\n");
        let found = errors(&wrong);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|e| matches!(
            e,
            CheckError::ConflictKindMismatch { kind, declared, .. } if kind != declared
        )));
        let unknown = format!("{text}test \"x\" in s {{ expect tension c2 }}\n");
        assert!(matches!(
            errors(&unknown).as_slice(),
            [CheckError::UnknownConflict {
                kind: ConflictKind::Tension,
                ..
            }]
        ));
    }

    #[test]
    fn open_conditions_lower_with_their_variables() {
        let analysis = Analysis::parse(
            "t.augur",
            "assumable ?c escalates\nopen us reacts when ?c escalates and not ?c retreats\n",
        )
        .expect("it checks");
        let open = &analysis.program().opens[0];
        assert!(open.is_conditional());
        assert_eq!(open.vars, ["c"]);
        assert!(open.when[1].negated);
        let unsafe_negation = errors("open us reacts when a b and not ?c retreats\n");
        assert!(matches!(
            unsafe_negation.as_slice(),
            [CheckError::UnsafeVariable { .. }]
        ));
        let variable_atom = errors("open ?c reacts when ?c escalates\n");
        assert!(matches!(
            variable_atom.as_slice(),
            [CheckError::VariableInGroundAtom { .. }]
        ));
    }

    #[test]
    fn only_an_unconditional_question_cannot_be_expected() {
        let text = "assumable a b\nopen x y when a b\nopen u v\nscenario s { }\n";
        let conditional = format!("{text}test \"t\" in s {{ expect not x y }}\n");
        assert!(errors(&conditional).is_empty());
        let unconditional = format!("{text}test \"t\" in s {{ expect not u v }}\n");
        assert!(matches!(
            errors(&unconditional).as_slice(),
            [CheckError::ExpectsOpen { .. }]
        ));
    }
}
