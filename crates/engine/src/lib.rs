//! `iam-engine`: AWS IAM policy parsing, validation and evaluation with span-linked traces.
//!
//! The stages, in the order data flows through them (a stage imports only stages of a lower
//! rank; `tests/layers.rs` checks it, and ARCHITECTURE.md explains it):
//!
//! ① [`text`]: byte spans, strict JSON that keeps every position, diagnostics.
//! ② [`policy`] and [`request`]: the policy language and the service catalog; who asks for what.
//! ③ [`trace`] and [`scenario`]: the explanation as data; scenario files read with positions.
//! ④ [`evaluate`]: one policy against one request, statement by statement.
//! ⑤ [`decide`]: every policy type combined the way AWS documents it.
//! ⑥ [`simulate`](mod@simulate): scenarios turned into requests and results.
//! ⑦ [`analysis`] and [`lint`]: sweeps, comparisons and wildcard requests; validation.
//! — [`password`] stands apart: the account password policy.
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

// ① text
pub mod text;
// ② the policy language; the request
pub mod policy;
pub mod request;
// ③ the trace; scenarios
pub mod scenario;
pub mod trace;
// ④ one policy against one request
pub mod evaluate;
// ⑤ the decision across policy types
pub mod decide;
// ⑥ simulation
pub mod simulate;
// ⑦ analysis; validation
pub mod analysis;
pub mod lint;
// apart
pub mod password;

// The entry points.
pub use policy::{validate_policy, PolicyKind};
pub use request::context::{ContextEntry, ContextKeyType};
pub use scenario::{Input, PolicyInput, Scenario};
pub use simulate::{
    simulate, simulate_world, validate, Compiled, EvaluationResult, MatchedStatement, Options,
    Outcome, Position, RequestContext,
};
/// The string type of policy words in the typed policy (inline up to 23 bytes).
pub use smol_str::SmolStr;
pub use text::diag::{locate_in_file, Diagnostic, Severity};
pub use text::span::{line_col, span_in_file, Span};
pub use trace::{EvalDecision, Trace};

// Modules by the paths they had before the stages got folders, which the CLI, the worker, the
// app and fuzz/ use (`iam_engine::catalog::Catalog`, `iam_engine::world::WorldScenario`, …).
// Code inside the engine names the stage's own path instead (tests/layers.rs checks).
pub use analysis::{closest, compare, expand, flip, sweep};
pub use evaluate::{matching, statements as eval};
pub use policy::catalog::{self, rcp_services};
pub use policy::{operator, pattern, values};
pub use request::{caller, context};
pub use scenario::world;
pub use simulate::chain;
pub use text::{diag, json, span};

/// Read a scenario (shared/scenario-format.md). Warnings about the scenario file itself are
/// dropped here; use [`scenario::parse`] to keep them.
pub fn parse_scenario(text: &str) -> Result<Scenario, Vec<Diagnostic>> {
    scenario::parse(text).map(|(s, _)| s)
}

/// Write a scenario as scenario-format JSON.
pub fn scenario_to_json(s: &Scenario) -> String {
    scenario::to_json(s)
}
