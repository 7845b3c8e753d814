//! `augur explain [CODE]`: what a diagnostic code means, from `augur::codes` (the text
//! the editor's hover and docs/LANGUAGE.md show too); with no code, every code (a rule
//! file's, then the other commands').

use super::args::Format;
use super::{BAD_INPUT, Outcome, json};

/// `augur explain`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A diagnostic code, in full (`augur::check::unknown_scenario`) or by its last part
    /// (`unknown_scenario`); without one, every code is listed.
    pub code: Option<String>,
    /// Output format.
    #[command(flatten)]
    pub output: super::args::Output,
}

#[derive(serde::Serialize)]
struct Shown {
    code: &'static str,
    kind: &'static str,
    text: &'static str,
    long: Option<&'static str>,
}

fn shown(c: &augur::codes::Code) -> Shown {
    Shown {
        code: c.code,
        kind: c.kind.word(),
        text: c.text,
        long: c.long(),
    }
}

/// The other codes a last part names, as a closing line (none when it names one).
fn also(asked: &str) -> String {
    let others: Vec<_> = augur::codes::matching(asked)
        .skip(1)
        .map(|c| format!("`{}`", c.code))
        .collect();
    if others.is_empty() {
        return String::new();
    }
    format!("\n`{}` also names {}.\n", asked.trim(), others.join(", "))
}

/// Runs `augur explain`.
pub fn command(args: &Args, format: Format) -> Outcome {
    let Some(asked) = &args.code else {
        return Outcome::ok(match format {
            Format::Json => json(&augur::codes::all().map(shown).collect::<Vec<_>>()),
            _ => augur::codes::all()
                .map(|c| format!("{} ({})\n", c.code, c.kind.word()))
                .collect(),
        });
    };
    match augur::codes::lookup(asked) {
        Some(code) => Outcome::ok(match format {
            Format::Json => json(&shown(code)),
            _ => augur::codes::explain(code) + &also(asked),
        }),
        None => {
            let names = augur::codes::all().map(|c| c.code);
            let last = augur::codes::all().filter_map(|c| c.code.rsplit("::").next());
            let help = augur::program::suggest::did_you_mean(asked, names.chain(last), || {
                "`augur explain` with no code lists them all".to_owned()
            });
            Outcome {
                stdout: String::new(),
                stderr: format!("error: unknown diagnostic code `{asked}`\n  help: {help}\n"),
                code: BAD_INPUT,
            }
        }
    }
}
