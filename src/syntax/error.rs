//! Parse diagnostics: what was expected, the token found instead, and a hint. The code and
//! the hint follow from the kind of thing the parser expected ([`SyntaxKind`]) and, for a
//! few kinds, from the token found; never from the message's words.

use std::fmt::Display;

use miette::{Diagnostic, LabeledSpan, SourceCode};
use thiserror::Error;

use super::charset::{self, Foreign};
use super::keywords::{ITEM_STARTS, is_keyword};
use super::lexer::{describe_next, likelihood_list};
use super::limits::{MAX_NAME_BYTES, MAX_STRING_BYTES};
use crate::likelihood::Likelihood;
use crate::source::{NamedText, SourceFile, Span};

/// What the parser expected where it stopped, or what it found wrong there. Each kind has
/// its own code (`augur::syntax::...`) and hint; the doc line names an input that
/// triggers it (most of them live in `tests/cases/`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum SyntaxKind {
    /// `scenario s { assume a b ) }`: a punctuation mark or the end of a block.
    #[default]
    Token,
    /// `}}} fact a b`: a top-level item must start with a keyword.
    Declaration,
    /// `scenario { }`: a name (lowercase word) was expected.
    Name,
    /// `rule open: a b implies c d`: a reserved word where a name goes.
    KeywordAsName,
    /// `fact Lula leads brazil`: names are lowercase.
    UppercaseName,
    /// `fact 12`: an atom (or a term of one) was expected.
    Atom,
    /// `fact china`: a predicate after the subject.
    Predicate,
    /// `fact a raised policy rate`: a fourth word on the line of a complete atom.
    TooManyWords {
        /// The last two words joined with `_`, the likely fix.
        joined: String,
    },
    /// `rule r { when a b c d }`: the keyword that must come next (`then`, `implies`,
    /// `when`, `in`, `least`).
    Keyword(&'static str),
    /// `rule r: when a b then c d`: the block form's words in a one-line rule.
    MixedRuleForms,
    /// `rule r: a b implies not c d`: conclusions cannot be negated.
    NegatedConclusion,
    /// `fact a b [probable]`: a likelihood of the scale was expected.
    Likelihood,
    /// `assume not a b likely`: an intervention takes no likelihood.
    LikelihoodOnIntervention,
    /// `expect a b at_least likely`: a likelihood after an expectation without `at least`.
    MisplacedLikelihood {
        /// The word that should have been two (`at_least`), when that is the cause.
        joined: Option<String>,
    },
    /// `fact a b 1.5`, `fact a b 120%`, `fact a b 0.`: a probability outside [0, 1],
    /// malformed, or with too many digits.
    Probability(crate::probability::LiteralError),
    /// `document seed "Title`: a string, or a bad one (unclosed, unknown escape).
    String,
    /// `fact a b 99999999999999999999`: an integer too large.
    Number,
    /// `fact lu\u{200b}la p` or `fact аrgentina p` (Cyrillic `а`): a character no name may
    /// hold (names are ASCII); or a bidi control anywhere, a comment or a string included.
    Foreign(Foreign),
    /// A line longer than `--max-line-length` bytes.
    LineTooLong {
        /// The limit, in bytes.
        limit: usize,
    },
    /// A name (identifier or variable) longer than [`super::limits::MAX_NAME_BYTES`].
    NameTooLong,
    /// A string longer than [`super::limits::MAX_STRING_BYTES`].
    StringTooLong,
    /// More than [`super::limits::MAX_SYNTAX_ERRORS`] syntax errors in one file.
    TooManyErrors,
}

impl SyntaxKind {
    /// The kind refined by the token found, where that changes the advice.
    fn refine(self, token: &str) -> Self {
        if let Some(f) = charset::foreign(token) {
            return SyntaxKind::Foreign(f);
        }
        let upper = token.chars().next().is_some_and(|c| c.is_ascii_uppercase());
        match self {
            SyntaxKind::Name | SyntaxKind::Predicate if is_keyword(token) => {
                SyntaxKind::KeywordAsName
            }
            SyntaxKind::Name | SyntaxKind::Atom | SyntaxKind::Predicate if upper => {
                SyntaxKind::UppercaseName
            }
            kind => kind,
        }
    }

    /// The diagnostic code's last part.
    pub fn code(&self) -> &'static str {
        match self {
            SyntaxKind::Token => "unexpected_token",
            SyntaxKind::Declaration => "expected_declaration",
            SyntaxKind::Name => "expected_name",
            SyntaxKind::KeywordAsName => "keyword_as_name",
            SyntaxKind::UppercaseName => "uppercase_name",
            SyntaxKind::Atom => "expected_atom",
            SyntaxKind::Predicate => "expected_predicate",
            SyntaxKind::TooManyWords { .. } => "too_many_words",
            SyntaxKind::Keyword("then") => "missing_then",
            SyntaxKind::Keyword("implies") => "missing_implies",
            SyntaxKind::Keyword(_) => "expected_keyword",
            SyntaxKind::MixedRuleForms => "mixed_rule_forms",
            SyntaxKind::NegatedConclusion => "negated_conclusion",
            SyntaxKind::Likelihood => "expected_likelihood",
            SyntaxKind::LikelihoodOnIntervention => "likelihood_on_intervention",
            SyntaxKind::MisplacedLikelihood { .. } => "misplaced_likelihood",
            SyntaxKind::Probability(_) => "bad_probability",
            SyntaxKind::String => "bad_string",
            SyntaxKind::Number => "bad_number",
            SyntaxKind::Foreign(Foreign::Bidi(_)) => "bidi_control",
            SyntaxKind::Foreign(Foreign::Hidden(_)) => "hidden_character",
            SyntaxKind::Foreign(Foreign::Letter(_)) => "non_ascii_name",
            SyntaxKind::LineTooLong { .. } => "line_too_long",
            SyntaxKind::NameTooLong => "name_too_long",
            SyntaxKind::StringTooLong => "string_too_long",
            SyntaxKind::TooManyErrors => "too_many_errors",
        }
    }

    /// The hint for this kind, where `token` was found.
    fn help(&self, token: &str) -> String {
        const ATOM: &str =
            "an atom is `subject predicate`, `subject predicate object` or `predicate(a, b, ...)`";
        match self {
            SyntaxKind::Token | SyntaxKind::Atom | SyntaxKind::Keyword(_)
                if ITEM_STARTS.contains(&token) =>
            {
                format!("`{token}` starts a new declaration, so the one before it is incomplete")
            }
            SyntaxKind::Atom if is_keyword(token) => {
                format!("`{token}` is a reserved word; it cannot name a thing or a predicate")
            }
            SyntaxKind::Token => "the grammar is in docs/LANGUAGE.md, section 2".into(),
            SyntaxKind::Declaration => {
                "every top-level item starts with a keyword, e.g. `fact`, `rule` or `scenario`"
                    .into()
            }
            SyntaxKind::Name => {
                "a name is a lowercase word of letters, digits and `_`, e.g. `latin_america`".into()
            }
            SyntaxKind::KeywordAsName => format!(
                "`{token}` is a reserved word of the language, so it cannot be a name; choose another, e.g. `{token}_case`"
            ),
            SyntaxKind::UppercaseName => {
                "names are lowercase (`latin_america`); quote other text as a string (`\"Lula\"`)"
                    .into()
            }
            SyntaxKind::Atom | SyntaxKind::Predicate => ATOM.into(),
            SyntaxKind::TooManyWords { joined } => format!(
                "{ATOM}; join the words of one name with `_` (`{joined}`), or write `predicate(a, b, c, ...)` for more arguments"
            ),
            SyntaxKind::Keyword("then") => {
                "a block rule reads `rule NAME { when PREMISES then CONCLUSIONS [LIKELIHOOD] [cite DOC \"quote\"] }`".into()
            }
            SyntaxKind::Keyword("implies") => {
                "a one-line rule reads `rule NAME: PREMISES implies CONCLUSIONS [LIKELIHOOD]`".into()
            }
            SyntaxKind::Keyword(kw) => format!("`{kw}` is missing here; the grammar is in docs/LANGUAGE.md, section 2"),
            SyntaxKind::MixedRuleForms => {
                "a one-line rule reads `rule NAME: PREMISES implies CONCLUSIONS`, a block rule `rule NAME { when PREMISES then CONCLUSIONS }`: drop `when` and write `implies` for `then`, or write the block form".into()
            }
            SyntaxKind::NegatedConclusion => {
                "a rule concludes what holds; to rule a combination out, declare a `conflict`, and to remove an atom from a scenario, `assume not` it".into()
            }
            SyntaxKind::Likelihood => format!("the scale, lowest first: {}", likelihood_list()),
            SyntaxKind::LikelihoodOnIntervention => format!(
                "`assume not` removes the atom from the scenario outright, so it takes no likelihood: drop `{token}`; to say the atom itself is unlikely, assume it at that level (`assume ATOM {}`)",
                Likelihood::Unlikely
            ),
            SyntaxKind::MisplacedLikelihood { joined: Some(word) } => format!(
                "`{word}` is one word, so it was read as part of the atom; write `{}` as two words: `expect ATOM {} {token}`",
                word.replace('_', " "),
                word.replace('_', " ")
            ),
            SyntaxKind::MisplacedLikelihood { joined: None } => {
                "a level bounds an expectation as `expect ATOM at least LEVEL`, `at most LEVEL` or `exactly LEVEL`".into()
            }
            SyntaxKind::Probability(why) => probability_help(why, token),
            SyntaxKind::String => {
                "strings are double-quoted on one line; escape `\"` and `\\` with a backslash".into()
            }
            SyntaxKind::Number => "integers are whole numbers between -2^63 and 2^63 - 1".into(),
            SyntaxKind::Foreign(f) => f.help(token),
            SyntaxKind::LineTooLong { limit } => format!(
                "a line holds at most {limit} bytes; break it (whitespace between tokens may be newlines), or raise the limit with `--max-line-length BYTES`"
            ),
            SyntaxKind::NameTooLong => format!(
                "a name holds at most {MAX_NAME_BYTES} bytes; a shorter name, with a comment for the rest, reads better"
            ),
            SyntaxKind::TooManyErrors => {
                "the rest of the file is not parsed; is it a rule file? fix the first errors and check again".into()
            }
            SyntaxKind::StringTooLong => format!(
                "a string holds at most {MAX_STRING_BYTES} bytes; quote the sentences the rule rests on, and elide the rest with `[...]`"
            ),
        }
    }
}

/// The hint for a literal that is not a probability.
fn probability_help(why: &crate::probability::LiteralError, token: &str) -> String {
    use crate::probability::LiteralError;
    match why {
        LiteralError::OutOfRange => format!(
            "a likelihood written as a number is a probability: from `0.0` to `1.0`, or `0%` to `100%`; `{token}` is outside it (or write a level: {})",
            likelihood_list()
        ),
        LiteralError::NoDecimals => {
            "write the digits after the point (`0.5`), or drop the point (`50%`)".into()
        }
        LiteralError::TooManyDigits => {
            "a probability is exact to a millionth: round it, e.g. `0.123457` or `12.3457%`".into()
        }
        LiteralError::NoPointOrPercent => {
            "write a probability with a point or a percent sign: `1.0` or `100%`".into()
        }
    }
}

/// A syntax error. Triggered by input such as `rule r { when a b c d }` (no `then`); its
/// [`SyntaxKind`] decides the code and the hint.
#[derive(Debug, Error)]
#[error("{message}")]
pub struct ParseError {
    /// What went wrong, in kind.
    pub kind: SyntaxKind,
    /// `expected ...` in words.
    pub message: String,
    /// The offending token.
    pub span: Span,
    found: String,
    help: String,
    src: NamedText,
}

impl Diagnostic for ParseError {
    fn code<'a>(&'a self) -> Option<Box<dyn Display + 'a>> {
        Some(Box::new(format!("augur::syntax::{}", self.kind.code())))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn Display + 'a>> {
        Some(Box::new(&self.help))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.src)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = LabeledSpan::new_with_span(Some(format!("found {}", self.found)), self.span);
        Some(Box::new(std::iter::once(label)))
    }
}

impl ParseError {
    /// An error of `kind` at byte `offset` of `file`, naming the token that starts there.
    pub fn new(
        file: &SourceFile,
        span_file: crate::source::FileId,
        offset: usize,
        kind: SyntaxKind,
        message: String,
    ) -> Self {
        let offset = offset.min(file.text.len());
        let rest = file.text.get(offset..).unwrap_or("");
        let (len, found) = describe_next(rest);
        let token = &rest[..len];
        let kind = kind.refine(token);
        let found = match &kind {
            SyntaxKind::Foreign(f) => f.describe(),
            _ => found,
        };
        let help = kind.help(token);
        let span = Span::new(span_file, offset, offset + len);
        ParseError {
            kind,
            message,
            span,
            found,
            help,
            src: file.named_source(),
        }
    }
}

impl ParseError {
    /// A bidi control at byte `offset` of `file`, wherever it stands.
    pub fn bidi_control(
        file: &SourceFile,
        span_file: crate::source::FileId,
        offset: usize,
        c: char,
    ) -> Self {
        let message = format!(
            "the bidi control {} can make this file display differently from how it reads",
            crate::escape::code_point(c)
        );
        ParseError::new(
            file,
            span_file,
            offset,
            SyntaxKind::Foreign(Foreign::Bidi(c)),
            message,
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::source::{FileId, SourceFile};

    /// Each input, the code its first error gets, and words its hint must contain.
    const CASES: [(&str, &str, &str); 20] = [
        (
            "}}} fact a b",
            "expected_declaration",
            "starts with a keyword",
        ),
        ("scenario { }", "expected_name", "lowercase word"),
        (
            "rule open: a b implies c d",
            "keyword_as_name",
            "`open_case`",
        ),
        ("fact Lula leads brazil", "uppercase_name", "lowercase"),
        (
            "fact a raised policy rate",
            "too_many_words",
            "`policy_rate`",
        ),
        (
            "rule r { when a b c\nd e }",
            "missing_then",
            "a block rule reads",
        ),
        (
            "rule r: a b c\nd e",
            "missing_implies",
            "a one-line rule reads",
        ),
        (
            "rule r: when a b then c d",
            "mixed_rule_forms",
            "drop `when`",
        ),
        (
            "rule r: a b implies not c d",
            "negated_conclusion",
            "`conflict`",
        ),
        ("fact a b [probable]", "expected_likelihood", "lowest first"),
        (
            "scenario s { assume not a b likely }",
            "likelihood_on_intervention",
            "drop `likely`",
        ),
        (
            "test \"t\" in s { expect a b at_least likely }",
            "misplaced_likelihood",
            "write `at least` as two words",
        ),
        (
            "test \"t\" in s { expect a b likely }",
            "misplaced_likelihood",
            "`expect ATOM at least LEVEL`",
        ),
        (
            "document seed \"Title\nfact a b",
            "bad_string",
            "double-quoted",
        ),
        (
            "fact a b 99999999999999999999",
            "bad_number",
            "whole numbers",
        ),
        (
            "scenario s { assume a b ) }",
            "unexpected_token",
            "docs/LANGUAGE.md",
        ),
        (
            "rule r { when a b then c d\nrule s: a b implies c d",
            "unexpected_token",
            "starts a new declaration",
        ),
        ("fact )", "expected_atom", "`subject predicate`"),
        ("fact china", "expected_predicate", "`subject predicate`"),
        ("test \"t\" s { }", "expected_keyword", "`in` is missing"),
    ];

    #[test]
    fn each_kind_gets_its_code_and_hint() {
        let language = include_str!("../../docs/LANGUAGE.md");
        for (text, code, hint) in CASES {
            assert!(
                language.contains(&format!("`augur::syntax::{code}`")),
                "docs/LANGUAGE.md lists `{code}`"
            );
            let file = SourceFile::new("t.augur", text);
            let (_, errors) = crate::syntax::parse_file(FileId(0), &file);
            let first = errors.first().unwrap_or_else(|| panic!("{text:?} parses"));
            assert_eq!(first.kind.code(), code, "{text:?}: {}", first.message);
            assert!(first.help.contains(hint), "{text:?}: {}", first.help);
        }
    }
}
