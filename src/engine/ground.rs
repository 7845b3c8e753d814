//! Ground clauses as flat records: the counter algorithm's data.
//!
//! A clause without variables, or an instance of a rule kept as data (see
//! [`compile::guard`](super::compile::guard)), is evaluated by counting: it waits for its
//! premises in its own stratum to appear, then looks its premises up once (the
//! Dowling-Gallier counter algorithm). Its record is a few adjacent words, so that firing
//! one does not chase the rule's premise and argument lists across the heap: a large
//! ground network is cache-miss bound.

use crate::likelihood::Likelihood;
use crate::program::unify::value;
use crate::program::{Arg, PredId, Program, Rule, RuleId, SymbolId};

/// A ground clause's record in a stratum's block of words.
///
/// What a counted ground record holds, step by step:
/// 1. **Layout**: rule id, likelihood rank, head slot, head arity and values, premise
///    count, then per premise (as written) its predicate, its kind ([`Premise`]), its
///    arity and its values. Every value is a symbol id: a ground clause has no variables,
///    and an instance binds them all (invariant 1 of
///    [`Instances`](super::compile::guard::Instances)). [`GroundClause::write`] checks
///    both, and that the record reads back as written (`debug_assert!`).
/// 2. **Room**: a stratum's block never passes `u32::MAX` words ([`Block`]), so every
///    record's start, and every length in it, fits its `u32` word exactly; a clause whose
///    record would not fit is not made ground (it runs by joins).
/// 3. **Counting**: the clause waits for as many premise appearances as it has premises
///    in its own stratum ([`Stratum::waiting`](super::compile::stratum::Stratum::waiting));
///    it fires when the count reaches zero, and again whenever a premise's heights fall.
///    Premises outside the stratum are complete before it starts, so they are only
///    looked up.
/// 4. **Corruption is loud**: a premise kind that decodes to no [`Premise`], or a record
///    shorter than its counts say, reads as [`Corrupt`]; such a clause never fires (and
///    debug builds stop). An unknown word is never read as a fact that holds.
#[derive(Clone, Copy, Debug)]
pub(crate) struct GroundClause<'a>(&'a [u32]);

/// One premise of a [`GroundClause`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct GroundPremise<'a> {
    pub pred: PredId,
    pub kind: Premise,
    pub row: &'a [u32],
}

/// A record that does not read as [`GroundClause::write`] wrote it (invariant 4 of
/// [`GroundClause`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Corrupt;

/// How a ground premise is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Premise {
    /// It must hold: looked up.
    Positive,
    /// It must not hold: looked up.
    Negated,
    /// The guard fact an instance was made from, of this likelihood: known to hold.
    Fact(Likelihood),
}

/// A likelihood's rank as a record word.
#[expect(
    clippy::expect_used,
    reason = "a rank is a position in `Likelihood::ALL`"
)]
fn rank_word(l: Likelihood) -> u32 {
    u32::try_from(l.rank()).expect("a rank is a position in `Likelihood::ALL` (eight)")
}

/// The words before the head's values: rule, rank, head slot, head arity.
const HEADER: usize = 4;

impl Premise {
    fn encode(self) -> u32 {
        match self {
            Premise::Positive => 0,
            Premise::Negated => 1,
            Premise::Fact(l) => 2 + rank_word(l),
        }
    }

    /// The premise kind `word` encodes, or `None` for a word [`Premise::encode`] never
    /// writes (invariant 4 of [`GroundClause`]).
    fn decode(word: u32) -> Option<Self> {
        match word {
            0 => Some(Premise::Positive),
            1 => Some(Premise::Negated),
            n => {
                let rank = usize::try_from(n - 2).ok()?;
                Likelihood::ALL.get(rank).copied().map(Premise::Fact)
            }
        }
    }
}

/// A stratum's block of ground records (invariant 2 of [`GroundClause`]): it never holds
/// more than its limit, `u32::MAX` words unless a test says less.
#[derive(Debug)]
pub(crate) struct Block {
    words: Vec<u32>,
    /// Words promised to records not written yet ([`Block::reserve`]).
    reserved: usize,
    limit: usize,
}

/// Where a record starts in its [`Block`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RecordAt(u32);

impl Block {
    /// The most words a block holds: every position in it fits a `u32` word.
    pub const LIMIT: usize = u32::MAX as usize;

    /// An empty block holding at most `limit` words (at most `u32::MAX`).
    pub fn with_limit(limit: usize) -> Self {
        Block {
            words: Vec::new(),
            reserved: 0,
            limit: limit.min(Block::LIMIT),
        }
    }

    /// Allocates the room promised so far, so that writing the records never grows the
    /// block.
    pub fn allocate(&mut self) {
        self.words
            .reserve_exact(self.reserved.saturating_sub(self.words.len()));
    }

    /// Promises room for `count` records of `len` words each, if the block has it.
    pub fn reserve(&mut self, len: usize, count: usize) -> bool {
        let total = len
            .checked_mul(count)
            .and_then(|n| n.checked_add(self.reserved));
        match total {
            Some(total) if total <= self.limit => {
                self.reserved = total;
                true
            }
            _ => false,
        }
    }

    /// The record at `at`.
    pub fn get(&self, at: RecordAt) -> GroundClause<'_> {
        // Lossless: `usize` has at least 32 bits (asserted beside `ClauseId`).
        GroundClause(self.words.get(at.0 as usize..).unwrap_or(&[]))
    }

    /// Appends the record of a clause of `rule` (its conclusion `conclusion`, whose
    /// predicate has slot `head_slot` in the stratum) with its variables set to `env`
    /// (empty for a clause without variables); `guard` is the premise that an instance's
    /// fact makes hold, and that fact's likelihood. The room must have been reserved.
    pub fn write(
        &mut self,
        program: &Program,
        rule: RuleId,
        conclusion: usize,
        head_slot: usize,
        env: &[SymbolId],
        guard: Option<(usize, Likelihood)>,
    ) -> RecordAt {
        let start = self.words.len();
        let r = program.rule(rule);
        let words = &mut self.words;
        let push_len = |words: &mut Vec<u32>, n: usize| words.push(word(n));
        let push_args = |words: &mut Vec<u32>, args: &[Arg]| {
            push_len(words, args.len());
            words.extend(args.iter().map(|a| {
                // Invariant 1: every variable has a value.
                let v = value(a, env);
                debug_assert!(v.is_some(), "a ground record's variables are all bound");
                v.map_or(0, |s| s.0)
            }));
        };
        words.extend([rule.0, rank_word(r.level)]);
        push_len(words, head_slot);
        push_args(words, &r.conclusions[conclusion].args);
        push_len(words, r.premises.len());
        for (i, p) in r.premises.iter().enumerate() {
            let kind = match guard {
                Some((g, level)) if g == i => Premise::Fact(level),
                _ if p.negated => Premise::Negated,
                _ => Premise::Positive,
            };
            words.extend([p.atom.pred.0, kind.encode()]);
            push_args(words, &p.atom.args);
        }
        debug_assert_eq!(self.words.len() - start, record_len(r, conclusion));
        debug_assert!(
            self.words.len() <= self.limit,
            "invariant 2: the room was reserved"
        );
        let at = RecordAt(word(start));
        debug_assert!(self.get(at).check(rule, r, conclusion, head_slot));
        at
    }
}

/// A length or position within a block, as a word. Invariant 2 of [`GroundClause`]: a
/// block holds at most `u32::MAX` words, and every length and position written is within
/// a record whose room was reserved, so smaller.
#[expect(clippy::expect_used, reason = "invariant 2 of `GroundClause`")]
fn word(n: usize) -> u32 {
    u32::try_from(n).expect("invariant 2 of `GroundClause`: within the block")
}

/// How many words [`Block::write`] writes for a clause of `rule` and its conclusion
/// `conclusion`.
pub(crate) fn record_len(rule: &Rule, conclusion: usize) -> usize {
    let premises: usize = rule.premises.iter().map(|p| 3 + p.atom.args.len()).sum();
    HEADER + rule.conclusions[conclusion].args.len() + 1 + premises
}

impl<'a> GroundClause<'a> {
    fn word(&self, i: usize) -> u32 {
        self.0.get(i).copied().unwrap_or(0)
    }

    fn len_at(&self, i: usize) -> usize {
        // Lossless: `usize` has at least 32 bits (asserted beside `ClauseId`).
        self.word(i) as usize
    }

    pub fn rule(&self) -> RuleId {
        RuleId(self.word(0))
    }

    pub fn level(&self) -> usize {
        self.len_at(1)
    }

    pub fn head_slot(&self) -> usize {
        self.len_at(2)
    }

    pub fn head(&self) -> &'a [u32] {
        let n = self.len_at(3);
        self.0.get(HEADER..HEADER + n).unwrap_or(&[])
    }

    /// The premises, in written order; a [`Corrupt`] item ends them (invariant 4).
    pub fn premises(&self) -> Premises<'a> {
        let start = HEADER + self.len_at(3);
        match self.0.get(start..) {
            Some([count, rest @ ..]) => Premises {
                rest,
                // Lossless widening, as above.
                left: *count as usize,
                corrupt: false,
            },
            _ => Premises {
                rest: &[],
                left: 1,
                corrupt: true,
            },
        }
    }

    /// Whether the record reads back as the clause it was written from (a debug check of
    /// invariant 1).
    fn check(&self, id: RuleId, rule: &Rule, conclusion: usize, head_slot: usize) -> bool {
        let premises: Vec<_> = self.premises().collect();
        self.rule() == id
            && self.head_slot() == head_slot
            && self.head().len() == rule.conclusions[conclusion].args.len()
            && premises.len() == rule.premises.len()
            && premises.iter().zip(&rule.premises).all(|(p, q)| {
                p.is_ok_and(|p| p.pred == q.atom.pred && p.row.len() == q.atom.args.len())
            })
    }
}

/// The premises of a [`GroundClause`].
#[derive(Clone, Debug)]
pub(crate) struct Premises<'a> {
    rest: &'a [u32],
    left: usize,
    /// The record ends before its premises: the next item is [`Corrupt`].
    corrupt: bool,
}

impl<'a> Iterator for Premises<'a> {
    type Item = Result<GroundPremise<'a>, Corrupt>;

    fn next(&mut self) -> Option<Self::Item> {
        self.left = self.left.checked_sub(1)?;
        let parsed = (!self.corrupt).then_some(()).and_then(|()| {
            let (&[pred, kind, arity], tail) = self.rest.split_first_chunk::<3>()?;
            // Lossless widening, as above.
            let (row, tail) = tail.split_at_checked(arity as usize)?;
            let kind = Premise::decode(kind)?;
            Some((
                GroundPremise {
                    pred: PredId(pred),
                    kind,
                    row,
                },
                tail,
            ))
        });
        Some(match parsed {
            Some((premise, tail)) => {
                self.rest = tail;
                Ok(premise)
            }
            None => {
                // Invariant 4: nothing after a corrupt premise is read.
                self.left = 0;
                Err(Corrupt)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_premise_kind_round_trips_and_unknown_words_are_refused() {
        let kinds = [Premise::Positive, Premise::Negated]
            .into_iter()
            .chain(Likelihood::ALL.iter().map(|&l| Premise::Fact(l)));
        for kind in kinds {
            assert_eq!(Premise::decode(kind.encode()), Some(kind));
        }
        // The first word past the last likelihood, and far past it, are no kind: they
        // must never read as a certain fact.
        let past = 2 + u32::try_from(Likelihood::ALL.len()).expect("a few");
        assert_eq!(Premise::decode(past), None);
        assert_eq!(Premise::decode(u32::MAX), None);
    }

    #[test]
    fn a_corrupt_record_reads_as_corrupt_never_as_a_premise_that_holds() {
        // rule 0, rank 0, slot 0, head `(7)`, two premises: `p1(8)` positive, then
        // `p2(9)` with kind word 99, which no premise kind is.
        let words = [0, 0, 0, 1, 7, 2, 1, 0, 1, 8, 2, 99, 1, 9];
        let record = GroundClause(&words);
        let kinds: Vec<_> = record.premises().map(|p| p.map(|p| p.kind)).collect();
        assert_eq!(kinds, [Ok(Premise::Positive), Err(Corrupt)]);
        // Cut short: the second premise's value is missing.
        let kinds: Vec<_> = GroundClause(&words[..13])
            .premises()
            .map(|p| p.is_ok())
            .collect();
        assert_eq!(kinds, [true, false]);
        // Cut before the premise count.
        let kinds: Vec<_> = GroundClause(&words[..5])
            .premises()
            .map(|p| p.is_ok())
            .collect();
        assert_eq!(kinds, [false]);
    }
}
