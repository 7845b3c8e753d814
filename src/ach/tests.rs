//! Matrices worked out by hand.

use super::*;
use crate::Analysis;

/// Three hypotheses and four pieces of evidence; the comments give each cell by hand.
const TEXT: &str = r#"
assumable us retreats
assumable us stays
rule r1: us retreats implies china fills gap likely
rule r2: us retreats implies brazil leads unlikely
rule r3: us stays implies us backs region
open brazil hedges
scenario retreat { assume us retreats }
scenario stay { assume us stays }
scenario mixed { assume us retreats [even_chance] assume us stays }
scenario retreat_again extends retreat { }
# retreat C (likely), stay II (absent), mixed N (min(even_chance, likely)): diagnosticity 2
observed china fills gap
# not X, X absent: CC; X certain: II. Credibility likely weighs 5/8.
observed not us backs region likely
# retreat I (unlikely), stay II, mixed I: diagnosticity 1
observed brazil leads
# left open everywhere: N, diagnosticity 0
observed brazil hedges
"#;

/// The ranking (`name=inconsistency/cells` in order), the atom, the cells, the
/// diagnosticity.
type Shown = (String, String, Vec<&'static str>, u32);

fn matrix_of(names: &[&str]) -> Vec<Shown> {
    let analysis = Analysis::parse("t.augur", TEXT).expect("it checks");
    let session = analysis.session();
    let ids: Vec<ScenarioId> = names
        .iter()
        .map(|n| analysis.scenario(n).expect("declared"))
        .collect();
    let m = analyse(&session, &ids, &Options::default()).expect("it runs");
    let p = analysis.program();
    let hyps: Vec<String> = m
        .hypotheses
        .iter()
        .map(|h| {
            format!(
                "{}={}/{}",
                p.scenarios()[h.scenario.index()].name,
                h.inconsistency,
                h.inconsistent_cells
            )
        })
        .collect();
    m.rows
        .iter()
        .map(|r| {
            let atom = p.show_atom(&r.observation.atom);
            let cells = r.cells.iter().map(|c| c.rating.symbol()).collect();
            (hyps.join(" "), atom, cells, r.diagnosticity)
        })
        .collect()
}

#[test]
fn cells_ranking_and_diagnosticity_as_worked_by_hand() {
    let rows = matrix_of(&["retreat", "stay", "mixed"]);
    // retreat: I of brazil leads (8/8) = 1; mixed: II of `not us backs region` at 5/8 plus
    // I of brazil leads = 2.25; stay: II + II*5/8 + II = 5.25.
    let ranking = "retreat=1/1 mixed=2.25/2 stay=5.25/3";
    let expected = [
        ("china fills gap", vec!["C", "N", "II"], 2),
        ("us backs region", vec!["CC", "II", "II"], 2),
        ("brazil leads", vec!["I", "I", "II"], 1),
        ("brazil hedges", vec!["N", "N", "N"], 0),
    ];
    assert_eq!(rows.len(), expected.len());
    for (row, (atom, cells, diag)) in rows.iter().zip(expected) {
        assert_eq!(row.0, ranking);
        assert_eq!((row.1.as_str(), row.2.clone(), row.3), (atom, cells, diag));
    }
}

#[test]
fn ties_fall_in_declaration_order_whatever_order_was_asked() {
    let rows = matrix_of(&["retreat_again", "stay", "retreat", "stay"]);
    assert_eq!(rows[0].0, "retreat=1/1 retreat_again=1/1 stay=5.25/3");
    // Every scenario when none is named.
    let rows = matrix_of(&[]);
    assert_eq!(
        rows[0].0,
        "retreat=1/1 retreat_again=1/1 mixed=2.25/2 stay=5.25/3"
    );
}

#[test]
fn ratings_follow_the_scale() {
    use Likelihood::*;
    let symbols: Vec<&str> = Likelihood::ALL
        .iter()
        .map(|&l| Rating::of(Some(l)).symbol())
        .collect();
    assert_eq!(symbols, ["II", "I", "I", "N", "C", "C", "CC", "CC"]);
    assert_eq!(Rating::of(None), Rating::VeryInconsistent);
    assert_eq!(Score::weighted(2, Likely).to_string(), "1.25");
    assert_eq!(Score::weighted(1, AlmostNoChance).to_string(), "0.125");
    assert_eq!(Score::weighted(2, Certain).to_string(), "2");
}

#[test]
fn text_and_json_name_the_hypotheses_in_ranked_order() {
    let analysis = Analysis::parse("t.augur", TEXT).expect("it checks");
    let session = analysis.session();
    let ids = [analysis.scenario("stay").expect("declared")];
    let m = analyse(&session, &ids, &Options::default()).expect("it runs");
    let json = serde_json::to_value(m.json(analysis.program())).expect("serializes");
    assert_eq!(json["hypotheses"][0]["scenario"], "stay");
    assert_eq!(json["hypotheses"][0]["inconsistency"], 5.25);
    assert_eq!(json["evidence"][1]["cells"]["stay"], "II");
    assert_eq!(json["evidence"][1]["negated"], true);
    assert_eq!(json["evidence"][1]["credibility"], "likely");
    assert_eq!(
        json["evidence"][1]["predicted"]["stay"],
        serde_json::Value::Null
    );
    let text = m.text(analysis.program());
    assert!(text.contains("not us backs region  likely"), "{text}");
    assert!(
        text.contains("  1. stay  5.25  (3 cells rated I or II)"),
        "{text}"
    );
}
