//! Build a program from a string, run a scenario and print a proof, as text and as JSON.
//!
//! `cargo run --example proof`

#![expect(clippy::print_stdout, reason = "an example prints its results")]

use augur::Analysis;
use augur::engine::Options;
use augur::explain::{self, render};

const RULES: &str = r#"
document seed "Explaining and Predicting: Shifting Dynamics in NATO and Latin American Security"

assumable us disengages_from latin_america

rule rivals_fill_gap {
  when us disengages_from latin_america
  then china gains_influence_in latin_america,
       russia gains_influence_in latin_america
  likely
  cite seed "A disinterested U.S. policy toward Latin American security would likely see competitors such as Russia and China, even Iran, fill in the gaps."
}

scenario retreat {
  assume us disengages_from latin_america [very_likely]
}
"#;

fn main() -> miette::Result<()> {
    let analysis = Analysis::parse("example.augur", RULES)?;
    let model = analysis.run("retreat", &Options::default())?;
    let atom = analysis.atom("russia gains_influence_in latin_america")?;
    let Some(proof) = explain::why(&model, &atom) else {
        println!("it does not hold");
        return Ok(());
    };
    print!("{}", render::proof_text(&proof, None));
    println!(
        "{}",
        serde_json::to_string_pretty(&proof).map_err(|e| miette::miette!("{e}"))?
    );
    Ok(())
}
