use super::*;
use crate::Analysis;
use crate::Likelihood::*;

/// A small world worked by hand: a US withdrawal lets rivals fill the gap.
const WORLD: &str = r#"
fact sky is blue
fact china is rival
fact russia is rival [unlikely]
assumable us withdraws
assumable eu helps
rule gap: us withdraws and ?x is rival implies ?x fills gap likely
rule allies: us withdraws and ?x is ally implies ?x blocks gap
rule advance: us withdraws implies rivals advance likely
open eu helps when us withdraws
indicator rivals advance
indicator us withdraws
indicator sky is blue
indicator ?x fills gap
indicator ?x blocks gap
indicator eu helps
indicator china fills gap
scenario quiet { }
scenario retreat { assume us withdraws }
scenario weak { assume us withdraws [unlikely] }
scenario helped extends retreat { assume eu helps }
scenario held { assume not us withdraws }
"#;

/// The rows of the matrix of `scenarios` as (atom, spread, cells).
fn rows(scenarios: &[&str]) -> Vec<(String, u8, Vec<Cell>)> {
    let analysis = Analysis::parse("w.augur", WORLD).expect("the program checks");
    let session = analysis.session();
    let ids: Vec<ScenarioId> = scenarios
        .iter()
        .map(|s| session.scenario(s).expect("declared"))
        .collect();
    let matrix = matrix(&session, &ids, &Options::default()).expect("runs");
    let report = matrix.report();
    matrix
        .rows()
        .iter()
        .zip(report.indicators)
        .map(|(row, shown)| (shown.atom, row.spread(), row.cells.clone()))
        .collect()
}

fn row<'a>(rows: &'a [(String, u8, Vec<Cell>)], atom: &str) -> &'a (String, u8, Vec<Cell>) {
    rows.iter()
        .find(|r| r.0 == atom)
        .unwrap_or_else(|| panic!("no row {atom}"))
}

#[test]
fn weights_run_from_absent_to_certain_and_open_is_even_chance() {
    assert_eq!(Cell::Absent.weight(), 0);
    assert_eq!(Cell::Holds(AlmostNoChance).weight(), 1);
    assert_eq!(Cell::Holds(EvenChance).weight(), 4);
    assert_eq!(Cell::Holds(Certain).weight(), 8);
    assert_eq!(Cell::Open.weight(), 4);
    let weights: Vec<u8> = Likelihood::ALL.map(|l| Cell::Holds(l).weight()).to_vec();
    assert_eq!(weights, [1, 2, 3, 4, 5, 6, 7, 8]);
}

#[test]
fn cells_and_spreads_are_the_hand_worked_ones() {
    let rows = rows(&["quiet", "retreat", "weak"]);
    let cells = |atom| row(&rows, atom).2.clone();
    let spread = |atom| row(&rows, atom).1;
    assert_eq!(
        cells("us withdraws"),
        [Cell::Absent, Cell::Holds(Certain), Cell::Holds(Unlikely)]
    );
    assert_eq!(spread("us withdraws"), 8);
    assert_eq!(
        cells("rivals advance"),
        [Cell::Absent, Cell::Holds(Likely), Cell::Holds(Unlikely)]
    );
    assert_eq!(spread("rivals advance"), 5);
    // russia is an unlikely rival: the weaker of the rule and the premise.
    assert_eq!(
        cells("russia fills gap"),
        [Cell::Absent, Cell::Holds(Unlikely), Cell::Holds(Unlikely)]
    );
    assert_eq!(spread("russia fills gap"), 3);
    assert_eq!(spread("sky is blue"), 0);
    // The question arises where the US withdraws, and nothing settles it there.
    assert_eq!(cells("eu helps"), [Cell::Absent, Cell::Open, Cell::Open]);
    assert_eq!(spread("eu helps"), 4);
}

#[test]
fn rows_that_tell_scenarios_apart_come_first_by_spread_then_declaration() {
    let rows = rows(&["quiet", "retreat", "weak"]);
    let order: Vec<(&str, u8)> = rows.iter().map(|r| (r.0.as_str(), r.1)).collect();
    assert_eq!(
        order,
        [
            ("us withdraws", 8),
            ("rivals advance", 5),
            ("china fills gap", 5),
            ("eu helps", 4),
            ("russia fills gap", 3),
            ("sky is blue", 0),
            ("?x blocks gap", 0),
        ]
    );
}

#[test]
fn an_open_question_beside_even_chance_differs_with_no_spread() {
    let text = "assumable a b\nopen c d when a b\nindicator c d\n\
                scenario s { assume a b }\nscenario t { assume c d [even_chance] }\n";
    let analysis = Analysis::parse("t.augur", text).expect("checks");
    let session = analysis.session();
    let m = matrix(&session, &[], &Options::default()).expect("runs");
    let row = &m.rows()[0];
    assert_eq!(row.cells, [Cell::Open, Cell::Holds(EvenChance)]);
    assert_eq!(row.spread(), 0);
    assert!(row.distinguishes());
}

#[test]
fn settled_and_forbidden_atoms_are_not_open() {
    let rows = rows(&["helped", "held"]);
    assert_eq!(
        row(&rows, "eu helps").2,
        [Cell::Holds(Certain), Cell::Absent]
    );
    assert_eq!(
        row(&rows, "us withdraws").2,
        [Cell::Holds(Certain), Cell::Absent]
    );
}

#[test]
fn scenarios_named_twice_count_once_and_none_means_all() {
    let twice = rows(&["retreat", "quiet", "retreat"]);
    assert!(twice.iter().all(|r| r.2.len() == 2));
    let analysis = Analysis::parse("w.augur", WORLD).expect("checks");
    let session = analysis.session();
    let all = matrix(&session, &[], &Options::default()).expect("runs");
    let names: Vec<String> = all.report().scenarios;
    assert_eq!(names, ["quiet", "retreat", "weak", "helped", "held"]);
}

#[test]
fn an_atom_two_declarations_match_is_one_row() {
    let rows = rows(&["quiet", "retreat"]);
    let china = rows.iter().filter(|r| r.0 == "china fills gap").count();
    assert_eq!(china, 1);
    let analysis = Analysis::parse("w.augur", WORLD).expect("checks");
    let session = analysis.session();
    let m = matrix(&session, &[], &Options::default()).expect("runs");
    let report = m.report();
    let china = report
        .indicators
        .iter()
        .find(|r| r.atom == "china fills gap")
        .expect("a row");
    assert_eq!(china.indicator, "?x fills gap");
}

#[test]
fn the_text_table_is_the_hand_worked_one() {
    let analysis = Analysis::parse("w.augur", WORLD).expect("checks");
    let session = analysis.session();
    let ids = [
        session.scenario("quiet").expect("declared"),
        session.scenario("retreat").expect("declared"),
    ];
    let text = matrix(&session, &ids, &Options::default())
        .expect("runs")
        .text();
    let expected = "\
7 indicators in 2 scenarios, those that tell the scenarios apart first
spread: highest minus lowest level (absent 0, almost_no_chance 1 ... certain 8; open counts as even_chance, 4)

spread  indicator         quiet    retreat
     8  us withdraws      absent   certain
     5  rivals advance    absent   likely
     5  china fills gap   absent   likely
     4  eu helps          absent   open
     3  russia fills gap  absent   unlikely
alike in every scenario (2):
     0  sky is blue       certain  certain
     0  ?x blocks gap     absent   absent
";
    assert_eq!(text, expected);
}

#[test]
fn one_scenario_has_no_groups_and_no_indicators_says_so() {
    let analysis = Analysis::parse("t.augur", "fact a b\nindicator a b\n").expect("checks");
    let session = analysis.session();
    let text = matrix(&session, &[], &Options::default())
        .expect("runs")
        .text();
    assert!(text.ends_with("spread  indicator  default\n     0  a b        certain\n"));
    let analysis = Analysis::parse("t.augur", "fact a b\n").expect("checks");
    let session = analysis.session();
    let text = matrix(&session, &[], &Options::default())
        .expect("runs")
        .text();
    assert!(text.starts_with("no indicators declared"));
}

#[test]
fn a_narrow_width_cuts_the_columns_into_blocks_that_fit() {
    let analysis = Analysis::parse("w.augur", WORLD).expect("checks");
    let session = analysis.session();
    let ids = ["quiet", "retreat", "weak"].map(|s| session.scenario(s).expect("declared"));
    let report = matrix(&session, &ids, &Options::default())
        .expect("runs")
        .report();
    let wide = report.text_within(Some(200));
    assert_eq!(wide, report.text());
    // spread (6) + 2 + indicator (16) + 2 + quiet (7) + 2 + retreat (8) = 43.
    let narrow = report.text_within(Some(43));
    let tables: Vec<&str> = narrow.split("\n\n").skip(1).collect();
    assert_eq!(tables.len(), 2, "{narrow}");
    assert!(tables[0].starts_with("spread  indicator         quiet    retreat\n"));
    assert!(tables[1].starts_with("spread  indicator         weak\n"));
    for table in &tables {
        assert!(table.lines().all(|l| l.chars().count() <= 43), "{table}");
        assert_eq!(table.lines().count(), 9, "{table}");
    }
    assert!(tables[1].contains("     3  russia fills gap  unlikely\n"));
    // A block holds one column even when it does not fit.
    let tiny = report.text_within(Some(10));
    assert_eq!(tiny.split("\n\n").count(), 4, "{tiny}");
}
