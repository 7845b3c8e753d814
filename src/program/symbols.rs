//! Interned names: constants become [`SymbolId`]s, predicates [`PredId`]s, and every other
//! declared thing gets its own small `Copy` id. All tables keep declaration order.

use crate::hash::HashTable;
use compact_str::CompactString;
use serde::Serialize;

use crate::source::Span;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        pub struct $name(pub u32);

        impl $name {
            /// The position in its table.
            pub fn index(self) -> usize {
                // Widening: `usize` has at least 32 bits on every target augur builds for.
                self.0 as usize
            }

            /// The id of position `i` in its table, or `None` when `i` does not fit a `u32`.
            pub fn try_from_index(i: usize) -> Option<Self> {
                u32::try_from(i).ok().map($name)
            }

            /// The id of position `i` in a table of a checked [`crate::program::Program`].
            ///
            /// # Panics
            ///
            /// When `i` does not fit a `u32`, which no position in a checked program's
            /// tables does (`Program` invariant 1).
            pub fn from_index(i: usize) -> Self {
                $name(table_position(i))
            }
        }
    };
}

const _: () = assert!(usize::BITS >= u32::BITS, "ids widen to usize");

/// A position in a table of a checked program, as a `u32`.
#[expect(
    clippy::expect_used,
    reason = "Program invariant 1: a checked program's tables have fewer than 2^32 entries"
)]
fn table_position(i: usize) -> u32 {
    u32::try_from(i).expect("Program invariant 1 bounds every table")
}

id_type!(
    /// An interned constant (identifier, integer or string).
    SymbolId
);
id_type!(
    /// A predicate: a name together with its arity.
    PredId
);
id_type!(
    /// A rule, in declaration order.
    RuleId
);
id_type!(
    /// A fact, in declaration order.
    FactId
);
id_type!(
    /// A `choice` group of rules, in order of first use.
    ChoiceId
);
id_type!(
    /// A scenario, in declaration order (`default` first when it exists).
    ScenarioId
);
id_type!(
    /// A conflict, in declaration order.
    ConflictId
);
id_type!(
    /// A variable, numbered within its rule, conflict or query.
    VarId
);

/// A constant as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// `latin_america`: inline up to 24 bytes, so that a table of a million names is not
    /// a million heap blocks.
    Ident(CompactString),
    /// `2017`.
    Int(i64),
    /// `"Lula"`.
    Str(String),
}

/// A constant borrowed from the text, for looking one up without allocating.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueRef<'a> {
    /// `latin_america`.
    Ident(&'a str),
    /// `2017`.
    Int(i64),
    /// `"Lula"`.
    Str(&'a str),
}

impl ValueRef<'_> {
    fn to_owned(self) -> Value {
        match self {
            ValueRef::Ident(s) => Value::Ident(CompactString::from(s)),
            ValueRef::Int(n) => Value::Int(n),
            ValueRef::Str(s) => Value::Str(s.to_owned()),
        }
    }
}

impl Value {
    fn as_ref(&self) -> ValueRef<'_> {
        match self {
            Value::Ident(s) => ValueRef::Ident(s),
            Value::Int(n) => ValueRef::Int(*n),
            Value::Str(s) => ValueRef::Str(s),
        }
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Ident(s) => f.write_str(s),
            Value::Int(n) => write!(f, "{n}"),
            Value::Str(s) => std::fmt::Display::fmt(&crate::escape::Quoted(s), f),
        }
    }
}

/// The constant table.
///
/// A big program looks up a constant for every argument it mentions, and those lookups
/// are bound by memory latency, not hashing: an index set reaches a value through its
/// entry and then the string's own heap block. Here a constant of up to
/// `Key::INLINE` bytes (every integer, and nearly every name) is compared inside the
/// hash table's own slot, so a lookup is one probe.
#[derive(Clone, Debug, Default)]
pub struct Symbols {
    /// Every constant, by id.
    values: Vec<Value>,
    /// The ids, each with its value's key.
    table: HashTable<Key>,
}

/// A table slot: the value's kind and length, its first bytes, and its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Key {
    /// Kind in the top two bits, length (saturated at 63) in the others.
    tag: u8,
    bytes: [u8; Key::INLINE],
    id: u32,
}

impl Key {
    const INLINE: usize = 11;

    fn of(value: ValueRef<'_>, id: u32) -> Self {
        let (kind, raw): (u8, &[u8]) = match &value {
            ValueRef::Ident(s) => (0, s.as_bytes()),
            ValueRef::Str(s) => (1, s.as_bytes()),
            ValueRef::Int(_) => (2, &[]),
        };
        let mut bytes = [0; Key::INLINE];
        let len = match value {
            ValueRef::Int(n) => {
                bytes[..8].copy_from_slice(&n.to_le_bytes());
                8
            }
            _ => {
                let n = raw.len().min(Key::INLINE);
                bytes[..n].copy_from_slice(&raw[..n]);
                raw.len()
            }
        };
        Key {
            tag: (kind << 6) | len.min(63) as u8,
            bytes,
            id,
        }
    }

    /// Whether the slot alone decides equality (the whole value is inline).
    fn complete(self) -> bool {
        (self.tag & 63) as usize <= Key::INLINE
    }

    fn same(self, other: Key) -> bool {
        self.tag == other.tag && self.bytes == other.bytes
    }
}

fn hash_value(value: ValueRef<'_>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    match value {
        ValueRef::Ident(s) => (0u8, s).hash(&mut h),
        ValueRef::Int(n) => (1u8, n).hash(&mut h),
        ValueRef::Str(s) => (2u8, s).hash(&mut h),
    }
    h.finish()
}

impl Symbols {
    /// The id of `value`, adding it when new.
    pub fn intern(&mut self, value: Value) -> SymbolId {
        match self.find(value.as_ref()) {
            Some(id) => id,
            None => self.add(value),
        }
    }

    /// The id of a borrowed constant, adding an owned copy only when it is new.
    pub fn intern_ref(&mut self, value: ValueRef<'_>) -> SymbolId {
        match self.find(value) {
            Some(id) => id,
            None => self.add(value.to_owned()),
        }
    }

    /// The id of `value` if it was ever interned.
    pub fn get(&self, value: &Value) -> Option<SymbolId> {
        self.find(value.as_ref())
    }

    fn find(&self, value: ValueRef<'_>) -> Option<SymbolId> {
        let key = Key::of(value, 0);
        self.table
            .find(hash_value(value), |k| {
                k.same(key) && (k.complete() || self.values[k.id as usize].as_ref() == value)
            })
            .map(|k| SymbolId(k.id))
    }

    fn add(&mut self, value: Value) -> SymbolId {
        let id = SymbolId::from_index(self.values.len());
        let values = &self.values;
        self.table.insert_unique(
            hash_value(value.as_ref()),
            Key::of(value.as_ref(), id.0),
            |k| hash_value(values[k.id as usize].as_ref()),
        );
        self.values.push(value);
        id
    }

    /// The value behind an id handed out by this table.
    pub fn value(&self, id: SymbolId) -> Option<&Value> {
        self.values.get(id.index())
    }

    /// The value written as in a rule file.
    pub fn show(&self, id: SymbolId) -> String {
        self.value(id)
            .map_or_else(|| format!("#{}", id.0), Value::to_string)
    }

    /// How many constants there are.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

/// A predicate's declaration-order entry.
#[derive(Clone, Debug)]
pub struct Predicate {
    /// The predicate's name.
    pub name: String,
    /// Its number of arguments.
    pub arity: usize,
    /// Where it was first used.
    pub first_use: Span,
}

/// Writes an atom the one canonical way: `s p`, `s p o`, or `p(a, b, c)`.
pub fn canonical_atom(predicate: &str, args: &[String]) -> String {
    match args {
        [s] => format!("{s} {predicate}"),
        [s, o] => format!("{s} {predicate} {o}"),
        _ => format!("{predicate}({})", args.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_is_stable() {
        let mut s = Symbols::default();
        let a = s.intern(Value::Ident("a".into()));
        let b = s.intern(Value::Str("a".into()));
        assert_ne!(a, b);
        assert_eq!(s.intern(Value::Ident("a".into())), a);
        assert_eq!(
            s.intern_ref(ValueRef::Ident("a")),
            a,
            "borrowed lookups find owned values"
        );
        assert_eq!(s.intern_ref(ValueRef::Str("a")), b);
        assert_eq!(s.len(), 2);
        // Past the inline bytes, values that share a prefix still differ.
        let long = s.intern_ref(ValueRef::Ident("a_very_long_name_one"));
        let other = s.intern_ref(ValueRef::Ident("a_very_long_name_two"));
        assert_ne!(long, other);
        assert_eq!(s.intern_ref(ValueRef::Ident("a_very_long_name_one")), long);
        let n = s.intern(Value::Int(-7));
        assert_ne!(s.intern(Value::Int(7)), n);
        assert_eq!(s.get(&Value::Int(-7)), Some(n));
        assert_eq!(s.get(&Value::Ident("missing".into())), None);
        assert_eq!(s.show(b), "\"a\"");
    }

    #[test]
    fn many_constants_keep_their_ids() {
        let mut s = Symbols::default();
        let name = |i: usize| format!("{}n{i}", "x".repeat(i % 20));
        let ids: Vec<SymbolId> = (0..5000)
            .map(|i| s.intern_ref(ValueRef::Ident(&name(i))))
            .collect();
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(s.intern_ref(ValueRef::Ident(&name(i))), *id);
            assert_eq!(s.value(*id), Some(&Value::Ident(name(i).into())));
        }
        assert_eq!(s.len(), 5000);
    }

    #[test]
    fn ids_are_checked_not_saturated() {
        let past = usize::try_from(u64::from(u32::MAX) + 1).expect("64-bit");
        assert_eq!(RuleId::try_from_index(past), None);
        assert_eq!(RuleId::try_from_index(past - 1), Some(RuleId(u32::MAX)));
        assert_eq!(SymbolId::from_index(7), SymbolId(7));
        let panicked = std::panic::catch_unwind(|| FactId::from_index(past));
        assert!(panicked.is_err(), "an id past u32::MAX is loud");
    }

    #[test]
    fn canonical_forms() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(canonical_atom("p", &v(&["a"])), "a p");
        assert_eq!(canonical_atom("p", &v(&["a", "b"])), "a p b");
        assert_eq!(
            canonical_atom("p", &v(&["a", "b", "2017"])),
            "p(a, b, 2017)"
        );
    }
}
