//! The editor's questions (`augur::ide`, what `augur lsp` answers) on any text and on
//! generated programs, after a run of edits at arbitrary positions: every edit lands
//! inside the text (a position past a line's end or the text's end is clamped, a range
//! backwards replaces nothing), and every question at every offset answers with ranges
//! inside the files they name, on character boundaries, without panicking.
#![no_main]

use arbitrary::{Result, Unstructured};
use augur::ide::lines::{self, Columns, LineIndex, Position};
use augur::ide::{Place, Workspace};
use libfuzzer_sys::fuzz_target;

const FILE: &str = "fuzz.augur";

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let text = match u.arbitrary::<bool>() {
        Ok(true) => augur_fuzz::program(&mut u).unwrap_or_default(),
        _ => String::from_utf8_lossy(u.peek_bytes(u.len().min(512)).unwrap_or_default()).into_owned(),
    };
    let _ = session(&mut u, text);
});

fn session(u: &mut Unstructured<'_>, mut text: String) -> Result<()> {
    let mut ws = Workspace::default();
    ws.set_text(FILE, &text);
    ws.set_text("other.augur", "scenario other { }\n");
    for _ in 0..u.int_in_range(1..=6)? {
        let columns = if u.arbitrary()? { Columns::Utf8 } else { Columns::Utf16 };
        let position = |u: &mut Unstructured<'_>| -> Result<Position> {
            Ok(Position { line: u.int_in_range(0..=40)?, column: u.int_in_range(0..=120)? })
        };
        let range = if u.arbitrary()? { Some((position(u)?, position(u)?)) } else { None };
        let insert: String = u.arbitrary::<&str>()?.chars().take(40).collect();
        let before = text.clone();
        lines::apply_change(&mut text, range, &insert, columns);
        if let Some((start, end)) = range {
            let index = LineIndex::new(&before, columns);
            let (s, e) = (index.offset(&before, start), index.offset(&before, end));
            let e = e.max(s);
            assert_eq!(text, format!("{}{insert}{}", &before[..s], &before[e..]));
        }
        ws.set_text(FILE, &text);
        questions(u, &ws, &text)?;
    }
    Ok(())
}

fn questions(u: &mut Unstructured<'_>, ws: &Workspace, text: &str) -> Result<()> {
    let inside = |p: &Place| {
        let t = ws.text(&p.file).unwrap_or_else(|| panic!("{} is not in the workspace", p.file));
        assert!(p.range.start <= p.range.end && p.range.end <= t.len(), "{p:?}");
        assert!(t.is_char_boundary(p.range.start) && t.is_char_boundary(p.range.end), "{p:?}");
    };
    let here = |range: &std::ops::Range<usize>| {
        inside(&Place { file: FILE.to_owned(), range: range.clone() });
    };
    for d in ws.diagnostics(FILE) {
        here(&d.range);
        d.related.iter().for_each(|(p, _)| inside(p));
        if let Some(fix) = &d.fix {
            here(&fix.range);
        }
    }
    for s in ws.symbols(FILE) {
        here(&s.range);
        here(&s.name_range);
    }
    let _ = ws.format(FILE);
    for _ in 0..u.int_in_range(1..=8)? {
        let offset = u.int_in_range(0..=text.len())?;
        if let Some(h) = ws.hover(FILE, offset) {
            here(&h.range);
        }
        ws.definition(FILE, offset).iter().for_each(inside);
        ws.references(FILE, offset, true).iter().for_each(inside);
        let _ = ws.completions(FILE, offset);
        if let Ok(edits) = ws.rename(FILE, offset, "renamed") {
            for e in edits {
                inside(&Place { file: e.file, range: e.range });
            }
        }
        let index = LineIndex::new(text, Columns::Utf16);
        let p = index.position(text, offset);
        let back = index.offset(text, p);
        assert!(back <= offset && text.is_char_boundary(back));
    }
    Ok(())
}
