//! What the editor shows over a word: for an atom, the rules that conclude it and its
//! likelihood in each scenario; for a rule, its likelihood, citations and the scenarios
//! where it fires; for a likelihood word, its ICD 203 band; for a scenario, document or
//! conflict, its declaration; under a diagnostic, its code's explanation.

use std::fmt::Write as _;
use std::ops::Range;

use super::Workspace;
use super::index::{AtomUse, Def, NameKind, Target};
use crate::likelihood::Likelihood;

/// A hover: the range it is about and Markdown to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    /// The word or atom hovered.
    pub range: Range<usize>,
    /// What to show.
    pub markdown: String,
}

/// The ICD 203 band of a likelihood word: the expression of likelihood it stands for
/// (and its synonym in ICD 203's second row), and its range of probability.
pub fn band(level: Likelihood) -> &'static str {
    match level {
        Likelihood::AlmostNoChance => "almost no chance (remote): 01-05%",
        Likelihood::VeryUnlikely => "very unlikely (highly improbable): 05-20%",
        Likelihood::Unlikely => "unlikely (improbable): 20-45%",
        Likelihood::EvenChance => "roughly even chance (roughly even odds): 45-55%",
        Likelihood::Likely => "likely (probable): 55-80%",
        Likelihood::VeryLikely => "very likely (highly probable): 80-95%",
        Likelihood::AlmostCertain => "almost certain (nearly certain): 95-99%",
        Likelihood::Certain => {
            "certain: given, not on the ICD 203 scale (unlabelled facts, assumptions and rules)"
        }
    }
}

/// A line number, 1-based, of an offset.
pub(super) fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

impl Workspace {
    /// What to show over `offset` in `file`, if anything.
    pub fn hover(&self, file: &str, offset: usize) -> Option<Hover> {
        let index = self.index(file)?;
        let target = index.at(offset);
        let (range, mut markdown) = match target {
            Some(Target::Level(range, level)) => {
                (range, format!("**`{}`**: {}", level.keyword(), band(level)))
            }
            Some(Target::Def(d)) => (d.name_range.clone(), self.declaration(d.kind, &d.name)),
            Some(Target::Ref(r)) => (r.range.clone(), self.declaration(r.kind, &r.name)),
            Some(Target::Atom(a)) => (a.range.clone(), self.atom_hover(a)),
            None => (offset..offset, String::new()),
        };
        let mut range = range;
        for d in self.diagnostics(file) {
            if d.range.start <= offset && offset <= d.range.end {
                let Some(code) = d.code.as_deref().and_then(crate::codes::lookup) else {
                    continue;
                };
                if markdown.is_empty() {
                    range = d.range.clone();
                } else {
                    markdown.push_str("\n\n---\n\n");
                }
                let _ = write!(
                    markdown,
                    "**{}** ({}): {}",
                    code.code,
                    code.kind.word(),
                    code.text
                );
                if let Some(long) = code.long() {
                    let _ = write!(markdown, "\n\n{long}");
                }
            }
        }
        (!markdown.is_empty()).then_some(Hover { range, markdown })
    }

    /// "`file:line`" of a declaration.
    fn where_is(&self, file: &str, offset: usize) -> String {
        let line = self.text(file).map_or(0, |t| line_of(t, offset));
        format!("{file}:{line}")
    }

    fn declaration(&self, kind: NameKind, name: &str) -> String {
        let defs = self.definitions_of(kind, name);
        let Some((file, def)) = defs.first() else {
            return format!("no {} `{name}` is declared", kind.keyword());
        };
        let keyword = if def.tension {
            "tension"
        } else {
            kind.keyword()
        };
        let mut out = format!(
            "**{keyword} `{name}`**, declared at {}",
            self.where_is(file, def.range.start)
        );
        match kind {
            NameKind::Rule => self.rule_details(file, def, &mut out),
            NameKind::Document => {
                let index = self.index(file);
                let at = index
                    .and_then(|i| i.defs.iter().position(|d| std::ptr::eq(d, *def)))
                    .and_then(|at| index?.titles.iter().find(|t| t.0 == at));
                if let Some((_, title, path)) = at {
                    let _ = write!(out, "\n\n{}", crate::escape::quoted(title));
                    if let Some(path) = path {
                        let _ = write!(out, "\n\ntext file: `{path}`");
                    }
                }
            }
            NameKind::Scenario | NameKind::Conflict | NameKind::Test => {}
        }
        out
    }

    fn rule_details(&self, file: &str, def: &Def, out: &mut String) {
        let Some(index) = self.index(file) else {
            return;
        };
        let at = index.defs.iter().position(|d| std::ptr::eq(d, def));
        if let Some((_, level)) = index
            .levels
            .iter()
            .find(|(r, _)| def.range.start <= r.start && r.end <= def.range.end)
        {
            let _ = write!(
                out,
                "\n\nlikelihood: `{}` ({})",
                level.keyword(),
                band(*level)
            );
        }
        for cite in index.cites.iter().filter(|c| c.owner == at && at.is_some()) {
            let _ = write!(
                out,
                "\n\ncites `{}`: {}",
                cite.document,
                crate::escape::quoted(&cite.quote)
            );
        }
        let runs = self.checked().runs();
        if let Some(why) = &runs.missing {
            let _ = write!(out, "\n\n({why})");
            return;
        }
        let fires: Vec<&str> = runs
            .fired
            .get(&def.name)
            .into_iter()
            .flatten()
            .map(|&s| runs.scenarios[s].as_str())
            .collect();
        match fires.as_slice() {
            [] => out.push_str("\n\nfires in no scenario"),
            _ => {
                let _ = write!(out, "\n\nfires in: {}", quoted_list(&fires));
            }
        }
    }

    fn atom_hover(&self, atom: &AtomUse) -> String {
        let mut out = format!("**`{}`**", atom.text);
        let concluding = self.concluding(atom);
        if !concluding.is_empty() {
            let rules: Vec<String> = concluding
                .iter()
                .map(|(file, d)| format!("`{}` ({})", d.name, self.where_is(file, d.range.start)))
                .collect();
            let _ = write!(out, "\n\nconcluded by: {}", rules.join(", "));
        }
        let runs = self.checked().runs();
        if let Some(why) = &runs.missing {
            let _ = write!(out, "\n\n({why})");
            return out;
        }
        let held: Vec<_> = runs
            .held
            .get(&atom.predicate)
            .into_iter()
            .flatten()
            .filter(|h| super::navigate::unifies(&atom.args, &h.args))
            .collect();
        if atom.is_ground() {
            out.push_str("\n\n| scenario | likelihood | probability |\n|---|---|---|");
            let held = held.first();
            let probabilities = held
                .and_then(|_| self.checked().probabilities(&atom.text))
                .unwrap_or_default();
            for (i, s) in runs.scenarios.iter().enumerate() {
                let level = held.and_then(|h| h.levels[i]);
                let shown = level.map_or("does not hold", Likelihood::keyword);
                let p = match (level, probabilities.get(i).copied().flatten()) {
                    (None, _) => "0".to_owned(),
                    (Some(_), Some(p)) => format!("{p:.3}"),
                    (Some(_), None) => "not computed".to_owned(),
                };
                let _ = write!(out, "\n| `{s}` | {shown} | {p} |");
            }
            return out;
        }
        const SHOWN: usize = 10;
        let _ = write!(
            out,
            "\n\nmatches {} that hold",
            crate::program::suggest::count(held.len(), "atom")
        );
        for h in held.iter().take(SHOWN) {
            let at: Vec<String> = h
                .levels
                .iter()
                .zip(&runs.scenarios)
                .filter_map(|(l, s)| Some(format!("{} in `{s}`", (*l)?.keyword())))
                .collect();
            let _ = write!(out, "\n- `{}`: {}", h.text, at.join(", "));
        }
        if held.len() > SHOWN {
            let _ = write!(out, "\n- and {} more", held.len() - SHOWN);
        }
        out
    }
}

fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
