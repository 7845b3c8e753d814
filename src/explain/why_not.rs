//! Why an atom does not hold: for each rule that could conclude it, which premises hold and
//! which fail, recursively down to what a scenario would have to assume; and the nearest
//! misses, the smallest sets of assumable atoms whose addition makes it hold.

use std::collections::HashMap;

use serde::Serialize;

use super::{CiteRef, Place, Proof, forbidden_by, left_open, open_elsewhere, why};
use crate::engine::{Engine, Model, unify};
use crate::likelihood::Likelihood;
use crate::program::{
    Arg, AtomPattern, ConflictId, ConflictKind, GroundAtom, Premise, Program, RuleId, SymbolId,
};

/// The deepest a why-not tree goes: [`Bounds::depth`] is clamped to it, so that building,
/// drawing and serializing a tree never nest deeper than this, whatever the input. Each
/// level nests four JSON values, so the answer stays within the 128 levels common JSON
/// parsers (`serde_json`'s default) accept.
pub const MAX_DEPTH: usize = 30;

/// Bounds on the search, so that an answer stays readable and quick whatever the program.
#[derive(Clone, Debug)]
pub struct Bounds {
    /// How many rule levels to descend (at most [`MAX_DEPTH`]).
    pub depth: usize,
    /// How many rules to show per atom (the rest are counted).
    pub rules: usize,
    /// How many nodes (atoms and premises) one tree holds at most; atoms met past it are
    /// not explored, and counted.
    pub nodes: usize,
    /// Largest set of atoms tried as a nearest miss.
    pub miss_size: usize,
    /// Most what-if evaluations spent looking for nearest misses.
    pub miss_runs: usize,
}

impl Bounds {
    /// The default depth.
    pub const DEPTH: usize = 4;
    /// The default number of rules shown per atom.
    pub const RULES: usize = 8;
    /// The default number of nodes in a tree.
    pub const NODES: usize = 2_000;
    /// The default number of what-if runs.
    pub const MISS_RUNS: usize = 100;
}

impl Default for Bounds {
    fn default() -> Self {
        Bounds {
            depth: Bounds::DEPTH,
            rules: Bounds::RULES,
            nodes: Bounds::NODES,
            miss_size: 3,
            miss_runs: Bounds::MISS_RUNS,
        }
    }
}

/// Where an atom stands in the failure tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// It holds.
    Holds,
    /// It does not hold; `rules` says why.
    Fails,
    /// The analysis declares it open.
    LeftOpen,
    /// The scenario forces it false with `assume not`.
    Blocked,
    /// Below the depth bound, or already being explained higher up.
    Unexplored,
    /// A `not X` premise that holds as `certain`: X does not hold (or the scenario
    /// forbids it: `note` and `place` say so). A `not X` whose X holds below `certain`
    /// is `holds`, at the mirrored likelihood, with X's proof.
    Absent,
    /// A `not X` premise that fails because X holds as `certain` (`proof` shows X).
    Blocking,
    /// A premise with variables no match could bind.
    NoMatch,
}

/// One atom (or `not` premise) in a failure tree.
#[derive(Clone, Debug, Serialize)]
pub struct Node {
    /// The atom in canonical form; `?x` for variables no match bound.
    pub atom: String,
    /// Its standing.
    pub status: Status,
    /// Its likelihood, when it holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub likelihood: Option<Likelihood>,
    /// A sentence for people: why it fails when no rule explains it, or what blocks it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The declaration behind `left_open` or `blocked`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// Citations of an open question.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<CiteRef>,
    /// The rules that could conclude it, each with its premises.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Attempt>,
    /// Rules not shown because of the breadth bound.
    #[serde(skip_serializing_if = "is_zero")]
    pub rules_cut: usize,
    /// For a `not X` premise that is `blocking`, or `holds` below `certain`: the proof of
    /// X, which blocks the `not` or sets its likelihood.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proof: Option<Proof>,
    /// A label, `#id`, on an atom explained here and met again elsewhere in the tree.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<usize>,
    /// Set when this atom is explained at another node of the tree, the one labelled
    /// `#same_as` (above it when drawn): each atom is explained once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub same_as: Option<usize>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One rule that could conclude an atom.
#[derive(Clone, Debug, Serialize)]
pub struct Attempt {
    /// Its name.
    pub rule: String,
    /// Its place.
    pub file: String,
    /// Its line.
    pub line: usize,
    /// Its likelihood.
    pub likelihood: Likelihood,
    /// Set when the conclusion's constants do not match the atom: why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mismatch: Option<String>,
    /// Its premises, in written order, each with its standing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub premises: Vec<Node>,
}

/// The answer to `why-not`.
#[derive(Clone, Debug, Serialize)]
pub struct WhyNot {
    /// The failure tree (status `holds` when the atom holds after all).
    pub tree: Box<Node>,
    /// Atoms left unexplored because the tree reached [`Bounds::nodes`].
    pub nodes_cut: usize,
    /// Smallest sets of atoms whose addition makes the atom hold, each checked by a
    /// what-if evaluation; empty when none was found within the bounds.
    pub nearest_misses: Vec<Vec<String>>,
    /// How the search for them went.
    pub miss_search: MissSearch,
}

/// Explains why `atom` does not hold in `model`.
pub fn why_not(model: &Model<'_>, atom: &GroundAtom, bounds: &Bounds) -> WhyNot {
    let mut search = Search::new(model, bounds);
    let mut tree = search.node(atom, bounds.depth.min(MAX_DEPTH));
    search.label(std::slice::from_mut(&mut tree));
    let (nearest_misses, miss_search) =
        if tree.status == Status::Fails || tree.status == Status::Unexplored {
            let mut candidates = std::mem::take(&mut search.candidates);
            // The atom itself, when a scenario could assume it, is recorded after everything
            // below it; it goes first, so that the bound on candidates never drops the one
            // set of one atom that surely works.
            if let Some(i) = candidates.iter().position(|c| c == atom) {
                let itself = candidates.remove(i);
                candidates.insert(0, itself);
            }
            let (sets, how) = nearest_misses(model, atom, &candidates, bounds);
            let shown = sets
                .iter()
                .map(|set| set.iter().map(|a| model.program().show_atom(a)).collect())
                .collect();
            (shown, how)
        } else {
            (Vec::new(), MissSearch::default())
        };
    WhyNot {
        tree: Box::new(tree),
        nodes_cut: search.nodes_cut,
        nearest_misses,
        miss_search,
    }
}

/// Why a conflict does not hold: the standing of each premise of its body, under the
/// variable values of the longest prefix of positive premises that some atoms satisfy.
#[derive(Clone, Debug, Serialize)]
pub struct ConflictWhyNot {
    /// The conflict's name.
    pub conflict: String,
    /// Whether it is a conflict or a tension.
    pub kind: ConflictKind,
    /// Where it is declared.
    pub place: Place,
    /// Its premises, in written order, each with its standing.
    pub premises: Vec<Node>,
    /// Atoms left unexplored because the tree reached [`Bounds::nodes`].
    pub nodes_cut: usize,
}

/// Explains why conflict `id` does not hold in `model`.
pub fn why_not_conflict(model: &Model<'_>, id: ConflictId, bounds: &Bounds) -> ConflictWhyNot {
    let p = model.program();
    let conflict = &p.conflicts()[id.index()];
    let mut search = Search::new(model, bounds);
    let env = search.longest_match(&conflict.premises, vec![None; conflict.vars.len()]);
    let depth = bounds.depth.clamp(1, MAX_DEPTH);
    let mut premises = search.premise_nodes(&conflict.premises, &conflict.vars, &env, depth);
    search.label(&mut premises);
    ConflictWhyNot {
        conflict: conflict.name.clone(),
        kind: conflict.kind,
        place: p.sources().location(conflict.span).into(),
        premises,
        nodes_cut: search.nodes_cut,
    }
}

struct Search<'m, 'p> {
    model: &'m Model<'p>,
    bounds: &'m Bounds,
    /// The scenario's `assume not` lines, with the scenario that holds each.
    interventions: Vec<(crate::program::ScenarioId, &'p crate::program::Assumption)>,
    path: Vec<GroundAtom>,
    /// Failing ground atoms that an assumption (or a fact) could supply, in tree order.
    candidates: Vec<GroundAtom>,
    /// Each atom explained so far, with its provisional label.
    explained: HashMap<GroundAtom, usize>,
    /// Per provisional label: whether another node refers to it.
    referred: Vec<bool>,
    /// Nodes made so far, against [`Bounds::nodes`].
    nodes: usize,
    /// Atoms not explored because the tree was full.
    nodes_cut: usize,
}

fn leaf(atom: String, status: Status) -> Node {
    Node {
        atom,
        status,
        likelihood: None,
        note: None,
        place: None,
        cites: Vec::new(),
        rules: Vec::new(),
        rules_cut: 0,
        proof: None,
        id: None,
        same_as: None,
    }
}

impl<'m, 'p> Search<'m, 'p> {
    fn new(model: &'m Model<'p>, bounds: &'m Bounds) -> Self {
        let interventions = model
            .program()
            .assumptions(model.scenario())
            .into_iter()
            .filter(|(_, _, a)| a.negated)
            .map(|(owner, _, a)| (owner, a))
            .collect();
        Search {
            model,
            bounds,
            interventions,
            path: Vec::new(),
            candidates: Vec::new(),
            explained: HashMap::new(),
            referred: Vec::new(),
            nodes: 0,
            nodes_cut: 0,
        }
    }

    /// Numbers the labels that some node refers to, 1, 2, ... in drawing order, and drops
    /// the others. Walks the tree with a stack of its own: no recursion.
    fn label(&self, roots: &mut [Node]) {
        let mut number: HashMap<usize, usize> = HashMap::new();
        let mut stack: Vec<&mut Node> = roots.iter_mut().rev().collect();
        while let Some(node) = stack.pop() {
            node.id = node.id.filter(|&id| self.referred[id]).map(|id| {
                let next = number.len() + 1;
                *number.entry(id).or_insert(next)
            });
            // A reference comes after its label in drawing order, so it is numbered.
            node.same_as = node.same_as.and_then(|id| number.get(&id).copied());
            for attempt in node.rules.iter_mut().rev() {
                stack.extend(attempt.premises.iter_mut().rev());
            }
        }
    }

    /// Whether the tree is full: the node just made is past [`Bounds::nodes`].
    fn full(&self) -> bool {
        self.nodes > self.bounds.nodes
    }

    fn program(&self) -> &Program {
        self.model.program()
    }

    /// The standing of a ground atom, explained down to `depth` rule levels.
    fn node(&mut self, atom: &GroundAtom, depth: usize) -> Node {
        self.nodes += 1;
        let p = self.model.program();
        let text = p.show_atom(atom);
        if let Some(l) = self.model.likelihood(atom) {
            return Node {
                likelihood: Some(l),
                ..leaf(text, Status::Holds)
            };
        }
        if let Some(open) = left_open(self.model, atom) {
            let note = Some(match &open.arises_when {
                None => "left open: the analysis deliberately leaves this undecided".to_owned(),
                Some(when) => {
                    format!("left open: the analysis leaves this undecided when {when}, as here")
                }
            });
            return Node {
                note,
                place: Some(open.place),
                cites: open.cites,
                ..leaf(text, Status::LeftOpen)
            };
        }
        if let Some((owner, a)) = self.interventions.iter().find(|(_, a)| a.atom == *atom) {
            let note = Some(format!(
                "blocked by scenario {}: `assume not {text}`",
                p.scenarios()[owner.index()].name
            ));
            return Node {
                note,
                place: Some(p.sources().location(a.span).into()),
                ..leaf(text, Status::Blocked)
            };
        }
        if let Some(&id) = self.explained.get(atom) {
            self.referred[id] = true;
            // The `#id` it refers to says where; a cycle is worth a word more.
            let note = self
                .path
                .contains(atom)
                .then(|| "already being explained above (a cycle)".to_owned());
            return Node {
                note,
                same_as: Some(id),
                ..leaf(text, Status::Fails)
            };
        }
        if depth == 0 || self.full() {
            self.candidate(atom);
            let note = if depth == 0 {
                "not explored further (raise --depth)"
            } else {
                self.nodes_cut += 1;
                "not explored: the answer is full (raise --max-nodes)"
            };
            return Node {
                note: Some(note.into()),
                ..leaf(text, Status::Unexplored)
            };
        }
        let id = self.referred.len();
        self.referred.push(false);
        self.explained.insert(atom.clone(), id);
        self.path.push(atom.clone());
        let mut rules = Vec::new();
        let mut cut = 0;
        for (r, rule) in p.rules().iter().enumerate() {
            let heads: Vec<&AtomPattern> = rule
                .conclusions
                .iter()
                .filter(|c| c.pred == atom.pred)
                .collect();
            // A rule with several conclusions is tried once: by a conclusion that fits the
            // atom if one does, else shown with why its first one does not.
            let Some(head) = heads.iter().find(|h| h.matches(atom)).or(heads.first()) else {
                continue;
            };
            if rules.len() >= self.bounds.rules || (self.full() && !rules.is_empty()) {
                cut += 1;
                continue;
            }
            rules.push(self.attempt(RuleId::from_index(r), head, atom, depth));
        }
        self.path.pop();
        let unexplained = rules.iter().all(|a| a.mismatch.is_some());
        if unexplained || p.assumables().iter().any(|a| a.matches(atom)) {
            self.candidate(atom);
        }
        let note = unexplained.then(|| {
            let note = self.leaf_note(atom, !rules.is_empty());
            match open_elsewhere(self.model, atom) {
                Some(elsewhere) => format!("{note}; {elsewhere}"),
                None => note,
            }
        });
        Node {
            note,
            rules,
            rules_cut: cut,
            id: Some(id),
            ..leaf(text, Status::Fails)
        }
    }

    /// Records an atom a what-if run could add: one that matches an `assumable`, or whose
    /// predicate only facts supply.
    fn candidate(&mut self, atom: &GroundAtom) {
        let p = self.program();
        let concluded = p
            .rules()
            .iter()
            .flat_map(|r| &r.conclusions)
            .any(|c| c.pred == atom.pred);
        let assumable = p.assumables().iter().any(|a| a.matches(atom));
        if (assumable || !concluded) && !self.candidates.contains(atom) {
            self.candidates.push(atom.clone());
        }
    }

    fn leaf_note(&self, atom: &GroundAtom, some_rule: bool) -> String {
        let p = self.program();
        let text = p.show_atom(atom);
        let rules = if some_rule {
            "no rule concludes it with these constants"
        } else {
            "no rule concludes it"
        };
        let scenario = &p.scenarios()[self.model.scenario().index()].name;
        if p.assumables().iter().any(|a| a.matches(atom)) {
            format!(
                "{rules}, and scenario {scenario} does not assume it (it is assumable: `assume {text}`)"
            )
        } else {
            format!("{rules}, and it is neither a fact nor assumable")
        }
    }

    fn attempt(
        &mut self,
        rule_id: RuleId,
        head: &AtomPattern,
        atom: &GroundAtom,
        depth: usize,
    ) -> Attempt {
        let p = self.model.program();
        let rule = p.rule(rule_id);
        let loc = p.sources().location(rule.span);
        let mut attempt = Attempt {
            rule: rule.name.clone(),
            file: loc.file,
            line: loc.line,
            likelihood: rule.level,
            mismatch: None,
            premises: Vec::new(),
        };
        let Some(env) = unify(&head.args, &atom.args, rule.vars.len()) else {
            attempt.mismatch = Some(mismatch(p, head, atom, &rule.vars));
            return attempt;
        };
        let env = self.longest_match(&rule.premises, env);
        attempt.premises = self.premise_nodes(&rule.premises, &rule.vars, &env, depth);
        attempt
    }

    /// The standing of each premise of a rule or conflict body under the variable values
    /// `env`, each failing one explained down to `depth - 1` rule levels.
    fn premise_nodes(
        &mut self,
        premises: &[Premise],
        vars: &[String],
        env: &[Option<SymbolId>],
        depth: usize,
    ) -> Vec<Node> {
        let p = self.model.program();
        let mut out = Vec::new();
        // The variables left unbound are those of the first positive premise no atom
        // matches, and of what follows it.
        let mut unmatched_before = false;
        for prem in premises {
            let grounded = ground_partial(&prem.atom, env);
            let shown = show_partial(p, &prem.atom, env, vars);
            let node = match (grounded, prem.negated) {
                (Some(g), false) => self.node(&g, depth - 1),
                (Some(g), true) => {
                    self.nodes += 1;
                    self.negated(&g, format!("not {shown}"))
                }
                (None, negated) => {
                    self.nodes += 1;
                    let text = if negated {
                        format!("not {shown}")
                    } else {
                        shown
                    };
                    let note = if unmatched_before || negated {
                        "no atom matches the premises before it".to_owned()
                    } else if p.assumables().iter().any(|a| a.pred == prem.atom.pred) {
                        unmatched_before = true;
                        format!(
                            "no atom matches it; the scenario assumes none (`{}` is assumable)",
                            p.predicate(prem.atom.pred).name
                        )
                    } else {
                        unmatched_before = true;
                        "no atom matches it".to_owned()
                    };
                    Node {
                        note: Some(note),
                        ..leaf(text, Status::NoMatch)
                    }
                }
            };
            out.push(node);
        }
        out
    }

    /// The standing of a `not X` premise, X being `atom`: it fails only when X is
    /// `certain`; when X holds below that, it holds at the mirrored likelihood, with X's
    /// proof as the reason; when X does not hold, it holds (and says so when the scenario
    /// forbids X).
    fn negated(&self, atom: &GroundAtom, text: String) -> Node {
        let p = self.program();
        let shown = p.show_atom(atom);
        match self.model.likelihood(atom) {
            Some(l) => match l.negated() {
                None => Node {
                    note: Some(format!("`{shown}` holds as certain, so `not` fails")),
                    proof: why(self.model, atom),
                    ..leaf(text, Status::Blocking)
                },
                Some(m) => Node {
                    likelihood: Some(m),
                    note: Some(format!(
                        "`{shown}` holds only as {l}, so `not` holds as {m}"
                    )),
                    proof: why(self.model, atom),
                    ..leaf(text, Status::Holds)
                },
            },
            None => match forbidden_by(self.model, atom) {
                Some(f) => Node {
                    note: Some(format!("`{shown}` is forbidden in scenario {}", f.scenario)),
                    place: Some(Place {
                        file: f.file,
                        line: f.line,
                    }),
                    ..leaf(text, Status::Absent)
                },
                None => leaf(text, Status::Absent),
            },
        }
    }

    /// Binds the rule's variables by the longest prefix of its positive premises (in
    /// written order) that some atoms satisfy, so the first failing premise is the one shown.
    fn longest_match(
        &self,
        premises: &[Premise],
        env: Vec<Option<SymbolId>>,
    ) -> Vec<Option<SymbolId>> {
        let positives: Vec<_> = premises.iter().filter(|p| !p.negated).cloned().collect();
        (0..=positives.len())
            .rev()
            .find_map(|k| self.model.first_match(&positives[..k], &env))
            .unwrap_or(env)
    }
}

fn ground_partial(pattern: &AtomPattern, env: &[Option<SymbolId>]) -> Option<GroundAtom> {
    let args = pattern
        .args
        .iter()
        .map(|a| match *a {
            Arg::Const(c) => Some(c),
            Arg::Var(v) => env.get(v.index()).copied().flatten(),
        })
        .collect::<Option<Box<[SymbolId]>>>()?;
    Some(GroundAtom {
        pred: pattern.pred,
        args,
    })
}

fn show_partial(
    p: &Program,
    pattern: &AtomPattern,
    env: &[Option<SymbolId>],
    vars: &[String],
) -> String {
    let args: Vec<String> = pattern
        .args
        .iter()
        .map(|a| match *a {
            Arg::Const(c) => p.symbols().show(c),
            Arg::Var(v) => env
                .get(v.index())
                .copied()
                .flatten()
                .map_or_else(|| format!("?{}", vars[v.index()]), |c| p.symbols().show(c)),
        })
        .collect();
    crate::program::canonical_atom(&p.predicate(pattern.pred).name, &args)
}

/// Why a rule's conclusion cannot be the atom: the first argument that differs.
fn mismatch(p: &Program, head: &AtomPattern, atom: &GroundAtom, vars: &[String]) -> String {
    let pattern = p.show_pattern(head, vars);
    let mut seen: Vec<(usize, SymbolId)> = Vec::new();
    for (a, &v) in head.args.iter().zip(atom.args.iter()) {
        match *a {
            Arg::Const(c) if c != v => {
                return format!(
                    "concludes `{pattern}`: `{}` is not `{}`",
                    p.symbols().show(c),
                    p.symbols().show(v)
                );
            }
            Arg::Var(x) => match seen.iter().find(|(y, _)| *y == x.index()) {
                Some(&(_, w)) if w != v => {
                    return format!(
                        "concludes `{pattern}`: `?{}` cannot be both `{}` and `{}`",
                        vars[x.index()],
                        p.symbols().show(w),
                        p.symbols().show(v)
                    );
                }
                _ => seen.push((x.index(), v)),
            },
            _ => {}
        }
    }
    format!("concludes `{pattern}`")
}

/// How the search for nearest misses went: what-if runs are whole evaluations, so their
/// number is bounded ([`Bounds::miss_runs`]) and each is bounded by the limits the model
/// itself was evaluated with ([`Model::options`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MissSearch {
    /// What-if evaluations made.
    pub runs: usize,
    /// True when the search stopped at [`Bounds::miss_runs`] with sets left untried.
    pub budget_reached: bool,
    /// What-if runs stopped by an evaluation limit (`--max-derived`, `--timeout`): their
    /// sets are not shown as misses, as it is unknown whether they work.
    pub stopped: usize,
}

/// The smallest sets of candidates whose addition makes `atom` hold, found by what-if
/// evaluations in order of size, skipping supersets of sets already found.
fn nearest_misses(
    model: &Model<'_>,
    atom: &GroundAtom,
    candidates: &[GroundAtom],
    bounds: &Bounds,
) -> (Vec<Vec<GroundAtom>>, MissSearch) {
    const MAX_CANDIDATES: usize = 12;
    const MAX_FOUND: usize = 5;
    let candidates = &candidates[..candidates.len().min(MAX_CANDIDATES)];
    let engine = Engine::new(model.program());
    let mut found: Vec<Vec<usize>> = Vec::new();
    let mut search = MissSearch::default();
    'sizes: for size in 1..=bounds.miss_size.min(candidates.len()) {
        if !found.is_empty() {
            break; // only the smallest size that works
        }
        let mut pick: Vec<usize> = (0..size).collect();
        loop {
            if !found.iter().any(|f| f.iter().all(|i| pick.contains(i))) {
                if found.len() >= MAX_FOUND {
                    break 'sizes;
                }
                if search.runs >= bounds.miss_runs {
                    search.budget_reached = true;
                    break 'sizes;
                }
                search.runs += 1;
                let hypotheses: Vec<GroundAtom> =
                    pick.iter().map(|&i| candidates[i].clone()).collect();
                match engine.run_with(model.scenario(), &hypotheses, model.options()) {
                    Ok(what_if) if what_if.likelihood(atom).is_some() => found.push(pick.clone()),
                    Ok(_) => {}
                    Err(_) => search.stopped += 1,
                }
            }
            if !next_combination(&mut pick, candidates.len()) {
                break;
            }
        }
    }
    let sets = found
        .into_iter()
        .map(|set| set.into_iter().map(|i| candidates[i].clone()).collect())
        .collect();
    (sets, search)
}

/// Advances `pick` to the next combination of its size out of `n`, in lexicographic order.
fn next_combination(pick: &mut [usize], n: usize) -> bool {
    let k = pick.len();
    for i in (0..k).rev() {
        if pick[i] < n - k + i {
            pick[i] += 1;
            for j in i + 1..k {
                pick[j] = pick[j - 1] + 1;
            }
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Analysis;
    use crate::engine::Options;

    /// `goal q` needs `trigger p` and `other p`; `trigger p` also starts a closure over a
    /// 30-edge chain (465 atoms).
    fn closure() -> Analysis {
        let mut text = String::from(
            "assumable trigger p\nassumable other p\n\
             rule tc0: trigger p and ?x e ?y implies ?x path ?y\n\
             rule tc: ?x path ?y and ?y e ?z implies ?x path ?z\n\
             rule want: trigger p and other p implies goal q\n",
        );
        for i in 0..30 {
            text.push_str(&format!("fact n{i} e n{}\n", i + 1));
        }
        Analysis::parse("tc.augur", &text).expect("it checks")
    }

    #[test]
    fn what_if_runs_are_held_to_the_models_limits() {
        let analysis = closure();
        let atom = analysis.atom("goal q").expect("it can hold");
        for (max_derived, stopped, misses) in [(10_000, 0, 1), (100, 2, 0)] {
            let options = Options {
                max_derived,
                ..Options::default()
            };
            let model = analysis.run("default", &options).expect("it runs");
            let answer = why_not(&model, &atom, &Bounds::default());
            // Size 1: {trigger} (stopped or not), {other}; size 2: {trigger, other}.
            assert_eq!(answer.miss_search.runs, 3);
            assert_eq!(
                answer.miss_search.stopped, stopped,
                "--max-derived {max_derived}"
            );
            assert_eq!(answer.nearest_misses.len(), misses);
        }
    }

    #[test]
    fn combinations_in_order() {
        let mut pick = vec![0, 1];
        let mut all = vec![pick.clone()];
        while next_combination(&mut pick, 4) {
            all.push(pick.clone());
        }
        assert_eq!(
            all,
            vec![
                vec![0, 1],
                vec![0, 2],
                vec![0, 3],
                vec![1, 2],
                vec![1, 3],
                vec![2, 3]
            ]
        );
    }
}
