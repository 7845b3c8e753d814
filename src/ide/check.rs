//! The workspace checked as `augur check` checks it, and, when a question needs them, the
//! runs of every scenario (kept as owned tables: which atoms hold at which likelihood,
//! which rules fire).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::diagnostics::{self, Diagnostic};
use crate::engine::Options;
use crate::likelihood::Likelihood;
use crate::program::{CheckError, SourceOptions, quotes};
use crate::source::{SourceFile, SourceMap};
use crate::{Analysis, Problems};

/// An atom that holds in at least one scenario.
#[derive(Clone, Debug)]
pub struct Held {
    /// Its arguments in canonical form.
    pub args: Vec<String>,
    /// Its canonical text.
    pub text: String,
    /// Its likelihood in each scenario, in [`Runs::scenarios`] order.
    pub levels: Vec<Option<Likelihood>>,
}

/// The most decision-diagram nodes the probability of one atom in one scenario may take.
pub const PROB_NODES: usize = 10_000;
/// The most time the probability of one atom in one scenario may take: a guard only, far above what
/// [`PROB_NODES`] allows, so that what a hover shows does not depend on the machine's load.
pub const PROB_TIME: std::time::Duration = std::time::Duration::from_secs(1);

/// What every scenario concludes.
#[derive(Debug, Default)]
pub struct Runs {
    /// The scenarios, in declaration order.
    pub scenarios: Vec<String>,
    /// The atoms that hold somewhere, by predicate, in order of first derivation.
    pub held: BTreeMap<String, Vec<Held>>,
    /// For each rule by name, the scenarios (indices) where it fires.
    pub fired: BTreeMap<String, Vec<usize>>,
    /// Why there are no runs, when there are none (errors, a scenario that failed).
    pub missing: Option<String>,
}

/// The workspace as checked.
#[derive(Debug)]
pub struct Checked {
    /// Diagnostics by file name.
    pub diagnostics: BTreeMap<String, Vec<Diagnostic>>,
    /// The checked program, when it has no errors.
    pub analysis: Option<Analysis>,
    runs: OnceLock<Runs>,
    /// The probabilities asked for so far, by atom, in scenario order.
    probabilities: std::sync::Mutex<BTreeMap<String, Vec<Option<f64>>>>,
}

impl Checked {
    /// Checks the files, in name order, as `augur check` does; verifies quotes when given
    /// the options.
    pub fn new<'a>(
        files: impl Iterator<Item = (&'a String, &'a str)>,
        quotes_with: Option<&SourceOptions>,
    ) -> Self {
        let mut sources = SourceMap::new();
        let mut names: Vec<String> = Vec::new();
        let mut errors: Vec<crate::Error> = Vec::new();
        for (name, text) in files {
            names.push(name.clone());
            if let Err(e) = sources.add(SourceFile::new(name.clone(), text)) {
                errors.push(e.into());
            }
        }
        let mut diagnostics: BTreeMap<String, Vec<Diagnostic>> =
            names.iter().map(|n| (n.clone(), Vec::new())).collect();
        let analysis = if errors.is_empty() {
            match Analysis::from_sources(sources) {
                Ok(mut analysis) => {
                    let mut found: Vec<CheckError> = analysis.take_warnings();
                    if let Some(options) = quotes_with {
                        found.extend(quotes::verify(analysis.program(), options));
                    }
                    errors.extend(found.into_iter().map(crate::Error::from));
                    Some(analysis)
                }
                Err(Problems { diagnostics, .. }) => {
                    errors.extend(diagnostics);
                    None
                }
            }
        } else {
            None
        };
        let file_of = |shown: &str| names.iter().find(|n| n.as_str() == shown).cloned();
        let fallback = names.first().cloned().unwrap_or_default();
        for e in &errors {
            let (file, d) = diagnostics::convert(e, &file_of, &fallback);
            diagnostics.entry(file).or_default().push(d);
        }
        // A program with errors is not run: its rules may be missing.
        let analysis = analysis.filter(|_| {
            !diagnostics
                .values()
                .flatten()
                .any(|d| d.severity == diagnostics::Severity::Error)
        });
        Checked {
            diagnostics,
            analysis,
            runs: OnceLock::new(),
            probabilities: std::sync::Mutex::default(),
        }
    }

    /// Every scenario's conclusions, run on first use.
    pub fn runs(&self) -> &Runs {
        self.runs.get_or_init(|| match &self.analysis {
            None => Runs {
                missing: Some("the workspace has errors, so no scenario is run".to_owned()),
                ..Runs::default()
            },
            Some(analysis) => run_all(analysis),
        })
    }
}

impl Checked {
    /// A ground atom's probability in each scenario (`None` where past [`PROB_NODES`]),
    /// computed on first use: each scenario run again, the atom's lineage compiled alone.
    /// `None` when the program has errors or the atom can never hold.
    pub fn probabilities(&self, atom: &str) -> Option<Vec<Option<f64>>> {
        let analysis = self.analysis.as_ref()?;
        if let Some(known) = self.probabilities.lock().ok()?.get(atom) {
            return Some(known.clone());
        }
        let ground = analysis.atom(atom).ok()?;
        let models = analysis.run_all(&Options::default()).ok()?;
        let found: Vec<Option<f64>> = models
            .iter()
            .map(|model| {
                let limits = crate::prob::Limits {
                    max_nodes: PROB_NODES,
                    deadline: Some(std::time::Instant::now() + PROB_TIME),
                };
                let exact = crate::prob::exact(model, &ground, &limits).ok()?;
                Some(exact.probability)
            })
            .collect();
        self.probabilities
            .lock()
            .ok()?
            .insert(atom.to_owned(), found.clone());
        Some(found)
    }
}

fn run_all(analysis: &Analysis) -> Runs {
    let p = analysis.program();
    let mut runs = Runs {
        scenarios: p.scenarios().iter().map(|s| s.name.to_string()).collect(),
        ..Runs::default()
    };
    let models = match analysis.run_all(&Options::default()) {
        Ok(models) => models,
        Err(e) => {
            runs.missing = Some(format!("the scenarios could not be run: {e}"));
            return runs;
        }
    };
    let count = models.len();
    let mut places: BTreeMap<String, usize> = BTreeMap::new();
    for (i, model) in models.iter().enumerate() {
        for (pred, relation) in model.relations().iter().enumerate() {
            let predicate = &p.predicates()[pred].name;
            for t in relation.ids() {
                let pred_id = crate::program::PredId::from_index(pred);
                let Some(level) = model.tuple_likelihood(pred_id, t) else {
                    continue;
                };
                let atom = model.atom(pred_id, t);
                let text = p.show_atom(&atom);
                let list = runs.held.entry(predicate.clone()).or_default();
                let at = *places.entry(text.clone()).or_insert_with(|| {
                    let args = atom.args.iter().map(|&a| p.symbols().show(a)).collect();
                    list.push(Held {
                        args,
                        text,
                        levels: vec![None; count],
                    });
                    list.len() - 1
                });
                list[at].levels[i] = Some(level);
            }
        }
        for (r, rule) in p.rules().iter().enumerate() {
            if model.fired(crate::program::RuleId::from_index(r)) {
                runs.fired.entry(rule.name.to_string()).or_default().push(i);
            }
        }
    }
    runs
}
