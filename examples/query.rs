//! Load rule files and ask about one atom in every scenario.
//!
//! `cargo run --example query -- 'china fills_gap_in latam_security' rules/`

#![expect(clippy::print_stdout, reason = "an example prints its results")]

use augur::Analysis;
use augur::engine::Options;

fn main() -> miette::Result<()> {
    let mut args = std::env::args().skip(1);
    let atom = args
        .next()
        .unwrap_or_else(|| "china fills_gap_in latam_security".to_owned());
    let paths: Vec<String> = args.collect();
    let paths = if paths.is_empty() {
        vec!["rules".to_owned()]
    } else {
        paths
    };

    let analysis = Analysis::load(&paths)?;
    let atom = analysis.atom(&atom)?;
    for model in analysis.run_all(&Options::default())? {
        let scenario = &analysis.program().scenarios()[model.scenario().index()].name;
        match model.likelihood(&atom) {
            Some(level) => println!("{scenario:>24}: holds, {level}"),
            None => println!("{scenario:>24}: does not hold"),
        }
    }
    Ok(())
}
