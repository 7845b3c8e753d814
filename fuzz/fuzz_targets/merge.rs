//! `augur merge` on any bytes: the input split at lines `---` into shard files, each read
//! as JSON; those that read are merged (`shard::merge`), in the order given and reversed.
#![no_main]

use augur::shard::{Merged, ShardFile, merge};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let files: Vec<(String, ShardFile)> = text
        .split("\n---\n")
        .enumerate()
        .filter_map(|(i, t)| Some((format!("f{i}.json"), serde_json::from_str(t).ok()?)))
        .collect();
    let merged = merge(&files);
    match &merged {
        // The hits are of the run's worlds.
        Ok(Merged::Prob { run, hits }) => assert!(*hits <= run.samples.max(1)),
        // Every scenario of the run, once.
        Ok(Merged::Run(pieces)) => {
            let whole = files.iter().find_map(|(_, f)| match &f.body {
                augur::shard::Body::Run(r) => Some(r.scenarios),
                augur::shard::Body::Prob(_) => None,
            });
            assert_eq!(Some(pieces.len()), whole);
        }
        // Every refusal renders.
        Err(e) => {
            let _ = e.to_string();
        }
    }
    // The order of the files does not change a merge that succeeds: the same hits of the
    // same run (whose settings any shard carries), or the same reports.
    let mut reversed = files.clone();
    reversed.reverse();
    if let (Ok(a), Ok(b)) = (&merged, merge(&reversed)) {
        assert_eq!(outcome(a), outcome(&b));
    }
});

/// What a merge printed depends on: a sampling run's settings and hits, or the reports.
fn outcome(m: &Merged<'_>) -> String {
    match m {
        Merged::Prob { run, hits } => format!(
            "{} {} {} {} {} {} {hits}",
            run.atom, run.scenario, run.samples, run.seed, run.holds, run.certain
        ),
        Merged::Run(pieces) => format!("{pieces:?}"),
    }
}
