use crate::Analysis;
use crate::error::Error;
use crate::program::{CheckError, ConflictKind};

fn errors(text: &str) -> Vec<CheckError> {
    match Analysis::parse("t.augur", text) {
        Ok(_) => Vec::new(),
        Err(problems) => problems
            .diagnostics
            .into_iter()
            .filter_map(|d| match d {
                Error::Check(c) => Some(*c),
                _ => None,
            })
            .collect(),
    }
}

#[test]
fn conflicts_and_tensions_share_a_table_and_keep_their_kind() {
    let analysis = Analysis::parse(
        "t.augur",
        "fact a p\nconflict c { when a p }\ntension t { when a p and not b q }\n",
    )
    .expect("it checks");
    let kinds: Vec<(&str, ConflictKind)> = analysis
        .program()
        .conflicts
        .iter()
        .map(|c| (c.name.as_str(), c.kind))
        .collect();
    assert_eq!(
        kinds,
        [("c", ConflictKind::Conflict), ("t", ConflictKind::Tension)]
    );
}

#[test]
fn a_name_is_a_conflict_or_a_tension_not_both() {
    let found = errors("fact a p\nconflict x { when a p }\ntension x { when a p }\n");
    assert!(matches!(
        found.as_slice(),
        [CheckError::DuplicateName {
            kind: "conflict or tension",
            ..
        }]
    ));
    let found = errors("fact a p\ntension x { when a p }\ntension x { when a p }\n");
    assert!(matches!(
        found.as_slice(),
        [CheckError::DuplicateName {
            kind: "tension",
            ..
        }]
    ));
}

#[test]
fn an_expectation_names_the_kind_it_means() {
    // Over a rule's conclusion: a conflict on facts alone would be settled, so
    // expecting it could never fail.
    let text = "fact a p\nrule r: a p implies b q\ntension t { when b q }\nconflict c { when b q }\nscenario s { }\n";
    let ok = format!("{text}test \"x\" in s {{ expect tension t expect conflict c }}\n");
    assert!(errors(&ok).is_empty());
    let wrong = format!("{text}test \"x\" in s {{ expect conflict t expect tension c }}\n");
    let found = errors(&wrong);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|e| matches!(
        e,
        CheckError::ConflictKindMismatch { kind, declared, .. } if kind != declared
    )));
    let unknown = format!("{text}test \"x\" in s {{ expect tension c2 }}\n");
    assert!(matches!(
        errors(&unknown).as_slice(),
        [CheckError::UnknownConflict {
            kind: ConflictKind::Tension,
            ..
        }]
    ));
}

#[test]
fn open_conditions_lower_with_their_variables() {
    let analysis = Analysis::parse(
        "t.augur",
        "assumable ?c escalates\nopen us reacts when ?c escalates and not ?c retreats\n",
    )
    .expect("it checks");
    let open = &analysis.program().opens[0];
    assert!(open.is_conditional());
    assert_eq!(open.vars, ["c"]);
    assert!(open.when[1].negated);
    let unsafe_negation = errors("open us reacts when a b and not ?c retreats\n");
    assert!(matches!(
        unsafe_negation.as_slice(),
        [CheckError::UnsafeVariable { .. }]
    ));
    let variable_atom = errors("open ?c reacts when ?c escalates\n");
    assert!(matches!(
        variable_atom.as_slice(),
        [CheckError::VariableInGroundAtom { .. }]
    ));
}

#[test]
fn only_an_unconditional_question_cannot_be_expected() {
    let text = "assumable a b\nopen x y when a b\nopen u v\nscenario s { }\n";
    let conditional = format!("{text}test \"t\" in s {{ expect not x y }}\n");
    assert!(errors(&conditional).is_empty());
    let unconditional = format!("{text}test \"t\" in s {{ expect not u v }}\n");
    assert!(matches!(
        errors(&unconditional).as_slice(),
        [CheckError::ExpectsOpen { .. }]
    ));
}
