//! `iam-engine`: AWS IAM policy parsing, validation and evaluation with span-linked traces.
//!
//! The engine is pure: no I/O, no clock (the caller passes "now" in [`Options`]), no unsafe code,
//! and no panics on any input. Policies are parsed by a strict JSON reader that keeps the byte
//! range of every element, lowered to typed statements with every problem reported, and
//! evaluated with AWS's documented logic across every policy type.
//!
//! ```
//! let scenario = iam_engine::parse_scenario(r#"{
//!   "PolicyInputList": ["{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}"],
//!   "ActionNames": ["s3:GetObject", "s3:PutObject"]
//! }"#).unwrap();
//! let outcome = iam_engine::simulate(&scenario, &iam_engine::Options::default());
//! let results = outcome.results.unwrap();
//! assert_eq!(results[0].eval_decision, iam_engine::EvalDecision::Allowed);
//! assert_eq!(results[1].eval_decision, iam_engine::EvalDecision::ImplicitDeny);
//! ```
#![forbid(unsafe_code)]

pub mod analysis;
pub mod decide;
pub mod evaluate;
pub mod policy;
pub mod request;
pub mod scenario;
pub mod simulate;
pub mod text;
pub mod trace;

pub mod lint;
pub mod password;

pub use analysis::{compare, expand, sweep};
pub use evaluate::{matching, statements as eval};
pub use policy::catalog::{self, rcp_services};
pub use policy::{operator, pattern, values};
pub use policy::{validate_policy, PolicyKind};
pub use request::context::{ContextEntry, ContextKeyType};
pub use request::{caller, context};
pub use scenario::world;
pub use scenario::{Input, PolicyInput, Scenario};
pub use simulate::chain;
pub use simulate::{
    simulate, simulate_world, validate, Compiled, EvaluationResult, MatchedStatement, Options,
    Outcome, Position, RequestContext,
};
pub use text::diag::locate_in_file;
pub use text::diag::{Diagnostic, Severity};
pub use text::span::Span;
pub use text::span::{line_col, span_in_file};
pub use text::{diag, json, span};
pub use trace::{EvalDecision, Trace};

/// Read a scenario (shared/scenario-format.md). Warnings about the scenario file itself are
/// dropped here; use [`scenario::parse`] to keep them.
pub fn parse_scenario(text: &str) -> Result<Scenario, Vec<Diagnostic>> {
    scenario::parse(text).map(|(s, _)| s)
}

/// Write a scenario as scenario-format JSON.
pub fn scenario_to_json(s: &Scenario) -> String {
    scenario::to_json(s)
}
