//! The documented steps of AWS's evaluation logic, one function each. A step either decides
//! (`Some`) or lets the next one look (`None`); it records its own rule, its outcome in words
//! and the statements that decided.
//!
//! - `explicit_deny`: step 1, an applicable `Deny` in any policy.
//! - `org_gate`: steps 2–3, the RCP and SCP guardrails, level by level.
//! - `root_user`: step 4, the account's root user.
//! - `resource_grant_only`: service principals and anonymous callers.
//! - `cross_account`: step 6, both accounts must allow.
//! - `same_account`: step 5, the resource policy's grant by principal category, special
//!   resources, then the identity-based side.

mod cross_account;
mod explicit_deny;
mod org_gate;
mod resource_grant_only;
mod root_user;
mod same_account;

pub(crate) use cross_account::cross_account;
pub(crate) use explicit_deny::explicit_deny;
pub(crate) use org_gate::{rcp_gate, scp_gate};
pub(crate) use resource_grant_only::resource_grant_only;
pub(crate) use root_user::root_user;
pub(crate) use same_account::{
    identity_grant, resource_grant_direct, resource_grant_role, special_resource,
    trust_policy_user_boundary,
};
