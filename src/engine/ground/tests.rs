//! The counted network: interning, watch lists, room.

use super::*;
use crate::Analysis;

#[test]
fn atoms_are_interned_once_and_watchers_follow_clause_order() {
    let analysis = Analysis::parse(
        "t.augur",
        "fact a t\nfact b t [likely]\nfact c n\n\
         rule g1: a t and b t implies d t\n\
         rule g2: d t and a t and not c n implies e t\n\
         rule g3: d t and d t implies f t\n",
    )
    .expect("the program checks");
    let program = analysis.program();
    let t = program.predicates().iter().position(|p| p.name == "t");
    let t = PredId::from_index(t.expect("t"));
    let inside = |p: PredId| (p == t).then_some(0);
    let mut net = Network::with_limit(Network::LIMIT);
    // Room for as many clauses as symbols: `t`'s atoms get a dense table, as in a large
    // network.
    let symbols = program.symbols().len();
    net.allocate(symbols, 7, symbols);
    for (i, rule) in program.rules().iter().enumerate() {
        let id = RuleId::from_index(i);
        assert!(net.reserve(rule, 0, 1));
        net.add(program, id, 0, &inside, &[], None);
    }
    net.seal(&[t]);
    // a, b, d, e, c (outside), f: each once.
    assert_eq!(net.atoms(), 6);
    assert_eq!(net.outside().len(), 1);
    let symbols = program.symbols();
    let sym = |name: &str| {
        let n = u32::try_from(symbols.len()).expect("a few");
        let found = (0..n).map(SymbolId).find(|&s| symbols.show(s) == name);
        found.unwrap_or(SymbolId(n))
    };
    let d = net.find(t, &[sym("d")]).expect("d is interned");
    // The dense table of the one-column slot agrees with the intern table.
    for name in ["a", "b", "d", "e", "f", "zz"] {
        assert_eq!(net.find_in(0, t, &[sym(name)]), net.find(t, &[sym(name)]));
    }
    let a = net.find(t, &[sym("a")]).expect("a is interned");
    assert_eq!(net.find(t, &[sym("zz")]), None);
    // g2 and g3 wait for d; g3 twice, once per occurrence.
    let ids = |c: &[CountedId]| c.iter().map(|c| c.index()).collect::<Vec<_>>();
    assert_eq!(ids(net.watchers(d)), [1, 2, 2]);
    assert_eq!(ids(net.watchers(a)), [0, 1]);
    assert_eq!(net.waits().collect::<Vec<_>>(), [2, 2, 2]);
    let (positive, negated) = net.premises(CountedId(1));
    assert_eq!((positive.len(), negated.len()), (2, 1));
    assert_eq!(net.pred(negated[0]), net.pred(net.outside()[0]));
}

#[test]
fn atoms_of_several_columns_are_interned_by_hash_once() {
    let analysis = Analysis::parse(
        "t.augur",
        "fact p(a, b)\nrule g: p(a, b) implies q(a, b)\nrule h: q(a, b) and p(a, b) implies r(b, a)\n",
    )
    .expect("the program checks");
    let program = analysis.program();
    let pred = |name: &str| {
        let at = program.predicates().iter().position(|p| p.name == name);
        PredId::from_index(at.expect("a predicate"))
    };
    let (p, q, r) = (pred("p"), pred("q"), pred("r"));
    let inside = |x: PredId| [q, r].iter().position(|&y| y == x);
    let mut net = Network::with_limit(Network::LIMIT);
    net.allocate(2, 3, program.symbols().len());
    for (i, rule) in program.rules().iter().enumerate() {
        assert!(net.reserve(rule, 0, 1));
        net.add(program, RuleId::from_index(i), 0, &inside, &[], None);
    }
    net.seal(&[q, r]);
    // p(a, b), q(a, b), r(b, a): each once, p outside.
    assert_eq!((net.atoms(), net.outside().len()), (3, 1));
    let row = |a: AtomId| net.row(a).to_vec();
    let pab = net.outside()[0];
    let qab = net.find_in(0, q, &row(pab)).expect("q(a, b) is interned");
    assert_eq!(net.pred(qab), q);
    assert_eq!(net.find(p, &row(pab)), Some(pab));
    let swapped: Vec<_> = row(pab).into_iter().rev().collect();
    assert_eq!(net.find(q, &swapped), None, "q(b, a) is not");
    assert!(net.find(r, &swapped).is_some(), "r(b, a) is");
}

#[test]
fn a_network_refuses_clauses_past_its_limit() {
    let analysis =
        Analysis::parse("t.augur", "fact a t\nrule g: a t implies b t\n").expect("checks");
    let rule = &analysis.program().rules()[0];
    let mut net = Network::with_limit(words(rule, 0) * 2);
    assert!(net.reserve(rule, 0, 2));
    assert!(!net.reserve(rule, 0, 1), "no room for a third");
    assert!(!net.reserve(rule, 0, usize::MAX), "an overflow is no room");
}
