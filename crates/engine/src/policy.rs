//! ② The policy language: a policy text becomes typed statements, and the names it uses are
//! checked against AWS's service catalog.
//!
//! - [`operator`]: condition operator names (`[ForAllValues:|ForAnyValue:]Base[IfExists]`).
//! - [`pattern`]: wildcard patterns and policy-variable templates.
//! - [`values`]: typed values (numbers, dates, booleans, IP ranges, base64) read as IAM does.
//! - [`ast`]: the typed policy, every element with its byte range (re-exported here).
//! - `lower`: the spanned JSON tree of a policy lowered to the typed policy, every problem
//!   reported.
//! - [`catalog`]: the AWS service catalog (services, actions, resource types, condition keys)
//!   and the services RCPs apply to.
//! - [`managed`]: AWS managed policies by name and ARN (their latest documents), for policies
//!   written as `arn:aws:iam::aws:policy/NAME`.

pub mod ast;
pub mod catalog;
pub(crate) mod lower;
pub mod managed;
pub mod operator;
pub mod pattern;
pub mod values;

pub use ast::{
    Condition, ConditionValue, Effect, PatternElement, PatternItem, Policy, PolicyKind,
    PrincipalElement, PrincipalEntry, PrincipalType, Spanned, Statement, Version,
};

use crate::text::diag::{Diagnostic, Sink};

/// Check one policy text of the given type (for an editor): every grammar error and warning.
pub fn validate_policy(text: &str, kind: PolicyKind, policy_id: &str) -> Vec<Diagnostic> {
    let mut sink = Sink::new(text, Some(policy_id.to_string()));
    lower::parse_policy(text, kind, &mut sink);
    sink.items
}
