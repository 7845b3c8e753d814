//! The generated programs of tests/common/programs.rs as ProbLog programs, and ProbLog run
//! on many of them in one Python process (tests/common/problog_driver.py): the cross-check of
//! `augur prob` (tests/problog.rs) and its speed ratio (benches/problog.rs).
//!
//! The translation follows docs/LANGUAGE.md ("Probabilities") clause by clause, not the
//! engine: each ground atom a scenario stands on (a fact or an `assume`, its strongest line)
//! is one probabilistic fact; a rule `r` becomes a switch `P::sw_r(Vars) :- positives.` over
//! every variable the rule mentions (one independent choice per binding of all of them) and
//! `head :- sw_r(Vars), \+ negatives.`; an atom an `assume not` forbids holds in no world:
//! every atom is `pN(Args) :- r_pN(Args), \+ no(pN(Args)).`, with `no(...)` listing the
//! forbidden ones, and facts and rules conclude `r_pN`. A likelihood written as a number
//! is that number; the rules of a `choice` group share one switch `P::sw_gG.` (conjoined
//! with each rule's premises) instead of one per binding.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::process::Command;

use super::programs::*;

/// A program for ProbLog and the atoms to ask it about.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Problem {
    pub program: String,
    pub queries: Vec<String>,
}

/// ProbLog's answer to one program.
#[derive(Debug)]
pub enum Answer {
    /// A probability per query, in their order.
    Probabilities(Vec<f64>),
    /// Not evaluated within the time given.
    Timeout,
    /// ProbLog's error.
    Error(String),
}

/// ProbLog's answers, one per program.
pub struct Answers {
    pub results: Vec<Answer>,
    /// Seconds spent evaluating, Python's start and reading left out.
    pub seconds: f64,
}

/// An atom in Prolog syntax: `pN(c1,c2)`.
pub fn prolog_atom((pred, args): &Atom) -> String {
    let args: Vec<&str> = args.iter().map(|&c| CONSTS[c]).collect();
    format!("p{pred}({})", args.join(","))
}

fn term(t: &T) -> String {
    match t {
        T::C(c) => CONSTS[*c].to_owned(),
        T::V(v) => VARS[*v].to_uppercase(),
    }
}

fn at(a: &At, prefix: &str) -> String {
    let args: Vec<String> = a.args.iter().map(term).collect();
    format!("{prefix}p{}({})", a.pred, args.join(","))
}

/// A probability as ProbLog reads it: fixed-point (every probability the generators write
/// is a whole number of millionths, and ProbLog does not read `1e-6`).
fn weight(p: f64) -> String {
    format!("{p:.6}")
}

/// Scenario `scenario` of `p` as a ProbLog program, asking about `queries`.
pub fn translate(p: &Prog, scenario: usize, queries: &[Atom]) -> Problem {
    let (view, blocked) = p.scenario_view(&p.effective_lines(scenario));
    let mut s = String::from("no(_) :- fail.\n");
    for (pred, &n) in p.arity.iter().enumerate() {
        let vars: Vec<String> = (0..n).map(|i| format!("V{i}")).collect();
        let vars = vars.join(",");
        s += &format!("r_p{pred}({vars}) :- fail.\n");
        s += &format!("p{pred}({vars}) :- r_p{pred}({vars}), \\+ no(p{pred}({vars})).\n");
    }
    for atom in &blocked {
        s += &format!("no({}).\n", prolog_atom(atom));
    }
    // One choice per ground atom: its strongest line (the highest probability written).
    let mut leaves: BTreeMap<Atom, f64> = BTreeMap::new();
    for (pred, args, level) in view.facts.iter().chain(&view.assumes) {
        let prob = p.leaf_written(*pred, args, *level).1;
        let l = leaves.entry((*pred, args.clone())).or_insert(prob);
        *l = l.max(prob);
    }
    for (atom, prob) in &leaves {
        s += &format!("{}::r_{}.\n", weight(*prob), prolog_atom(atom));
    }
    // One switch per `choice` group, shared by every instance of every rule in it.
    let groups: BTreeSet<(usize, usize)> = (0..p.rules.len())
        .filter_map(|i| p.choices.get(i).copied().flatten().map(|g| (g, i)))
        .collect();
    let mut declared = BTreeSet::new();
    for &(g, i) in &groups {
        if declared.insert(g) {
            let prob = p.written(p.rule_site(i), p.rules[i].level).1;
            s += &format!("{}::sw_g{g}.\n", weight(prob));
        }
    }
    for (i, r) in p.rules.iter().enumerate() {
        let mentioned: BTreeSet<usize> = std::iter::once(&r.head)
            .chain(&r.pos)
            .chain(&r.neg)
            .flat_map(|a| &a.args)
            .filter_map(|t| match t {
                T::V(v) => Some(*v),
                T::C(_) => None,
            })
            .collect();
        let vars: Vec<String> = mentioned.iter().map(|&v| term(&T::V(v))).collect();
        let pos: Vec<String> = r.pos.iter().map(|a| at(a, "")).collect();
        let mut body = match p.choices.get(i).copied().flatten() {
            // A group's switch is one fact: the rule fires where its premises hold.
            Some(g) => {
                let mut body = pos;
                body.push(format!("sw_g{g}"));
                body
            }
            None => {
                let switch = match vars.is_empty() {
                    true => format!("sw_r{i}"),
                    false => format!("sw_r{i}({})", vars.join(",")),
                };
                let prob = p.written(p.rule_site(i), r.level).1;
                s += &format!("{}::{switch} :- {}.\n", weight(prob), pos.join(", "));
                vec![switch]
            }
        };
        body.extend(r.neg.iter().map(|a| format!("\\+ {}", at(a, ""))));
        s += &format!("{} :- {}.\n", at(&r.head, "r_"), body.join(", "));
    }
    Problem {
        program: s,
        queries: queries.iter().map(prolog_atom).collect(),
    }
}

/// The programs the cross-check and its bench use: `n` of each generator, from fixed seeds.
pub fn cross_check_programs(n: usize) -> Vec<Prog> {
    let mut rng = Rng::new(0x005E_ED13);
    let mut out = Vec::new();
    for _ in 0..n {
        let arity: Vec<usize> = (0..4).map(|_| 1 + rng.below(3)).collect();
        let rank: Vec<usize> = (0..4).map(|_| rng.below(3)).collect();
        out.push(build(arity, rank, rng.below(usize::MAX) as u64));
        let arity: Vec<usize> = (0..3).map(|_| 1 + rng.below(3)).collect();
        let rank: Vec<usize> = (0..CONSTS.len()).map(|_| rng.below(3)).collect();
        out.push(build_atom_stratified(
            arity,
            rank,
            rng.below(usize::MAX) as u64,
        ));
    }
    out
}

/// Whether Python 3 can import ProbLog.
pub fn problog_installed() -> bool {
    Command::new("python3")
        .args(["-c", "import problog"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// ProbLog's exact answers to `problems`, all in one Python process, each held to
/// `seconds`. Panics (failing the test) when Python does not run or answers in another
/// shape.
pub fn run_problog(problems: &[Problem], seconds: u32) -> Answers {
    let dir = std::env::temp_dir().join(format!("augur-problog-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let input = dir.join("programs.json");
    let mut file = std::fs::File::create(&input).unwrap_or_else(|e| panic!("{e}"));
    serde_json::to_writer(&mut file, problems).unwrap_or_else(|e| panic!("{e}"));
    file.flush().unwrap_or_else(|e| panic!("{e}"));
    let driver = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/common/problog_driver.py"
    );
    let out = Command::new("python3")
        .arg(driver)
        .arg(&input)
        .arg(seconds.to_string())
        .output()
        .unwrap_or_else(|e| panic!("python3: {e}"));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "ProbLog's driver failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    let results = v["results"]
        .as_array()
        .unwrap_or_else(|| panic!("no results: {v}"))
        .iter()
        .map(|r| match r {
            serde_json::Value::String(t) if t == "timeout" => Answer::Timeout,
            serde_json::Value::String(error) => Answer::Error(error.clone()),
            list => Answer::Probabilities(
                list.as_array()
                    .unwrap_or_else(|| panic!("not a list: {list}"))
                    .iter()
                    .map(|p| p.as_f64().unwrap_or_else(|| panic!("not answered: {p}")))
                    .collect(),
            ),
        })
        .collect();
    Answers {
        results,
        seconds: v["seconds"].as_f64().unwrap_or_else(|| panic!("{v}")),
    }
}
