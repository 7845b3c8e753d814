//! Prints the rule text that the generated targets (`explain_gen`, `snapshot`) build from a
//! fuzz input: `cargo +nightly run --example show -- fuzz/artifacts/explain_gen/crash-...`.

use arbitrary::Unstructured;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: show FUZZ_INPUT");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    match augur_fuzz::program(&mut Unstructured::new(&bytes)) {
        Ok(text) => print!("{text}"),
        Err(e) => eprintln!("the input builds no program: {e}"),
    }
}
