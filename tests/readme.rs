//! The README's console blocks are real: each `$ augur ARGS` line, run from the repository
//! root, prints exactly the lines shown beneath it (stdout, then stderr); `< FILE` at the end
//! feeds FILE to its standard input.

mod common;

use common::augur;

/// Splits a command line the way a POSIX shell would for the simple cases the README
/// uses: words separated by spaces, single-quoted words kept whole.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    out.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(word);
    }
    out
}

/// Each `$ augur ...` command of a console block with the output shown beneath it.
fn examples(readme: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut in_console = false;
    let mut current: Option<(String, String)> = None;
    for line in readme.lines() {
        if line == "```console" {
            in_console = true;
            continue;
        }
        if !in_console {
            continue;
        }
        if line == "```" || line.starts_with("$ ") {
            out.extend(current.take());
        }
        if line == "```" {
            in_console = false;
        } else if let Some(cmd) = line.strip_prefix("$ augur ") {
            current = Some((cmd.to_owned(), String::new()));
        } else if let Some((_, shown)) = current.as_mut() {
            shown.push_str(line);
            shown.push('\n');
        }
    }
    out
}

#[test]
fn readme_output_matches_the_binary() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let examples = examples(&readme);
    assert!(examples.len() >= 7, "found {} examples", examples.len());
    for (cmd, shown) in examples {
        let mut args = words(&cmd);
        // `... < FILE`: FILE on standard input (`augur repl`'s scripted sessions).
        let stdin = match args.len().checked_sub(2).map(|i| args[i].as_str()) {
            Some("<") => args.pop().zip(args.pop()).map(|(file, _)| file),
            _ => None,
        };
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = match &stdin {
            Some(file) => augur_with_stdin(&args, file),
            None => augur(&args),
        };
        let printed = format!("{}{}", run.stdout, run.stderr);
        assert_eq!(
            printed.trim_end(),
            shown.trim_end(),
            "README drifted for `augur {cmd}`; it now prints:\n{printed}"
        );
    }
}

/// `augur ARGS < FILE`, run from the package root as [`augur`] runs.
fn augur_with_stdin(args: &[&str], file: &str) -> common::Run {
    let root = env!("CARGO_MANIFEST_DIR");
    let input = std::fs::File::open(std::path::Path::new(root).join(file))
        .unwrap_or_else(|e| panic!("`< {file}`: {e}"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_augur"))
        .args(args)
        .current_dir(root)
        .env("NO_COLOR", "1")
        .stdin(input)
        .output()
        .unwrap_or_else(|e| panic!("the augur binary runs: {e}"));
    common::Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

#[test]
fn shell_words_keep_quoted_atoms_whole() {
    assert_eq!(
        words("why 'a p b' --scenario s"),
        ["why", "a p b", "--scenario", "s"]
    );
}
