//! The long description of every diagnostic code a rule file's check reports, written
//! once: `augur explain CODE` prints it, the editor shows it on hover, and the table in
//! docs/LANGUAGE.md §4 is this table (a test keeps them equal).

/// How serious a code is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Stops a run.
    Error,
    /// Reported; the run goes on.
    Warning,
    /// For information.
    Note,
}

impl Kind {
    /// As the table writes it.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Error => "error",
            Kind::Warning => "warning",
            Kind::Note => "note",
        }
    }
}

/// One code and what triggers it.
#[derive(Clone, Copy, Debug)]
pub struct Code {
    /// The full code, e.g. `augur::check::unknown_scenario`.
    pub code: &'static str,
    /// Its severity.
    pub kind: Kind,
    /// What triggers it, with an example (Markdown: code in backticks).
    pub text: &'static str,
}

#[cfg(test)]
mod drift;
mod program;

/// Every code of `augur check`, syntax first, in the order LANGUAGE.md lists them.
pub const CODES: &[Code] = &[
    Code {
        code: "augur::syntax::expected_declaration",
        kind: Kind::Error,
        text: "`}}} fact a b`: a top-level item starts with a keyword",
    },
    Code {
        code: "augur::syntax::expected_name",
        kind: Kind::Error,
        text: "`scenario { }`",
    },
    Code {
        code: "augur::syntax::keyword_as_name",
        kind: Kind::Error,
        text: "`rule open: a b implies c d`; suggests another name",
    },
    Code {
        code: "augur::syntax::uppercase_name",
        kind: Kind::Error,
        text: "`fact Lula leads brazil`; names are lowercase, other text is a string",
    },
    Code {
        code: "augur::syntax::expected_atom",
        kind: Kind::Error,
        text: "`fact )`: no atom where one must be",
    },
    Code {
        code: "augur::syntax::expected_predicate",
        kind: Kind::Error,
        text: "`fact china`",
    },
    Code {
        code: "augur::syntax::too_many_words",
        kind: Kind::Error,
        text: "`fact a raised policy rate`: a fourth word on the line of a complete atom; suggests joining (`policy_rate`)",
    },
    Code {
        code: "augur::syntax::missing_then",
        kind: Kind::Error,
        text: "`rule r { when a b c` then `d e }` on the next line (no `then`)",
    },
    Code {
        code: "augur::syntax::missing_implies",
        kind: Kind::Error,
        text: "`rule r: a b c` then `d e` on the next line (no `implies`)",
    },
    Code {
        code: "augur::syntax::expected_keyword",
        kind: Kind::Error,
        text: "another keyword the grammar requires, e.g. `test \"t\" s { }` (no `in`)",
    },
    Code {
        code: "augur::syntax::mixed_rule_forms",
        kind: Kind::Error,
        text: "`rule r: when a b then c d`: the block form's words in a one-line rule",
    },
    Code {
        code: "augur::syntax::negated_conclusion",
        kind: Kind::Error,
        text: "`rule r: a b implies not c d`",
    },
    Code {
        code: "augur::syntax::expected_likelihood",
        kind: Kind::Error,
        text: "`fact a b [probable]`; lists the scale",
    },
    Code {
        code: "augur::syntax::likelihood_on_intervention",
        kind: Kind::Error,
        text: "`assume not a b likely`: an intervention is certain",
    },
    Code {
        code: "augur::syntax::misplaced_likelihood",
        kind: Kind::Error,
        text: "`expect a b at_least likely` (`at least` is two words) or `expect a b likely`",
    },
    Code {
        code: "augur::syntax::bad_string",
        kind: Kind::Error,
        text: "`document seed \"Title` (unclosed), an unknown escape, or `\\u{d800}` (not a scalar value)",
    },
    Code {
        code: "augur::syntax::bad_number",
        kind: Kind::Error,
        text: "an integer beyond 64 bits",
    },
    Code {
        code: "augur::syntax::bad_probability",
        kind: Kind::Error,
        text: "a probability literal out of range or too precise: `1.5`, `120%`, `0.`, `0.1234567`",
    },
    Code {
        code: "augur::syntax::non_ascii_name",
        kind: Kind::Error,
        text: "`fact аrgentina p` with a Cyrillic `а`: names are ASCII; suggests the ASCII spelling of a lookalike",
    },
    Code {
        code: "augur::syntax::hidden_character",
        kind: Kind::Error,
        text: "a zero-width space or a control character where a token goes (`fact lu\\u{200b}la p` written raw)",
    },
    Code {
        code: "augur::syntax::bidi_control",
        kind: Kind::Error,
        text: "a raw bidi control anywhere in a file, even in a comment or a string",
    },
    Code {
        code: "augur::syntax::line_too_long",
        kind: Kind::Error,
        text: "a line longer than `--max-line-length` bytes (default 65,536); the file is not parsed",
    },
    Code {
        code: "augur::syntax::name_too_long",
        kind: Kind::Error,
        text: "a name or variable longer than 128 bytes",
    },
    Code {
        code: "augur::syntax::string_too_long",
        kind: Kind::Error,
        text: "a string longer than 16,384 bytes",
    },
    Code {
        code: "augur::syntax::too_many_errors",
        kind: Kind::Error,
        text: "a file with more than 1,000 syntax errors (not a rule file?): the rest is not parsed",
    },
    Code {
        code: "augur::syntax::unexpected_token",
        kind: Kind::Error,
        text: "any other token out of place, e.g. `scenario s { assume a b ) }`",
    },
    Code {
        code: "augur::check::arity_mismatch",
        kind: Kind::Error,
        text: "`fact a p` and `fact p(a, b, c)`; the label on the second use, the first use shown too",
    },
    Code {
        code: "augur::check::choice_mismatch",
        kind: Kind::Error,
        text: "`rule r: a p implies b q likely choice g` and `rule s: c p implies d q unlikely choice g`: a choice group's rules share one probability",
    },
    Code {
        code: "augur::check::duplicate_name",
        kind: Kind::Error,
        text: "two `rule r`; two `indicator` lines of one atom",
    },
    Code {
        code: "augur::check::unsafe_variable",
        kind: Kind::Error,
        text: "`rule r: a p implies ?x q`: `?x` is in no positive premise",
    },
    Code {
        code: "augur::check::variable_in_ground_atom",
        kind: Kind::Error,
        text: "`fact ?x p`; facts, assumptions and expectations are ground",
    },
    Code {
        code: "augur::check::negation_cycle",
        kind: Kind::Error,
        text: "`rule a: not x q implies y q2` and `rule b: y q2 implies x q`: an atom depends on its own absence (by unification, see §5); the cycle is listed rule by rule, atom by atom",
    },
    Code {
        code: "augur::check::unknown_document",
        kind: Kind::Error,
        text: "`cite sede \"...\"` with no `document sede`",
    },
    Code {
        code: "augur::check::unknown_scenario",
        kind: Kind::Error,
        text: "`test \"t\" in nowhere` or `extends nowhere`",
    },
    Code {
        code: "augur::check::unknown_conflict",
        kind: Kind::Error,
        text: "`expect conflict nowhere`, `expect tension nowhere`",
    },
    Code {
        code: "augur::check::conflict_kind_mismatch",
        kind: Kind::Error,
        text: "`expect conflict t` where `t` is declared `tension` (or the reverse)",
    },
    Code {
        code: "augur::check::extends_cycle",
        kind: Kind::Error,
        text: "`scenario a extends b` and `scenario b extends a`",
    },
    Code {
        code: "augur::check::confusable_strings",
        kind: Kind::Warning,
        text: "`\"Lula\"` and `\"Lu\\u{200b}la\"` (or `\"Lulа\"` with a Cyrillic `а`): two string constants that read the same are different things; names the lookalike letters and the other spelling's line",
    },
    Code {
        code: "augur::check::not_assumable",
        kind: Kind::Warning,
        text: "`assume x y` when assumables are declared and none matches; suggests the closest (an `assume not` may target any atom)",
    },
    Code {
        code: "augur::check::premise_never_holds",
        kind: Kind::Warning,
        text: "a positive premise of a rule, a tension or an `open ... when` that can never hold, constants included (`us disengages_from latin_amerca`): the rule never fires, the tension is never found, the question never arises",
    },
    Code {
        code: "augur::check::negation_always_true",
        kind: Kind::Warning,
        text: "`not government subsidizes construction` beside `assumable government subsidises construction`: the negated atom can never hold, so the `not` is always true",
    },
    Code {
        code: "augur::check::conflict_never_holds",
        kind: Kind::Warning,
        text: "a conflict body atom that can never hold: the conflict is never flagged",
    },
    Code {
        code: "augur::check::more_not_shown",
        kind: Kind::Warning,
        text: "more than 100 warnings of one kind about atoms that can never hold (a generated network): the rest are counted in one line",
    },
    Code {
        code: "augur::check::evidence_never_holds",
        kind: Kind::Warning,
        text: "`indicator ?c joins prosr` or `observed not china invests_in per`: no scenario can derive the atom, so it tells no scenario from another",
    },
    Code {
        code: "augur::check::expectation_never_holds",
        kind: Kind::Warning,
        text: "`expect X` where X can never hold: the test can only fail",
    },
    Code {
        code: "augur::check::vacuous_expectation",
        kind: Kind::Error,
        text: "`expect not X` where X can never hold, or where the test's scenario forbids X (`assume not`); `expect X [at least L]` where the scenario assumes X, or X is a fact, at L or above; `expect conflict C` (or `tension`) where C has no variables and the scenario settles each premise (a fact or its assumption; for `not X`, X forbidden or never holding); `expect not conflict K` (or `tension K`) where a premise of K can never hold: a test that can never fail",
    },
    Code {
        code: "augur::check::empty_test",
        kind: Kind::Error,
        text: "`test \"t\" in s { }`: a test that expects nothing can never fail",
    },
    Code {
        code: "augur::check::misspelled_likelihood",
        kind: Kind::Error,
        text: "`... implies housing_starts fall very_likley` or `... rents increase very likely`: a likelihood misspelled or split reads as part of the atom; the fix is shown (`very_likely`)",
    },
    Code {
        code: "augur::check::concludes_open_question",
        kind: Kind::Error,
        text: "a rule whose conclusion unifies with an atom declared `open`",
    },
    Code {
        code: "augur::check::contradictory_assumptions",
        kind: Kind::Error,
        text: "`assume x p` and `assume not x p` in one scenario",
    },
    Code {
        code: "augur::check::expects_open_question",
        kind: Kind::Error,
        text: "`expect X` or `expect not X` (with or without a bound) where `X` is declared `open` without `when` (write `expect open X`; a conditional question is checked by the test runner, see §3)",
    },
    Code {
        code: "augur::check::expects_undeclared_open",
        kind: Kind::Error,
        text: "`expect open X` where no `open X` is declared: it could never pass",
    },
    Code {
        code: "augur::check::quote_not_found",
        kind: Kind::Warning,
        text: "a `cite` quote that does not occur in its document's text; shows the closest passage: the run of whole words nearest to it with case and hyphens ignored (`reduce` for `reduces`, `lower income` for `lower-income`), else the nearest sentence",
    },
    Code {
        code: "augur::check::source_required",
        kind: Kind::Error,
        text: "under `--require-sources`, a document `file` that cannot be found",
    },
    Code {
        code: "augur::check::source_not_found",
        kind: Kind::Note,
        text: "a document `file` that cannot be found (an error under `--require-sources`: `augur::check::source_required`)",
    },
    Code {
        code: "augur::check::source_outside",
        kind: Kind::Error,
        text: "a document `file` that is absolute, climbs with `..`, or is a link leading out of its folder",
    },
    Code {
        code: "augur::check::source_not_a_file",
        kind: Kind::Error,
        text: "a document `file` that is a directory, a FIFO, a device or a socket",
    },
    Code {
        code: "augur::check::source_too_large",
        kind: Kind::Error,
        text: "a document `file` larger than `--max-document-size` bytes (default 16,777,216)",
    },
    Code {
        code: "augur::check::source_unreadable",
        kind: Kind::Error,
        text: "a document `file` that cannot be read, or is not UTF-8",
    },
    Code {
        code: "augur::check::no_source_file",
        kind: Kind::Error,
        text: "under `--require-sources`, a cited document that names no `file`",
    },
    Code {
        code: "augur::check::negates_open_question",
        kind: Kind::Warning,
        text: "a rule with `not X` where `X` is declared `open`",
    },
];

/// The long descriptions, one `## CODE` section each (what the code means, why augur
/// refuses or warns, how to fix it), written once for `augur explain` and the hover.
const LONG: &str = include_str!("codes/long.md");

/// The `## CODE` sections of [`LONG`]: each heading's code and its text.
fn long_sections() -> impl Iterator<Item = (&'static str, &'static str)> {
    LONG.split("\n## ").skip(1).map(|section| {
        let (heading, body) = section.split_once('\n').unwrap_or((section, ""));
        (heading.trim(), body.trim())
    })
}

impl Code {
    /// The long description: what the code means, why, and how to fix it, in Markdown
    /// (every code has one: a test sees to it).
    pub fn long(&self) -> Option<&'static str> {
        long_sections()
            .find(|(heading, _)| *heading == self.code)
            .map(|(_, body)| body)
    }
}

/// Every code augur reports: a rule file's ([`CODES`]), then the others (reading files,
/// questions, limits, shards, snapshots, the REPL, ...).
pub fn all() -> impl Iterator<Item = &'static Code> {
    CODES.iter().chain(program::CODES)
}

/// The codes written in full (`augur::check::unknown_scenario`) or by their last parts
/// (`unknown_scenario`, or `check::unknown_scenario`), a rule file's first: a last part
/// can name several (`unknown_scenario` is also `augur::query::unknown_scenario`).
pub fn matching(code: &str) -> impl Iterator<Item = &'static Code> + '_ {
    let code = code.trim();
    all().filter(move |c| {
        c.code == code
            || c.code
                .strip_suffix(code)
                .is_some_and(|head| !code.is_empty() && head.ends_with("::"))
    })
}

/// The first of [`matching`]: the code itself when written in full.
pub fn lookup(code: &str) -> Option<&'static Code> {
    matching(code).next()
}

/// The code as `augur explain` prints it: a heading line, the one-line text, then the
/// long description.
pub fn explain(code: &Code) -> String {
    let mut out = format!("{} ({})\n\n{}\n", code.code, code.kind.word(), code.text);
    if let Some(long) = code.long() {
        out.push('\n');
        out.push_str(long);
        out.push('\n');
    }
    out
}

/// The table of docs/LANGUAGE.md §4.
pub fn markdown_table() -> String {
    let mut out = String::from("| code | kind | triggered by |\n|---|---|---|\n");
    for c in CODES {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            c.code,
            c.kind.word(),
            c.text
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_found_in_full_or_by_its_last_parts() {
        let full = "augur::check::unknown_scenario";
        for asked in [
            full,
            "check::unknown_scenario",
            "unknown_scenario",
            " unknown_scenario\n",
        ] {
            assert_eq!(lookup(asked).map(|c| c.code), Some(full), "{asked:?}");
        }
        for asked in ["", "scenario", "nknown_scenario", "augur::nowhere"] {
            assert!(lookup(asked).is_none(), "{asked:?}");
        }
        let all: Vec<_> = matching("unknown_scenario").map(|c| c.code).collect();
        assert_eq!(
            all,
            [
                full,
                "augur::query::unknown_scenario",
                "augur::input::unknown_scenario"
            ]
        );
        assert_eq!(matching("augur::query::unknown_scenario").count(), 1);
    }

    #[test]
    fn codes_are_unique_and_say_something() {
        let mut seen = std::collections::BTreeSet::new();
        for c in all() {
            assert!(seen.insert(c.code), "{} twice", c.code);
            assert!(c.code.starts_with("augur::"));
            assert!(c.text.len() > 10, "{}", c.code);
        }
    }

    #[test]
    fn each_code_has_one_long_description() {
        let mut seen = std::collections::BTreeSet::new();
        for (heading, body) in long_sections() {
            assert!(seen.insert(heading), "{heading} twice in codes/long.md");
            assert!(
                lookup(heading).is_some_and(|c| c.code == heading),
                "{heading}: no such code"
            );
            assert!(body.len() > 80, "{heading}: say more");
        }
        let missing: Vec<_> = all()
            .filter(|c| c.long().is_none())
            .map(|c| c.code)
            .collect();
        assert!(
            missing.is_empty(),
            "no long description in codes/long.md: {missing:?}"
        );
        let code = lookup("augur::engine::timeout")
            .map(explain)
            .unwrap_or_default();
        assert!(
            code.starts_with("augur::engine::timeout (error)\n\n"),
            "{code}"
        );
        assert!(code.contains("--timeout none"), "{code}");
    }

    #[test]
    fn the_language_reference_shows_this_table() {
        let doc = std::fs::read_to_string("docs/LANGUAGE.md").unwrap_or_default();
        let table = markdown_table();
        assert!(
            doc.contains(&table),
            "docs/LANGUAGE.md §4 must hold the table of src/codes.rs; replace it with:\n{table}"
        );
    }
}
