//! The crate's one hash-map policy, stated where the maps are chosen.
//!
//! 1. **Hasher**: every hash map and set is keyed by the crate's own data (interned ids,
//!    rows of symbol ids, names read from rule files) and hashed with FxHash
//!    (`rustc-hash`): a few instructions a key, and no per-process random seed, so a run
//!    does the same work every time. Inputs are bounded before they reach a map (see
//!    docs/LIMITS.md), so flooding attacks on the hasher are not a concern a seeded
//!    hasher would need to answer.
//! 2. **Order**: output never depends on a map's iteration order. Maps are looked up, not
//!    listed; what is listed comes from a `Vec` in declaration or derivation order, or
//!    from an [`indexmap::IndexMap`] (insertion order) where a keyed table is also the
//!    output order.
//! 3. **Tables keyed by rows stored elsewhere** (a relation's tuples, the symbol table)
//!    use [`HashTable`] with the owner's own hash, so a key is stored once.
//!
//! Code that needs a map uses these aliases, not `std::collections::HashMap`.

/// A hash map under the crate's policy (FxHash; never iterated for output).
pub(crate) type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// A hash set under the crate's policy (FxHash; never iterated for output).
#[allow(
    dead_code,
    reason = "each file's owner adopts the aliases as they touch it"
)]
pub(crate) type HashSet<T> = rustc_hash::FxHashSet<T>;

/// A raw table keyed by rows its owner stores (policy point 3).
#[allow(
    unused_imports,
    reason = "each file's owner adopts the aliases as they touch it"
)]
pub(crate) use hashbrown::HashTable;
