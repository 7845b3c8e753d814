//! How a new snapshot text differs from the stored one, line by line, with a line whose
//! key stayed shown as one change of its other fields.

use serde::Serialize;

use super::SEP;

/// One line whose key stayed and whose other fields changed, e.g. a likelihood.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Paired {
    /// The key: the atom, the conflict with its bindings, or the open question.
    pub key: String,
    /// The fields that changed, as they were.
    pub from: String,
    /// The fields that changed, as they are.
    pub to: String,
}

/// The difference between two snapshot texts, line by line (comments ignored).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LineDiff {
    /// Lines only in the stored snapshot, whose key is gone.
    pub removed: Vec<String>,
    /// Lines only in the new text, with a new key.
    pub added: Vec<String>,
    /// Lines whose key is in both but whose other fields differ.
    pub changed: Vec<Paired>,
}

impl LineDiff {
    /// Compares `old` with `new`.
    pub fn new(old: &str, new: &str) -> Self {
        let lines = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let (old, new) = (lines(old), lines(new));
        let mut removed: Vec<String> = old.iter().filter(|l| !new.contains(l)).cloned().collect();
        let mut added: Vec<String> = new.iter().filter(|l| !old.contains(l)).cloned().collect();
        let mut changed = Vec::new();
        removed.retain(|r| {
            let (key, from) = split_key(r);
            let Some(i) = added.iter().position(|a| split_key(a).0 == key) else {
                return true;
            };
            let a = added.remove(i);
            let (from, to) = changed_fields(from, split_key(&a).1);
            changed.push(Paired {
                key: key.to_owned(),
                from,
                to,
            });
            false
        });
        LineDiff {
            removed,
            added,
            changed,
        }
    }

    /// The change as `augur test` and the report show it: paired lines first (`~ key  from
    /// -> to`), then lines gone (`- line`) and lines new (`+ line`), each on a line of its
    /// own after `indent`.
    pub fn text(&self, indent: &str) -> String {
        let mut out = String::new();
        for c in &self.changed {
            out.push_str(&format!("{indent}~ {}  {} -> {}\n", c.key, c.from, c.to));
        }
        for line in &self.removed {
            out.push_str(&format!("{indent}- {line}\n"));
        }
        for line in &self.added {
            out.push_str(&format!("{indent}+ {line}\n"));
        }
        out
    }
}

fn split_key(line: &str) -> (&str, &str) {
    line.split_once(SEP).unwrap_or((line, ""))
}

/// The fields after the key, shortened to the likelihood alone when only it changed.
fn changed_fields(from: &str, to: &str) -> (String, String) {
    let (f, t): (Vec<&str>, Vec<&str>) = (from.split(SEP).collect(), to.split(SEP).collect());
    if f.len() == t.len() && f.len() > 1 && f[1..] == t[1..] {
        (f[0].to_owned(), t[0].to_owned())
    } else {
        (from.to_owned(), to.to_owned())
    }
}
