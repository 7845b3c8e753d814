//! `augur graph` end to end: golden pictures of a small rule base in every format and
//! mode, DOT checked by Graphviz, SVG parsed as XML with a label for every node, a
//! property test that every node and edge reaches every rendering, `-o` written whole or
//! not at all, and the picture the README shows.

#![expect(
    clippy::expect_used,
    reason = "helpers of tests: a failed expect fails the test"
)]

mod common;

use std::path::{Path, PathBuf};

use augur::causal_graph::{self, Edge, EdgeKind, Graph, Mode, Node, NodeId, NodeKind, Omitted};
use augur::explain::Place;
use common::augur;
use proptest::prelude::*;

const SMALL: &str = "tests/data/graph.augur";

/// The three modes on the small rule base.
const MODES: [(&str, &[&str]); 3] = [
    ("model", &[]),
    ("scenario", &["-s", "hedge"]),
    ("proof", &["-s", "hedge", "--atom", "rivals gain"]),
];

fn graph(extra: &[&str]) -> common::Run {
    let mut args = vec!["graph", SMALL];
    args.extend_from_slice(extra);
    augur(&args)
}

#[test]
fn golden_pictures_in_every_format_and_mode() {
    for (mode, args) in MODES {
        for format in ["dot", "mermaid", "svg", "json"] {
            let mut all = args.to_vec();
            all.extend(["--format", format]);
            let run = graph(&all);
            assert_eq!(run.code, 0, "{mode} {format}: {}", run.stderr);
            assert_eq!(run.stderr, "", "{mode} {format}");
            insta::assert_snapshot!(format!("graph_{mode}_{format}"), run.stdout);
        }
    }
}

fn have(tool: &str) -> bool {
    common::have(tool, "-V", "graphviz")
}

/// Runs Graphviz's `dot` on `text`; its exit status and stderr.
fn graphviz(text: &str) -> (bool, String) {
    use std::io::Write;
    let mut child = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("dot runs");
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(text.as_bytes())
        .expect("dot reads");
    let out = child.wait_with_output().expect("dot ends");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn graphviz_reads_every_dot_augur_writes() {
    if !have("dot") {
        return;
    }
    let mut cases: Vec<Vec<&str>> = MODES
        .iter()
        .map(|(_, a)| [&[SMALL][..], a].concat())
        .collect();
    let shipped: [&[&str]; 3] = [
        &["rules"],
        &["rules", "-s", "trump_isolationist"],
        &[
            "rules",
            "--atom",
            "latam_alliances become uncertain",
            "-s",
            "article_present",
        ],
    ];
    cases.extend(shipped.iter().map(|a| a.to_vec()));
    for args in cases {
        let mut all = vec!["graph"];
        all.extend(&args);
        all.extend(["--format", "dot"]);
        let run = augur(&all);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        let (ok, stderr) = graphviz(&run.stdout);
        assert!(ok && stderr.is_empty(), "{args:?}: dot says {stderr}");
    }
    // The check can fail: Graphviz refuses a label whose quote is not escaped.
    let (ok, _) = graphviz("digraph { n0 [label=\"a\"b\"]; }");
    assert!(!ok);
}

/// Every `<g id="nK">` of an SVG with its `<title>` text, in document order; panics
/// unless the document is well-formed XML.
fn svg_nodes(svg: &str) -> Vec<(String, String)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut out: Vec<(String, String)> = Vec::new();
    let mut stack: Vec<Option<String>> = Vec::new();
    let mut in_title = false;
    let mut depth_of_root = 0;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let id = e
                    .try_get_attribute("id")
                    .expect("attributes parse")
                    .map(|a| a.unescape_value().expect("escaped").into_owned());
                let name = e.name().as_ref().to_vec();
                if name == b"svg" {
                    depth_of_root += 1;
                }
                in_title = name == b"title";
                let node = (name == b"g")
                    .then_some(id)
                    .flatten()
                    .filter(|i| i.starts_with('n') && i[1..].parse::<u32>().is_ok());
                stack.push(node.clone());
                if let Some(id) = node {
                    out.push((id, String::new()));
                }
            }
            Event::End(_) => {
                stack.pop();
                in_title = false;
            }
            Event::Text(t) if in_title => {
                let text = t.unescape().expect("escaped").into_owned();
                if let (Some(Some(id)), Some(last)) = (stack.iter().rev().nth(1), out.last_mut())
                    && *id == last.0
                    && last.1.is_empty()
                {
                    last.1 = text;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth_of_root, 1, "one <svg> root");
    out
}

#[test]
fn every_svg_is_well_formed_with_a_label_for_every_node() {
    let shipped: [&[&str]; 2] = [&["rules"], &["rules", "-s", "trump_isolationist"]];
    let mut cases: Vec<Vec<&str>> = MODES
        .iter()
        .map(|(_, a)| {
            let mut v = vec![SMALL];
            v.extend_from_slice(a);
            v
        })
        .collect();
    cases.extend(shipped.iter().map(|a| a.to_vec()));
    for args in cases {
        let mut svg_args = vec!["graph"];
        svg_args.extend(&args);
        svg_args.extend(["--format", "svg"]);
        let svg = augur(&svg_args).stdout;
        let mut json_args = svg_args.clone();
        *json_args.last_mut().expect("a format") = "json";
        let json: serde_json::Value =
            serde_json::from_str(&augur(&json_args).stdout).expect("JSON");
        let nodes = json["nodes"].as_array().expect("nodes");
        let drawn = svg_nodes(&svg);
        assert_eq!(drawn.len(), nodes.len(), "{args:?}");
        for ((id, title), node) in drawn.iter().zip(nodes) {
            assert_eq!(id, node["id"].as_str().expect("id"), "{args:?}");
            let label = node["label"].as_str().expect("label");
            assert!(
                title.starts_with(&format!("{label}: ")),
                "{args:?}: {title}"
            );
        }
    }
}

/// The box of each edge label in an SVG augur drew: its text centred on `x`, baseline `y`,
/// at most 6 pixels a character (Helvetica at 10 pixels averages under that), 8 above the
/// baseline and 2 below.
fn label_boxes(svg: &str) -> Vec<(i64, i64, i64, i64, String)> {
    const START: &str = "<text x=\"";
    let mut out = Vec::new();
    for line in svg
        .lines()
        .filter(|l| l.contains("font-size=\"10\" text-anchor=\"middle\" fill=\"#333333\""))
    {
        let at = line.find(START).expect("a label") + START.len();
        let rest = &line[at..];
        let (x, rest) = rest.split_once("\" y=\"").expect("x");
        let (y, rest) = rest.split_once('"').expect("y");
        let text = rest.split_once('>').expect("text").1;
        let text = text.strip_suffix("</text>").expect("one line");
        let text = quick_xml::escape::unescape(text)
            .expect("escaped")
            .into_owned();
        let (x, y): (i64, i64) = (x.parse().expect("x"), y.parse().expect("y"));
        let half = i64::try_from(text.chars().count()).expect("small") * 3;
        out.push((x - half, y - 8, x + half, y + 2, text));
    }
    out
}

#[test]
fn no_two_edge_labels_overlap_in_the_shipped_pictures() {
    let scenarios = augur(&["list", "scenarios", "rules"]).stdout;
    let mut cases: Vec<Vec<String>> = vec![vec!["rules".into()]];
    for name in scenarios
        .lines()
        .filter_map(|l| l.split_whitespace().next())
    {
        cases.push(vec!["rules".into(), "-s".into(), name.into()]);
    }
    cases.push(
        [
            "rules",
            "-s",
            "trump_isolationist",
            "--atom",
            "brazil has_space_to_lead latin_america",
        ]
        .map(String::from)
        .to_vec(),
    );
    assert!(cases.len() >= 8, "{scenarios}");
    let mut labels = 0;
    for args in cases {
        let mut svg_args = vec!["graph"];
        svg_args.extend(args.iter().map(String::as_str));
        svg_args.extend(["--format", "svg"]);
        let svg = augur(&svg_args).stdout;
        let boxes = label_boxes(&svg);
        labels += boxes.len();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let meets = a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
                assert!(!meets, "{args:?}: labels {a:?} and {b:?} overlap");
            }
        }
    }
    assert!(labels > 500, "the labels were found: {labels}");
}

#[test]
fn json_has_the_documented_shape() {
    let run = graph(&["-s", "retreat", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(v["mode"], "scenario");
    assert_eq!(v["scenario"], "retreat");
    assert_eq!(v["max_nodes"], 300);
    assert_eq!(v["omitted"], serde_json::json!({"nodes": 0, "edges": 0}));
    let node = &v["nodes"][0];
    assert_eq!(node["id"], "n0");
    assert_eq!(node["label"], "us retreats");
    assert_eq!(node["kind"], "assumption");
    assert_eq!(node["likelihood"], "certain");
    assert_eq!(node["place"]["line"], 21);
    assert_eq!(node["highlight"], false);
    let edge = &v["edges"][0];
    for key in ["from", "to", "kind", "rule", "negated", "highlight"] {
        assert!(edge.get(key).is_some(), "{key}: {edge}");
    }
}

#[test]
fn the_format_follows_the_flag_then_the_extension_then_json_before_the_command() {
    let dir = temp("format");
    for (file, start) in [
        ("g.svg", "<svg"),
        ("g.mmd", "flowchart"),
        ("g.gv", "digraph"),
        ("g.json", "{"),
    ] {
        let path = dir.join(file);
        let run = graph(&["-o", path.to_str().expect("UTF-8")]);
        assert_eq!(
            (run.code, run.stdout.as_str()),
            (0, ""),
            "{file}: {}",
            run.stderr
        );
        let text = std::fs::read_to_string(&path).expect("written");
        assert!(text.starts_with(start), "{file}: {text}");
    }
    let path = dir.join("g.svg");
    let run = graph(&["-o", path.to_str().expect("UTF-8"), "--format", "dot"]);
    assert_eq!(run.code, 0);
    assert!(
        std::fs::read_to_string(&path)
            .expect("written")
            .starts_with("digraph")
    );
    assert!(graph(&[]).stdout.starts_with("digraph"));
    assert!(
        augur(&["--format", "json", "graph", SMALL])
            .stdout
            .starts_with('{')
    );
    // Nothing but the file is left in the folder: no temporary.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .expect("listed")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
    std::fs::remove_dir_all(&dir).expect("removed");
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("augur-graph-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("created");
    dir
}

#[test]
fn an_unwritable_output_is_an_error_and_leaves_nothing() {
    let dir = temp("unwritable");
    // A folder that does not exist; a folder where the file should be; a file kept whole.
    let missing = dir.join("nowhere").join("g.svg");
    let run = graph(&["-o", missing.to_str().expect("UTF-8")]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("augur::io::write"), "{}", run.stderr);
    assert!(run.stderr.contains("cannot write"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert!(!missing.exists());
    let folder = dir.join("folder.svg");
    std::fs::create_dir(&folder).expect("created");
    std::fs::write(folder.join("inside"), "kept").expect("written");
    let run = graph(&["-o", folder.to_str().expect("UTF-8")]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(folder.is_dir());
    let names: Vec<_> = std::fs::read_dir(&dir)
        .expect("listed")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(
        names,
        vec![std::ffi::OsString::from("folder.svg")],
        "no temporary left"
    );
    // Bad input writes nothing either: the old picture stays.
    let kept = dir.join("kept.svg");
    std::fs::write(&kept, "old").expect("written");
    let run = graph(&["-s", "retreet", "-o", kept.to_str().expect("UTF-8")]);
    assert_eq!(run.code, 2);
    assert_eq!(std::fs::read_to_string(&kept).expect("read"), "old");
    std::fs::remove_dir_all(&dir).expect("removed");
}

#[test]
fn unknown_scenarios_and_atoms_get_the_closest_name() {
    let run = graph(&["-s", "retreet"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `retreat`?"),
        "{}",
        run.stderr
    );
    let run = graph(&["-s", "hedge", "--atom", "rivals gains"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `gain`?"),
        "{}",
        run.stderr
    );
    // An atom that can hold but does not here: no picture, exit 1, as `why`.
    let run = graph(&["-s", "retreat", "--atom", "us worries"]);
    assert_eq!((run.code, run.stdout.as_str()), (1, ""), "{}", run.stderr);
    assert!(
        run.stderr.contains("does not hold in scenario retreat"),
        "{}",
        run.stderr
    );
    // --atom needs a scenario when there are several and no default.
    let run = graph(&["--atom", "rivals gain"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--scenario"), "{}", run.stderr);
    // --max-nodes is held to its range.
    assert_eq!(graph(&["--max-nodes", "0"]).code, 2);
    assert_eq!(graph(&["--max-nodes", "5001"]).code, 2);
    assert_eq!(graph(&["--max-nodes", "5000"]).code, 0);
}

#[test]
fn the_cap_is_stated_in_every_format() {
    for format in ["dot", "mermaid", "svg"] {
        let run = graph(&["--max-nodes", "3", "--format", format]);
        assert_eq!(run.code, 0);
        assert!(
            run.stdout.contains("capped: 3 of "),
            "{format}: {}",
            run.stdout
        );
    }
    let v: serde_json::Value =
        serde_json::from_str(&graph(&["--max-nodes", "3", "--format", "json"]).stdout)
            .expect("JSON");
    assert_eq!(v["nodes"].as_array().map(Vec::len), Some(3));
    assert!(v["omitted"]["nodes"].as_u64() > Some(0));
}

/// The picture in the README is what the binary draws now. Regenerate it with
/// `cargo run --release -- graph rules -s trump_isolationist -o docs/graph-trump_isolationist.svg`.
#[test]
fn the_readme_picture_is_current() {
    let run = augur(&[
        "graph",
        "rules",
        "-s",
        "trump_isolationist",
        "--format",
        "svg",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let committed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/graph-trump_isolationist.svg"),
    )
    .expect("docs/graph-trump_isolationist.svg is committed");
    assert!(
        committed == run.stdout,
        "docs/graph-trump_isolationist.svg is stale: regenerate it with `cargo run --release -- graph rules -s trump_isolationist -o docs/graph-trump_isolationist.svg`"
    );
}

// --- every node and edge reaches every rendering ---

fn kinds() -> impl Strategy<Value = NodeKind> {
    prop::sample::select(vec![
        NodeKind::Derived,
        NodeKind::Fact,
        NodeKind::Assumable,
        NodeKind::Assumption,
        NodeKind::Intervention,
        NodeKind::Open,
        NodeKind::Absent,
        NodeKind::Unproduced,
        NodeKind::Conflict,
        NodeKind::Tension,
    ])
}

fn labels() -> impl Strategy<Value = String> {
    // Atom-like text, with the characters each format must escape, and hidden ones.
    "[a-z_ ?\"<>&#`'\\\\|;{}\\[\\]()\u{1b}\u{202e}\u{200b}\n]{1,24}"
}

fn graphs() -> impl Strategy<Value = Graph> {
    (1usize..12)
        .prop_flat_map(|n| {
            let nodes = prop::collection::vec(
                (
                    labels(),
                    kinds(),
                    prop::option::of(0usize..8),
                    any::<bool>(),
                ),
                n,
            );
            let edges = prop::collection::vec(
                (
                    0..n,
                    0..n,
                    prop::option::of(labels()),
                    any::<bool>(),
                    any::<bool>(),
                ),
                0..(3 * n),
            );
            (
                nodes,
                edges,
                prop::sample::select(vec![Mode::Model, Mode::Scenario, Mode::Proof]),
            )
        })
        .prop_map(|(nodes, edges, mode)| {
            let nodes: Vec<Node> = nodes
                .into_iter()
                .enumerate()
                .map(|(i, (label, kind, level, highlight))| Node {
                    id: NodeId(i as u32),
                    label,
                    kind,
                    also: Vec::new(),
                    likelihood: level.map(|l| augur::Likelihood::ALL[l]),
                    place: Some(Place {
                        file: "f<&>.augur".into(),
                        line: i + 1,
                    }),
                    highlight,
                })
                .collect();
            let mut seen = std::collections::HashSet::new();
            let edges: Vec<Edge> = edges
                .into_iter()
                .filter(|(a, b, ..)| seen.insert((*a, *b)))
                .map(|(a, b, rule, negated, highlight)| Edge {
                    from: NodeId(a as u32),
                    to: NodeId(b as u32),
                    kind: if rule.is_some() {
                        EdgeKind::Rule
                    } else {
                        EdgeKind::Conflict
                    },
                    rule,
                    negated,
                    highlight,
                })
                .collect();
            Graph {
                mode,
                scenario: Some("s".into()),
                atom: Some("a \"b\"".into()),
                nodes,
                edges,
                max_nodes: 300,
                omitted: Omitted::default(),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_node_and_edge_reaches_every_rendering(g in graphs()) {
        let dot = causal_graph::dot::render(&g);
        let mermaid = causal_graph::mermaid::render(&g);
        let svg = causal_graph::svg::render(&g);
        let json = serde_json::to_value(&g).expect("serializes");
        for n in &g.nodes {
            let dot_label = format!("  {} [label=\"{}\\n", n.id, augur::escape::dot(&n.label));
            prop_assert!(dot.contains(&dot_label), "{dot}");
            let open = if matches!(n.kind, NodeKind::Fact) { "[[" } else { "" };
            let mermaid_label = format!("  {}{open}", n.id);
            prop_assert!(mermaid.contains(&mermaid_label), "{mermaid}");
            let quoted = format!("\"{}<br/>", augur::escape::mermaid(&n.label));
            prop_assert!(mermaid.contains(&quoted), "{}", mermaid);
            prop_assert_eq!(&json["nodes"][n.id.index()]["label"], &serde_json::json!(n.label));
            // No hidden character reaches a text format raw.
            for out in [&dot, &mermaid, &svg] {
                prop_assert!(!out.chars().any(|c| c != '\n' && augur::escape::is_hidden(c)));
            }
        }
        let drawn = svg_nodes(&svg);
        prop_assert_eq!(drawn.len(), g.nodes.len());
        for ((id, title), n) in drawn.iter().zip(&g.nodes) {
            prop_assert_eq!(id, &n.id.to_string());
            let label = augur::escape::visible(&n.label).into_owned();
            prop_assert!(title.starts_with(&format!("{label}: ")), "{title}");
        }
        for (i, e) in g.edges.iter().enumerate() {
            let dot_edge = format!("  {} -> {} [label=\"{}\"", e.from, e.to, augur::escape::dot(&e.label()));
            prop_assert!(dot.contains(&dot_edge), "{dot}");
            let arrow = mermaid.lines().any(|l| {
                l.starts_with(&format!("  {} ", e.from)) && l.ends_with(&format!(" {}", e.to))
            });
            prop_assert!(arrow, "{mermaid}");
            // A proof's context is drawn faded.
            let faded = if g.mode == Mode::Proof && !e.highlight { " opacity=\"0.45\"" } else { "" };
            let svg_edge = format!("<g class=\"edge\" id=\"e{i}\"{faded}><title>{} → {}:", e.from, e.to);
            prop_assert!(svg.contains(&svg_edge));
            prop_assert_eq!(&json["edges"][i]["from"], &serde_json::json!(e.from.to_string()));
        }
    }
}
