//! The documented steps of AWS's evaluation logic, one function each. A step either decides
//! (`Some`) or lets the next one look (`None`); it records its own rule, its outcome in words
//! and the statements that decided.
//!
//! - `caller_identity`: `sts:GetCallerIdentity`, allowed whatever the policies say.
//! - `explicit_deny`: step 1, an applicable `Deny` in any policy.
//! - `service_rules`: requests a service refuses whatever the policies say.
//! - `org_gate`: steps 2–3, the RCP and SCP guardrails, level by level.
//! - `endpoint_gate`: the VPC endpoint policy the request travels through.
//! - `root_user`: step 4, the account's root user.
//! - `resource_grant_only`: service principals and anonymous callers.
//! - `cross_account`: step 6, both accounts must allow.
//! - `same_account`: step 5, the resource policy's grant by principal category, special
//!   resources, then the identity-based side.

mod caller_identity;
mod cross_account;
mod endpoint_gate;
mod explicit_deny;
mod org_gate;
mod resource_grant_only;
mod root_user;
mod same_account;
mod service_rules;

pub(crate) use caller_identity::get_caller_identity;
pub(crate) use cross_account::cross_account;
pub(crate) use endpoint_gate::endpoint_gate;
pub(crate) use explicit_deny::explicit_deny;
pub(crate) use org_gate::{rcp_gate, scp_gate};
pub(crate) use resource_grant_only::resource_grant_only;
pub(crate) use root_user::root_user;
pub(crate) use same_account::{
    identity_grant, resource_grant_direct, resource_grant_role, special_resource,
    trust_policy_user_boundary,
};
pub(crate) use service_rules::{is_service_rule, named_by_rules, service_rules};
