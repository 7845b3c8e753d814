//! Indicators and observations against what can ever hold: an atom no scenario can derive
//! is absent everywhere, so it tells no scenario (no hypothesis) from another; that is
//! almost always a misspelled name.

use super::super::{Arg, AtomPattern};
use super::{Args, CheckError, Checker};

impl Checker<'_> {
    pub(super) fn evidence(&mut self) {
        let p = self.p;
        for i in p.indicators() {
            // An open question is undecided, not absent: a scenario that settles it does.
            if !self.never(&i.atom) || self.opens.matching(&i.atom).is_some() {
                continue;
            }
            let shown = p.show_pattern(&i.atom, &i.vars);
            self.report("indicator", shown, &i.atom);
        }
        for o in p.observations() {
            let atom = &o.atom;
            if self.opens.declared(atom)
                || self.possible.can_hold(atom.pred, Args::Ground(&atom.args))
            {
                continue;
            }
            let pattern = AtomPattern {
                pred: atom.pred,
                args: atom.args.iter().map(|&c| Arg::Const(c)).collect(),
                span: o.span,
            };
            let what = if o.negated {
                "observed not"
            } else {
                "observed"
            };
            self.report(what, p.show_atom(atom), &pattern);
        }
    }

    fn report(&mut self, what: &'static str, atom: String, pattern: &AtomPattern) {
        let help = self.help(
            &atom,
            pattern,
            "no fact, assumption, assumable or rule can produce it: fix the atom, or add the rule the analysis is missing",
        );
        let span = pattern.span;
        self.out.push(CheckError::EvidenceNeverHolds {
            what,
            atom,
            span: span.into(),
            help,
            src: self.src(span),
        });
    }
}
