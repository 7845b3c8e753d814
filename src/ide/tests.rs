//! The workspace's questions answered on small programs written out here.

use super::*;

const LATAM: &str = r#"document seed "Shifting Dynamics" file "seed.txt"
assumable us disengages_from latin_america
rule rivals_fill_gap {
  when us disengages_from latin_america
  then china gains_influence_in latin_america
  likely
  cite seed "competitors fill in the gaps"
}
rule spread {
  when ?c gains_influence_in latin_america
  then ?c courts brazil
  unlikely
}
scenario retreat { assume us disengages_from latin_america }
scenario deeper extends retreat { }
scenario stay { }
test "t" in retreat { expect china courts brazil }
"#;

fn workspace(files: &[(&str, &str)]) -> Workspace {
    let mut ws = Workspace::default();
    for (name, text) in files {
        ws.set_text(name, text);
    }
    ws
}

fn at(text: &str, needle: &str) -> usize {
    text.find(needle)
        .map_or_else(|| panic!("{needle:?} not in the text"), |o| o + 1)
}

#[test]
fn a_clean_program_has_no_diagnostics_and_a_typo_has_checks_own() {
    let mut ws = workspace(&[("latam.augur", LATAM)]);
    assert!(ws.diagnostics("latam.augur").is_empty());
    let typo = LATAM.replace("extends retreat", "extends retreet");
    assert!(ws.set_text("latam.augur", &typo));
    let d = ws.diagnostics("latam.augur");
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code.as_deref(), Some("augur::check::unknown_scenario"));
    assert_eq!(d[0].message, "unknown scenario `retreet`");
    assert_eq!(d[0].help.as_deref(), Some("did you mean `retreat`?"));
    assert_eq!(&typo[d[0].range.clone()], "retreet");
    let fix = d[0].fix.clone().unwrap_or_else(|| panic!("no fix"));
    assert_eq!(fix.text, "retreat");
    let fixes = ws.fixes("latam.augur", d[0].range.clone());
    assert_eq!(fixes.len(), 1);
}

#[test]
fn diagnostics_are_placed_in_the_file_they_are_about() {
    let ws = workspace(&[
        ("a.augur", "rule r: x p implies y q\n"),
        ("b.augur", "rule r: y q implies z q\nfact x p\n"),
    ]);
    assert!(ws.diagnostics("a.augur").is_empty());
    let d = ws.diagnostics("b.augur");
    assert_eq!(d[0].code.as_deref(), Some("augur::check::duplicate_name"));
}

#[test]
fn a_syntax_error_keeps_the_index_of_what_parsed() {
    let ws = workspace(&[(
        "a.augur",
        "rule ok: x p implies y q\nfact Lula leads\nscenario s { }\n",
    )]);
    let d = ws.diagnostics("a.augur");
    assert_eq!(d[0].code.as_deref(), Some("augur::syntax::uppercase_name"));
    let names: Vec<String> = ws.symbols("a.augur").into_iter().map(|s| s.name).collect();
    assert_eq!(names, ["ok", "s"]);
}

#[test]
fn hover_on_an_atom_shows_its_rules_and_likelihood_in_each_scenario() {
    let ws = workspace(&[("latam.augur", LATAM)]);
    let h = ws
        .hover("latam.augur", at(LATAM, "china gains_influence_in"))
        .unwrap_or_else(|| panic!("no hover"));
    assert!(
        h.markdown
            .contains("concluded by: `rivals_fill_gap` (latam.augur:3)"),
        "{}",
        h.markdown
    );
    assert!(
        h.markdown.contains("| `retreat` | likely | 0.675 |"),
        "{}",
        h.markdown
    );
    assert!(
        h.markdown.contains("| `stay` | does not hold | 0 |"),
        "{}",
        h.markdown
    );
    let pattern = ws
        .hover("latam.augur", at(LATAM, "?c courts"))
        .unwrap_or_else(|| panic!("no hover"));
    assert!(
        pattern.markdown.contains("matches 1 atom that hold"),
        "{}",
        pattern.markdown
    );
    assert!(
        pattern
            .markdown
            .contains("`china courts brazil`: unlikely in `retreat`, unlikely in `deeper`"),
        "{}",
        pattern.markdown
    );
}

#[test]
fn hover_on_a_rule_a_level_and_a_reference() {
    let ws = workspace(&[("latam.augur", LATAM)]);
    let rule = ws
        .hover("latam.augur", at(LATAM, "rivals_fill_gap"))
        .map(|h| h.markdown);
    let rule = rule.unwrap_or_default();
    assert!(rule.contains("likelihood: `likely`"), "{rule}");
    assert!(
        rule.contains("cites `seed`: \"competitors fill in the gaps\""),
        "{rule}"
    );
    assert!(rule.contains("fires in: `retreat`, `deeper`"), "{rule}");
    let level = ws
        .hover("latam.augur", at(LATAM, "unlikely"))
        .map(|h| h.markdown);
    assert_eq!(
        level.as_deref(),
        Some("**`unlikely`**: unlikely (improbable): 20-45%")
    );
    let doc = ws
        .hover("latam.augur", at(LATAM, "seed \"comp"))
        .map(|h| h.markdown);
    assert!(doc.unwrap_or_default().contains("text file: `seed.txt`"));
}

#[test]
fn hover_on_a_diagnostic_explains_its_code() {
    let text = "rule r: x p implies y q\nscenario s extends nowhere { }\n";
    let ws = workspace(&[("a.augur", text)]);
    let h = ws
        .hover("a.augur", at(text, "nowhere"))
        .map(|h| h.markdown)
        .unwrap_or_default();
    assert!(
        h.contains("**augur::check::unknown_scenario** (error): `test \"t\" in nowhere`"),
        "{h}"
    );
    assert!(
        h.contains("`extends nowhere`\n\nA scenario's `extends NAME`"),
        "the long description follows: {h}"
    );
}

#[test]
fn definition_goes_to_declarations_and_to_the_rules_concluding_an_atom() {
    let other = "rule more: us disengages_from latin_america implies china courts brazil\n";
    let ws = workspace(&[("latam.augur", LATAM), ("z.augur", other)]);
    let place = |file: &str, needle: &str| {
        let text = ws.text(file).unwrap_or_default();
        let at = text.find(needle).unwrap_or_default();
        Place {
            file: file.to_owned(),
            range: at..at + needle.len(),
        }
    };
    assert_eq!(
        ws.definition("latam.augur", at(LATAM, "retreat { }")),
        [place("latam.augur", "retreat {")].map(|mut p| {
            p.range.end -= 2;
            p
        })
    );
    assert_eq!(
        ws.definition("latam.augur", at(LATAM, "seed \"comp")),
        [place("latam.augur", "seed")]
    );
    let courts = ws.definition("latam.augur", at(LATAM, "china courts"));
    assert_eq!(
        courts,
        [place("latam.augur", "spread"), place("z.augur", "more")]
    );
    let assumed = ws.definition(
        "latam.augur",
        at(LATAM, "us disengages_from latin_america\nrule"),
    );
    assert!(
        assumed.iter().any(|p| p.file == "latam.augur"),
        "{assumed:?}"
    );
}

#[test]
fn references_and_rename_cover_every_file() {
    let other = "test \"u\" in retreat { expect china courts brazil }\n";
    let ws = workspace(&[("latam.augur", LATAM), ("z.augur", other)]);
    let refs = ws.references("latam.augur", at(LATAM, "retreat {"), true);
    assert_eq!(refs.len(), 4, "{refs:?}");
    let edits = ws.rename("z.augur", at(other, "retreat"), "withdrawal");
    let edits = edits.unwrap_or_default();
    assert_eq!(edits.len(), 4);
    assert!(edits.iter().all(|e| e.text == "withdrawal"));
    let mut renamed = workspace(&[]);
    for file in ["latam.augur", "z.augur"] {
        let mut text = ws.text(file).unwrap_or_default().to_owned();
        let mut mine: Vec<&Edit> = edits.iter().filter(|e| e.file == file).collect();
        mine.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        for e in mine {
            text.replace_range(e.range.clone(), &e.text);
        }
        renamed.set_text(file, &text);
    }
    assert!(renamed.diagnostics("latam.augur").is_empty());
    assert!(renamed.diagnostics("z.augur").is_empty());
    assert_eq!(
        ws.rename("latam.augur", at(LATAM, "retreat {"), "stay"),
        Err(RenameError::Taken("scenario", "stay".into()))
    );
    assert_eq!(
        ws.rename("latam.augur", at(LATAM, "retreat {"), "Open"),
        Err(RenameError::NotAName("Open".into()))
    );
    assert_eq!(
        ws.rename("latam.augur", at(LATAM, "likely\n"), "x"),
        Err(RenameError::NothingToRename)
    );
}

#[test]
fn completion_follows_the_word_before_and_the_prefix() {
    let text = format!("{LATAM}test \"v\" in re");
    let ws = workspace(&[("latam.augur", &text)]);
    let labels = |offset| -> Vec<String> {
        ws.completions("latam.augur", offset)
            .into_iter()
            .map(|c| c.label)
            .collect()
    };
    assert_eq!(labels(text.len()), ["retreat"]);
    let cite = text.find("cite seed").unwrap_or_default() + "cite ".len();
    assert_eq!(labels(cite), ["seed"]);
    let all = ws.completions("latam.augur", text.find("  likely").unwrap_or_default() + 2);
    for (kind, label) in [
        (CompletionKind::Keyword, "rule"),
        (CompletionKind::Likelihood, "very_likely"),
        (CompletionKind::Predicate, "gains_influence_in"),
        (CompletionKind::Constant, "latin_america"),
        (CompletionKind::Scenario, "stay"),
        (CompletionKind::Document, "seed"),
    ] {
        assert!(
            all.contains(&Completion {
                kind,
                label: label.into()
            }),
            "{label}"
        );
    }
}

#[test]
fn an_unchanged_text_keeps_what_was_checked() {
    let mut ws = workspace(&[("latam.augur", LATAM)]);
    let _ = ws.diagnostics("latam.augur");
    assert!(ws.checked.get().is_some());
    assert!(!ws.set_text("latam.augur", LATAM));
    assert!(
        ws.checked.get().is_some(),
        "the same text is not checked again"
    );
    assert!(ws.set_text("latam.augur", &format!("{LATAM}\n")));
    assert!(ws.checked.get().is_none(), "a changed text is");
}

#[test]
fn formatting_is_augur_fmt() {
    let ws = workspace(&[("a.augur", "fact   a p\n"), ("bad.augur", "fact )\n")]);
    assert_eq!(ws.format("a.augur").as_deref(), Some("fact a p\n"));
    assert_eq!(ws.format("bad.augur"), None);
}

#[test]
fn hover_on_an_atom_with_variables_lists_ten_matches_and_counts_the_rest() {
    let mut text = String::from("rule r: ?x p implies ?x q\n");
    for i in 0..12 {
        text.push_str(&format!("fact c{i:02} p\n"));
    }
    let ws = workspace(&[("a.augur", &text)]);
    let h = ws.hover("a.augur", at(&text, "?x q")).map(|h| h.markdown);
    let h = h.unwrap_or_default();
    assert!(h.contains("matches 12 atoms that hold"), "{h}");
    assert_eq!(h.matches("\n- `c").count(), 10, "{h}");
    assert!(h.contains("\n- and 2 more"), "{h}");
}

/// Found by the fuzz target `ide`: an offset inside a character.
#[test]
fn every_question_takes_an_offset_inside_a_character() {
    let text = "rule r: x p implies x fades \u{1d11e}\n";
    let ws = workspace(&[("a.augur", text)]);
    for offset in 0..=text.len() + 2 {
        let _ = ws.completions("a.augur", offset);
        let _ = ws.hover("a.augur", offset);
        let _ = ws.definition("a.augur", offset);
        let _ = ws.references("a.augur", offset, true);
        let _ = ws.rename("a.augur", offset, "s");
    }
}
