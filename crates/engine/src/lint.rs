//! ⑦ Validation: policies checked at the level of IAM Access Analyzer's policy checks, offline.
//!
//! [`lint_policy`] checks one policy document of a given type and returns every finding: the
//! grammar errors of the typed lowering (`policy/lower.rs`), then checks against the AWS
//! service catalog ([`crate::policy::catalog`]) and best-practice and policy-type rules. Each
//! [`Finding`] has a kind (error, security warning, warning, suggestion), a stable kebab-case
//! code, a lowercase message, a help line and the span it is about. [`lint_scenario`] does the
//! same for every policy of a scenario file and adds checks across policies, with positions in
//! the file.
//!
//! One finding never hides another: the rules read a lenient view of the JSON tree
//! (`view.rs`), so a statement with a bad `Effect` is still checked for unknown actions.
//!
//! Each rule cites the AWS documentation it follows in a comment next to its code; `ACCA` is the
//! IAM User Guide page *IAM policy validation check reference*
//! (`access-analyzer-reference-policy-checks`), whose findings these rules mirror.
//!
//! - `finding`: what validation reports: findings, their kinds, the policy types.
//! - `view`: a lenient view of a policy's JSON tree that never reports.
//! - `ctx`: what every rule family shares: where findings go, pattern coverage, helpers.
//! - `grammar`: the lowering's problems as findings, plus grammar-level checks.
//! - `actions`: unknown services and actions, patterns that match nothing, repeats.
//! - `resources`: ARN components (partition, service, account) and repeats.
//! - `conditions`: keys, operators and values of `Condition` blocks.
//! - `security`: statements that grant more than intended.
//! - `statements`: duplicate `Sid`s and statements another already covers.
//! - `org`: SCP and RCP rules.
//! - `trust`: role trust policies.
//! - `size`: size quotas and allowed characters.
//! - `document`: one policy document: the grammar, then every rule family ([`lint_policy`]).
//! - `scenario`: a whole scenario file, with checks across its policies ([`lint_scenario`]).

mod actions;
mod conditions;
mod ctx;
mod document;
mod finding;
mod grammar;
mod org;
mod resources;
mod scenario;
mod security;
mod size;
mod statements;
mod trust;
mod view;

pub use document::lint_policy;
pub use finding::{Finding, FindingKind, PolicyType};
pub use scenario::{
    lint_scenario, lint_scenario_managed, lint_text, lint_text_managed, looks_like_scenario,
    scp_level_finding, scp_levels_allowing_nothing, Linted, NotJson,
};
