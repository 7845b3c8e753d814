use super::*;
use crate::Analysis;
use crate::engine::Options;

const PROGRAM: &str = r#"
    document seed "The article" file "a.txt"
    document other "Unused"
    fact china is rival cite seed "China"
    fact china invests_in brazil
    assumable us withdraws
    assumable ?c aligns_with ?p
    rule gap { when us withdraws and ?r is rival then ?r fills gap likely cite seed "gap" }
    rule calm: not us withdraws and china invests_in ?c implies ?c is calm unlikely
    open us defends guyana when us withdraws cite seed "remains to be seen"
    open eu extends_to security
    scenario base { assume not us withdraws }
    scenario retreat extends base { assume us withdraws very_likely }
    test "rivals move" in retreat { expect china fills gap expect not brazil is calm }
"#;

fn analysis() -> Analysis {
    Analysis::parse("t.augur", PROGRAM).expect("checks")
}

#[test]
fn scenarios_rules_tests_open_and_documents_as_declared() {
    let a = analysis();
    let p = a.program();
    assert_eq!(
        scenarios(p).text(),
        "base     t.augur:12                0 assumed, 1 forbidden\n\
         retreat  t.augur:13  extends base  1 assumed, 0 forbidden\n"
    );
    assert_eq!(
        rules(p).text(),
        "gap   likely    t.augur:8  concludes ?r fills gap\n\
         calm  unlikely  t.augur:9  concludes ?c is calm\n"
    );
    let Listing::Rules(list) = rules(p) else {
        unreachable!("rules lists rules")
    };
    assert_eq!(
        list[1].premises,
        ["not us withdraws", "china invests_in ?c"]
    );
    assert_eq!(
        tests(p).text(),
        "\"rivals move\"  in retreat  t.augur:14  2 expectations\n"
    );
    assert_eq!(
        open(p).text(),
        "us defends guyana       t.augur:10  when us withdraws\n\
         eu extends_to security  t.augur:11\n"
    );
    assert_eq!(
        documents(p).text(),
        "seed   \"The article\"  t.augur:2  file \"a.txt\"  3 citations\n\
         other  \"Unused\"       t.augur:3  no file       0 citations\n"
    );
}

#[test]
fn predicates_by_name_with_their_producers() {
    let a = analysis();
    assert_eq!(
        predicates(a.program()).text(),
        "?a aligns_with ?b  assumable                   t.augur:7\n\
         ?a defends ?b      no fact, rule or assumable  t.augur:10\n\
         ?a extends_to ?b   no fact, rule or assumable  t.augur:11\n\
         ?a fills ?b        1 rule                      t.augur:8\n\
         ?a invests_in ?b   1 fact                      t.augur:5\n\
         ?a is ?b           1 fact, 1 rule              t.augur:4\n\
         ?a withdraws       assumable                   t.augur:6\n"
    );
}

#[test]
fn atoms_say_where_they_hold() {
    let a = analysis();
    let models = a.run_all(&Options::default()).expect("runs");
    // `brazil is calm`: `not us withdraws` is certain in base (forbidden there) and mirrors
    // very_likely as very_unlikely in retreat, below the rule's unlikely.
    assert_eq!(
        atoms(a.program(), &models).text(),
        "brazil is calm           very_unlikely to unlikely in every scenario\n\
         china fills gap          likely in 1 of 2 scenarios\n\
         china invests_in brazil  certain in every scenario\n\
         china is rival           certain in every scenario\n\
         eu extends_to security   open in 2 scenarios\n\
         us defends guyana        open in 1 scenario\n\
         us withdraws             very_likely in 1 of 2 scenarios\n"
    );
    let empty = Analysis::parse("e.augur", "fact a p\nscenario s { }\n").expect("checks");
    assert_eq!(tests(empty.program()).text(), "(none)\n");
}
