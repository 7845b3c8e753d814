//! Atoms, arguments and variables: predicates interned with one arity, constants interned,
//! variables numbered and checked for safety.

use super::*;
use crate::program::symbols::ValueRef;

impl Lowering<'_> {
    /// Reports each variable in `sites` that is not in `bound`, once per owner.
    pub(super) fn check_safety<'t>(
        &mut self,
        (kind, name): (&str, &str),
        bound: &[&str],
        sites: impl Iterator<Item = &'t ast::TermNode>,
    ) -> bool {
        // Rules have a handful of variables: a vector beats hashing here.
        let mut reported: Vec<&str> = Vec::new();
        for t in sites {
            if let ast::Term::Var(v) = &t.term
                && !bound.contains(&v.as_str())
                && !reported.contains(&v.as_str())
            {
                reported.push(v);
                self.problems.push(CheckError::UnsafeVariable {
                    var: v.to_string(),
                    owner: format!("{kind} `{name}`"),
                    span: t.span.into(),
                    src: self.src(t.span),
                });
            }
        }
        reported.is_empty()
    }

    pub(super) fn pred(&mut self, atom: &ast::Atom) -> Option<PredId> {
        let name = &atom.predicate.text;
        let arity = atom.args.len();
        // Most atoms use the predicate the atom before used (every atom of a network of
        // propositions does): one comparison instead of a hash and a probe.
        let recent = self
            .recent
            .filter(|id| self.predicates[id.index()].name == name.as_str());
        let Some(id) = recent.or_else(|| self.by_name.get(name.as_str()).copied()) else {
            let id = PredId::from_index(self.predicates.len());
            self.predicates.push(Predicate {
                name: name.to_string(),
                arity,
                first_use: atom.span,
            });
            self.by_name.insert(name.to_string(), id);
            self.recent = Some(id);
            return Some(id);
        };
        self.recent = Some(id);
        let first = &self.predicates[id.index()];
        if first.arity == arity {
            return Some(id);
        }
        if self.reported.insert((id, arity)) {
            let (first_arity, first_span) = (first.arity, first.first_use);
            let (first, help) = self.other_place(
                atom.span,
                first_span,
                &format!(
                    "`{name}` was first used with {}",
                    suggest::count(first_arity, "argument")
                ),
            );
            let help =
                format!("{help}; a predicate has one arity everywhere, so rename one of them");
            self.problems.push(CheckError::ArityMismatch {
                predicate: name.to_string(),
                arity,
                first_arity,
                span: atom.span.into(),
                first,
                help,
                src: self.src(atom.span),
            });
        }
        None
    }

    pub(super) fn pattern(
        &mut self,
        atom: &ast::Atom,
        vars: &mut Vec<String>,
    ) -> Option<AtomPattern> {
        let pred = self.pred(atom)?;
        let args = atom
            .args
            .iter()
            .map(|t| match &t.term {
                ast::Term::Var(v) => Arg::Var(var_id(vars, v)),
                other => Arg::Const(self.constant(other)),
            })
            .collect();
        Some(AtomPattern {
            pred,
            args,
            span: atom.span,
        })
    }

    pub(super) fn ground(&mut self, atom: &ast::Atom, what: &'static str) -> Option<GroundAtom> {
        if let Some(t) = atom
            .args
            .iter()
            .find(|t| matches!(t.term, ast::Term::Var(_)))
        {
            let ast::Term::Var(var) = &t.term else {
                return None;
            };
            self.problems.push(CheckError::VariableInGroundAtom {
                what,
                var: var.to_string(),
                span: t.span.into(),
                src: self.src(t.span),
            });
            return None;
        }
        let pred = self.pred(atom)?;
        let args = atom.args.iter().map(|t| self.constant(&t.term)).collect();
        Some(GroundAtom { pred, args })
    }

    pub(super) fn constant(&mut self, term: &ast::Term) -> SymbolId {
        let value = match term {
            ast::Term::Ident(s) | ast::Term::Var(s) => ValueRef::Ident(s),
            ast::Term::Int(n) => ValueRef::Int(*n),
            ast::Term::Str(s) => ValueRef::Str(s),
        };
        self.symbols.intern_ref(value)
    }
}
