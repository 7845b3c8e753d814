//! The `augur` binary: a thin command line over the library.

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let outcome = cli::main(cli::args::Cli::parse());
    // Output is written in one piece per stream; a closed pipe is not an error worth a panic.
    let _ = std::io::stdout()
        .lock()
        .write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr()
        .lock()
        .write_all(outcome.stderr.as_bytes());
    outcome.exit_code()
}
