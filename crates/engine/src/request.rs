//! ② The request: who asks, on what, with which context.
//!
//! - `arn`: ARNs taken apart into their six components, and account IDs.
//! - [`caller`]: the principal making the request, read from its ARN.
//! - [`context`]: the request context: condition keys and their values.

pub(crate) mod arn;
pub mod caller;
pub mod context;
