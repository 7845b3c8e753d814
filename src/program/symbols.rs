//! Interned names: constants become [`SymbolId`]s, predicates [`PredId`]s, and every other
//! declared thing gets its own small `Copy` id. All tables keep declaration order.

use indexmap::IndexSet;
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
                self.0 as usize
            }

            /// The id of position `i` in its table.
            pub fn from_index(i: usize) -> Self {
                $name(u32::try_from(i).unwrap_or(u32::MAX))
            }
        }
    };
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
    /// `latin_america`.
    Ident(String),
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
            ValueRef::Ident(s) => Value::Ident(s.to_owned()),
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

// `Value` hashes as its borrowed form, so that a `ValueRef` finds it without allocating.
impl std::hash::Hash for Value {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_ref().hash(state);
    }
}

impl std::hash::Hash for ValueRef<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match self {
            ValueRef::Ident(s) => (0u8, s).hash(state),
            ValueRef::Int(n) => (1u8, n).hash(state),
            ValueRef::Str(s) => (2u8, s).hash(state),
        }
    }
}

impl indexmap::Equivalent<Value> for ValueRef<'_> {
    fn equivalent(&self, key: &Value) -> bool {
        *self == key.as_ref()
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Ident(s) => f.write_str(s),
            Value::Int(n) => write!(f, "{n}"),
            Value::Str(s) => write!(f, "{s:?}"),
        }
    }
}

/// The constant table.
#[derive(Clone, Debug, Default)]
pub struct Symbols {
    values: IndexSet<Value, rustc_hash::FxBuildHasher>,
}

impl Symbols {
    /// The id of `value`, adding it when new.
    pub fn intern(&mut self, value: Value) -> SymbolId {
        SymbolId::from_index(self.values.insert_full(value).0)
    }

    /// The id of a borrowed constant, adding an owned copy only when it is new.
    pub fn intern_ref(&mut self, value: ValueRef<'_>) -> SymbolId {
        match self.values.get_index_of(&value) {
            Some(i) => SymbolId::from_index(i),
            None => self.intern(value.to_owned()),
        }
    }

    /// The id of `value` if it was ever interned.
    pub fn get(&self, value: &Value) -> Option<SymbolId> {
        self.values.get_index_of(value).map(SymbolId::from_index)
    }

    /// The value behind an id handed out by this table.
    pub fn value(&self, id: SymbolId) -> Option<&Value> {
        self.values.get_index(id.index())
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
        assert_eq!(s.show(b), "\"a\"");
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
