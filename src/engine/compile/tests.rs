//! The compile stages' choices never change an answer: a clause counted in its network,
//! from its instances, or by joins derives the same atoms at the same heights.

use super::super::{Engine, Options};
use crate::Analysis;
use crate::program::{PredId, ScenarioId, SymbolId};

/// An atom, with its proof heights.
type Atom = (PredId, Vec<SymbolId>, [u32; 8]);

/// Every atom of every scenario, with its proof heights, sorted (the paths may derive
/// atoms in different orders).
fn atoms(engine: &Engine<'_>) -> Vec<Vec<Atom>> {
    let program = engine.program();
    (0..program.scenarios().len())
        .map(|s| {
            let model = engine
                .run(ScenarioId::from_index(s), &Options::default())
                .expect("it runs");
            let mut out = Vec::new();
            for (p, rel) in model.relations().iter().enumerate() {
                for t in rel.ids() {
                    out.push((PredId::from_index(p), rel.row(t).to_vec(), *rel.heights(t)));
                }
            }
            out.sort();
            out
        })
        .collect()
}

/// How many clauses and instances are counted, over every stratum.
fn ground(engine: &Engine<'_>) -> usize {
    engine.strata.iter().map(|s| s.network().len()).sum()
}

/// Programs with ground rules, rules with guards (recursive, so instantiated), `not`,
/// and scenarios that assume, forbid and leave alone their guard atoms.
const PROGRAMS: [&str; 3] = [
    "fact a t\nfact b t\nfact r2(c, a, b)\nfact r2(d, c, e)\n\
     fact r1(e, c) [likely]\nfact r1(f, g)\n\
     rule r1: r1(?h, ?a) and ?a t implies ?h t\n\
     rule r2: r2(?h, ?a, ?b) and ?a t and ?b t implies ?h t\n\
     scenario added { assume r1(g, a) }\n\
     scenario forbidden { assume not r2(c, a, b) }\n\
     scenario weak { assume r1(h, d) [unlikely] }\n",
    "fact x t [likely]\nfact y t\nfact a n [unlikely]\n\
     rule r1: y t implies z t\nrule r2: z t implies x t\n\
     rule r3: x t and not a n implies w t [very_likely]\n\
     rule r4: w t and z t implies v t\n\
     rule r5: v t and not a n implies u q\n\
     scenario no_a { assume not a n }\nscenario sure_a { assume a n }\n",
    "fact g(a, b)\nfact g(b, c)\nfact b c [likely]\nfact a t\nfact c n [even_chance]\n\
     rule r: g(?s, ?p) and ?p c and not ?s n implies ?s c\n\
     rule q: a c and b c implies d c\n\
     scenario more { assume g(c, a) }\nscenario less { assume not g(a, b) }\n",
];

#[test]
fn a_full_network_runs_clauses_by_joins_with_the_same_answers() {
    for text in PROGRAMS {
        let analysis = Analysis::parse("t.augur", text).expect("the program checks");
        let program = analysis.program();
        let records = Engine::new(program);
        let joins = Engine::with_network_limit(program, 0);
        // Room for a few records only: some clauses ground, the rest by joins.
        let some = Engine::with_network_limit(program, 40);
        assert!(ground(&records) > 0, "{text}");
        assert_eq!(ground(&joins), 0, "no room, nothing counted: {text}");
        assert!(ground(&some) < ground(&records), "{text}");
        let expected = atoms(&records);
        assert_eq!(atoms(&joins), expected, "{text}");
        assert_eq!(atoms(&some), expected, "{text}");
    }
}

#[test]
fn instances_stand_in_for_their_clause_only_while_the_network_has_room() {
    let analysis = Analysis::parse("t.augur", PROGRAMS[0]).expect("the program checks");
    let instances = |engine: &Engine<'_>| -> usize {
        let strata = engine.strata.iter();
        strata
            .flat_map(|s| s.instances())
            .map(|i| i.ids().count())
            .sum()
    };
    let program = analysis.program();
    assert_eq!(
        instances(&Engine::new(program)),
        4,
        "one per r1 and r2 fact"
    );
    assert_eq!(instances(&Engine::with_network_limit(program, 0)), 0);
}

#[test]
fn a_trigger_finds_each_values_plans_in_registration_order_dense_or_sparse() {
    use super::stratum::Trigger;
    use super::{ClauseId, Wake};
    let wake = |c: usize, d: usize| Wake::new(ClauseId::new(c).expect("small"), d);
    let s = SymbolId;
    // Values registered out of order, one value twice.
    let keys = |big: u32| {
        vec![
            (s(big), wake(0, 0)),
            (s(3), wake(1, 1)),
            (s(big), wake(2, 0)),
        ]
    };
    // Symbol 7 is a dense table's; symbol 1,000,000 needs the hash map.
    for big in [7, 1_000_000] {
        let trigger = Trigger::new(0, keys(big));
        assert_eq!(trigger.woken(s(big)), [wake(0, 0), wake(2, 0)], "{big}");
        assert_eq!(trigger.woken(s(3)), [wake(1, 1)], "{big}");
        assert_eq!(trigger.woken(s(4)), [], "{big}");
        assert_eq!(trigger.woken(s(2_000_000)), [], "past the table: {big}");
    }
}
