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

/// The check of `text` with its items handed to a [`crate::program::Checker`] `per_piece`
/// at a time, as the parser hands a large file over, shown in full.
fn checked_in_pieces(text: &str, per_piece: usize) -> String {
    use crate::source::{SourceFile, SourceMap};
    let mut sources = SourceMap::new();
    let Ok(id) = sources.add(SourceFile::new("t.augur", text)) else {
        return "too large".to_owned();
    };
    let Some(file) = sources.get(id) else {
        return "no file".to_owned();
    };
    let (whole, errors) = crate::syntax::parse_file(id, file);
    assert!(errors.is_empty(), "{errors:?}");
    let mut checker = crate::program::Checker::new(&sources);
    let mut items = whole.items.into_iter().peekable();
    while items.peek().is_some() {
        let piece = crate::syntax::ast::File {
            items: items.by_ref().take(per_piece).collect(),
        };
        drop(checker.piece(piece));
    }
    format!("{:#?}", checker.finish().complete(sources))
}

/// Lowering piece by piece reports what lowering the whole tree at once does, in the same
/// order, and builds the same program: on every case of `tests/cases` that parses, and on
/// a program whose reports each need an item of another piece (a duplicate, a use that
/// withdraws a misspelled level, a lookalike string, a late top-level `assume`, a
/// scenario and a conflict declared after the test that names them).
#[test]
fn a_program_lowered_piece_by_piece_is_checked_as_a_whole() {
    let mut texts = vec![
        "document d \"D\"\nfact a very_likley\nfact x y very_likley\nrule r1: a b implies c d\n\
         fact name is \"Lula\"\ntest \"t\" in s2 { expect c d expect conflict k }\nrule r1: c d implies e f\n\
         document d \"again\"\nrule u: x y very_likley implies g h\nfact name is \"Lu\u{200b}la\"\nfact m n certian\n\
         conflict k { when c d }\nassume a b\nscenario s2 extends s3 { assume m n }\n\
         tension k { when a b }\nscenario s3 { }\nscenario s2 { }\nfact p q\nfact p q r\n"
            .to_owned(),
        "fact a b\nrule r: a b implies c d cite d \"x\"\ndocument d \"D\" \nassume e f\n\
         scenario s { assume a b }\ntest \"t\" in s { expect c d }\nrule r2: c d implies g h\n"
            .to_owned(),
    ];
    let cases = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let Ok(dir) = std::fs::read_dir(&cases) else {
        panic!("tests/cases is readable");
    };
    let mut paths: Vec<_> = dir.filter_map(|e| Some(e.ok()?.path())).collect();
    paths.sort();
    for path in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "augur"))
    {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let parses = crate::syntax::parse_file(
            crate::source::FileId(0),
            &crate::source::SourceFile::new("t.augur", text.as_str()),
        )
        .1
        .is_empty();
        if parses {
            texts.push(text);
        }
    }
    assert!(texts.len() > 40, "the cases are read: {}", texts.len());
    for text in &texts {
        let whole = checked_in_pieces(text, usize::MAX);
        for per_piece in [1, 2, 3] {
            assert_eq!(
                checked_in_pieces(text, per_piece),
                whole,
                "{per_piece}: {text}"
            );
        }
    }
}
