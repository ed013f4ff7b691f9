//! The replies the worker sends the page (as JSON). The page deserializes them with the same
//! types, so the two sides cannot drift apart.

use iam_engine::catalog::AccessLevel;
use iam_engine::compare::Comparison;
use iam_engine::sweep::{Counts, LevelSweep};
use iam_engine::EvalDecision;
use serde::{Deserialize, Serialize};

/// The most counterexamples a [`CompareReply`] carries (the counts cover all of them).
pub const MAX_COUNTEREXAMPLES: usize = 500;

/// The result of a sweep, compact: 22,091 action rows cross the worker boundary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SweepReply {
    /// Why there is no result (the scenario has errors, the catalog is missing); the other
    /// fields are then empty.
    pub error: Option<String>,
    /// The catalog, as `package@version`.
    pub catalog: String,
    /// The resources every action was evaluated against.
    pub resources: Vec<String>,
    /// Decisions made (actions × resources).
    pub decisions: usize,
    /// Overall counts.
    pub counts: Counts,
    /// One row per service, in catalog order.
    pub services: Vec<ServiceRow>,
}

/// A service's part of a sweep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceRow {
    /// Service prefix, e.g. `s3`.
    pub prefix: String,
    /// Service name, e.g. `Amazon S3`.
    pub name: String,
    /// Counts over the service's actions.
    pub counts: Counts,
    /// Counts per access level (levels with no action left out).
    pub levels: Vec<LevelSweep>,
    /// Every action.
    pub actions: Vec<ActionRow>,
}

/// One action: its name without the service prefix, its access level, and the overall
/// decision (allowed if allowed on some resource, else explicit deny if denied on some).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionRow(pub String, pub AccessLevel, pub EvalDecision);

/// The result of a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompareReply {
    /// Why there is no result; `comparison` is then `None`.
    pub error: Option<String>,
    /// The comparison, with at most [`MAX_COUNTEREXAMPLES`] counterexamples.
    pub comparison: Option<Comparison>,
    /// How many counterexamples were found in all.
    pub counterexamples: usize,
}
