//! `augur repl`: questions one line at a time (see [`augur::repl`]). On a terminal, lines
//! are edited with history and tab completion (rustyline); otherwise standard input is read
//! line by line, so that a session can be scripted. Unlike the other commands this one
//! writes as it goes: each answer is printed before the next line is read.

use std::cell::RefCell;
use std::io::{BufRead, IsTerminal, Read, Write};

use augur::repl::{Answer, MAX_LINE_BYTES, Repl, ReplError};

use super::args::{Format, Limits, Paths};
use super::{BAD_INPUT, OK, Outcome, loaded, pick_scenario, render, render_warnings};

/// `augur repl`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Rule files or directories of them.
    #[command(flatten)]
    pub paths: Paths,
    /// The scenario to start from (default: `default`, or the only scenario).
    #[arg(long, short)]
    pub scenario: Option<String>,
    /// When standard input is not a terminal, print each line read after the prompt, as
    /// a transcript.
    #[arg(long)]
    pub echo: bool,
    /// Evaluation limits, for each command's runs.
    #[command(flatten)]
    pub limits: Limits,
}

/// Runs `augur repl`. Exit 0, or 2 when the files do not check or, read from a script,
/// when any line was refused (the session goes on after each).
pub fn command(args: &Args, format: Format) -> Outcome {
    let (analysis, warnings) = match loaded(&args.paths, format) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    let started = pick_scenario(&analysis, args.scenario.as_deref())
        .map_err(ReplError::from)
        .and_then(|name| Repl::new(&analysis, &name, args.limits.options()));
    let repl = match started {
        Ok(repl) => repl,
        Err(e) => return failed(e, format),
    };
    write(&mut std::io::stderr(), &render_warnings(warnings, format));
    let repl = RefCell::new(repl);
    let refused = if std::io::stdin().is_terminal() {
        editor::run(&repl, format)
    } else {
        script(&repl, args.echo, format)
    };
    Outcome {
        stdout: String::new(),
        stderr: String::new(),
        code: if refused { BAD_INPUT } else { OK },
    }
}

/// A refusal before the session starts.
fn failed(e: ReplError, format: Format) -> Outcome {
    let mut outcome = Outcome::ok(String::new());
    outcome.stderr = render(&e, format);
    outcome.code = BAD_INPUT;
    outcome
}

/// The prompt: the scenario, and how many lines the session adds to it.
fn prompt(repl: &Repl<'_>) -> String {
    match repl.lines().len() {
        0 => format!("{}> ", repl.scenario_name()),
        n => format!("{}+{n}> ", repl.scenario_name()),
    }
}

/// Reads standard input line by line until its end or `quit`; true when a line was
/// refused. A line is read up to [`MAX_LINE_BYTES`] and the rest of it skipped, so memory
/// stays bounded whatever the input.
fn script(repl: &RefCell<Repl<'_>>, echo: bool, format: Format) -> bool {
    let mut input = std::io::stdin().lock();
    let mut refused = false;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let read = (&mut input)
            .take(MAX_LINE_BYTES as u64 + 1)
            .read_until(b'\n', &mut buf);
        match read {
            Ok(0) | Err(_) => return refused,
            Ok(_) => {}
        }
        if buf.len() > MAX_LINE_BYTES && buf.last() != Some(&b'\n') {
            // Skip to the end of the over-long line, a bounded piece at a time.
            let mut rest = Vec::new();
            while let Ok(n) = (&mut input)
                .take(MAX_LINE_BYTES as u64)
                .read_until(b'\n', &mut rest)
            {
                if n == 0 || rest.last() == Some(&b'\n') {
                    break;
                }
                rest.clear();
            }
        }
        let line = String::from_utf8_lossy(&buf);
        let line = line.trim_end_matches(['\n', '\r']);
        if echo {
            let shown = format!("{}{line}\n", prompt(&repl.borrow()));
            write(
                &mut std::io::stdout(),
                &augur::escape::visible_lines(&shown),
            );
        }
        match answer(repl, line, format) {
            Step::Go => {}
            Step::Refused => refused = true,
            Step::Quit => return refused,
        }
    }
}

/// What to do after a line.
enum Step {
    Go,
    Refused,
    Quit,
}

/// Carries out one line and prints its answer or its diagnostic.
fn answer(repl: &RefCell<Repl<'_>>, line: &str, format: Format) -> Step {
    // An over-long line is refused before it is parsed (`Command::parse` says so).
    match repl.borrow_mut().eval(line) {
        Ok(Answer::Quit) => Step::Quit,
        Ok(answer) => {
            let text = answer.text();
            write(&mut std::io::stdout(), &augur::escape::visible_lines(&text));
            Step::Go
        }
        Err(e) => {
            let report = render(&e, format);
            // As `cli::main` does for every other command's stderr.
            let report = match format != Format::Json && !super::Style::get().color {
                true => augur::escape::visible_lines(&report).into_owned(),
                false => report,
            };
            write(&mut std::io::stderr(), &report);
            Step::Refused
        }
    }
}

/// Writes and flushes; a closed stream is not worth a panic.
fn write(out: &mut impl Write, text: &str) {
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// The line editor on a terminal.
mod editor {
    use std::cell::RefCell;

    use rustyline::completion::Completer;
    use rustyline::error::ReadlineError;
    use rustyline::highlight::Highlighter;
    use rustyline::hint::Hinter;
    use rustyline::history::DefaultHistory;
    use rustyline::validate::Validator;
    use rustyline::{Config, Context, Editor, Helper};

    use augur::repl::Repl;

    use super::{Format, Step, answer, prompt};

    /// Completes command words, scenario names, atoms and levels from the session.
    struct Complete<'r, 'a> {
        repl: &'r RefCell<Repl<'a>>,
    }

    impl Completer for Complete<'_, '_> {
        type Candidate = String;

        fn complete(
            &self,
            line: &str,
            pos: usize,
            _: &Context<'_>,
        ) -> rustyline::Result<(usize, Vec<String>)> {
            // The session is borrowed only between lines, never while one is edited.
            Ok(match self.repl.try_borrow_mut() {
                Ok(mut repl) => repl.complete(line, pos),
                Err(_) => (pos, Vec::new()),
            })
        }
    }

    impl Hinter for Complete<'_, '_> {
        type Hint = String;
    }
    impl Highlighter for Complete<'_, '_> {}
    impl Validator for Complete<'_, '_> {}
    impl Helper for Complete<'_, '_> {}

    /// Reads lines until `quit` or end of input (Ctrl-D); Ctrl-C drops the line being
    /// typed. True when a line was refused.
    pub(super) fn run(repl: &RefCell<Repl<'_>>, format: Format) -> bool {
        let config = Config::builder().auto_add_history(true).build();
        let Ok(mut editor) = Editor::<Complete<'_, '_>, DefaultHistory>::with_config(config) else {
            // No terminal after all: read it as a script.
            return super::script(repl, false, format);
        };
        editor.set_helper(Some(Complete { repl }));
        let mut refused = false;
        loop {
            let shown = prompt(&repl.borrow());
            match editor.readline(&shown) {
                Ok(line) => match answer(repl, &line, format) {
                    Step::Go => {}
                    Step::Refused => refused = true,
                    Step::Quit => return refused,
                },
                Err(ReadlineError::Interrupted) => {}
                Err(_) => return refused,
            }
        }
    }
}
