//! Text to syntax tree. The parser is written with nom over located input, one function per
//! grammar production (the production is each function's first doc line). It never
//! recurses on its input's nesting, so hostile input cannot overflow the stack, and it
//! recovers at the next top-level keyword so that one run reports every error.

pub mod ast;
mod atom;
pub mod error;
mod input;
mod item;
pub mod keywords;
mod lexer;
mod rule;

pub use error::ParseError;
pub use lexer::{In, PResult};

use crate::source::{FileId, SourceFile};
use ast::{Atom, File, Item};
use keywords::ITEM_STARTS;
use lexer::{describe_next, word, ws};

/// Parses one file; returns every item that parsed and every error, in order.
pub fn parse_file(id: FileId, file: &SourceFile) -> (File, Vec<ParseError>) {
    let mut input = In::new_extra(&file.text, id);
    let mut out = File::default();
    let mut errors = Vec::new();
    while let Ok((rest, ())) = ws(input) {
        if rest.fragment().is_empty() {
            break;
        }
        match item(rest) {
            Ok((next, it)) => {
                out.items.push(it);
                input = next;
            }
            Err(nom::Err::Error(e) | nom::Err::Failure(e)) => {
                let message = if e.message.is_empty() {
                    top_level_message(rest.fragment())
                } else {
                    e.message
                };
                errors.push(ParseError::new(file, id, e.offset, message));
                input = recover(rest);
            }
            Err(nom::Err::Incomplete(_)) => break,
        }
    }
    (out, errors)
}

/// item = document | fact | assumable | assume | open | rule | conflict | scenario | test ;
fn item(input: In<'_>) -> PResult<'_, Item> {
    let (_, (w, _)) = word(input)?;
    match *w.fragment() {
        "document" => item::document(input).map(|(r, x)| (r, Item::Document(x))),
        "fact" => item::fact(input).map(|(r, x)| (r, Item::Fact(x))),
        "assumable" => item::assumable(input).map(|(r, x)| (r, Item::Assumable(x))),
        "assume" => item::assume(input).map(|(r, x)| (r, Item::Assume(x))),
        "open" => item::open(input).map(|(r, x)| (r, Item::Open(x))),
        "rule" => rule::rule(input).map(|(r, x)| (r, Item::Rule(x))),
        "conflict" => rule::conflict(input).map(|(r, x)| (r, Item::Conflict(x))),
        "scenario" => item::scenario(input).map(|(r, x)| (r, Item::Scenario(x))),
        "test" => item::test(input).map(|(r, x)| (r, Item::Test(x))),
        _ => Err(nom::Err::Error(lexer::Expected {
            offset: input.location_offset(),
            message: String::new(),
        })),
    }
}

fn top_level_message(rest: &str) -> String {
    let (_, found) = describe_next(rest);
    format!(
        "expected a declaration ({}) but found {found}",
        ITEM_STARTS
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Skips to the next line that starts with a top-level keyword. An indented `assume`
/// belongs to a scenario block, so only an unindented one counts.
fn recover(input: In<'_>) -> In<'_> {
    let text = input.fragment();
    let mut offset = text.find('\n').map_or(text.len(), |i| i + 1);
    while offset < text.len() {
        let line = &text[offset..];
        let trimmed = line.trim_start_matches([' ', '\t']);
        let first: String = trimmed
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let indented = trimmed.len() != line.len();
        if ITEM_STARTS.contains(&first.as_str()) && !(indented && first == "assume") {
            break;
        }
        offset += line.find('\n').map_or(line.len(), |i| i + 1);
    }
    nom::Input::take_from(&input, offset)
}

/// Parses a single atom written on its own, such as a command-line argument.
pub fn parse_atom(id: FileId, file: &SourceFile) -> Result<Atom, Box<ParseError>> {
    let input = In::new_extra(&file.text, id);
    let parsed = atom::atom(input).and_then(|(rest, a)| ws(rest).map(|(rest, ())| (rest, a)));
    let (offset, message) = match parsed {
        Ok((rest, a)) if rest.fragment().is_empty() => return Ok(a),
        Ok((rest, _)) => (
            rest.location_offset(),
            "expected the end of the atom".to_owned(),
        ),
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) if !e.message.is_empty() => {
            (e.offset, e.message)
        }
        Err(_) => (
            0,
            "expected an atom such as `china gains_influence_in latin_america`".to_owned(),
        ),
    };
    Err(Box::new(ParseError::new(file, id, offset, message)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (File, Vec<ParseError>) {
        parse_file(FileId(0), &SourceFile::new("t.augur", text))
    }

    #[test]
    fn every_item_kind_parses() {
        let (file, errors) = parse(
            r#"document d "T"
fact a b c [likely]
assumable x y
assume x y
open q r
rule r { when a b c then d e }
rule s: d e implies f g
conflict k { when f g and not a b c }
scenario s1 { }
scenario s2 extends s1 { assume x y }
test "t" in s2 { expect f g }
"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(file.items.len(), 11);
    }

    #[test]
    fn recovery_reports_several_errors() {
        let (file, errors) =
            parse("rule a { when x y z w }\nfact ok thing\nrule b: p q implies\nfact also fine\n");
        assert_eq!(errors.len(), 2);
        assert_eq!(file.items.len(), 2);
        assert!(errors[0].message.contains("rule `a`"));
    }

    #[test]
    fn stray_text_is_reported_not_looped_on() {
        let (_, errors) = parse("}}} ??? \n\n fact a b");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.starts_with("expected a declaration"));
    }

    #[test]
    fn atom_argument() {
        let f = SourceFile::new("<atom>", "china gains_influence_in latin_america");
        assert_eq!(parse_atom(FileId(0), &f).unwrap().args.len(), 2);
        let bad = SourceFile::new("<atom>", "china gains x extra");
        assert!(parse_atom(FileId(0), &bad).is_err());
    }
}
