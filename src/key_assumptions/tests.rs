use super::*;
use crate::Analysis;

const TEXT: &str = include_str!("../../tests/data/assumptions.augur");

fn shown(a: &Analysis, shifts: &[Shift]) -> Vec<String> {
    let p = a.program();
    shifts
        .iter()
        .map(|s| {
            let level = |l: Option<Likelihood>| l.map_or("-".to_owned(), |l| l.to_string());
            format!("{} {} {}", p.show_atom(&s.atom), level(s.from), level(s.to))
        })
        .collect()
}

/// A candidate, its kind, and what falls, weakens and gains without it.
type Row = (String, Kind, Vec<String>, Vec<String>, Vec<String>);

#[test]
fn each_withdrawal_is_worked_by_hand() {
    let a = Analysis::parse("t.augur", TEXT).expect("checks");
    let session = a.session();
    let change = WhatIf::default();
    let request = Request {
        scenario: session.scenario("all").expect("declared"),
        change: &change,
        atom: None,
        facts: true,
    };
    let check = check(&session, &request, &Options::default()).expect("runs");
    let p = a.program();
    let rows: Vec<Row> = check
        .assumptions
        .iter()
        .map(|w| {
            (
                p.show_atom(&w.candidate.atom),
                w.candidate.kind,
                shown(&a, &w.falls),
                shown(&a, &w.weakens),
                shown(&a, &w.gains),
            )
        })
        .collect();
    let s = |v: &[&str]| -> Vec<String> { v.iter().map(|x| x.to_string()).collect() };
    assert_eq!(
        rows,
        [
            (
                "us withdraws".to_owned(),
                Kind::Assumption,
                s(&["refugees flee certain -"]),
                s(&["china present likely unlikely"]),
                s(&[])
            ),
            (
                "region unstable".to_owned(),
                Kind::Fact,
                s(&["refugees flee certain -"]),
                s(&[]),
                s(&[])
            ),
            (
                "ally hesitates".to_owned(),
                Kind::Intervention,
                s(&[]),
                s(&["order holds certain unlikely"]),
                s(&["ally hesitates - likely"])
            ),
            (
                "china invests".to_owned(),
                Kind::Assumption,
                s(&[]),
                s(&["china present likely unlikely"]),
                s(&[])
            ),
        ]
    );
}
