//! Finding things: where a name is declared and used, the rules that conclude an atom,
//! a file's outline, and renaming a rule, scenario, document or conflict everywhere.

use std::ops::Range;

use super::index::{AtomUse, Def, NameKind, Role, Target};
use super::{Edit, Place, Workspace};

/// One entry of a file's outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    /// The name.
    pub name: String,
    /// What it declares (`tension` apart from `conflict`).
    pub keyword: &'static str,
    /// What it declares.
    pub kind: NameKind,
    /// The whole declaration.
    pub range: Range<usize>,
    /// The name.
    pub name_range: Range<usize>,
}

/// Why a rename cannot be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RenameError {
    /// The cursor is on nothing a rename applies to.
    #[error("only a rule, scenario, document, conflict or tension name can be renamed")]
    NothingToRename,
    /// `Rule r` or `1r` or `open`.
    #[error(
        "`{0}` is not a name: names are lowercase ASCII letters, digits and `_`, start with a letter, and are not keywords"
    )]
    NotAName(String),
    /// Another declaration has the name.
    #[error("a {0} named `{1}` is already declared")]
    Taken(&'static str, String),
}

/// Whether two argument lists, each with its own variables (`?v`), unify.
pub(super) fn unifies(a: &[String], b: &[String]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut bound: Vec<(bool, &str, &str)> = Vec::new();
    for (x, y) in a.iter().zip(b) {
        let (xv, yv) = (x.starts_with('?'), y.starts_with('?'));
        if !xv && !yv {
            if x != y {
                return false;
            }
            continue;
        }
        // A variable's first value binds it; a constant on the other side must agree.
        for (side, var, value, value_is_var) in [(true, x, y, yv), (false, y, x, xv)] {
            if !var.starts_with('?') || value_is_var {
                continue;
            }
            match bound.iter().find(|(s, v, _)| *s == side && *v == var) {
                Some((_, _, seen)) if *seen != value => return false,
                Some(_) => {}
                None => bound.push((side, var, value)),
            }
        }
    }
    true
}

/// Whether `word` can name a rule, scenario, document or conflict.
fn is_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && word.len() <= crate::syntax::limits::MAX_NAME_BYTES
        && !crate::syntax::keywords::is_keyword(word)
}

impl Workspace {
    /// The declarations of a name, in file order.
    pub(super) fn definitions_of(&self, kind: NameKind, name: &str) -> Vec<(&str, &Def)> {
        self.indexes()
            .flat_map(|(f, i)| i.defs.iter().map(move |d| (f, d)))
            .filter(|(_, d)| d.kind == kind && d.name == name)
            .collect()
    }

    /// The rules with a conclusion that unifies with `atom`.
    pub(super) fn concluding(&self, atom: &AtomUse) -> Vec<(&str, &Def)> {
        let mut out: Vec<(&str, &Def)> = Vec::new();
        for (f, i) in self.indexes() {
            for a in &i.atoms {
                if a.role == Role::Conclusion
                    && a.predicate == atom.predicate
                    && unifies(&a.args, &atom.args)
                    && let Some(d) = a.owner.map(|o| &i.defs[o])
                    && !out.iter().any(|(g, e)| *g == f && std::ptr::eq(*e, d))
                {
                    out.push((f, d));
                }
            }
        }
        out
    }

    /// Where what is at `offset` is declared: a name's declaration; for an atom, the
    /// rules that conclude it, else the facts and assumptions that give it.
    pub fn definition(&self, file: &str, offset: usize) -> Vec<Place> {
        let Some(index) = self.index(file) else {
            return Vec::new();
        };
        let named = |kind, name: &str| {
            self.definitions_of(kind, name)
                .into_iter()
                .map(|(f, d)| Place {
                    file: f.to_owned(),
                    range: d.name_range.clone(),
                })
                .collect()
        };
        match index.at(offset) {
            Some(Target::Def(d)) => named(d.kind, &d.name),
            Some(Target::Ref(r)) => named(r.kind, &r.name),
            Some(Target::Atom(a)) => {
                let rules: Vec<Place> = self
                    .concluding(a)
                    .into_iter()
                    .map(|(f, d)| Place {
                        file: f.to_owned(),
                        range: d.name_range.clone(),
                    })
                    .collect();
                if !rules.is_empty() {
                    return rules;
                }
                self.atom_uses(a, |r| matches!(r, Role::Fact | Role::Assume))
            }
            Some(Target::Level(..)) | None => Vec::new(),
        }
    }

    fn atom_uses(&self, atom: &AtomUse, role: impl Fn(Role) -> bool) -> Vec<Place> {
        self.indexes()
            .flat_map(|(f, i)| i.atoms.iter().map(move |a| (f, a)))
            .filter(|(_, a)| {
                role(a.role) && a.predicate == atom.predicate && unifies(&a.args, &atom.args)
            })
            .map(|(f, a)| Place {
                file: f.to_owned(),
                range: a.range.clone(),
            })
            .collect()
    }

    /// Every place the name or atom at `offset` is written: a name's uses (and its
    /// declarations when asked); an atom's every unifying atom.
    pub fn references(&self, file: &str, offset: usize, declarations: bool) -> Vec<Place> {
        let Some(index) = self.index(file) else {
            return Vec::new();
        };
        let (kind, name) = match index.at(offset) {
            Some(Target::Def(d)) => (d.kind, d.name.as_str()),
            Some(Target::Ref(r)) => (r.kind, r.name.as_str()),
            Some(Target::Atom(a)) => return self.atom_uses(a, |_| true),
            Some(Target::Level(..)) | None => return Vec::new(),
        };
        let mut out = Vec::new();
        for (f, i) in self.indexes() {
            let defs = i
                .defs
                .iter()
                .filter(|d| declarations && d.kind == kind && d.name == name)
                .map(|d| d.name_range.clone());
            let refs = i
                .refs
                .iter()
                .filter(|r| r.kind == kind && r.name == name)
                .map(|r| r.range.clone());
            let mut ranges: Vec<Range<usize>> = defs.chain(refs).collect();
            ranges.sort_by_key(|r| r.start);
            out.extend(ranges.into_iter().map(|range| Place {
                file: f.to_owned(),
                range,
            }));
        }
        out
    }

    /// The edits that rename the rule, scenario, document or conflict at `offset`: its
    /// declarations and every use.
    pub fn rename(&self, file: &str, offset: usize, new: &str) -> Result<Vec<Edit>, RenameError> {
        let (kind, name) = match self.index(file).and_then(|i| i.at(offset)) {
            Some(Target::Def(d)) if d.kind != NameKind::Test => (d.kind, d.name.clone()),
            Some(Target::Ref(r)) => (r.kind, r.name.clone()),
            _ => return Err(RenameError::NothingToRename),
        };
        if !is_name(new) {
            return Err(RenameError::NotAName(new.to_owned()));
        }
        if new != name && !self.definitions_of(kind, new).is_empty() {
            return Err(RenameError::Taken(kind.keyword(), new.to_owned()));
        }
        Ok(self
            .references(file, offset, true)
            .into_iter()
            .map(|p| Edit {
                file: p.file,
                range: p.range,
                text: new.to_owned(),
            })
            .collect())
    }

    /// The file's declarations, in order.
    pub fn symbols(&self, file: &str) -> Vec<Symbol> {
        let Some(index) = self.index(file) else {
            return Vec::new();
        };
        index
            .defs
            .iter()
            .map(|d| Symbol {
                name: d.name.clone(),
                keyword: if d.tension {
                    "tension"
                } else {
                    d.kind.keyword()
                },
                kind: d.kind,
                range: d.range.clone(),
                name_range: d.name_range.clone(),
            })
            .collect()
    }
}

#[cfg(test)]
mod unify_tests {
    use super::unifies;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn unification_binds_each_sides_variables_consistently() {
        assert!(unifies(&args("a b"), &args("a b")));
        assert!(!unifies(&args("a b"), &args("a c")));
        assert!(unifies(&args("?x b"), &args("a b")));
        assert!(unifies(&args("?x ?x"), &args("a a")));
        assert!(!unifies(&args("?x ?x"), &args("a b")));
        assert!(unifies(&args("?x ?y"), &args("?y ?x")));
        assert!(!unifies(&args("a"), &args("a b")));
    }
}
