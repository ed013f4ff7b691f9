//! ④ Evaluation of one policy against one request: which statements apply, and why.
//!
//! - [`matching`]: `Action`, `Resource` and `Principal` entries matched against the request.
//! - `condition`: one condition (operator, key, values) against the request context.
//! - [`statements`]: every statement of one policy, as a [`crate::trace::PolicyTrace`]; the
//!   decision-only form keeps only the statements that apply.

pub(crate) mod condition;
pub mod matching;
pub mod statements;

pub(crate) use statements::applicable_statements;
pub use statements::{evaluate_policy, quick_policy, ActionIndex, LoadedPolicy, Request};
