//! `--assume ATOM[@LEVEL]` and `--assume-not ATOM`: an ad-hoc scenario extending the one a
//! command runs (see [`augur::adhoc`]). A command takes them with `#[command(flatten)]`.

use clap::Args;

use augur::adhoc::AdHoc;
use augur::program::WhatIf;
use augur::{Analysis, Error};

/// Assumptions added on the command line.
#[derive(Clone, Debug, Default, Args)]
pub struct Assume {
    /// Assume ATOM (at LEVEL, default `certain`) in an ad-hoc scenario extending the one
    /// run, as an `assume` line would; repeatable.
    #[arg(long = "assume", value_name = "ATOM[@LEVEL]")]
    pub assume: Vec<String>,
    /// Forbid ATOM in the ad-hoc scenario, as an `assume not` line would; repeatable.
    #[arg(long = "assume-not", value_name = "ATOM")]
    pub assume_not: Vec<String>,
}

impl Assume {
    /// The assumptions as the library takes them.
    pub fn adhoc(&self) -> AdHoc {
        AdHoc::new(self.assume.iter(), self.assume_not.iter())
    }

    /// The change they make, checked against the program: an unknown atom, predicate,
    /// constant or level is an error with a did-you-mean (exit 2).
    pub fn what_if(&self, analysis: &Analysis) -> Result<WhatIf, Error> {
        self.adhoc().what_if(analysis)
    }
}
