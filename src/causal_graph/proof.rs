//! The proof mode: one atom's strongest proof, highlighted, in its context: the other
//! rule applications that conclude its atoms, then the rest of the scenario's graph.

use super::build::{Builder, EdgeSpec, Key, atom_node, derivations, whole_scenario};
use super::{Graph, Mode, NodeId};
use crate::engine::Model;
use crate::explain::{self, By, Proof};
use crate::program::GroundAtom;

/// The proof mode: see the module documentation of [`super`]. `None` when `atom` does not
/// hold in `model`.
pub fn proof(model: &Model<'_>, atom: &GroundAtom, max_nodes: usize) -> Option<Graph> {
    let p = model.program();
    let proof = explain::why(model, atom)?;
    let mut b = Builder::new(max_nodes);
    // The proof itself first, so that a cap keeps it before its context.
    let mut derived: Vec<(GroundAtom, Option<NodeId>)> = Vec::new();
    let mut stack: Vec<&Proof<'_>> = vec![&proof];
    while let Some(step) = stack.pop() {
        let to = drawn(&mut b, model, step);
        if let By::Rule { rule } = &step.by {
            derived.push((step.atom.atom.clone(), to));
            let name = &p.rule(*rule).name;
            for premise in &step.premises {
                let from = drawn(&mut b, model, premise);
                let mut spec = EdgeSpec::rule(name, premise.atom.negated);
                spec.highlight = true;
                b.edge(from, to, spec);
                stack.push(premise);
            }
        }
        if let By::Negation { negation_of } = &step.by {
            stack.push(negation_of);
        }
    }
    for (atom, to) in &derived {
        if let Some(to) = to {
            derivations(&mut b, model, atom, *to, false);
        }
    }
    // The rest of the scenario, so the proof is seen where it stands; under a cap the
    // proof and its nearest context come first.
    whole_scenario(&mut b, model);
    b.place_derived(p);
    let scenario = p.scenarios()[model.scenario().index()].name.clone();
    Some(b.finish(Mode::Proof, Some(scenario), Some(p.show_atom(atom))))
}

/// The node a proof step draws, highlighted: its atom (for `not X`, X itself, which holds
/// below certain, does not hold, or is forbidden). A negation's own proof of X is the next
/// step, so the step for `not X` draws X without edges.
fn drawn(b: &mut Builder, model: &Model<'_>, step: &Proof<'_>) -> Option<NodeId> {
    let id = atom_node(b, model, &step.atom.atom);
    if let Some(n) = b.get(&Key::Atom(step.atom.atom.clone())) {
        n.highlight = true;
    }
    id
}
