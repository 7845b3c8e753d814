//! What the fuzz targets share: the exercising of a rule text that tests/robustness.rs
//! also uses (tests/common/exercise.rs: small budgets, every command's answer and the
//! properties it keeps), a generator of structured programs from fuzz bytes, and the
//! snapshot round trip. A failed assertion is a crash libFuzzer reports and minimizes.

use std::fmt::Write as _;

use arbitrary::{Result, Unstructured};
use augur::Analysis;
use augur::engine::Model;

#[path = "../../tests/common/exercise.rs"]
mod exercise;
pub use exercise::*;

/// A small program built from fuzz bytes: up to four predicates of arity 1 to 3 over a few
/// constants (identifiers, a string, an integer), facts, assumables, rules (both forms,
/// with `not` only on predicates of lower rank, so most programs are stratified), conflicts,
/// tensions, open questions, scenarios that extend earlier ones with `assume` and
/// `assume not` lines, tests, and indicators. Every program it writes parses; most also check.
pub fn program(u: &mut Unstructured<'_>) -> Result<String> {
    const CONSTS: [&str; 6] = ["a", "b", "c", "d", "\"s t\"", "7"];
    const LEVELS: [&str; 8] = [
        "almost_no_chance",
        "very_unlikely",
        "unlikely",
        "even_chance",
        "likely",
        "very_likely",
        "almost_certain",
        "certain",
    ];
    let npred = u.int_in_range(1..=4usize)?;
    let mut arity = Vec::new();
    let mut rank = Vec::new();
    for _ in 0..npred {
        arity.push(u.int_in_range(1..=3usize)?);
        rank.push(u.int_in_range(0..=2usize)?);
    }
    let show = |pred: usize, args: &[String]| match args {
        [s] => format!("{s} p{pred}"),
        [s, o] => format!("{s} p{pred} {o}"),
        _ => format!("p{pred}({})", args.join(", ")),
    };
    let constant =
        |u: &mut Unstructured<'_>| -> Result<String> { Ok((*u.choose(&CONSTS)?).to_owned()) };
    let ground = |u: &mut Unstructured<'_>, pred: usize| -> Result<String> {
        let args = (0..arity[pred])
            .map(|_| constant(u))
            .collect::<Result<Vec<_>>>()?;
        Ok(show(pred, &args))
    };
    // Probabilities written as numbers: band edges, both notations, 0 and 1.
    const NUMBERS: [&str; 8] = [
        "0.72", "72%", "0.55", "55.0001%", "0.0", "100%", "0.05", "1.0",
    ];
    let level = |u: &mut Unstructured<'_>| -> Result<String> {
        Ok(match u.int_in_range(0..=4)? {
            0 => String::new(),
            1 => format!(" {}", u.choose(&LEVELS)?),
            2 => format!(" [{}]", u.choose(&LEVELS)?),
            3 => format!(" {}", u.choose(&NUMBERS)?),
            _ => format!(" [{}]", u.choose(&NUMBERS)?),
        })
    };
    // A `choice` group named after the likelihood written, so that its rules state one.
    let choice = |u: &mut Unstructured<'_>, level: &str| -> Result<String> {
        let name: String = level.chars().filter(char::is_ascii_alphanumeric).collect();
        Ok(if u.ratio(1, 4)? {
            format!(" choice g{name}")
        } else {
            String::new()
        })
    };
    let mut s = String::from("document d \"D\"\n");
    for _ in 0..u.int_in_range(0..=6)? {
        let pred = u.int_in_range(0..=npred - 1)?;
        let _ = writeln!(s, "fact {}{}", ground(u, pred)?, level(u)?);
    }
    for _ in 0..u.int_in_range(0..=2)? {
        let pred = u.int_in_range(0..=npred - 1)?;
        let args = (0..arity[pred])
            .map(|i| {
                Ok(if u.ratio(1, 2)? {
                    format!("?v{i}")
                } else {
                    constant(u)?
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let _ = writeln!(s, "assumable {}", show(pred, &args));
    }
    // A premise over variables ?x ?y ?z or constants; `bound` collects its variables.
    let pattern = |u: &mut Unstructured<'_>, pred: usize, vars: &[&str]| -> Result<String> {
        let args = (0..arity[pred])
            .map(|_| {
                Ok(if vars.is_empty() || u.ratio(1, 4)? {
                    constant(u)?
                } else {
                    format!("?{}", u.choose(vars)?)
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(show(pred, &args))
    };
    let body = |u: &mut Unstructured<'_>, top: usize| -> Result<(Vec<String>, Vec<&str>)> {
        let mut premises = Vec::new();
        let mut bound: Vec<&str> = Vec::new();
        for _ in 0..u.int_in_range(1..=3)? {
            let below: Vec<usize> = (0..npred).filter(|&q| rank[q] <= top).collect();
            let pred = *u.choose(&below)?;
            let args = (0..arity[pred])
                .map(|_| {
                    Ok(if u.ratio(1, 4)? {
                        constant(u)?
                    } else {
                        let v = *u.choose(&["x", "y", "z"])?;
                        bound.push(v);
                        format!("?{v}")
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            premises.push(show(pred, &args));
        }
        let lower: Vec<usize> = (0..npred).filter(|&q| rank[q] < top).collect();
        if !lower.is_empty() && u.ratio(1, 2)? {
            let pred = *u.choose(&lower)?;
            premises.push(format!("not {}", pattern(u, pred, &bound)?));
        }
        Ok((premises, bound))
    };
    let cite = |u: &mut Unstructured<'_>| -> Result<&str> {
        Ok(if u.ratio(1, 4)? { " cite d \"q\"" } else { "" })
    };
    for i in 0..u.int_in_range(0..=8)? {
        let head = u.int_in_range(0..=npred - 1)?;
        let (premises, bound) = body(u, rank[head])?;
        let mut conclusions = vec![pattern(u, head, &bound)?];
        if u.ratio(1, 6)? {
            let same: Vec<usize> = (0..npred).filter(|&q| rank[q] == rank[head]).collect();
            let other = *u.choose(&same)?;
            conclusions.push(pattern(u, other, &bound)?);
        }
        let level = level(u)?;
        let level = format!("{level}{}", choice(u, &level)?);
        let cite = cite(u)?;
        if u.ratio(1, 2)? {
            let _ = writeln!(
                s,
                "rule r{i}: {} implies {}{level}{cite}",
                premises.join(" and "),
                conclusions.join(", ")
            );
        } else {
            let _ = writeln!(
                s,
                "rule r{i} {{\n  when {}\n  then {}{level}{cite}\n}}",
                premises.join(", "),
                conclusions.join(" and ")
            );
        }
    }
    for i in 0..u.int_in_range(0..=2)? {
        let kind = if u.ratio(1, 2)? {
            "conflict"
        } else {
            "tension"
        };
        let (premises, _) = body(u, 3)?;
        let _ = writeln!(s, "{kind} k{i} {{ when {} }}", premises.join(" and "));
    }
    if u.ratio(1, 4)? {
        let pred = u.int_in_range(0..=npred - 1)?;
        let atom = ground(u, pred)?;
        if u.ratio(1, 2)? {
            let (premises, _) = body(u, 3)?;
            let _ = writeln!(s, "open {atom} when {}", premises.join(" and "));
        } else {
            let _ = writeln!(s, "open {atom}");
        }
    }
    let scenarios = u.int_in_range(0..=4usize)?;
    for i in 0..scenarios {
        let _ = write!(s, "scenario s{i}");
        if i > 0 && u.ratio(1, 2)? {
            let _ = write!(s, " extends s{}", u.int_in_range(0..=i - 1)?);
        }
        s.push_str(" {\n");
        for _ in 0..u.int_in_range(0..=3)? {
            let pred = u.int_in_range(0..=npred - 1)?;
            let atom = ground(u, pred)?;
            if u.ratio(1, 4)? {
                let _ = writeln!(s, "  assume not {atom}");
            } else {
                let _ = writeln!(s, "  assume {atom}{}", level(u)?);
            }
        }
        s.push_str("}\n");
    }
    if scenarios > 0 {
        for i in 0..u.int_in_range(0..=2)? {
            let _ = writeln!(
                s,
                "test \"t{i}\" in s{} {{",
                u.int_in_range(0..=scenarios - 1)?
            );
            for _ in 0..u.int_in_range(1..=3)? {
                let pred = u.int_in_range(0..=npred - 1)?;
                let atom = ground(u, pred)?;
                let _ = match u.int_in_range(0..=5)? {
                    0 => writeln!(s, "  expect not {atom}"),
                    1 => writeln!(s, "  expect {atom} at least {}", u.choose(&LEVELS)?),
                    3 => writeln!(
                        s,
                        "  expect {atom} with probability at least {}",
                        u.choose(&NUMBERS)?
                    ),
                    4 => writeln!(
                        s,
                        "  expect {atom} with probability at most {}",
                        u.choose(&NUMBERS)?
                    ),
                    2 => writeln!(s, "  expect {atom} at most {}", u.choose(&LEVELS)?),
                    _ => writeln!(s, "  expect {atom}"),
                };
            }
            s.push_str("}\n");
        }
    }
    // Indicators, for `augur indicators`: variables and constants.
    for _ in 0..u.int_in_range(0..=2)? {
        let pred = u.int_in_range(0..=npred - 1)?;
        let _ = writeln!(s, "indicator {}", pattern(u, pred, &["i", "j"])?);
    }
    Ok(s)
}

/// The program [`program`] builds from the fuzz bytes, parsed and checked (its diagnostics
/// not rendered: [`check`] renders them); none when the bytes build no program or it does
/// not check. The bytes the generator leaves stay in `u`.
pub fn generated(u: &mut Unstructured<'_>) -> Option<Analysis> {
    let text = program(u).ok()?;
    Analysis::parse("fuzz.augur", &text).ok()
}

/// Writes every model's snapshot into a fresh directory (`--bless`), then checks that each
/// file reads back as rendered and that comparing finds every snapshot the same.
pub fn snapshots(models: &[Model<'_>], dir: &std::path::Path) {
    use augur::scenario::snapshot::{self, Comparison, Mode};
    let _ = std::fs::remove_dir_all(dir);
    let refs: Vec<&Model<'_>> = models.iter().collect();
    let written = snapshot::compare(dir, &refs, Mode::Bless, None)
        .unwrap_or_else(|e| panic!("blessing into {}: {:?}", dir.display(), e.error));
    assert_eq!(written.len(), models.len(), "one comparison per scenario");
    for model in models {
        let name = &model.program().scenarios()[model.scenario().index()].name;
        let file = snapshot::file_of(dir, name);
        let back = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("reading back {}: {e}", file.display()));
        assert_eq!(
            back,
            snapshot::render(model),
            "the snapshot reads back different"
        );
    }
    let again = snapshot::compare(dir, &refs, Mode::Compare, None)
        .unwrap_or_else(|e| panic!("comparing in {}: {:?}", dir.display(), e.error));
    for c in &again {
        assert!(
            matches!(c, Comparison::Same { .. }),
            "a fresh snapshot differs: {c:?}"
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        !leftovers.iter().any(|n| {
            let n = n.to_string_lossy();
            n.ends_with(".tmp") || n.ends_with(".new")
        }),
        "temporary or pending files left behind: {leftovers:?}"
    );
}
