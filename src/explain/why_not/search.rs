//! The failure tree: the standing of an atom, and of each premise of each rule that could
//! conclude it, down to what a scenario would have to assume.

use super::{Attempt, Bounds, Node, Status};
use crate::engine::Model;
use crate::explain::{Place, forbidden_by, left_open, open_elsewhere, why};
use crate::hash::HashMap;
use crate::program::unify::bind;
use crate::program::{Arg, AtomPattern, GroundAtom, Origin, Premise, Program, RuleId, SymbolId};

pub(super) struct Search<'m, 'p> {
    model: &'m Model<'p>,
    bounds: &'m Bounds,
    path: Vec<GroundAtom>,
    /// Failing ground atoms that an assumption (or a fact) could supply, in tree order.
    pub(super) candidates: Vec<GroundAtom>,
    /// Each atom explained so far, with its provisional label.
    explained: HashMap<GroundAtom, usize>,
    /// Per provisional label: whether another node refers to it.
    referred: Vec<bool>,
    /// Nodes made so far, against [`Bounds::nodes`].
    nodes: usize,
    /// Atoms not explored because the tree was full.
    pub(super) nodes_cut: usize,
}

fn leaf<'p>(atom: String, status: Status) -> Node<'p> {
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
    pub(super) fn new(model: &'m Model<'p>, bounds: &'m Bounds) -> Self {
        Search {
            model,
            bounds,
            path: Vec::new(),
            candidates: Vec::new(),
            explained: HashMap::default(),
            referred: Vec::new(),
            nodes: 0,
            nodes_cut: 0,
        }
    }

    /// Numbers the labels that some node refers to, 1, 2, ... in drawing order, and drops
    /// the others. Walks the tree with a stack of its own: no recursion.
    pub(super) fn label(&self, roots: &mut [Node<'p>]) {
        let mut number: HashMap<usize, usize> = HashMap::default();
        let mut stack: Vec<&mut Node<'p>> = roots.iter_mut().rev().collect();
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
    pub(super) fn node(&mut self, atom: &GroundAtom, depth: usize) -> Node<'p> {
        self.nodes += 1;
        let text = self.model.program().show_atom(atom);
        if let Some(settled) = self.settled(atom, &text) {
            return settled;
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
        self.explore(atom, text, depth)
    }

    /// The standing of an atom that needs no rule to explain: it holds, is left open, or
    /// the scenario blocks it.
    fn settled(&self, atom: &GroundAtom, text: &str) -> Option<Node<'p>> {
        let p = self.model.program();
        if let Some(l) = self.model.likelihood(atom) {
            return Some(Node {
                likelihood: Some(l),
                ..leaf(text.to_owned(), Status::Holds)
            });
        }
        if let Some(open) = left_open(self.model, atom) {
            let note = Some(match &open.arises_when {
                None => "left open: the analysis deliberately leaves this undecided".to_owned(),
                Some(when) => {
                    format!("left open: the analysis leaves this undecided when {when}, as here")
                }
            });
            return Some(Node {
                note,
                place: Some(open.place),
                cites: open.cites,
                ..leaf(text.to_owned(), Status::LeftOpen)
            });
        }
        let inputs = self.model.inputs();
        let entry = inputs.blocking(atom)?;
        let (note, place) = match (entry.origin, inputs.line(entry)) {
            (Origin::Line { scenario, .. }, Some(line)) => (
                format!(
                    "blocked by scenario {}: `assume not {text}`",
                    p.scenarios()[scenario.index()].name
                ),
                Some(p.sources().location(line.span).into()),
            ),
            _ => (format!("blocked by the what-if run: `not {text}`"), None),
        };
        Some(Node {
            note: Some(note),
            place,
            ..leaf(text.to_owned(), Status::Blocked)
        })
    }

    /// A failing atom explained by the rules that could conclude it, each with the
    /// standing of its premises.
    fn explore(&mut self, atom: &GroundAtom, text: String, depth: usize) -> Node<'p> {
        let p = self.model.program();
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
    ) -> Attempt<'p> {
        let p = self.model.program();
        let rule = p.rule(rule_id);
        let loc = p.sources().location(rule.span);
        let mut attempt = Attempt {
            rule: rule.name.to_string(),
            file: loc.file,
            line: loc.line,
            likelihood: rule.level,
            mismatch: None,
            premises: Vec::new(),
        };
        let Some(env) = bind(&head.args, &atom.args, rule.vars.len()) else {
            attempt.mismatch = Some(mismatch(p, head, atom, &rule.vars));
            return attempt;
        };
        let env = self.longest_match(&rule.premises, env);
        attempt.premises = self.premise_nodes(&rule.premises, &rule.vars, &env, depth);
        attempt
    }

    /// The standing of each premise of a rule or conflict body under the variable values
    /// `env`, each failing one explained down to `depth - 1` rule levels.
    pub(super) fn premise_nodes(
        &mut self,
        premises: &[Premise],
        vars: &[String],
        env: &[Option<SymbolId>],
        depth: usize,
    ) -> Vec<Node<'p>> {
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
    fn negated(&self, atom: &GroundAtom, text: String) -> Node<'p> {
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
    pub(super) fn longest_match(
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
