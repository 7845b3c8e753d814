//! The golden snapshots in the tests section: one line per snapshot, matched or not in
//! words as well as mark, and for each that does not match what changed, as `augur test
//! --snapshot` says it.

use std::fmt::Write;

use crate::escape::{xml, xml_lines};
use crate::scenario::snapshot::Comparison;

/// The snapshots of `dir` as compared.
pub fn section(out: &mut String, dir: &str, snapshots: &[Comparison]) {
    let failed = snapshots.iter().filter(|c| c.failed()).count();
    let checked = snapshots.iter().filter(|c| c.is_check()).count();
    let _ = writeln!(
        out,
        "<h3 id=\"snapshots\">Snapshots</h3>\n<p>Each scenario compared with its golden snapshot in <code>{}</code> (as <code>augur test --snapshot</code> compares them): {} match, {failed} do not.</p>\n<ul class=\"snapshots\">",
        xml(dir),
        checked - failed
    );
    for c in snapshots {
        line(out, c);
    }
    out.push_str("</ul>\n");
}

fn line(out: &mut String, c: &Comparison) {
    let _ = match c {
        Comparison::Same { scenario } | Comparison::Unchanged { scenario } => writeln!(
            out,
            "<li><strong>✓ matches</strong> scenario {}</li>",
            xml(scenario)
        ),
        Comparison::Changed { scenario, diff } => writeln!(
            out,
            "<li><strong>✗ CHANGED</strong> scenario {}: the snapshot (<code>-</code>) and the rules now (<code>+</code>, <code>~</code> a line whose fields changed)<pre>{}</pre></li>",
            xml(scenario),
            xml_lines(&diff.text(""))
        ),
        Comparison::Missing { scenario } => writeln!(
            out,
            "<li><strong>✗ NO SNAPSHOT</strong> of scenario {} (<code>augur test --snapshot DIR --bless</code> writes it)</li>",
            xml(scenario)
        ),
        Comparison::Stale { file } => writeln!(
            out,
            "<li><strong>✗ STALE</strong> <code>{}</code>: the snapshot of a scenario that no longer exists</li>",
            xml(file)
        ),
        Comparison::Created { scenario } | Comparison::Updated { scenario } => writeln!(
            out,
            "<li><strong>✓ written</strong> scenario {}</li>",
            xml(scenario)
        ),
        // Files a bless removed or left alone: not snapshots of the rules.
        Comparison::Removed { .. } | Comparison::Cleaned { .. } | Comparison::LeftAlone { .. } => {
            Ok(())
        }
    };
}
