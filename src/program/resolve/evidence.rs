//! Lowering `indicator` and `observed`: interned like any atom (so arities are checked and
//! unknown names reach the checks of what can hold), kept in tables of their own that no
//! derivation reads.

use super::*;

impl Lowering<'_> {
    /// `indicator ATOM`: a pattern; its variables match any constant.
    pub(super) fn indicator(&mut self, i: &ast::Indicator, p: &mut Program) {
        let mut vars = Vec::new();
        if let Some(atom) = self.pattern(&i.atom, &mut vars) {
            p.evidence.indicators.push(Indicator {
                atom,
                vars,
                cites: cites(&i.cites),
                span: i.span,
            });
        }
    }

    /// `observed [not] ATOM [LEVEL]`: evidence is something seen, so its atom is ground.
    pub(super) fn observation(&mut self, o: &ast::Observed, p: &mut Program) {
        if let Some(atom) = self.ground(&o.atom, "an observation") {
            p.evidence.observations.push(Observation {
                atom,
                negated: o.negated,
                credibility: level(o.level),
                cites: cites(&o.cites),
                span: o.span,
            });
        }
    }

    /// One indicator per atom: a second would be a second row of the same matrix. Two
    /// indicators are the same when they differ only in the names of their variables.
    pub(super) fn check_duplicate_indicators(&mut self, p: &Program) {
        let mut seen: HashMap<(PredId, &[Arg]), Span> = HashMap::default();
        for i in p.indicators() {
            match seen.get(&(i.atom.pred, &i.atom.args[..])) {
                Some(&earlier) => {
                    let shown = show_pattern(&self.symbols, &self.predicates, &i.atom, &i.vars);
                    let (first, help) = self.other_place(i.span, earlier, "first declared");
                    self.problems.push(CheckError::DuplicateName {
                        kind: "indicator",
                        name: shown,
                        span: i.span.into(),
                        first,
                        help: format!("{help}; remove one: each indicator is one row of the matrices that list them"),
                        src: self.src(i.span),
                    });
                }
                None => {
                    seen.insert((i.atom.pred, &i.atom.args[..]), i.span);
                }
            }
        }
    }
}

/// A pattern in canonical form, before the program's tables are assembled.
fn show_pattern(
    symbols: &Symbols,
    predicates: &[Predicate],
    atom: &AtomPattern,
    vars: &[String],
) -> String {
    let args: Vec<String> = atom
        .args
        .iter()
        .map(|a| match a {
            Arg::Const(c) => symbols.show(*c),
            Arg::Var(v) => format!("?{}", vars.get(v.index()).map_or("_", String::as_str)),
        })
        .collect();
    canonical_atom(&predicates[atom.pred.index()].name, &args)
}
