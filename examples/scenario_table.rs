//! Loads the shipped rule base, runs every scenario, and prints the article's key
//! conclusions side by side: who fills the gap, Brazil's leadership, bloc stability and
//! the EU's role.
//!
//! `cargo run --example scenario_table` (or pass other rule paths).

#![expect(clippy::print_stdout, reason = "an example prints its results")]

use augur::Analysis;
use augur::engine::Options;

/// The rows of the table: a label and the atom it reports.
const KEY: [(&str, &str); 10] = [
    ("Russia fills the gap", "russia fills_gap_in latam_security"),
    ("China fills the gap", "china fills_gap_in latam_security"),
    ("Iran fills the gap", "iran fills_gap_in latam_security"),
    (
        "Balancing between powers",
        "latin_america balances_between competing_powers",
    ),
    (
        "Security more volatile",
        "latam_security becomes more_volatile",
    ),
    (
        "Space for Brazil to lead",
        "brazil has_space_to_lead latin_america",
    ),
    (
        "Brazil blocked by ideology",
        "brazil_leadership blocked_by ideological_differences",
    ),
    ("UNASUR unstable", "unasur is unstable"),
    ("Argentina leaves UNASUR", "argentina leaves unasur"),
    (
        "EU-LAC physical security",
        "eu_lac_partnerships extend_to physical_security",
    ),
];

fn main() -> miette::Result<()> {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let paths = if paths.is_empty() {
        vec!["rules".to_owned()]
    } else {
        paths
    };
    let analysis = Analysis::load(&paths)?;
    let models = analysis.run_all(&Options::default())?;
    let p = analysis.program();
    let names: Vec<&str> = models
        .iter()
        .map(|m| p.scenarios()[m.scenario().index()].name.as_str())
        .collect();
    let width = KEY.iter().map(|(label, _)| label.len()).max().unwrap_or(0);
    for (i, name) in names.iter().enumerate() {
        println!("{:>width$}  {}{name}", "", "| ".repeat(i));
    }
    println!("{}", "-".repeat(width + 2 + 2 * names.len()));
    for (label, text) in KEY {
        // An atom no scenario can make hold is an empty row.
        let atom = analysis.atom(text).ok();
        let cells: Vec<&str> = models
            .iter()
            .map(|m| match atom.as_ref().and_then(|a| m.likelihood(a)) {
                Some(level) => short(level),
                None if atom
                    .as_ref()
                    .is_some_and(|a| p.opens().iter().any(|o| o.atom == *a)) =>
                {
                    "? "
                }
                None => ". ",
            })
            .collect();
        println!("{label:>width$}  {}", cells.join(""));
    }
    println!(
        "\nlikelihood: C certain, A almost certain, V very likely, L likely, E even chance, U unlikely, . does not hold, ? left open"
    );
    Ok(())
}

/// A two-character cell for a likelihood.
fn short(level: augur::Likelihood) -> &'static str {
    use augur::Likelihood::*;
    match level {
        Certain => "C ",
        AlmostCertain => "A ",
        VeryLikely => "V ",
        Likely => "L ",
        EvenChance => "E ",
        Unlikely => "U ",
        VeryUnlikely => "u ",
        AlmostNoChance => "n ",
    }
}
