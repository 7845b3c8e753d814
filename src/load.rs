//! [`Analysis`]: files or strings in, a checked program out, with the calls a user makes
//! on it (pick a scenario, run it, parse a question).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::engine::{Engine, Model, Options};
use crate::error::{Error, Problems};
use crate::program::{self, CheckError, GroundAtom, Program, ScenarioId, suggest};
use crate::session::Session;
use crate::source::{FileId, SourceFile, SourceMap};
use crate::syntax;

/// How long loading took, phase by phase.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    /// Reading files.
    pub read: Duration,
    /// Parsing.
    pub parse: Duration,
    /// Checking.
    pub check: Duration,
}

/// Limits on the rule files read: each hostile file is refused with a diagnostic before it
/// can cost memory or time out of proportion.
#[derive(Clone, Copy, Debug)]
pub struct InputLimits {
    /// The largest rule file read, in bytes (`--max-file-size`).
    pub max_file_bytes: u64,
    /// The longest line, in bytes (`--max-line-length`).
    pub max_line_bytes: usize,
}

/// The default of `--max-file-size`: the largest generated rule base benchmarked (a
/// million propositions) is about 150 MB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

impl Default for InputLimits {
    fn default() -> Self {
        InputLimits {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            max_line_bytes: syntax::limits::DEFAULT_MAX_LINE_BYTES,
        }
    }
}

/// A checked set of rule files.
#[derive(Debug)]
pub struct Analysis {
    program: Program,
    warnings: Vec<CheckError>,
}

impl Analysis {
    /// Parses and checks one text under a display name.
    pub fn parse(name: &str, text: &str) -> Result<Self, Problems> {
        let mut sources = SourceMap::new();
        sources
            .add(SourceFile::new(name, text))
            .map_err(|e| Problems::new(vec![e.into()]))?;
        Self::from_sources(sources)
    }

    /// Reads rule files: each path is a `.augur` file or a directory, whose `.augur` files
    /// are read in name order.
    pub fn load(paths: &[impl AsRef<Path>]) -> Result<Self, Problems> {
        Self::load_with(paths, &InputLimits::default())
    }

    /// Reads rule files like [`Analysis::load`], within the given limits.
    pub fn load_with(paths: &[impl AsRef<Path>], limits: &InputLimits) -> Result<Self, Problems> {
        Self::load_timed(paths, limits).map(|(a, _)| a)
    }

    /// Parses and checks loaded sources. Fails when any file has a syntax or check error;
    /// warnings are kept in [`Analysis::warnings`].
    pub fn from_sources(sources: SourceMap) -> Result<Self, Problems> {
        Self::from_sources_timed(sources, &InputLimits::default()).map(|(a, _)| a)
    }

    /// Reads rule files like [`Analysis::load_with`], and says how long each phase took.
    pub fn load_timed(
        paths: &[impl AsRef<Path>],
        limits: &InputLimits,
    ) -> Result<(Self, Timings), Problems> {
        let start = Instant::now();
        let sources = read_sources(paths, limits.max_file_bytes)?;
        let read = start.elapsed();
        let (analysis, mut timings) = Self::from_sources_timed(sources, limits)?;
        timings.read = read;
        Ok((analysis, timings))
    }

    fn from_sources_timed(
        sources: SourceMap,
        limits: &InputLimits,
    ) -> Result<(Self, Timings), Problems> {
        let start = Instant::now();
        // Each piece of a file is lowered as soon as it is parsed and then dropped: the
        // time in the checker is checking, the rest is parsing (or waiting for it).
        let mut checking = Duration::ZERO;
        let mut checker = program::Checker::new(&sources);
        let mut errors: Vec<Error> = Vec::new();
        let mut whole = false;
        for (id, file) in sources.iter() {
            if let Some(long) = long_lines(id, file, limits) {
                errors.extend(long);
                continue;
            }
            // After an error nothing is checked: the pieces are only parsed for errors.
            let check = errors.is_empty();
            let streamed = syntax::parse_each(id, file, |piece| {
                if !check {
                    return Some(piece);
                }
                let at = Instant::now();
                let lowered = checker.piece(piece);
                checking += at.elapsed();
                lowered
            });
            match streamed {
                syntax::Streamed::Done => {}
                syntax::Streamed::Errors(found) => {
                    errors.extend(found.into_iter().map(Error::from))
                }
                // The pieces checked were not the file's: check every file whole.
                syntax::Streamed::Whole(_) => {
                    whole = true;
                    break;
                }
            }
        }
        if whole {
            drop(checker);
            return Self::from_sources_whole(sources, limits);
        }
        if !errors.is_empty() {
            return Err(Problems::new(errors));
        }
        let at = Instant::now();
        let lowered = checker.finish();
        let checked = lowered.complete(sources);
        checking += at.elapsed();
        let timings = Timings {
            read: Duration::ZERO,
            parse: start.elapsed().saturating_sub(checking),
            check: checking,
        };
        Self::checked(checked, timings)
    }

    /// Parses every file whole, then checks them: what a file whose cut fell inside a
    /// block or a string needs ([`syntax::Streamed::Whole`]).
    fn from_sources_whole(
        sources: SourceMap,
        limits: &InputLimits,
    ) -> Result<(Self, Timings), Problems> {
        let mut timings = Timings::default();
        let start = Instant::now();
        let mut files = Vec::new();
        let mut errors: Vec<Error> = Vec::new();
        for (id, file) in sources.iter() {
            if let Some(long) = long_lines(id, file, limits) {
                errors.extend(long);
                continue;
            }
            let (parsed, parse_errors) = syntax::parse_file(id, file);
            files.push(parsed);
            errors.extend(parse_errors.into_iter().map(Error::from));
        }
        timings.parse = start.elapsed();
        if !errors.is_empty() {
            return Err(Problems::new(errors));
        }
        let start = Instant::now();
        let checked = program::check(sources, files);
        timings.check = start.elapsed();
        Self::checked(checked, timings)
    }

    fn checked(
        checked: Result<program::Checked, Vec<CheckError>>,
        timings: Timings,
    ) -> Result<(Self, Timings), Problems> {
        match checked {
            Ok(checked) => Ok((
                Analysis {
                    program: checked.program,
                    warnings: checked.warnings,
                },
                timings,
            )),
            Err(problems) => Err(Problems::new(
                problems.into_iter().map(Error::from).collect(),
            )),
        }
    }

    /// The checked program.
    pub fn program(&self) -> &Program {
        &self.program
    }

    /// Warnings found while checking.
    pub fn warnings(&self) -> &[CheckError] {
        &self.warnings
    }

    /// Takes the warnings out, e.g. to report them.
    pub fn take_warnings(&mut self) -> Vec<CheckError> {
        std::mem::take(&mut self.warnings)
    }

    /// The scenario with this name, or an error that lists the scenarios there are.
    pub fn scenario(&self, name: &str) -> Result<ScenarioId, Error> {
        self.program.scenario_named(name).ok_or_else(|| {
            let names: Vec<&str> = self
                .program
                .scenarios()
                .iter()
                .map(|s| s.name.as_str())
                .collect();
            let help = suggest::did_you_mean(name, names.iter().copied(), || {
                format!("scenarios: {}", suggest::list(&names))
            });
            Error::UnknownScenario {
                name: name.to_owned(),
                help,
            }
        })
    }

    /// Plans the program once for many runs: see [`Session`].
    pub fn session(&self) -> Session<'_> {
        Session::new(self)
    }

    /// Evaluates one scenario by name. Each call plans the program anew: for more than one
    /// run, use a [`Session`].
    pub fn run(&self, scenario: &str, options: &Options) -> Result<Model<'_>, Error> {
        self.session().run_named(scenario, options)
    }

    /// Evaluates every scenario, in declaration order, planning once.
    pub fn run_all(&self, options: &Options) -> Result<Vec<Model<'_>>, Error> {
        self.session().run_all(options)
    }

    /// Evaluates the given scenarios, in the order given, planning once. Scenarios are
    /// independent, so they run on parallel threads; the result does not depend on
    /// scheduling.
    pub fn run_scenarios(
        &self,
        ids: &[ScenarioId],
        options: &Options,
    ) -> Result<Vec<Model<'_>>, Error> {
        self.session().run_scenarios(ids, options)
    }

    /// The program planned for evaluation, to run many scenarios on ([`Analysis::run_on`]);
    /// a [`Session`] keeps it beside the analysis.
    pub fn engine(&self) -> Engine<'_> {
        Engine::new(&self.program)
    }

    /// Evaluates the given scenarios on an engine built by [`Analysis::engine`], in
    /// parallel, results in the order given.
    pub fn run_on<'p>(
        engine: &Engine<'p>,
        ids: &[ScenarioId],
        options: &Options,
    ) -> Result<Vec<Model<'p>>, Error> {
        crate::session::run_parallel(engine, ids, options)
    }

    /// Parses an atom written in the language (one command-line word) and resolves it.
    /// An atom that can hold in no scenario is an error naming the closest one that can
    /// (see [`Program::ground`]).
    pub fn atom(&self, text: &str) -> Result<GroundAtom, Error> {
        let file = SourceFile::new("<atom>", text);
        let atom = syntax::parse_atom(FileId(u32::MAX), &file).map_err(Error::Parse)?;
        Ok(self.program.ground(&atom)?)
    }

    /// Parses and resolves an atom like [`Analysis::atom`], without asking whether it can
    /// hold: a hypothesis for [`Engine::run_with`] ("what if this held too?").
    pub fn hypothesis(&self, text: &str) -> Result<GroundAtom, Error> {
        let file = SourceFile::new("<atom>", text);
        let atom = syntax::parse_atom(FileId(u32::MAX), &file).map_err(Error::Parse)?;
        Ok(self.program.resolve(&atom)?)
    }
}

/// The rule files `paths` name: each file as given, and each directory's `.augur` files in
/// name order; with an error for each directory that cannot be listed or holds none.
pub(crate) fn rule_files(paths: &[impl AsRef<Path>]) -> (Vec<PathBuf>, Vec<Error>) {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let path = path.as_ref();
        if path.is_dir() {
            let entries = match std::fs::read_dir(path) {
                Ok(e) => e,
                Err(e) => {
                    errors.push(Error::Read {
                        path: path.display().to_string(),
                        reason: e.to_string(),
                    });
                    continue;
                }
            };
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "augur") && p.is_file())
                .collect();
            found.sort();
            if found.is_empty() {
                errors.push(Error::NoRuleFiles {
                    path: path.display().to_string(),
                });
            }
            files.extend(found);
        } else {
            files.push(path.to_path_buf());
        }
    }
    (files, errors)
}

/// Reads every path into a source map, each file up to `max_bytes`: directories contribute
/// their `.augur` files in name order.
fn read_sources(paths: &[impl AsRef<Path>], max_bytes: u64) -> Result<SourceMap, Problems> {
    let (files, mut errors) = rule_files(paths);
    let mut sources = SourceMap::new();
    for path in files {
        match read_bounded(&path, max_bytes) {
            Ok(text) => {
                if let Err(e) = sources.add(SourceFile::new(path.display().to_string(), text)) {
                    errors.push(e.into());
                }
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(sources)
    } else {
        Err(Problems::new(errors))
    }
}

/// Reads a rule file of at most `max_bytes`. A path named on the command line may be a
/// pipe (`augur check <(generate)`), so any kind of file is read; but never more than one
/// byte past the limit, so that `/dev/zero` or a growing file cannot exhaust memory.
pub(crate) fn read_bounded(path: &Path, max_bytes: u64) -> Result<String, Error> {
    let shown = || path.display().to_string();
    let unreadable = |e: std::io::Error| Error::Read {
        path: shown(),
        reason: e.to_string(),
    };
    let too_large = || Error::FileTooLarge {
        path: shown(),
        limit: max_bytes,
        help: format!(
            "raise the limit with `--max-file-size BYTES` (the default is {DEFAULT_MAX_FILE_BYTES})"
        ),
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if meta.is_dir() {
        return Err(unreadable(std::io::Error::from(
            std::io::ErrorKind::IsADirectory,
        )));
    }
    if meta.is_file() && meta.len() > max_bytes {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|e| Error::Read {
        path: shown(),
        reason: format!(
            "it is not UTF-8 text (byte {} is not)",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// A file with an over-long line is not parsed: its errors would echo the line.
fn long_lines(id: FileId, file: &SourceFile, limits: &InputLimits) -> Option<Vec<Error>> {
    let long = syntax::limits::long_lines(id, file, limits.max_line_bytes);
    (!long.is_empty()).then(|| long.into_iter().map(Error::from).collect())
}
