//! Declared names: documents, scenarios, conflicts and rules, their duplicates and
//! references. The names are gathered item by item as pieces of a file arrive
//! ([`Declared`]), before the items are lowered, since a test may name a scenario or a
//! conflict declared after it.

use compact_str::CompactString;
use std::collections::hash_map::Entry;

use super::*;

/// The names declared so far, and the duplicates among them, by kind: reported before any
/// item's problem, documents first, then scenarios, conflicts and rules, as if each kind
/// were checked over the whole program before lowering.
#[derive(Default)]
pub(super) struct Declared {
    /// Each document name: where first declared.
    documents: HashMap<CompactString, Span>,
    /// The first declaration of each document, in order.
    document_list: Vec<Document>,
    /// Declared scenarios in order: name and where the name is written.
    scenarios: Vec<(CompactString, Span)>,
    /// The first top-level `assume`: where scenario `default` is declared.
    top_assume: Option<Span>,
    /// Conflicts and tensions, which share one table and one namespace.
    pub(super) conflicts: ConflictNames,
    /// Each rule name: where first declared.
    rules: HashMap<CompactString, Span>,
    /// Duplicates of documents, conflicts and rules, each kind in declaration order.
    duplicates: [Vec<CheckError>; 3],
}

/// Where in [`Declared::duplicates`] each kind's reports go.
const DOCUMENTS: usize = 0;
const CONFLICTS: usize = 1;
const RULES: usize = 2;

impl Lowering<'_> {
    /// Takes in the name an item declares, if any.
    pub(super) fn declare(&self, d: &mut Declared, item: &Item) {
        match item {
            Item::Document(doc) => match d.documents.get(&doc.name.text) {
                Some(&earlier) => {
                    let report = self.duplicate_report("document", &doc.name, earlier);
                    d.duplicates[DOCUMENTS].push(report);
                }
                None => {
                    d.documents.insert(doc.name.text.clone(), doc.name.span);
                    d.document_list.push(Document {
                        name: doc.name.text.to_string(),
                        title: doc.title.clone(),
                        file: doc.file.clone(),
                        span: doc.span,
                    });
                }
            },
            Item::Scenario(s) => d.scenarios.push((s.name.text.clone(), s.name.span)),
            Item::Assume(a) => {
                d.top_assume.get_or_insert(a.span);
            }
            Item::Conflict(c) => self.declare_conflict(d, c),
            // One probe a rule: a name is inline, so the key costs no allocation.
            Item::Rule(r) => match d.rules.entry(r.name.text.clone()) {
                Entry::Occupied(earlier) => {
                    let report = self.duplicate_report("rule", &r.name, *earlier.get());
                    d.duplicates[RULES].push(report);
                }
                Entry::Vacant(slot) => {
                    slot.insert(r.name.span);
                }
            },
            _ => {}
        }
    }

    fn declare_conflict(&self, d: &mut Declared, c: &ast::Conflict) {
        let next = ConflictId::from_index(d.conflicts.len());
        match d.conflicts.get(c.name.text.as_str()) {
            Some(&(_, first_kind, earlier)) => {
                let kind = if first_kind == c.kind {
                    c.kind.keyword()
                } else {
                    "conflict or tension"
                };
                let report = self.duplicate_report(kind, &c.name, earlier);
                d.duplicates[CONFLICTS].push(report);
            }
            None => {
                d.conflicts
                    .insert(c.name.text.to_string(), (next, c.kind, c.name.span));
            }
        }
    }

    /// Once every item is declared: the documents, the scenario table (see
    /// [`Lowering::scenario_names`]) and every duplicate, in the order reported.
    pub(super) fn declared(
        &self,
        d: &mut Declared,
    ) -> (
        Vec<Document>,
        HashMap<String, ScenarioId>,
        Vec<Scenario>,
        Vec<CheckError>,
    ) {
        let (ids, scenarios, scenario_duplicates) = self.scenario_names(d);
        let [documents, conflicts, rules] = std::mem::take(&mut d.duplicates);
        let mut duplicates = documents;
        duplicates.extend(scenario_duplicates);
        duplicates.extend(conflicts);
        duplicates.extend(rules);
        let documents = std::mem::take(&mut d.document_list);
        (documents, ids, scenarios, duplicates)
    }

    pub(super) fn duplicate(&mut self, kind: &'static str, name: &str, span: Span, earlier: Span) {
        let report = self.duplicate_error(kind, name, span, earlier);
        self.problems.push(report);
    }

    fn duplicate_report(&self, kind: &'static str, name: &ast::Name, earlier: Span) -> CheckError {
        self.duplicate_error(kind, &name.text, name.span, earlier)
    }

    fn duplicate_error(
        &self,
        kind: &'static str,
        name: &str,
        span: Span,
        earlier: Span,
    ) -> CheckError {
        let (first, help) = self.other_place(span, earlier, "first declared");
        let help = format!("{help}; names must be unique so that explanations can refer to them");
        CheckError::DuplicateName {
            kind,
            name: name.to_owned(),
            span: span.into(),
            first,
            help,
            src: self.src(span),
        }
    }

    /// Scenario ids in declaration order, `default` first when top-level `assume` lines
    /// exist or no scenario is declared at all; and the duplicates.
    fn scenario_names(
        &self,
        d: &Declared,
    ) -> (HashMap<String, ScenarioId>, Vec<Scenario>, Vec<CheckError>) {
        let mut out = Vec::new();
        let mut ids = HashMap::default();
        let mut duplicates = Vec::new();
        if d.top_assume.is_some() || d.scenarios.is_empty() {
            ids.insert(DEFAULT_SCENARIO.to_owned(), ScenarioId(0));
            out.push(Scenario {
                name: DEFAULT_SCENARIO.into(),
                extends: None,
                assumptions: Vec::new(),
                span: d.top_assume.unwrap_or_default(),
            });
        }
        for (name, span) in &d.scenarios {
            if ids.contains_key(name.as_str()) {
                let earlier = out
                    .iter()
                    .find(|o: &&Scenario| o.name == name.as_str())
                    .map_or(*span, |o| o.span);
                duplicates.push(self.duplicate_error("scenario", name, *span, earlier));
                continue;
            }
            ids.insert(name.to_string(), ScenarioId::from_index(out.len()));
            out.push(Scenario {
                name: name.to_string(),
                extends: None,
                assumptions: Vec::new(),
                span: *span,
            });
        }
        (ids, out, duplicates)
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
