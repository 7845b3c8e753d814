//! Unit tests of relations and their height pools.

use super::*;

fn s(n: u32) -> SymbolId {
    SymbolId(n)
}

#[test]
fn insert_dedups_and_improves() {
    let mut r = Relation::new(2, &[Box::from([1usize])]);
    let h = leaf_heights(Likelihood::Likely);
    assert_eq!(r.insert(&[s(1), s(2)], &h, None), Update::New(TupleId(0)));
    assert_eq!(r.insert(&[s(1), s(2)], &h, None), Update::Unchanged);
    let better = leaf_heights(Likelihood::Certain);
    assert_eq!(
        r.insert(&[s(1), s(2)], &better, None),
        Update::Improved(TupleId(0))
    );
    assert_eq!(
        likelihood_of(r.heights(TupleId(0))),
        Some(Likelihood::Certain)
    );
    r.insert(&[s(3), s(2)], &h, None);
    r.insert(&[s(3), s(4)], &h, None);
    let ix = r.index_on(&[1]).unwrap();
    assert_eq!(r.probe(ix, &[s(2)]), &[TupleId(0), TupleId(1)]);
    assert_eq!(r.probe(ix, &[s(9)]), &[] as &[TupleId]);
    assert_eq!(r.find(&[s(3), s(4)]), Some(TupleId(2)));
}

#[test]
fn negation_mirrors_the_likelihood_and_fails_only_on_certain() {
    let mut r = Relation::new(1, &[]);
    assert_eq!(r.negation(None), Some(Likelihood::Certain));
    for level in Likelihood::ALL {
        r.insert(&[s(level.rank() as u32)], &leaf_heights(level), None);
    }
    let of = |r: &Relation, l: Likelihood| r.negation(r.find(&[s(l.rank() as u32)]));
    assert_eq!(
        of(&r, Likelihood::AlmostNoChance),
        Some(Likelihood::AlmostCertain)
    );
    assert_eq!(of(&r, Likelihood::Likely), Some(Likelihood::Unlikely));
    assert_eq!(of(&r, Likelihood::EvenChance), Some(Likelihood::EvenChance));
    assert_eq!(of(&r, Likelihood::Certain), None);
}

/// What a relation answers about a row: its tuple, heights, and the tuples of its key.
type Answer = (Option<TupleId>, Option<Heights>, Vec<TupleId>);

/// What a relation answers about the rows `(i, i % 3)` for `i` below `2 * n`.
fn answers(r: &Relation, n: u32) -> Vec<Answer> {
    (0..2 * n)
        .map(|i| {
            let t = r.find(&[s(i), s(i % 3)]);
            (
                t,
                t.map(|t| *r.heights(t)),
                r.probe(0, &[s(i % 3)]).to_vec(),
            )
        })
        .collect()
}

#[test]
fn a_cleared_relation_answers_as_a_new_one() {
    let fill = |r: &mut Relation, n: u32, shift: u32| {
        for i in 0..n {
            // Ten profiles, past the pool's scan; leaves on some rows.
            let mut h = leaf_heights(Likelihood::ALL[(i % 8) as usize]);
            h[0] = i % 10 + shift;
            let leaf = (i % 4 == 0).then_some((Leaf::Hypothesis(i), Likelihood::Likely));
            r.insert(&[s(i + shift), s(i % 3)], &h, leaf);
        }
    };
    let mut used = Relation::new(2, &[Box::from([1usize])]);
    fill(&mut used, 300, 7);
    used.clear();
    assert!(used.is_empty());
    let mut new = Relation::new(2, &[Box::from([1usize])]);
    fill(&mut used, 40, 0);
    fill(&mut new, 40, 0);
    assert_eq!(answers(&used, 40), answers(&new, 40));
    let leaves = |r: &Relation| r.ids().map(|t| r.leaf(t)).collect::<Vec<_>>();
    assert_eq!(leaves(&used), leaves(&new));
    assert_eq!(used.len(), 40);
}

#[test]
fn the_pool_numbers_profiles_the_same_before_and_past_its_scan() {
    let mut pool = Pool::default();
    let profile = |i: u32| std::array::from_fn(|l| i + u32::try_from(l).unwrap_or(0));
    let first: Vec<_> = (0..20).map(|i| pool.intern(profile(i))).collect();
    assert_eq!(first, (0..20).map(Some).collect::<Vec<_>>());
    // Again, in another order, past the scan: the same numbers.
    for i in (0..20).rev() {
        assert_eq!(pool.intern(profile(i)), Some(i));
    }
    assert_eq!(pool.index.len(), 20);
    pool.clear();
    assert_eq!(pool.intern(profile(5)), Some(0));
    assert!(pool.index.is_empty());
}

#[test]
fn tuple_ids_are_checked() {
    assert_eq!(TupleId::new(7), Some(TupleId(7)));
    assert_eq!(TupleId::new(u32::MAX as usize), Some(TupleId(u32::MAX)));
    assert_eq!(TupleId::new(u32::MAX as usize + 1), None);
}

#[test]
fn many_inserts_survive_rehashing() {
    let mut r = Relation::new(1, &[Box::from([0usize])]);
    let h = leaf_heights(Likelihood::Certain);
    for i in 0..10_000 {
        r.insert(&[s(i)], &h, None);
    }
    for i in (0..10_000).step_by(997) {
        assert_eq!(r.find(&[s(i)]), Some(TupleId(i)));
        assert_eq!(r.probe(0, &[s(i)]), &[TupleId(i)]);
    }
}

#[test]
fn a_run_inserted_with_its_profile_kept_is_the_run_inserted_row_by_row() {
    let likely = leaf_heights(Likelihood::Likely);
    let certain = leaf_heights(Likelihood::Certain);
    // Runs of one height each, with repeats, rows already held and one row improved.
    let runs: [(&Heights, &[u32]); 3] = [
        (&likely, &[1, 2, 1, 3]),
        (&certain, &[4, 2, 5, 4]),
        (&likely, &[6, 5, 7]),
    ];
    let mut plain = Relation::new(2, &[Box::from([1usize])]);
    let mut kept = plain.clone();
    for (h, rows) in runs {
        let mut profile = None;
        for &i in rows {
            let row = [s(i), s(i % 2)];
            let want = plain.insert(&row, h, None);
            assert_eq!(kept.insert_with(&row, h, &mut profile, None), want);
            // The profile is kept once a new tuple has needed it, and is `h`'s.
            if let Update::New(_) = want {
                let p = profile.expect("kept after a new tuple");
                assert_eq!(kept.pool.profiles[p as usize], *h);
            }
        }
    }
    for i in 0..9 {
        let row = [s(i), s(i % 2)];
        let t = plain.find(&row);
        assert_eq!(kept.find(&row), t);
        assert_eq!(t.map(|t| *kept.heights(t)), t.map(|t| *plain.heights(t)));
    }
    assert_eq!(kept.probe(0, &[s(1)]), plain.probe(0, &[s(1)]));
    assert_eq!(kept.pool.profiles, plain.pool.profiles);
}

#[test]
fn a_probe_on_one_column_finds_what_the_general_probe_finds() {
    let mut r = Relation::new(3, &[Box::from([1usize]), Box::from([0usize, 2])]);
    let h = leaf_heights(Likelihood::Likely);
    for i in 0..40 {
        r.insert(&[s(i), s(i % 7), s(i % 5)], &h, None);
    }
    for v in 0..10 {
        let one = r.probe_one(0, s(v));
        assert_eq!(one, r.probe_group(0, &[s(v)]));
        // Values 0-6 have tuples, the others none.
        assert_eq!(one.is_some(), v < 7);
    }
}
