//! The strongest proof of an atom (`why`), and the nodes of `not` premises.

use crate::engine::{Leaf, Model, TupleId};
use crate::likelihood::Likelihood;
use crate::program::{GroundAtom, PredId};

use super::build::folded;
use super::{Build, By, Cx, Limits, Literal, Proof, build, forbidding};

/// The strongest proof of `atom` (its likelihood is the atom's), and among those one of
/// minimal height; `None` when the atom does not hold, or when the model was evaluated
/// without provenance.
pub fn why<'p>(model: &Model<'p>, atom: &GroundAtom) -> Option<Proof<'p>> {
    why_within(model, atom, Limits::PRODUCTION)
}

/// [`why`] within `limits`.
pub(crate) fn why_within<'p>(
    model: &Model<'p>,
    atom: &GroundAtom,
    limits: Limits,
) -> Option<Proof<'p>> {
    if !model.has_provenance() {
        return None;
    }
    let t = model.find(atom)?;
    let level = model.tuple_likelihood(atom.pred, t)?;
    let mut cx = Cx::within(model.program(), limits);
    Some(strongest(model, atom.pred, t, level, 0, &mut cx))
}

/// What [`strongest`] builds a node from: a tuple at a level, or a `not` premise.
enum Strong {
    Tuple(PredId, TupleId, Likelihood),
    Not(GroundAtom),
}

/// The lowest proof of a tuple whose every step is at least `level`, its root at `depth`.
pub(crate) fn strongest<'p>(
    model: &Model<'p>,
    pred: PredId,
    t: TupleId,
    level: Likelihood,
    depth: usize,
    cx: &mut Cx,
) -> Proof<'p> {
    let root = Strong::Tuple(pred, t, level);
    build(
        model.program(),
        root,
        depth,
        cx,
        &mut |spec, depth, cx, fold| match spec {
            Strong::Not(atom) => Build::Done(negation_within(model, &atom, depth, cx)),
            Strong::Tuple(pred, t, level) => strongest_step(model, cx, pred, t, level, fold),
        },
    )
}

/// One node of a strongest proof: a leaf, a fold, or the rule application the model names
/// as the derivation of the tuple at `level`.
fn strongest_step<'p>(
    model: &Model<'p>,
    cx: &Cx,
    pred: PredId,
    t: TupleId,
    level: Likelihood,
    fold: bool,
) -> Build<'p, Strong> {
    let p = model.program();
    let atom = model.atom(pred, t);
    let height = model.height_at(pred, t, level);
    if height == Some(0)
        && let Some((leaf, value)) = model.leaf(pred, t)
    {
        return Build::Done(Proof::leaf(
            p,
            Literal::holds(atom),
            value,
            leaf_by(leaf),
            0,
        ));
    }
    let derivation = if fold {
        None
    } else {
        model.derivation_at(pred, t, level, cx.concluding(pred))
    };
    // Without `fold`, `None` is unreachable at a fixpoint (some derivation attains the
    // recorded height); it is shown as a fold rather than a panic.
    let Some(d) = derivation else {
        return Build::Done(folded(p, atom, level, height.unwrap_or(0)));
    };
    let rule = p.rule(d.rule);
    let premises = rule
        .premises
        .iter()
        .zip(&d.premises)
        .map(|(prem, m)| match m {
            Some((pp, pt)) => Strong::Tuple(*pp, *pt, level),
            None => Strong::Not(prem.atom.ground(&d.bindings)),
        })
        .collect();
    Build::Rule {
        rule: d.rule,
        atom,
        premises,
    }
}

/// The node of a `not X` premise that holds, X being `atom`: forbidden by the scenario,
/// absent, or holding below `certain` (then X's proof, built at `depth`, is the reason
/// for the mirrored likelihood). Its height is 0, as the engine counts it: a `not` is
/// no rule application, whatever X's proof.
pub(crate) fn negation<'p>(model: &Model<'p>, atom: &GroundAtom, depth: usize) -> Proof<'p> {
    negation_within(model, atom, depth, &mut Cx::new(model.program()))
}

/// [`negation`], X's proof drawing on the rule applications left in `cx`.
pub(crate) fn negation_within<'p>(
    model: &Model<'p>,
    atom: &GroundAtom,
    depth: usize,
    cx: &mut Cx,
) -> Proof<'p> {
    let p = model.program();
    let node = |likelihood, by| Proof::leaf(p, Literal::not(atom.clone()), likelihood, by, 0);
    if let Some(origin) = forbidding(model, atom) {
        return node(Likelihood::Certain, By::Forbidden { origin });
    }
    let Some(t) = model.find(atom) else {
        return node(Likelihood::Certain, By::Absent);
    };
    // A `not` premise that matched has an X below `certain`: X certain (no mirror) is
    // unreachable here, and shown as a fold rather than a panic.
    let level = model.tuple_likelihood(atom.pred, t);
    let Some((level, likelihood)) = level.and_then(|l| Some((l, l.negated()?))) else {
        return node(Likelihood::Certain, By::Folded);
    };
    let negation_of = Box::new(strongest(model, atom.pred, t, level, depth, cx));
    node(likelihood, By::Negation { negation_of })
}

/// How a leaf is shown.
pub(crate) fn leaf_by<'p>(leaf: Leaf) -> By<'p> {
    match leaf {
        Leaf::Hypothesis(_) => By::Hypothesized,
        Leaf::Fact(fact) => By::Fact { fact },
        Leaf::Assumed { scenario, index } => By::Assumed {
            scenario,
            // A u32 always fits a usize on the targets augur builds for (32 and 64 bits).
            index: index as usize,
        },
    }
}
