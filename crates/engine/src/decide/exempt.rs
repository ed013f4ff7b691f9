//! Who and what the organization's guardrails do not touch (SPEC §12.3): the callers SCPs skip
//! and the requests RCPs skip, each with the words the trace shows.

use super::set::PolicySet;
use super::special::{special_resource, KMS_KEY_POLICY, ROLE_TRUST_POLICY};
use crate::evaluate::Request;
use crate::policy::catalog::rcp_services;
use crate::request::caller::{Caller, CallerKind};

/// Why SCPs skip a request by a service principal, an identity provider or an anonymous caller.
pub(crate) const SCP_NOT_PRINCIPAL: &str =
    "SCPs apply only to principals of the organization's accounts";

/// Whether the caller is a session of a service-linked role: a role whose name starts with
/// `AWSServiceRoleFor` (path `/aws-service-role/`) [IAM using-service-linked-roles].
pub(crate) fn is_service_linked_role(caller: &Caller) -> bool {
    match &caller.kind {
        CallerKind::RoleSession { role, .. } => {
            role.starts_with("AWSServiceRoleFor")
                || caller
                    .arn
                    .as_deref()
                    .is_some_and(|a| a.contains(":role/aws-service-role/"))
        }
        _ => false,
    }
}

/// Whether a role ARN names a service-linked role.
fn is_service_linked_role_arn(arn: &str) -> bool {
    arn.contains(":role/aws-service-role/")
        || arn
            .rsplit('/')
            .next()
            .is_some_and(|name| name.starts_with("AWSServiceRoleFor") && arn.contains(":role/"))
}

/// Why SCPs do not apply to this caller, if they do not: [UG EVAL] "The SCP maximum applies to
/// principals in member accounts"; [ORG orgs_manage_policies_scps] "You can't use SCPs to
/// restrict … Any action performed by the management account … Any action performed using
/// permissions that are attached to a service-linked role".
pub(crate) fn scp_exemption(
    set: &PolicySet,
    caller: &Caller,
    principal: bool,
) -> Option<&'static str> {
    if !principal {
        return Some(SCP_NOT_PRINCIPAL);
    }
    if caller.account.is_some() && caller.account == set.management_account {
        return Some("management account: SCPs do not affect users or roles in the organization's management account, its root user included (AWS Organizations: SCPs)");
    }
    if is_service_linked_role(caller) {
        return Some("service-linked role: SCPs do not affect any service-linked role (AWS Organizations: SCPs)");
    }
    None
}

/// Why RCPs do not apply to this request, if they do not [ORG orgs_manage_policies_rcps,
/// "Resources and entities not restricted by RCPs"; KMS resource-control-policies].
pub(crate) fn rcp_exemption(
    set: &PolicySet,
    req: &Request<'_>,
    resource_account: Option<&str>,
) -> Option<&'static str> {
    if !rcp_services::applies_to(req.action) {
        return Some("RCPs apply only to services that support them, and this action's service does not (AWS Organizations: RCPs)");
    }
    if resource_account.is_some() && resource_account == set.management_account.as_deref() {
        return Some("management account: RCPs don't affect resources in the organization's management account (AWS Organizations: RCPs)");
    }
    if is_service_linked_role(req.caller) {
        return Some("service-linked role: RCPs do not apply to calls made by service-linked roles (AWS Organizations: RCPs)");
    }
    let special = special_resource(req.action, req.resource);
    if special == Some(ROLE_TRUST_POLICY) && is_service_linked_role_arn(req.resource) {
        return Some("service-linked role: a service-linked role's trust policy is not affected by RCPs (AWS Organizations: RCPs)");
    }
    if special == Some(KMS_KEY_POLICY) && set.aws_managed_keys {
        return Some("AWS managed key: RCPs do not apply to AWS managed KMS keys (AWS KMS: resource control policies)");
    }
    if req.action.eq_ignore_ascii_case("kms:RetireGrant") {
        return Some("kms:RetireGrant: RCPs do not impact the kms:RetireGrant permission (AWS Organizations: RCPs)");
    }
    None
}
