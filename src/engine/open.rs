//! Open questions in one scenario. An `open` declaration leaves its atom undecided wherever
//! its premises hold (everywhere when it has none); everything that asks whether an atom is
//! open (why, why-not, run, tests) asks [`Model::is_open`], so the answer is the same
//! everywhere.

use super::Model;
use crate::program::{GroundAtom, Open};

impl<'p> Model<'p> {
    /// Whether `open`'s question arises in this scenario: it has no premises, or some values
    /// of their variables make them all hold (a `not` premise as in a rule). Reads the
    /// model; evaluates nothing.
    pub fn arises(&self, open: &Open) -> bool {
        !open.is_conditional()
            || self
                .first_match(&open.when, &vec![None; open.vars.len()])
                .is_some()
    }

    /// The declaration that leaves `atom` open in this scenario: the first `open` of it
    /// whose question arises here, unless the scenario settles the atom (it holds, by an
    /// assumption or a fact, or the scenario forbids it with `assume not`).
    pub fn is_open(&self, atom: &GroundAtom) -> Option<&'p Open> {
        let program = self.program();
        let mut declared = program.open_declarations(atom).peekable();
        declared.peek()?;
        if self.likelihood(atom).is_some() || self.forbids(atom) {
            return None;
        }
        declared.find(|o| self.arises(o))
    }

    /// Whether this scenario forces `atom` false with `assume not`.
    fn forbids(&self, atom: &GroundAtom) -> bool {
        self.program()
            .assumptions(self.scenario())
            .iter()
            .any(|(_, _, a)| a.negated && a.atom == *atom)
    }

    /// Every question left open in this scenario, once per atom, in declaration order.
    pub fn open_questions(&self) -> Vec<&'p Open> {
        let program = self.program();
        let mut out: Vec<&'p Open> = Vec::new();
        for o in program.opens() {
            if out.iter().all(|seen| seen.atom != o.atom)
                && let Some(open) = self.is_open(&o.atom)
            {
                out.push(open);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::Analysis;
    use crate::engine::Options;

    const PROGRAM: &str = r#"
        document seed "T"
        assumable venezuela escalates
        assumable us withdraws
        assumable trump reacts_to escalation
        open trump reacts_to escalation when venezuela escalates and not us withdraws
            cite seed "It remains to be seen how Trump would react"
        open us defends guyana
        assumable ?c escalates
        open china mediates when ?c escalates
        scenario calm { }
        scenario crisis { assume venezuela escalates }
        scenario retreat extends crisis { assume us withdraws }
        scenario settled extends crisis { assume trump reacts_to escalation }
        scenario forbidden extends crisis { assume not trump reacts_to escalation }
    "#;

    fn open_in(scenario: &str) -> Vec<String> {
        let analysis = Analysis::parse("t.augur", PROGRAM).expect("the program checks");
        let model = analysis
            .run(scenario, &Options::default())
            .expect("it runs");
        let p = analysis.program();
        model
            .open_questions()
            .iter()
            .map(|o| p.show_atom(&o.atom))
            .collect()
    }

    #[test]
    fn a_conditional_question_is_open_only_where_it_arises() {
        assert_eq!(open_in("calm"), ["us defends guyana"]);
        assert_eq!(
            open_in("crisis"),
            [
                "trump reacts_to escalation",
                "us defends guyana",
                "china mediates"
            ]
        );
        let retreat = open_in("retreat");
        assert_eq!(
            retreat,
            ["us defends guyana", "china mediates"],
            "a `not` premise fails"
        );
        let settled = open_in("settled");
        assert_eq!(
            settled,
            ["us defends guyana", "china mediates"],
            "assumed, so settled"
        );
        let forbidden = open_in("forbidden");
        assert_eq!(
            forbidden,
            ["us defends guyana", "china mediates"],
            "forbidden, so settled"
        );
    }

    #[test]
    fn is_open_answers_per_atom() {
        let analysis = Analysis::parse("t.augur", PROGRAM).expect("the program checks");
        let atom = analysis
            .atom("trump reacts_to escalation")
            .expect("it can hold");
        let calm = analysis.run("calm", &Options::default()).expect("it runs");
        let crisis = analysis
            .run("crisis", &Options::default())
            .expect("it runs");
        assert!(calm.is_open(&atom).is_none());
        let open = crisis.is_open(&atom).expect("open in a crisis");
        assert_eq!(open.cites.len(), 1);
    }
}
