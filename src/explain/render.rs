//! Proofs as text: a tree drawn with box characters, one node per atom, its rule and
//! citations beneath it. JSON needs no code here: every type derives `Serialize`.

use std::fmt::Write;

use super::{AllProofs, By, Proof};

/// Draws a proof. Subproofs below `depth` levels are folded into one line.
pub fn proof_text(proof: &Proof, depth: Option<usize>) -> String {
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
        let more = if all.exact { "" } else { " at least" };
        let _ = writeln!(
            out,
            "({more}{cut} more not shown; raise --max-proofs to see them)",
            more = more.trim_start()
        );
    }
    out
}

/// `last`: `None` for the root, else whether this node is its parent's last child.
fn node(out: &mut String, p: &Proof, prefix: &str, last: Option<bool>, depth: usize) {
    let (branch, cont) = match last {
        None => ("", ""),
        Some(true) => ("└─ ", "   "),
        Some(false) => ("├─ ", "│  "),
    };
    let inner = format!("{prefix}{cont}");
    let folded = depth == 0 && !p.premises.is_empty();
    let bar = if p.premises.is_empty() || folded {
        "  "
    } else {
        "│ "
    };
    match &p.by {
        By::Absent { .. } => {
            let atom = p.atom.strip_prefix("not ").unwrap_or(&p.atom);
            let _ = writeln!(out, "{prefix}{branch}{} ({atom} does not hold)", p.atom);
        }
        _ => {
            let _ = writeln!(out, "{prefix}{branch}{} [{}]", p.atom, p.likelihood);
        }
    }
    for line in details(p) {
        let _ = writeln!(out, "{inner}{bar}{line}");
    }
    if folded {
        let _ = writeln!(
            out,
            "{inner}  … {} premise(s) folded (raise --depth to see them)",
            p.premises.len()
        );
        return;
    }
    for (i, child) in p.premises.iter().enumerate() {
        node(
            out,
            child,
            &inner,
            Some(i + 1 == p.premises.len()),
            depth.saturating_sub(1),
        );
    }
}

fn details(p: &Proof) -> Vec<String> {
    match &p.by {
        By::Rule {
            rule,
            file,
            line,
            likelihood,
            cites,
        } => {
            let mut lines = vec![format!("by rule {rule} [{likelihood}] at {file}:{line}")];
            lines.extend(
                cites
                    .iter()
                    .map(|c| format!("cites {}: \"{}\"", c.document, c.quote)),
            );
            lines
        }
        By::Fact { fact } => vec![format!("fact at {}:{}", fact.file, fact.line)],
        By::Assumed {
            assumed,
            file,
            line,
        } => vec![format!("assumed in scenario {assumed} at {file}:{line}")],
        By::Absent { .. } => Vec::new(),
        By::Folded { .. } => vec![format!("… proof {} levels deep, folded", p.height)],
    }
}
