//! The codes reported outside a rule file's syntax and check: reading files, questions,
//! ad-hoc assumptions, evaluation and probability limits, shards, snapshots, the REPL,
//! `augur fmt`, `augur watch` and the library's own inputs. `augur explain` lists them
//! after the codes of docs/LANGUAGE.md §4.

use super::{Code, Kind};

const fn error(code: &'static str, text: &'static str) -> Code {
    Code {
        code,
        kind: Kind::Error,
        text,
    }
}

/// Every code outside a rule file's syntax and check, grouped by the part that reports it.
pub const CODES: &[Code] = &[
    error(
        "augur::io::read",
        "a path that cannot be read (missing, unreadable, not UTF-8); paths are `.augur` files or directories of them, `rules/` by default",
    ),
    error(
        "augur::io::write",
        "a file augur was asked to write (e.g. `--output`) cannot be written",
    ),
    error(
        "augur::io::file_too_large",
        "a rule file larger than `--max-file-size` bytes; it is not read",
    ),
    error(
        "augur::io::no_rule_files",
        "a directory holding no `.augur` file (searched one level deep)",
    ),
    error(
        "augur::io::sources_too_large",
        "rule files adding up to more bytes than augur's 32-bit positions address; check them in smaller sets",
    ),
    error(
        "augur::problems",
        "several diagnostics reported together: every error and warning of one run, errors first",
    ),
    Code {
        code: "augur::more_diagnostics",
        kind: Kind::Note,
        text: "more diagnostics than `--max-diagnostics` shows; `--max-diagnostics 0` shows all",
    },
    error(
        "augur::query::scenario_needed",
        "a command asks about one scenario, the files declare several and none is `default`; name one with `--scenario`",
    ),
    error(
        "augur::query::unknown_scenario",
        "`--scenario NAME` (or a command's scenario argument) naming no declared scenario; suggests the nearest name",
    ),
    error(
        "augur::query::unknown_predicate",
        "a question (`augur why`, `augur prob`, a what-if) about a predicate no rule file uses",
    ),
    error(
        "augur::query::unknown_name",
        "a pattern naming a thing or predicate the files never use, e.g. `augur query 'chna leads ?x'`",
    ),
    error(
        "augur::query::arity",
        "a question or pattern giving a predicate another number of arguments than the rule files",
    ),
    error(
        "augur::query::never_holds",
        "a question or what-if about an atom that no fact, assumption or rule can ever make hold",
    ),
    error(
        "augur::query::never_matches",
        "a pattern that no atom can match in any scenario",
    ),
    error(
        "augur::query::variable",
        "a question that must name one atom written with a variable, e.g. `augur why 'china leads ?x'`",
    ),
    error(
        "augur::adhoc::unknown_level",
        "`--assume 'ATOM @LEVEL'` with a word that is not one of the seven likelihood levels",
    ),
    error(
        "augur::adhoc::number_as_level",
        "`--assume 'ATOM @0.3'`: an ad-hoc assumption takes a level (`@unlikely`); numbers are written in a rule file's scenario",
    ),
    error(
        "augur::adhoc::not_assumable",
        "`--assume ATOM` (or a REPL `assume`) matching no `assumable` line, when the files declare some",
    ),
    error(
        "augur::adhoc::contradictory",
        "the same atom given to both `--assume` and `--assume-not`",
    ),
    error(
        "augur::input::unknown_scenario",
        "(library) a scenario id that the program does not have; take ids from `Program::scenario_named`",
    ),
    error(
        "augur::input::foreign_atom",
        "(library) a what-if atom resolved with another program than the one that runs it",
    ),
    error(
        "augur::input::foreign_inputs",
        "(library) scenario inputs computed with another program than the engine's",
    ),
    error(
        "augur::input::too_many",
        "(library) more than 2^32 - 1 assumptions in one list",
    ),
    error(
        "augur::input::contradictory",
        "(library) a what-if that both assumes and forbids one atom",
    ),
    error(
        "augur::engine::limit_exceeded",
        "a scenario deriving more than `--max-derived` atoms (or a rule's join growing past it); evaluation stops",
    ),
    error(
        "augur::engine::timeout",
        "a scenario still being evaluated after `--timeout`; evaluation stops",
    ),
    error(
        "augur::engine::too_many_atoms",
        "one predicate holding more than 2^32 atoms in a scenario; evaluation stops",
    ),
    error(
        "augur::prob::too_many_nodes",
        "an exact probability needing a decision diagram of more than `--max-nodes` nodes; it is not computed",
    ),
    error(
        "augur::prob::too_many_choices",
        "an exact probability resting on more than 65,533 independent choices (a sampled one, on more than 2^32); it is not computed",
    ),
    error(
        "augur::prob::open_question",
        "`augur prob` about an atom left open (neither assumed nor settled) in the scenario: it has no probability",
    ),
    error(
        "augur::prob::timeout",
        "an exact probability or a sampling run still going after `--timeout`",
    ),
    error(
        "augur::ach::no_evidence",
        "`augur ach` over files with no `observed` line: there is no evidence to weigh",
    ),
    error(
        "augur::merge::read",
        "`augur merge` given a file it cannot read",
    ),
    error(
        "augur::merge::not_a_shard",
        "`augur merge` given a file that is not an unedited shard written by `--shard I/N`",
    ),
    error(
        "augur::merge::different_runs",
        "shards of different runs (other rule files, command or flags) merged together",
    ),
    error(
        "augur::merge::overlap",
        "the same shard `I/N` given twice to `augur merge`",
    ),
    error(
        "augur::merge::missing",
        "`augur merge` without every shard `1/N` .. `N/N` of the run",
    ),
    error(
        "augur::snapshot::missing_directory",
        "`--snapshot DIR` naming a directory that does not exist (`--bless` creates it)",
    ),
    error(
        "augur::snapshot::not_a_directory",
        "`--snapshot DIR` naming something other than a directory",
    ),
    error(
        "augur::snapshot::not_a_file",
        "an entry of the snapshot directory named like a snapshot that is not a regular file",
    ),
    error(
        "augur::snapshot::link_outside",
        "a symbolic link in the snapshot directory pointing outside it",
    ),
    error(
        "augur::snapshot::not_augurs",
        "a `SCENARIO.snap` file not written by augur (no `# augur snapshot of scenario NAME` first line); augur will not replace it",
    ),
    error(
        "augur::snapshot::io",
        "a snapshot file or directory that cannot be read, written or removed",
    ),
    error(
        "augur::test::expectation_failed",
        "`augur test`: an `expect` line the test's scenario does not meet, or a conflict it does not expect",
    ),
    error(
        "augur::fmt::internal",
        "`augur fmt` unable to format a file it parsed (a bug: the file is left as it is; please report it)",
    ),
    error(
        "augur::fmt::write",
        "`augur fmt` unable to write a formatted file; the file is left whole",
    ),
    error(
        "augur::watch::cannot_watch",
        "`augur watch` unable to watch a rule file's folder, a named folder or a `--sources` folder",
    ),
    error(
        "augur::man::unknown_command",
        "`augur man NAME` for a name that is not an augur command",
    ),
    error(
        "augur::man::render",
        "`augur man` unable to render a manual page",
    ),
    error(
        "augur::repl::unknown_command",
        "a REPL line starting with a word that is not a command; `help` lists them",
    ),
    error(
        "augur::repl::missing_argument",
        "a REPL command given too few arguments, e.g. `why` without an atom",
    ),
    error(
        "augur::repl::extra_argument",
        "a REPL command that takes no argument given one",
    ),
    error(
        "augur::repl::unknown_level",
        "a REPL `assume ATOM LEVEL` with a word that is not a likelihood level",
    ),
    error(
        "augur::repl::not_in_session",
        "a REPL `retract ATOM` for an atom the session has no line about",
    ),
    error(
        "augur::repl::bad_name",
        "a REPL `save NAME` with a name that is not a lowercase name or that a declared scenario already has",
    ),
    error(
        "augur::repl::line_too_long",
        "a REPL line longer than one rule-file line may be",
    ),
];
