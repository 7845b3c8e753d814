//! Small programs whose minimal sets are worked out by hand.

use super::*;
use crate::Analysis;

fn ask(text: &str, scenario: &str, atom: &str, goal: Goal, bounds: &Bounds) -> Vec<String> {
    let analysis = Analysis::parse("t.augur", text).expect("checks");
    let session = analysis.session();
    let id = session.scenario(scenario).expect("scenario");
    let atom = analysis.atom(atom).expect("atom");
    let answer = abduce(
        &session,
        id,
        &Question::new(atom, goal),
        bounds,
        &Options::default(),
    )
    .expect("searches");
    answer
        .explanations
        .iter()
        .map(|e| render::set_text(analysis.program(), e))
        .collect()
}

const TWO_WAYS: &str = "
    assumable a p
    assumable b p
    assumable c p
    assumable d p
    rule one: a p and b p implies g q
    rule two: c p implies g q unlikely
    rule three: a p and c p implies g q very_likely
    scenario s { }
";

#[test]
fn minimal_sets_by_size_then_likelihood_then_text() {
    // {c} works alone (unlikely); {a, b} works (certain); {a, c} contains {c}: not minimal.
    let sets = ask(TWO_WAYS, "s", "g q", Goal::Holds, &Bounds::default());
    assert_eq!(sets, ["assume c p", "assume a p, assume b p"]);
}

#[test]
fn a_negated_premise_is_withdrawn_lifted_or_forbidden() {
    let text = "
        assumable us retreats
        assumable rivals distracted
        rule gap: us retreats and not rivals distracted implies rivals advance likely
        rule distraction: war rages implies rivals distracted
        fact war rages
        scenario calm { assume rivals distracted  assume not us retreats }
    ";
    let sets = ask(
        text,
        "calm",
        "rivals advance",
        Goal::Holds,
        &Bounds::default(),
    );
    // `us retreats` is forbidden: lift it (no rule concludes it) or assume it; the
    // distraction also follows from a fact, so withdrawing it is not enough.
    assert_eq!(sets, Vec::<String>::new());
    let bounds = Bounds {
        interventions: true,
        ..Bounds::default()
    };
    let sets = ask(text, "calm", "rivals advance", Goal::Holds, &bounds);
    assert_eq!(sets, ["assume us retreats, forbid rivals distracted"]);
}

#[test]
fn stop_holding_withdraws_what_supports_it() {
    let text = "
        assumable a p
        assumable b p
        rule one: a p implies g q
        rule two: b p implies g q
        scenario s { assume a p  assume b p }
    ";
    let sets = ask(text, "s", "g q", Goal::StopsHolding, &Bounds::default());
    assert_eq!(sets, ["withdraw a p, withdraw b p"]);
}

#[test]
fn open_questions_are_never_assumed() {
    let text = "
        assumable e p
        open e p
        assumable f p
        rule one: e p and f p implies g q
        scenario s { }
    ";
    let sets = ask(text, "s", "g q", Goal::Holds, &Bounds::default());
    assert_eq!(sets, ["assume f p; needs open question e p"]);
}

#[test]
fn already_holding_is_the_empty_set_and_a_lift_is_within_an_assume() {
    let text = "
        assumable a p
        fact b p
        rule one: b p implies a p
        rule two: a p implies g q
        scenario s { assume not a p }
    ";
    // Lifting `a p` lets rule one derive it: assuming it too is not minimal.
    let sets = ask(text, "s", "g q", Goal::Holds, &Bounds::default());
    assert_eq!(sets, ["lift a p"]);
    let sets = ask(text, "s", "b p", Goal::Holds, &Bounds::default());
    assert_eq!(sets, [""]);
}

#[test]
fn the_limit_cuts_and_says_so() {
    let analysis = Analysis::parse("t.augur", TWO_WAYS).expect("checks");
    let session = analysis.session();
    let id = session.scenario("s").expect("scenario");
    let question = Question::new(analysis.atom("g q").expect("atom"), Goal::Holds);
    let bounds = Bounds {
        limit: 1,
        ..Bounds::default()
    };
    let answer = abduce(&session, id, &question, &bounds, &Options::default()).expect("runs");
    assert_eq!(answer.explanations.len(), 1);
    assert!(!answer.complete);
    assert_eq!(answer.cut, Some(Cut::Limit));
    let bounds = Bounds {
        max_runs: 2,
        ..Bounds::default()
    };
    let answer = abduce(&session, id, &question, &bounds, &Options::default()).expect("runs");
    assert_eq!(answer.cut, Some(Cut::Budget));
    assert_eq!(answer.search.runs, 2);
}
