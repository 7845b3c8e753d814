//! Proofs as text: a tree drawn with box characters, one node per atom, its rule and
//! citations beneath it. Names come from `explain::json`, the edge where ids become names.

use crate::program::suggest::count;
use std::fmt::Write;

use super::json::Named;
use super::why_not::{ConflictWhyNot, Node, Status};
use super::{AllProofs, By, ForbiddenBy, LeftOpen, Proof, WhyNot};

/// Why `shown`, an open question, neither holds nor fails (as `augur why` writes it).
pub fn left_open_text(shown: &str, open: &LeftOpen) -> String {
    let mut text = format!(
        "{shown} is left open by the analysis (declared at {}:{}): neither true nor false\n",
        open.place.file, open.place.line
    );
    if let Some(when) = &open.arises_when {
        let _ = writeln!(text, "  the question arises here: {when}");
    }
    for c in &open.cites {
        let _ = writeln!(text, "  cites {c}");
    }
    text
}

/// Why `shown` does not hold in `scenario`: the `assume not` line that forbids it.
pub fn forbidden_text(shown: &str, scenario: &str, by: &ForbiddenBy) -> String {
    format!(
        "{shown} does not hold in scenario {scenario}: forbidden in scenario {} at {}:{} (`assume not`)\n",
        by.scenario, by.file, by.line
    )
}

/// Draws a proof. Subproofs below `depth` levels are folded into one line.
pub fn proof_text(proof: &Proof<'_>, depth: Option<usize>) -> String {
    let mut out = String::new();
    node(&mut out, proof, "", None, depth.unwrap_or(usize::MAX));
    out
}

/// Draws every proof of an atom, numbered, then what was left out.
pub fn all_proofs_text(all: &AllProofs, depth: Option<usize>) -> String {
    let mut out = String::new();
    for (i, p) in all.proofs.iter().enumerate() {
        let _ = writeln!(
            out,
            "proof {} of {}{}:",
            i + 1,
            all.total,
            if all.exact { "" } else { "+" }
        );
        out.push_str(&proof_text(p, depth));
    }
    let cut = all.total.saturating_sub(all.proofs.len() as u64);
    if cut > 0 {
        let more = if all.exact { "" } else { "at least " };
        let _ = writeln!(
            out,
            "({more}{cut} more not shown; raise --max-proofs to see them)"
        );
    }
    out
}

/// `last`: `None` for the root, else whether this node is its parent's last child.
fn node(out: &mut String, p: &Proof<'_>, prefix: &str, last: Option<bool>, depth: usize) {
    let (branch, cont) = match last {
        None => ("", ""),
        Some(true) => ("└─ ", "   "),
        Some(false) => ("├─ ", "│  "),
    };
    let inner = format!("{prefix}{cont}");
    let children = children(p);
    let folded = depth == 0 && !children.is_empty();
    let bar = if children.is_empty() || folded {
        "  "
    } else {
        "│ "
    };
    let _ = writeln!(
        out,
        "{prefix}{branch}{} [{}]",
        p.atom_text(),
        p.likelihood_text()
    );
    for line in details(p) {
        let _ = writeln!(out, "{inner}{bar}{line}");
    }
    if folded {
        let _ = writeln!(
            out,
            "{inner}  … {} folded (raise --depth to see them)",
            count(children.len(), "premise")
        );
        return;
    }
    for (i, child) in children.iter().enumerate() {
        node(
            out,
            child,
            &inner,
            Some(i + 1 == children.len()),
            depth.saturating_sub(1),
        );
    }
}

/// The nodes drawn under a node: a rule's premises, or the proof of the atom a `not`
/// mirrors.
fn children<'a, 'p>(p: &'a Proof<'p>) -> &'a [Proof<'p>] {
    match &p.by {
        By::Negation { negation_of } => std::slice::from_ref(&**negation_of),
        _ => &p.premises,
    }
}

fn details(p: &Proof<'_>) -> Vec<String> {
    match p.by.named(p.program()) {
        Named::Rule {
            rule,
            file,
            line,
            likelihood,
            probability,
            cites,
        } => {
            let level = crate::probability::show_level(likelihood, probability);
            let mut lines = vec![format!("by rule {rule} [{level}] at {file}:{line}")];
            lines.extend(cites.iter().map(|c| format!("cites {c}")));
            lines
        }
        Named::Fact { fact } => {
            let mut lines = vec![format!("fact at {}:{}", fact.file, fact.line)];
            lines.extend(fact.cites.iter().map(|c| format!("cites {c}")));
            lines
        }
        Named::Assumed {
            assumed,
            file,
            line,
        } => vec![format!("assumed in scenario {assumed} at {file}:{line}")],
        Named::Hypothesized { .. } => vec!["hypothesized (what-if)".to_owned()],
        Named::Absent { .. } => {
            let atom = p.program().show_atom(&p.atom.atom);
            vec![format!("{atom} does not hold")]
        }
        Named::Forbidden { forbidden } => vec![format!(
            "forbidden in scenario {} at {}:{}",
            forbidden.scenario, forbidden.file, forbidden.line
        )],
        Named::ForbiddenWhatIf { .. } => vec!["forbidden by the what-if run".to_owned()],
        Named::Negation { .. } => vec!["mirrors the likelihood of:".to_owned()],
        Named::Folded { .. } => vec![format!(
            "… proof {} deep, folded",
            count(p.height as usize, "level")
        )],
    }
}

/// Draws a why-not answer: the failure tree, then the nearest misses.
pub fn why_not_text(answer: &WhyNot, scenario: &str) -> String {
    let mut out = String::new();
    let tree = &answer.tree;
    match tree.status {
        Status::Holds => {
            let level = tree.likelihood.map_or(String::new(), |l| format!(" [{l}]"));
            let _ = writeln!(
                out,
                "{} holds in scenario {scenario}{level}; `augur why` shows its proof",
                tree.atom
            );
            return out;
        }
        Status::LeftOpen => {
            let _ = writeln!(
                out,
                "{} is left open by the analysis: neither true nor false in scenario {scenario}",
                tree.atom
            );
        }
        Status::Blocked => {
            let _ = writeln!(out, "{} is forced false in scenario {scenario}", tree.atom);
        }
        _ => {
            let label = tree.id.map_or(String::new(), |id| format!("  (#{id})"));
            let _ = writeln!(
                out,
                "{} does not hold in scenario {scenario}{label}",
                tree.atom
            );
        }
    }
    failure_children(&mut out, tree, "");
    if answer.nodes_cut > 0 {
        let _ = writeln!(
            out,
            "\n… {} not explored: the answer is full (raise --max-nodes)",
            count(answer.nodes_cut, "more atom")
        );
    }
    if !answer.nearest_misses.is_empty() {
        let _ = writeln!(
            out,
            "\nnearest misses (each set, added to the scenario, makes it hold):"
        );
        for set in &answer.nearest_misses {
            let lines: Vec<String> = set.iter().map(|a| format!("assume {a}")).collect();
            let _ = writeln!(out, "  {}", lines.join(" + "));
        }
    } else if matches!(tree.status, Status::Fails | Status::Unexplored) {
        let _ = writeln!(
            out,
            "\nno nearest miss found: the search tries small sets of the failing atoms above that a scenario could assume, not premises with unbound variables"
        );
    }
    let search = &answer.miss_search;
    if search.budget_reached {
        let _ = writeln!(
            out,
            "(the search for nearest misses stopped after {}; raise --max-what-if to try more sets)",
            count(search.runs, "what-if run")
        );
    }
    if search.stopped > 0 {
        let _ = writeln!(
            out,
            "({} stopped at an evaluation limit (--max-derived, --timeout); their sets are not shown)",
            count(search.stopped, "what-if run")
        );
    }
    out
}

/// The notes and rules under a failure node.
fn failure_children(out: &mut String, node: &Node, prefix: &str) {
    let children =
        node.rules.len() + usize::from(node.rules_cut > 0) + usize::from(node.proof.is_some());
    let bar = if children > 0 { "│ " } else { "  " };
    if let Some(note) = &node.note {
        let _ = writeln!(out, "{prefix}{bar}{note}");
    }
    if let Some(place) = &node.place {
        let _ = writeln!(out, "{prefix}{bar}at {}:{}", place.file, place.line);
    }
    for c in &node.cites {
        let _ = writeln!(out, "{prefix}{bar}cites {c}");
    }
    let mut left = children;
    if let Some(proof) = &node.proof {
        left -= 1;
        let (branch, cont) = branches(left == 0);
        let _ = write!(out, "{prefix}{branch}");
        let drawn = proof_text(proof, None);
        for (i, line) in drawn.lines().enumerate() {
            let lead = if i == 0 {
                String::new()
            } else {
                format!("{prefix}{cont}")
            };
            let _ = writeln!(out, "{lead}{line}");
        }
    }
    for attempt in &node.rules {
        left -= 1;
        let (branch, cont) = branches(left == 0);
        let _ = writeln!(
            out,
            "{prefix}{branch}rule {} [{}] at {}:{}",
            attempt.rule, attempt.likelihood, attempt.file, attempt.line
        );
        let inner = format!("{prefix}{cont}");
        if let Some(m) = &attempt.mismatch {
            let _ = writeln!(out, "{inner}  does not apply: it {m}");
        }
        premise_tree(out, &attempt.premises, &inner);
    }
    if node.rules_cut > 0 {
        let _ = writeln!(
            out,
            "{prefix}└─ … {} not shown",
            count(node.rules_cut, "more rule")
        );
    }
}

/// Each premise with its standing, and under a failing one what fails beneath it.
fn premise_tree(out: &mut String, premises: &[Node], prefix: &str) {
    for (i, premise) in premises.iter().enumerate() {
        let (branch, cont) = branches(i + 1 == premises.len());
        let _ = writeln!(out, "{prefix}{branch}{}", premise_line(premise));
        failure_children(out, premise, &format!("{prefix}{cont}"));
    }
}

/// Draws why a conflict does not hold: its place, then the standing of each premise.
pub fn conflict_why_not_text(answer: &ConflictWhyNot, scenario: &str) -> String {
    let mut out = String::new();
    let (kind, name) = (answer.kind, &answer.conflict);
    let _ = writeln!(out, "{kind} {name} does not hold in scenario {scenario}");
    let place = &answer.place;
    let _ = writeln!(out, "{kind} {name} at {}:{}", place.file, place.line);
    premise_tree(&mut out, &answer.premises, "");
    if answer.nodes_cut > 0 {
        let _ = writeln!(
            out,
            "\n… {} not explored: the answer is full (raise --max-nodes)",
            count(answer.nodes_cut, "more atom")
        );
    }
    out
}

fn branches(last: bool) -> (&'static str, &'static str) {
    if last {
        ("└─ ", "   ")
    } else {
        ("├─ ", "│  ")
    }
}

fn premise_line(node: &Node) -> String {
    let line = premise_standing(node);
    match (node.id, node.same_as) {
        (Some(id), _) => format!("{line}  (#{id})"),
        (None, Some(id)) => format!("{line}  (see #{id})"),
        (None, None) => line,
    }
}

fn premise_standing(node: &Node) -> String {
    match node.status {
        Status::Holds => format!(
            "✓ {} [{}]",
            node.atom,
            node.likelihood.map_or("?", |l| l.keyword())
        ),
        Status::Absent => format!("✓ {}", node.atom),
        Status::Fails | Status::NoMatch => format!("✗ {}", node.atom),
        Status::Blocking => format!("✗ {} (blocked)", node.atom),
        Status::Blocked => format!("⊘ {}", node.atom),
        Status::LeftOpen => format!("○ {}", node.atom),
        Status::Unexplored => format!("? {}", node.atom),
    }
}

#[cfg(test)]
mod left_out_tests {
    use super::*;

    #[test]
    fn a_lower_bound_on_the_proofs_left_out_reads_at_least_n() {
        let all = |exact| AllProofs {
            proofs: Vec::new(),
            total: 15,
            exact,
        };
        assert_eq!(
            all_proofs_text(&all(false), None),
            "(at least 15 more not shown; raise --max-proofs to see them)\n"
        );
        assert_eq!(
            all_proofs_text(&all(true), None),
            "(15 more not shown; raise --max-proofs to see them)\n"
        );
    }
}
