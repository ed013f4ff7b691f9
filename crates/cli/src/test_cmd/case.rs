//! What `iam-sim test` reports: one case per expectation checked, per example without
//! expectations, and per example that cannot be read.

use iam_engine::simulate::Check;

/// One reported line: an expectation checked, an example without expectations, or an example
/// that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Case {
    /// The file, as named on the command line (or found in a named folder).
    pub file: String,
    /// 1-based line in that file.
    pub line: u32,
    /// 1-based column (the start of an unreadable example's first error).
    pub column: u32,
    /// What happened.
    pub kind: CaseKind,
}

/// What a [`Case`] reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CaseKind {
    /// An expectation and the engine's decision.
    Check(Check),
    /// An example without `Expected`: its decisions are not checked.
    Unchecked {
        /// The engine's decisions now, as `action on resource: decision`.
        decisions: Vec<String>,
        /// Reported as skipped rather than failed (`--allow-unchecked`).
        allowed: bool,
    },
    /// The example cannot be read or evaluated (the first error; all of them go to stderr).
    Bad {
        /// `message` of the first error.
        message: String,
    },
}

impl Case {
    /// Whether this case passes (a skipped unchecked example counts as passing).
    pub fn pass(&self) -> bool {
        match &self.kind {
            CaseKind::Check(c) => c.pass(),
            CaseKind::Unchecked { allowed, .. } => *allowed,
            CaseKind::Bad { .. } => false,
        }
    }
}
