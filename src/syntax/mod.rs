//! Text to syntax tree. The parser is written with nom over located input, one function per
//! grammar production (the production is each function's first doc line). It never
//! recurses on its input's nesting, so hostile input cannot overflow the stack, and it
//! recovers at the next top-level keyword so that one run reports every error.

pub mod ast;
mod atom;
pub mod charset;
pub mod error;
mod evidence;
mod input;
mod item;
pub mod keywords;
mod lexer;
pub mod limits;
mod literal;
mod rule;

pub use atom::{show_atom, show_term};
pub use error::{ParseError, SyntaxKind};
pub(crate) use lexer::{In, PResult};

use crate::source::{FileId, SourceFile};
use ast::{Atom, File, Item};
use keywords::ITEM_STARTS;
use lexer::{describe_next, word, ws};

/// Parses one file; returns every item that parsed and every error, in order.
///
/// A large file (a generated rule base) is cut at lines that start a rule or a fact and
/// its pieces are parsed on parallel threads. Should any piece fail to parse, which is
/// what a cut inside a block or a string would cause, the whole file is parsed again in
/// one piece, so errors are always found and reported exactly as a sequential parse does.
pub fn parse_file(id: FileId, file: &SourceFile) -> (File, Vec<ParseError>) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (pieces, errors) = parse_file_with(id, file, threads);
    let mut out = File::default();
    out.items
        .reserve(pieces.iter().map(|p| p.items.len()).sum());
    for piece in pieces {
        out.items.extend(piece.items);
    }
    (out, errors)
}

/// What [`parse_each`] made of a file.
#[derive(Debug)]
pub enum Streamed {
    /// Every piece parsed and was handed over, in order.
    Done,
    /// The file has syntax errors, as a parse of it whole finds them. Some of its pieces
    /// may have been handed over before the first error was met.
    Errors(Vec<ParseError>),
    /// A cut fell inside a block or a string, so the pieces handed over, if any, are not
    /// the file's: here it is, parsed whole and without error. Whoever took the pieces
    /// starts again.
    Whole(File),
}

/// Parses one file and hands its items over piece by piece, in order, so that the caller
/// can lower each piece and drop it while the next is parsed: a generated rule base is a
/// syntax tree of more than a GB, of which about two pieces are alive at a time.
///
/// A file below a megabyte is one piece. A larger one is cut into pieces of about
/// [`PIECE_BYTES`] at lines that start a rule or a fact (where they fall does not depend
/// on the number of threads, nor do the items), and with more than one core a worker
/// parses the next piece while `each` takes the last. The first piece that fails to parse
/// stops it: see [`Streamed`].
pub fn parse_each(
    id: FileId,
    file: &SourceFile,
    mut each: impl FnMut(File) -> Option<File>,
) -> Streamed {
    let text = &*file.text;
    let cuts = if text.len() >= PARALLEL_MIN_BYTES && charset::bidi_controls(text).is_empty() {
        cut_points(text, text.len().div_ceil(PIECE_BYTES))
    } else {
        Vec::new()
    };
    if cuts.is_empty() {
        let (files, errors) = parse_file_with(id, file, 1);
        if !errors.is_empty() {
            return Streamed::Errors(errors);
        }
        files.into_iter().for_each(|f| drop(each(f)));
        return Streamed::Done;
    }
    let bounds = piece_bounds(text, &cuts);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let failed = if threads > 1 {
        std::thread::scope(|scope| {
            // A rendezvous: the worker hands a piece over only when this thread asks, so
            // it is never more than one piece ahead.
            let (ready, pieces) = std::sync::mpsc::sync_channel(0);
            // The pieces `each` is done with go back to be freed on the worker, whose
            // allocator arena they came from: freed there they serve its next piece
            // straight away, where freed here each block took the arena's lock.
            let (done, used) = std::sync::mpsc::channel::<File>();
            let bounds = &bounds;
            scope.spawn(move || {
                for &(start, end) in bounds {
                    used.try_iter().for_each(drop);
                    let parsed = parse_range(id, file, start, end);
                    let failed = !parsed.1.is_empty();
                    if ready.send(parsed).is_err() || failed {
                        break;
                    }
                }
                // No more pieces: the caller's loop ends, and with it the pieces coming back.
                drop(ready);
                used.iter().for_each(drop);
            });
            for (piece, errors) in pieces {
                if !errors.is_empty() {
                    return true;
                }
                if let Some(piece) = each(piece) {
                    // The worker is parsing or waiting: it frees the piece later.
                    let _ = done.send(piece);
                }
            }
            false
        })
    } else {
        bounds.iter().any(|&(start, end)| {
            let (piece, errors) = parse_range(id, file, start, end);
            let failed = !errors.is_empty();
            if !failed {
                drop(each(piece));
            }
            failed
        })
    };
    if !failed {
        return Streamed::Done;
    }
    match parse_range(id, file, bom_len(text), text.len()) {
        (whole, errors) if errors.is_empty() => Streamed::Whole(whole),
        (_, errors) => Streamed::Errors(errors),
    }
}

/// The size of the pieces [`parse_each`] cuts a large file into: at W2 1M (101 MB), 97
/// pieces whose trees are about 14 MB each. The memory of the last pieces stays with the
/// worker's allocator arena once freed, so smaller is leaner (2 MB peaked 30 MB higher).
pub const PIECE_BYTES: usize = 1 << 20;

/// The byte ranges between the cuts, from after a byte order mark to the end.
fn piece_bounds(text: &str, cuts: &[usize]) -> Vec<(usize, usize)> {
    std::iter::once(bom_len(text))
        .chain(cuts.iter().copied())
        .zip(cuts.iter().copied().chain(std::iter::once(text.len())))
        .collect()
}

/// Below this size a file is parsed in one piece: threads would cost more than they save.
const PARALLEL_MIN_BYTES: usize = 1 << 20;

fn parse_file_with(id: FileId, file: &SourceFile, threads: usize) -> (Vec<File>, Vec<ParseError>) {
    let (files, errors) = parse_text(id, file, threads);
    let bidi = charset::bidi_controls(&file.text);
    if bidi.is_empty() {
        return (files, errors);
    }
    // A bidi control where a token goes is also a parse error at the same place: say it once.
    let mut all: Vec<ParseError> = bidi
        .into_iter()
        .map(|(at, c)| ParseError::bidi_control(file, id, at, c))
        .collect();
    all.extend(
        errors
            .into_iter()
            .filter(|e| !matches!(e.kind, SyntaxKind::Foreign(charset::Foreign::Bidi(_)))),
    );
    all.sort_by_key(|e| e.span.start);
    (files, all)
}

fn parse_text(id: FileId, file: &SourceFile, threads: usize) -> (Vec<File>, Vec<ParseError>) {
    let text = &*file.text;
    let cuts = if text.len() >= PARALLEL_MIN_BYTES && threads > 1 {
        cut_points(text, threads)
    } else {
        Vec::new()
    };
    if !cuts.is_empty() {
        let bounds = piece_bounds(text, &cuts);
        // `bounds` has one piece more than there are cuts, so at least two.
        if let Some((&(first_start, first_end), rest)) = bounds.split_first() {
            let parts: Vec<(File, Vec<ParseError>)> = std::thread::scope(|scope| {
                // The first piece is parsed on this thread, the others on workers. The
                // allocator gives each thread an arena of its own, and memory freed into a
                // worker's arena serves only that arena: the piece parsed here is freed, item
                // by item as it is lowered, into the arena the checked program is built in,
                // which reuses it (at W2 1M, hundreds of MB less at the peak than when every
                // piece came from a worker).
                let handles: Vec<_> = rest
                    .iter()
                    .map(|&(start, end)| scope.spawn(move || parse_range(id, file, start, end)))
                    .collect();
                let first = parse_range(id, file, first_start, first_end);
                // A panic in a worker is a bug; re-raise it rather than lose a piece.
                let others = handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
                std::iter::once(first).chain(others).collect()
            });
            if parts.iter().all(|(_, errors)| errors.is_empty()) {
                return (parts.into_iter().map(|(f, _)| f).collect(), Vec::new());
            }
        }
    }
    let (whole, errors) = parse_range(id, file, bom_len(text), text.len());
    (vec![whole], errors)
}

/// The length of a UTF-8 byte order mark at the start of `text`, which editors on Windows
/// write: it is skipped, and spans still count from the file's first byte.
fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        0
    }
}

/// Up to `pieces - 1` offsets, each the start of a line that begins with `rule ` or
/// `fact `, splitting `text` into pieces of about equal size.
fn cut_points(text: &str, pieces: usize) -> Vec<usize> {
    // Bytes, not characters: a newline byte is always a character boundary.
    let bytes = text.as_bytes();
    let mut cuts: Vec<usize> = Vec::new();
    for k in 1..pieces {
        let from = (bytes.len() * k / pieces).max(cuts.last().map_or(0, |c| c + 1));
        let found = (from..bytes.len())
            .filter(|&i| bytes[i] == b'\n')
            .map(|i| i + 1)
            .find(|&at| bytes[at..].starts_with(b"rule ") || bytes[at..].starts_with(b"fact "));
        match found {
            Some(at) => cuts.push(at),
            None => break,
        }
    }
    cuts
}

/// Parses the bytes `start..end` of a file, which must begin at a top-level item or
/// whitespace.
fn parse_range(id: FileId, file: &SourceFile, start: usize, end: usize) -> (File, Vec<ParseError>) {
    let mut input = In::range(&file.text, start, end, id);
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
                let (kind, message) = if e.message.is_empty() {
                    (SyntaxKind::Declaration, top_level_message(rest.fragment()))
                } else {
                    (e.kind, e.message)
                };
                if errors.len() == limits::MAX_SYNTAX_ERRORS {
                    errors.push(ParseError::new(
                        file,
                        id,
                        e.offset,
                        SyntaxKind::TooManyErrors,
                        format!(
                            "stopped parsing `{}` after {} syntax errors",
                            file.name,
                            limits::MAX_SYNTAX_ERRORS
                        ),
                    ));
                    break;
                }
                errors.push(ParseError::new(file, id, e.offset, kind, message));
                input = recover(rest);
            }
            Err(nom::Err::Incomplete(_)) => break,
        }
    }
    // The items live until checking has lowered them all, at the peak of a large run's
    // memory: give back the room that doubling left.
    out.items.shrink_to_fit();
    (out, errors)
}

/// item = document | fact | assumable | assume | open | rule | conflict | tension | scenario
///      | test | indicator | observed ;
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
        "tension" => rule::tension(input).map(|(r, x)| (r, Item::Conflict(x))),
        "scenario" => item::scenario(input).map(|(r, x)| (r, Item::Scenario(x))),
        "test" => item::test(input).map(|(r, x)| (r, Item::Test(x))),
        "indicator" => evidence::indicator(input).map(|(r, x)| (r, Item::Indicator(x))),
        "observed" => evidence::observed(input).map(|(r, x)| (r, Item::Observed(x))),
        _ => Err(lexer::Expected::soft(input, SyntaxKind::Declaration)),
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
    let (offset, kind, message) = match parsed {
        Ok((rest, a)) if rest.fragment().is_empty() => return Ok(a),
        Ok((rest, _)) => (
            rest.location_offset(),
            SyntaxKind::Token,
            "expected the end of the atom".to_owned(),
        ),
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) if !e.message.is_empty() => {
            (e.offset, e.kind, e.message)
        }
        Err(_) => (
            0,
            SyntaxKind::Atom,
            "expected an atom such as `china gains_influence_in latin_america`".to_owned(),
        ),
    };
    Err(Box::new(ParseError::new(file, id, offset, kind, message)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (File, Vec<ParseError>) {
        parse_file(FileId(0), &SourceFile::new("t.augur", text))
    }

    /// A file of more than a megabyte, with what a careless cut would break: blocks over
    /// several lines, and `rule` inside strings and comments.
    fn big_file(broken_at: Option<usize>) -> String {
        let mut text = String::from("document d \"D\"\n");
        let mut k = 0;
        while text.len() < 3 * PARALLEL_MIN_BYTES {
            k += 1;
            text += &match k % 4 {
                0 => format!("rule r{k}: n{k} t and n{} t implies n{} t\n", k + 1, k + 2),
                1 => format!("fact n{k} t cite d \"rule x: y z\"\n"),
                2 => format!("scenario s{k} {{\n  assume n{k} t\n}}\n# rule in a comment\n"),
                _ => format!("rule b{k} {{\n  when n{k} t\n  then m{k} t\n}}\n"),
            };
            if broken_at == Some(k) {
                text += "rule broken: n1 t implies\n";
            }
        }
        text
    }

    #[test]
    fn a_big_file_parses_in_pieces_as_it_does_whole() {
        for broken_at in [None, Some(20_000), Some(60_000)] {
            let file = SourceFile::new("big.augur", big_file(broken_at));
            let flat = |(files, errors): (Vec<File>, Vec<ParseError>)| {
                let items: Vec<Item> = files.into_iter().flat_map(|f| f.items).collect();
                (items, errors)
            };
            let whole = flat(parse_file_with(FileId(0), &file, 1));
            let pieces = flat(parse_file_with(FileId(0), &file, 4));
            assert!(cut_points(&file.text, 4).len() == 3, "the file is cut");
            assert_eq!(whole.1.is_empty(), broken_at.is_none());
            assert_eq!(format!("{whole:?}"), format!("{pieces:?}"));
        }
    }

    #[test]
    fn a_big_file_handed_over_in_pieces_is_the_file() {
        for broken_at in [None, Some(20_000), Some(60_000)] {
            let file = SourceFile::new("big.augur", big_file(broken_at));
            let (whole, errors) = parse_file_with(FileId(0), &file, 1);
            let mut pieces = 0;
            let mut items: Vec<Item> = Vec::new();
            let streamed = parse_each(FileId(0), &file, |piece| {
                pieces += 1;
                items.extend(piece.items);
                None
            });
            match streamed {
                Streamed::Done => {
                    assert!(errors.is_empty());
                    assert!(pieces > 1, "cut into pieces of {PIECE_BYTES} bytes");
                    let whole: Vec<Item> = whole.into_iter().flat_map(|f| f.items).collect();
                    assert_eq!(format!("{items:?}"), format!("{whole:?}"));
                }
                Streamed::Errors(found) => {
                    assert_eq!(format!("{found:?}"), format!("{errors:?}"));
                    assert!(broken_at.is_some());
                }
                Streamed::Whole(_) => panic!("every cut of this file is between items"),
            }
        }
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
tension t { when f g and d e }
open q s when a b c and not x y
scenario s1 { }
scenario s2 extends s1 { assume x y }
test "t" in s2 { expect f g }
indicator ?c joins f
observed not a b c likely cite d "q"
"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(file.items.len(), 15);
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
    fn a_byte_order_mark_is_skipped_and_spans_count_it() {
        let (file, errors) = parse("\u{FEFF}fact a b\nfact c d\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(file.items.len(), 2);
        let Item::Fact(fact) = &file.items[0] else {
            panic!("a fact");
        };
        assert_eq!(fact.atom.span.start, 8);
        // Only at the start: elsewhere it is a stray character.
        let (_, errors) = parse("fact a b\n\u{FEFF}fact c d\n");
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn parsing_stops_after_the_most_syntax_errors() {
        let max = limits::MAX_SYNTAX_ERRORS;
        let bad = |n: usize| "fact A\n".repeat(n) + "fact a b\n";
        // Up to the limit, every error and the good fact after them.
        for n in [max - 1, max] {
            let (file, errors) = parse(&bad(n));
            assert_eq!((errors.len(), file.items.len()), (n, 1), "{n}");
        }
        // Past it, the limit's errors and, where the next would be, one that says parsing
        // stopped.
        let (file, errors) = parse(&bad(max + 1));
        assert_eq!((errors.len(), file.items.len()), (max + 1, 0));
        let last = errors.last().map(|e| e.kind.clone());
        assert_eq!(last, Some(SyntaxKind::TooManyErrors));
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
