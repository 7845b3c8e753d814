//! Exercises a rule text the way the CLI does, with budgets small enough for fuzzing and
//! property tests: check it (rendering every diagnostic), run each scenario, then ask
//! `why`, all proofs and `why-not` about its atoms, `diff` neighbouring scenarios and run
//! its tests, asserting what each answer must keep (a proof is at the atom's likelihood, a
//! JSON rendering serializes, a scenario does not differ from itself).
//!
//! Shared by tests/robustness.rs and the fuzz targets (fuzz/src/lib.rs includes this file),
//! so that both drive the same surface.

use augur::Analysis;
use augur::engine::{Model, Options};
use augur::explain::{self, Bounds};
use augur::program::{Arg, AtomPattern, GroundAtom, SymbolId};
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};

/// Evaluation budgets small enough that one input takes milliseconds, and a blow-up is a
/// limit error (`--max-derived 2000`, `--timeout 10s`) rather than a libFuzzer timeout or
/// out-of-memory report.
pub fn options() -> Options {
    Options {
        max_derived: 2_000,
        timeout: Some(std::time::Duration::from_secs(10)),
        ..Options::default()
    }
}

/// why-not bounds small enough that its what-if runs stay cheap.
#[allow(
    clippy::needless_update,
    reason = "bounds added later keep their defaults"
)]
pub fn bounds() -> Bounds {
    Bounds {
        depth: 3,
        rules: 4,
        miss_size: 2,
        miss_runs: 16,
        ..Bounds::default()
    }
}

/// At most this many atoms are explained per scenario, and this many scenarios compared.
const ATOMS: usize = 12;
const SCENARIOS: usize = 4;

/// How many atoms of each model `prob` asks sensitivity about.
const SENSITIVITY_ATOMS: usize = 4;

/// Renders a diagnostic as a miette report, as the CLI does: spans out of range or off a
/// character boundary panic here. (The CLI's JSON diagnostics come from its own renderer,
/// tested in tests/cli.rs.)
pub fn render_diagnostic(d: &dyn Diagnostic) {
    let mut text = String::new();
    let _ = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(100)
        .render_report(&mut text, d);
}

/// Parses and checks `text`, rendering every diagnostic, errors and warnings alike.
pub fn check(text: &str) -> Option<Analysis> {
    match Analysis::parse("fuzz.augur", text) {
        Ok(analysis) => {
            for w in analysis.warnings() {
                render_diagnostic(w);
            }
            Some(analysis)
        }
        Err(problems) => {
            render_diagnostic(&problems);
            None
        }
    }
}

/// Runs every scenario in its own run (so that one over budget does not hide the others),
/// rendering each report as text and JSON. Returns the models that finished.
pub fn run(analysis: &Analysis) -> Vec<Model<'_>> {
    let program = analysis.program();
    let mut models = Vec::new();
    for scenario in program.scenarios() {
        match analysis.run(&scenario.name, &options()) {
            Ok(model) => {
                let report = augur::scenario::ScenarioReport::new(&model);
                let _ = serde_json::to_string(&report).map_err(|e| panic!("report JSON: {e}"));
                models.push(model);
            }
            Err(e) => render_diagnostic(&e),
        }
    }
    let reports = models
        .iter()
        .map(augur::scenario::ScenarioReport::new)
        .collect();
    let _ = augur::scenario::RunReport { scenarios: reports }.text();
    models
}

/// Candidate atoms to ask about: each rule's conclusions and premises, variables replaced
/// by a constant of the program, in rule order, at most [`ATOMS`] of them.
fn candidates(analysis: &Analysis) -> Vec<GroundAtom> {
    let p = analysis.program();
    let Some(first) = (0..p.symbols().len()).next() else {
        return Vec::new();
    };
    let constant = SymbolId(first as u32);
    let ground = |a: &AtomPattern| GroundAtom {
        pred: a.pred,
        args: a
            .args
            .iter()
            .map(|arg| match *arg {
                Arg::Const(c) => c,
                Arg::Var(_) => constant,
            })
            .collect(),
    };
    let mut out: Vec<GroundAtom> = Vec::new();
    let patterns = p.rules().iter().flat_map(|r| {
        r.conclusions
            .iter()
            .chain(r.premises.iter().map(|q| &q.atom))
    });
    let mut tried: Vec<GroundAtom> = Vec::new();
    for atom in patterns.map(ground) {
        if tried.contains(&atom) {
            continue;
        }
        if tried.len() == 4 * ATOMS || out.len() == ATOMS {
            break;
        }
        tried.push(atom.clone());
        // Through the public resolution, as the CLI asks (each call is a check of what can
        // hold, so distinct atoms only): one that can never hold is refused, not asked about.
        if let Ok(atom) = analysis.atom(&p.show_atom(&atom)) {
            out.push(atom);
        }
    }
    out
}

/// `why`, all proofs and `why-not` on atoms of each model, `diff` between neighbouring
/// scenarios, and the test suite; with the properties each must keep.
pub fn explain(analysis: &Analysis, models: &[Model<'_>]) {
    let asked = candidates(analysis);
    for model in models.iter().take(SCENARIOS) {
        let scenario = &analysis.program().scenarios()[model.scenario().index()].name;
        let holding = model.conclusions().into_iter().map(|c| c.atom).take(ATOMS);
        for atom in holding.chain(asked.iter().cloned()) {
            explain_atom(model, &atom, scenario);
        }
        for c in 0..analysis.program().conflicts().len().min(2) {
            let id = augur::program::ConflictId::from_index(c);
            let answer = explain::why_not_conflict(model, id, &bounds());
            let _ = explain::render::conflict_why_not_text(&answer, scenario);
            json(&answer);
        }
    }
    for pair in models.windows(2).take(SCENARIOS) {
        let d = augur::scenario::diff(&pair[0], &pair[1], true);
        let _ = d.text(true);
        json(&d);
        // The diff of a scenario with itself is empty.
        let same = augur::scenario::diff(&pair[0], &pair[0], false);
        assert!(
            same.gained.is_empty() && same.lost.is_empty() && same.changed.is_empty(),
            "a scenario differs from itself"
        );
    }
    let program = analysis.program();
    if models.len() == program.scenarios().len() {
        let tests: Vec<_> = program.tests().iter().collect();
        let report = augur::scenario::run_tests(program, &tests, models);
        json(&report);
    }
}

fn explain_atom(model: &Model<'_>, atom: &GroundAtom, scenario: &str) {
    let level = model.likelihood(atom);
    match explain::why(model, atom) {
        Some(proof) => {
            assert_eq!(
                Some(proof.likelihood),
                level,
                "why's proof is not at the atom's likelihood"
            );
            let _ = explain::render::proof_text(&proof, None);
            let _ = explain::render::proof_text(&proof, Some(2));
            json(&proof);
        }
        None => assert!(level.is_none(), "an atom that holds has no proof"),
    }
    if let Some(all) = explain::all_proofs(model, atom, 3) {
        assert!(all.proofs.len() <= 3, "more proofs than asked for");
        assert!(
            !all.proofs.is_empty(),
            "an atom that holds has no proof among all"
        );
        assert!(
            all.total >= all.proofs.len() as u64,
            "fewer proofs counted than shown"
        );
        assert_eq!(
            Some(all.proofs[0].likelihood),
            level,
            "the first of all proofs of {} is not its strongest",
            all.proofs[0].atom_text()
        );
        let _ = explain::render::all_proofs_text(&all, Some(4));
        json(&all);
    } else {
        assert!(level.is_none(), "all proofs of an atom that holds is none");
    }
    if level.is_none() {
        let answer = explain::why_not(model, atom, &bounds());
        let _ = explain::render::why_not_text(&answer, scenario);
        json(&answer);
    }
}

fn json(value: &impl serde::Serialize) {
    if let Err(e) = serde_json::to_string(value) {
        panic!("serializing failed: {e}");
    }
}

/// The indicators matrix of `models`: each cell is what its model says, each spread the
/// highest minus the lowest weight, rows that tell the scenarios apart first by spread,
/// and the report renders as text and JSON.
pub fn indicators(analysis: &Analysis, models: &[Model<'_>]) {
    use augur::indicators::{Cell, from_models};
    let matrix = from_models(analysis.program(), models);
    let rows = matrix.rows();
    for row in rows {
        assert_eq!(row.cells.len(), models.len(), "one cell per scenario");
        if let Some(atom) = &row.atom {
            for (cell, model) in row.cells.iter().zip(models) {
                assert_eq!(*cell, Cell::of(model, atom), "a cell is its model's answer");
            }
        }
        let weights = row.cells.iter().map(|c| c.weight());
        let spread = weights.clone().max().unwrap_or(0) - weights.min().unwrap_or(0);
        assert_eq!(row.spread(), spread);
        assert!(
            spread == 0 || row.distinguishes(),
            "a spread tells scenarios apart"
        );
    }
    let key = |r: &augur::indicators::Row| (!r.distinguishes(), std::cmp::Reverse(r.spread()));
    assert!(
        rows.windows(2).all(|w| key(&w[0]) <= key(&w[1])),
        "rows in order"
    );
    let report = matrix.report();
    json(&report);
    let text = report.text();
    assert!(
        rows.is_empty() || text.lines().count() > rows.len(),
        "a line per row"
    );
}

/// Asks `pattern` (a user's text) of every model: a pattern the program refuses renders
/// its diagnostic; one it takes answers atoms that match it, with the values that make
/// them, at the likelihood the model gives them (open questions at none), strongest
/// first; the report renders as text and JSON.
pub fn query(analysis: &Analysis, models: &[Model<'_>], pattern: &str) {
    let pattern = match augur::query::Pattern::parse(analysis.program(), pattern) {
        Ok(p) => p,
        Err(e) => return render_diagnostic(&e),
    };
    for model in models {
        let answers = augur::query::answers(model, &pattern);
        for a in &answers {
            assert_eq!(pattern.matches(&a.atom).as_ref(), Some(&a.bindings));
            if a.likelihood.is_some() {
                assert_eq!(a.likelihood, model.likelihood(&a.atom));
            } else {
                assert!(model.is_open(&a.atom).is_some());
            }
        }
        let held: Vec<_> = answers.iter().map_while(|a| a.likelihood).collect();
        assert!(held.windows(2).all(|w| w[0] >= w[1]), "strongest first");
    }
    let report = augur::query::QueryReport::new(models, &pattern, true);
    let _ = report.text();
    json(&report);
}

/// Every listing of `augur list` as text and JSON, and each predicate's general pattern
/// (at most [`ATOMS`]) asked of every model.
pub fn list_and_query(analysis: &Analysis, models: &[Model<'_>]) {
    let p = analysis.program();
    let listings = [
        augur::catalog::scenarios(p),
        augur::catalog::rules(p),
        augur::catalog::predicates(p),
        augur::catalog::atoms(p, models),
        augur::catalog::tests(p),
        augur::catalog::open(p),
        augur::catalog::documents(p),
        augur::catalog::indicators(p),
        augur::catalog::evidence(p),
    ];
    for listing in &listings {
        let _ = listing.text();
        json(listing);
    }
    for i in 0..p.predicates().len().min(ATOMS) {
        let pred = augur::program::PredId::from_index(i);
        query(analysis, models, &augur::query::general_pattern(p, pred));
    }
}

/// Exact probabilities of every conclusion and of the candidate atoms, in each model, with
/// diagrams held to 10,000 nodes (a fuzzing input must finish in seconds under coverage
/// instrumentation; larger diagrams are the limit tests' business, in tests/prob.rs): each is in [0, 1], 0 with no likelihood for an atom that
/// does not hold, `certain` exactly at 1; one compilation for all the conclusions gives what
/// one per atom gives, and so does sensitivity's; sampling is the same on 1 thread and 2,
/// and draws no world where P is 0; a too-large lineage is an error that renders.
pub fn prob(analysis: &Analysis, models: &[Model<'_>]) {
    use augur::prob::{Limits, exact, exact_all};
    let limits = Limits {
        max_nodes: 10_000,
        ..Limits::default()
    };
    let asked = candidates(analysis);
    for model in models {
        let mut atoms: Vec<GroundAtom> = model.conclusions().into_iter().map(|c| c.atom).collect();
        atoms.truncate(ATOMS);
        atoms.extend(asked.iter().filter(|a| model.is_open(a).is_none()).cloned());
        let all = match exact_all(model, &atoms, &limits) {
            Ok(all) => all,
            Err(e) => return render_diagnostic(&e),
        };
        for (i, (atom, answer)) in atoms.iter().zip(&all).enumerate() {
            let p = answer.probability;
            assert!((0.0..=1.0).contains(&p), "P = {p}");
            if model.likelihood(atom).is_none() {
                assert_eq!(
                    (p, answer.likelihood),
                    (0.0, None),
                    "an atom that does not hold"
                );
            }
            if answer.likelihood == Some(augur::Likelihood::Certain) {
                assert_eq!(p, 1.0);
            }
            // Sensitivity compiles the lineage once per claim: the first few atoms only.
            let sensitivity = (i < SENSITIVITY_ATOMS)
                .then(|| augur::prob::sensitivity(model, atom, &limits))
                .and_then(Result::ok);
            if let Some(s) = sensitivity {
                assert!((s.probability - p).abs() < 1e-9, "sensitivity's P");
                for e in &s.claims {
                    assert!(e.derivative.is_finite() && (0.0..=1.0).contains(&e.low));
                }
            }
            let sampling = |threads| augur::prob::Sampling {
                samples: 300,
                seed: 1,
                threads,
                deadline: None,
            };
            let one = augur::prob::monte_carlo(model, atom, &sampling(1));
            assert_eq!(one, augur::prob::monte_carlo(model, atom, &sampling(2)));
            if let Ok(e) = one {
                assert!(e.hits <= e.samples && e.interval[0] <= e.interval[1]);
                assert!(p > 0.0 || e.hits == 0, "no world where P is 0");
            }
            // Alone, the lineage's choices are numbered in another order, so its diagrams
            // (intermediate ones included) can pass the bound where the joint compilation's
            // did not: that is an error that renders, never another probability.
            match exact(model, atom, &limits) {
                Ok(alone) => assert!(
                    (alone.probability - p).abs() < 1e-9,
                    "alone: {}, with all: {p}",
                    alone.probability
                ),
                Err(e @ augur::prob::ProbError::TooManyNodes { .. }) => render_diagnostic(&e),
                Err(e) => panic!("alone: {e:?}, with all: {p}"),
            }
        }
    }
}

/// Everything above on one text: check, run, explain, indicators, list and query, and
/// probabilities.
pub fn all(text: &str) {
    if let Some(analysis) = check(text) {
        let models = run(&analysis);
        explain(&analysis, &models);
        indicators(&analysis, &models);
        list_and_query(&analysis, &models);
        prob(&analysis, &models);
    }
}

/// The syntax tree of `text` without its spans: what the parser read, not where (for
/// `augur fmt`, whose result must read the same). The parse errors when there are any.
pub fn shape(text: &str) -> Result<String, Vec<augur::syntax::ParseError>> {
    let file = augur::source::SourceFile::new("t.augur", text);
    let (file, errors) = augur::syntax::parse_file(augur::source::FileId(0), &file);
    if !errors.is_empty() {
        return Err(errors);
    }
    let debug = format!("{:?}", file.items);
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug.as_str();
    while let Some(at) = rest.find("Span {") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        rest = &rest[rest.find('}').map_or(rest.len(), |i| i + 1)..];
    }
    out.push_str(rest);
    Ok(out)
}
