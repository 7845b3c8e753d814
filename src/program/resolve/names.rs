//! Declared names: documents, scenarios and conflicts, their duplicates and references.

use super::*;

impl Lowering<'_> {
    pub(super) fn documents(&mut self, items: &[&Item]) -> Vec<Document> {
        let names = items.iter().filter_map(|i| match i {
            Item::Document(d) => Some(&d.name),
            _ => None,
        });
        self.unique_names("document", names);
        let mut seen = HashSet::default();
        items
            .iter()
            .filter_map(|i| match i {
                Item::Document(d) => Some(d),
                _ => None,
            })
            .filter(|d| seen.insert(d.name.text.to_string()))
            .map(|d| Document {
                name: d.name.text.to_string(),
                title: d.title.clone(),
                file: d.file.clone(),
                span: d.span,
            })
            .collect()
    }

    /// Reports duplicates among `names`; returns the first span of each name.
    /// Reports every name of `names` declared a second time.
    pub(super) fn unique_names<'n>(
        &mut self,
        kind: &'static str,
        names: impl Iterator<Item = &'n ast::Name> + Clone,
    ) {
        // A generated rule base has millions of names: size the table once.
        let mut first: HashMap<&'n str, Span> = HashMap::default();
        first.reserve(names.clone().count());
        for name in names {
            match first.entry(name.text.as_str()) {
                std::collections::hash_map::Entry::Occupied(earlier) => {
                    let earlier = *earlier.get();
                    self.duplicate(kind, &name.text, name.span, earlier);
                }
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(name.span);
                }
            }
        }
    }

    pub(super) fn duplicate(&mut self, kind: &'static str, name: &str, span: Span, earlier: Span) {
        let (first, help) = self.other_place(span, earlier, "first declared");
        let help = format!("{help}; names must be unique so that explanations can refer to them");
        self.problems.push(CheckError::DuplicateName {
            kind,
            name: name.to_owned(),
            span: span.into(),
            first,
            help,
            src: self.src(span),
        });
    }

    /// Scenario ids in declaration order, `default` first when top-level `assume` lines
    /// exist or no scenario is declared at all.
    pub(super) fn scenario_names(
        &mut self,
        items: &[&Item],
    ) -> (HashMap<String, ScenarioId>, Vec<Scenario>) {
        let declared: Vec<&ast::Scenario> = items
            .iter()
            .filter_map(|i| match i {
                Item::Scenario(s) => Some(s),
                _ => None,
            })
            .collect();
        let top_assume = items.iter().find_map(|i| match i {
            Item::Assume(a) => Some(a.span),
            _ => None,
        });
        let mut out = Vec::new();
        let mut ids = HashMap::default();
        if top_assume.is_some() || declared.is_empty() {
            ids.insert(DEFAULT_SCENARIO.to_owned(), ScenarioId(0));
            out.push(Scenario {
                name: DEFAULT_SCENARIO.into(),
                extends: None,
                assumptions: Vec::new(),
                span: top_assume.unwrap_or_default(),
            });
        }
        for s in declared {
            if ids.contains_key(s.name.text.as_str()) {
                let earlier = out
                    .iter()
                    .find(|o: &&Scenario| o.name == s.name.text)
                    .map_or(s.name.span, |o| o.span);
                self.duplicate("scenario", &s.name.text, s.name.span, earlier);
                continue;
            }
            ids.insert(s.name.text.to_string(), ScenarioId::from_index(out.len()));
            out.push(Scenario {
                name: s.name.text.to_string(),
                extends: None,
                assumptions: Vec::new(),
                span: s.name.span,
            });
        }
        (ids, out)
    }

    pub(super) fn scenario_ref(
        &mut self,
        name: &ast::Name,
        scenarios: &HashMap<String, ScenarioId>,
    ) -> Option<ScenarioId> {
        if let Some(&id) = scenarios.get(name.text.as_str()) {
            return Some(id);
        }
        let known = self
            .known
            .entry("scenario")
            .or_insert_with(|| Names::new(scenarios.keys().map(String::as_str)));
        let help = known.did_you_mean(&name.text, |all| format!("declared scenarios: {all}"));
        self.problems.push(CheckError::UnknownScenario {
            name: name.text.to_string(),
            span: name.span.into(),
            help,
            src: self.src(name.span),
        });
        None
    }

    /// `expect conflict NAME` or `expect tension NAME`: the name must be declared, and with
    /// the keyword the expectation uses.
    pub(super) fn conflict_ref(
        &mut self,
        kind: ast::ConflictKind,
        name: &ast::Name,
        conflicts: &ConflictNames,
    ) -> Option<ConflictId> {
        match conflicts.get(name.text.as_str()) {
            Some(&(id, declared, _)) if declared == kind => {
                return Some(id);
            }
            Some(&(_, declared, _)) => {
                self.problems.push(CheckError::ConflictKindMismatch {
                    name: name.text.to_string(),
                    kind,
                    declared,
                    span: name.span.into(),
                    src: self.src(name.span),
                });
                return None;
            }
            None => {}
        }
        let known = self.known.entry(kind.keyword()).or_insert_with(|| {
            let of_kind = conflicts.iter().filter(|(_, (_, k, _))| *k == kind);
            Names::new(of_kind.map(|(n, _)| n.as_str()))
        });
        let help = known.did_you_mean(&name.text, |all| format!("declared {kind}s: {all}"));
        self.problems.push(CheckError::UnknownConflict {
            kind,
            name: name.text.to_string(),
            span: name.span.into(),
            help,
            src: self.src(name.span),
        });
        None
    }
}
