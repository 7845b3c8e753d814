//! `augur graph`: the causal graph of the rule base, a scenario, or one atom's proof, as
//! DOT, Mermaid, SVG or JSON, on stdout or written atomically to a file.

use std::path::{Path, PathBuf};

use augur::Analysis;
use augur::causal_graph::{self, DEFAULT_MAX_NODES, Graph, MAX_MAX_NODES};

use super::args::{Format, Limits, Paths};
use super::{FAILED, Outcome, json, pick_scenario, with_analysis};

/// `augur graph`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Rule files or directories of them.
    #[command(flatten)]
    pub paths: Paths,
    /// Draw this scenario: the atoms that hold and the rules that fired (without it, and
    /// without --atom, the rule base itself).
    #[arg(long, short)]
    pub scenario: Option<String>,
    /// Draw this atom's strongest proof, highlighted among the other rule applications
    /// that conclude its atoms (in --scenario, or `default`, or the only scenario).
    #[arg(long, value_name = "ATOM")]
    pub atom: Option<String>,
    /// The picture's format (default: from the extension of -o, else `dot`).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<GraphFormat>,
    /// Write the picture to FILE (atomically: a temporary file, then a rename) instead of
    /// stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Draw at most this many nodes (and four times as many edges); the picture says what
    /// it left out.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_NODES as u64,
          value_parser = clap::value_parser!(u64).range(1..=MAX_MAX_NODES as u64))]
    pub max_nodes: u64,
    /// Evaluation limits.
    #[command(flatten)]
    pub limits: Limits,
}

/// The formats `augur graph` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
    /// A Mermaid flowchart, for Markdown pages.
    Mermaid,
    /// An SVG picture augur lays out itself: nothing to install.
    Svg,
    /// The typed graph, for programs.
    Json,
}

impl From<GraphFormat> for Format {
    /// JSON diagnostics go with a JSON graph; the others are text.
    fn from(f: GraphFormat) -> Self {
        match f {
            GraphFormat::Json => Format::Json,
            GraphFormat::Dot | GraphFormat::Mermaid | GraphFormat::Svg => Format::Text,
        }
    }
}

/// The format asked for: `--format` after the command, else the extension of `-o`, else
/// JSON when `--format json` came before the command, else DOT.
fn chosen(args: &Args, format: Format) -> GraphFormat {
    let by_extension = args
        .output
        .as_deref()
        .and_then(Path::extension)
        .and_then(|e| e.to_str())
        .and_then(|e| match e.to_ascii_lowercase().as_str() {
            "dot" | "gv" => Some(GraphFormat::Dot),
            "mmd" | "mermaid" => Some(GraphFormat::Mermaid),
            "svg" => Some(GraphFormat::Svg),
            "json" => Some(GraphFormat::Json),
            _ => None,
        });
    args.format.or(by_extension).unwrap_or(match format {
        Format::Json => GraphFormat::Json,
        Format::Text | Format::Tap | Format::Junit => GraphFormat::Dot,
    })
}

/// `--max-nodes`, which clap holds to at most [`MAX_MAX_NODES`], so it fits a `usize`.
fn max_nodes(args: &Args) -> usize {
    usize::try_from(args.max_nodes).unwrap_or(MAX_MAX_NODES)
}

/// Runs `augur graph`.
pub fn command(args: &Args, format: Format) -> Outcome {
    with_analysis(&args.paths, format, |a| graph(a, args, format))
}

fn graph(analysis: &Analysis, args: &Args, format: Format) -> Result<Outcome, augur::Error> {
    let graph = match (&args.atom, &args.scenario) {
        (None, None) => causal_graph::model(analysis.program(), max_nodes(args)),
        (None, Some(name)) => {
            analysis.scenario(name)?;
            let model = analysis.run(name, &args.limits.options())?;
            causal_graph::scenario(&model, max_nodes(args))
        }
        (Some(text), asked) => {
            let name = pick_scenario(analysis, asked.as_deref())?;
            let atom = analysis.atom(text)?;
            let model = analysis.run(&name, &args.limits.options())?;
            match causal_graph::proof(&model, &atom, max_nodes(args)) {
                Some(g) => g,
                None => return Ok(not_holding(analysis, &atom, &name)),
            }
        }
    };
    let text = render(&graph, chosen(args, format));
    match &args.output {
        Some(path) => {
            augur::output::write(path, &text)?;
            Ok(Outcome::ok(String::new()))
        }
        None => Ok(Outcome::ok(text)),
    }
}

/// The picture in one format.
fn render(graph: &Graph, format: GraphFormat) -> String {
    match format {
        GraphFormat::Dot => causal_graph::dot::render(graph),
        GraphFormat::Mermaid => causal_graph::mermaid::render(graph),
        GraphFormat::Svg => causal_graph::svg::render(graph),
        GraphFormat::Json => json(graph),
    }
}

/// `--atom` of an atom that does not hold: no picture, exit 1, as `why` does.
fn not_holding(analysis: &Analysis, atom: &augur::program::GroundAtom, scenario: &str) -> Outcome {
    let shown = analysis.program().show_atom(atom);
    Outcome {
        stdout: String::new(),
        stderr: format!(
            "{shown} does not hold in scenario {scenario}: no proof to draw (`augur why-not` says what is missing)\n"
        ),
        code: FAILED,
    }
}
