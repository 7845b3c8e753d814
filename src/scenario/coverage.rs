//! Rule coverage: which rules fired in at least one tested scenario.

use serde::Serialize;

use crate::engine::Model;
use crate::program::{Program, RuleId};

/// One rule's coverage.
#[derive(Clone, Debug, Serialize)]
pub struct RuleCoverage {
    /// The rule.
    pub rule: String,
    /// Its file.
    pub file: String,
    /// Its line.
    pub line: usize,
    /// Whether its premises held in some tested scenario.
    pub fired: bool,
}

/// Coverage of a test run.
#[derive(Clone, Debug, Serialize)]
pub struct Coverage {
    /// Rules that fired.
    pub covered: usize,
    /// All rules.
    pub total: usize,
    /// `covered / total` in percent (100 when there are no rules).
    pub percent: f64,
    /// Every rule, in declaration order.
    pub rules: Vec<RuleCoverage>,
}

/// Which rules fired in at least one of `models` (the tested scenarios).
pub fn coverage(program: &Program, models: &[Model<'_>]) -> Coverage {
    let rules: Vec<RuleCoverage> = program
        .rules()
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let loc = program.sources().location(r.span);
            let fired = models.iter().any(|m| m.fired(RuleId::from_index(i)));
            RuleCoverage {
                rule: r.name.to_string(),
                file: loc.file,
                line: loc.line,
                fired,
            }
        })
        .collect();
    let covered = rules.iter().filter(|r| r.fired).count();
    let percent = if rules.is_empty() {
        100.0
    } else {
        (covered as f64) * 100.0 / (rules.len() as f64)
    };
    Coverage {
        covered,
        total: rules.len(),
        percent,
        rules,
    }
}
