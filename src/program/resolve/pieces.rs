//! Lowering a program as its pieces arrive, each dropped once lowered, so that a large rule
//! base never holds its whole syntax tree (more than a GB at W2 1M) beside the program.
//!
//! What the lowering of an item needs from items after it is small and gathered as each
//! piece arrives, before its items are lowered: the names declared ([`Declared`]) and the
//! whole-program checks before lowering ([`Levels`], [`Confusable`]), whose reports are put
//! back in the order of a check over the whole tree. Only `scenario` and `test` items need
//! a name declared later (a scenario a test runs in, the one a scenario extends, a conflict
//! a test expects): from the first piece that holds one, pieces are kept whole until the
//! last has arrived, and lowered then.

use super::names::Declared;
use super::*;
use crate::program::confusable::Confusable;
use crate::program::levels::Levels;

/// A program being lowered piece by piece: [`Lowerer::piece`] for each piece in order,
/// then [`Lowerer::finish`].
pub(in crate::program) struct Lowerer<'a> {
    l: Lowering<'a>,
    /// The tables lowered so far; its sources are set when the check completes.
    program: Program,
    levels: Levels,
    confusable: Confusable,
    declared: Declared,
    /// The pieces from the first that holds a scenario or a test on, not lowered yet.
    held: Option<Vec<ast::File>>,
}

/// A program lowered: its tables (without sources), the reports of the checks made on the
/// syntax tree before lowering, and those of lowering itself.
pub(in crate::program) struct Done {
    pub program: Program,
    pub before: Vec<CheckError>,
    pub lowering: Vec<CheckError>,
}

impl<'a> Lowerer<'a> {
    pub(in crate::program) fn new(sources: &'a SourceMap) -> Self {
        Lowerer {
            l: Lowering::new(sources),
            program: Program {
                sources: SourceMap::new(),
                symbols: Symbols::default(),
                predicates: Vec::new(),
                documents: Vec::new(),
                facts: Vec::new(),
                assumables: Vec::new(),
                rules: Vec::new(),
                choices: Vec::new(),
                conflicts: Vec::new(),
                scenarios: Vec::new(),
                tests: Vec::new(),
                opens: Vec::new(),
                evidence: Default::default(),
                strata: Vec::new(),
            },
            levels: Levels::default(),
            confusable: Confusable::default(),
            declared: Declared::default(),
            held: None,
        }
    }

    /// Takes the next piece of the program and lowers it, unless a scenario or a test has
    /// been met, which waits for every name. Gives back the piece lowered, for the caller
    /// to free.
    pub(in crate::program) fn piece(&mut self, piece: ast::File) -> Option<ast::File> {
        let sources = self.l.sources;
        let mut named_later = false;
        for item in &piece.items {
            self.levels.item(sources, item);
            self.confusable.item(sources, item);
            self.l.declare(&mut self.declared, item);
            named_later |= matches!(item, Item::Scenario(_) | Item::Test(_));
        }
        if named_later || self.held.is_some() {
            self.held.get_or_insert_default().push(piece);
            return None;
        }
        // No scenario or test here: nothing looks the scenario table up.
        let no_scenarios = HashMap::default();
        for item in &piece.items {
            let conflicts = &self.declared.conflicts;
            self.l
                .item(item, &mut self.program, &no_scenarios, conflicts);
        }
        Some(piece)
    }

    /// Lowers the pieces held, then checks what needs the whole program.
    pub(in crate::program) fn finish(mut self) -> Done {
        let (documents, scenario_ids, scenarios, duplicates) = self.l.declared(&mut self.declared);
        let mut program = self.program;
        program.documents = documents;
        program.scenarios = scenarios;
        let mut l = self.l;
        for item in self.held.into_iter().flatten().flat_map(|f| f.items) {
            l.item(&item, &mut program, &scenario_ids, &self.declared.conflicts);
        }
        // Top-level `assume` lines exist only if scenario `default` does, first.
        let assumed = std::mem::take(&mut l.default_assumptions);
        if let Some(default) = program
            .scenarios
            .first_mut()
            .filter(|_| !assumed.is_empty())
        {
            default.assumptions = assumed;
        }
        // Grown by doubling as pieces arrived: give back what the last doubling left.
        program.rules.shrink_to_fit();
        program.facts.shrink_to_fit();
        l.check_cites(&program);
        l.check_duplicate_indicators(&program);
        l.check_open_expectations(&program);
        l.check_contradictions(&program);
        l.check_extends_cycles(&program);
        program.symbols = l.symbols;
        program.predicates = l.predicates;
        let mut before = self.levels.finish();
        before.extend(self.confusable.finish());
        let mut lowering = duplicates;
        lowering.extend(l.problems);
        Done {
            program,
            before,
            lowering,
        }
    }
}
