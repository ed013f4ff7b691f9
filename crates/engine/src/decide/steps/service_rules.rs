//! Rules of the services themselves: requests that fail whatever the policies say (the root
//! user assuming a role, the STS calls temporary credentials cannot make, changes to what AWS
//! manages). They are refusals, not policy decisions.

use crate::decide::facts::Facts;
use crate::decide::layers::Layers;
use crate::decide::record::Record;
use crate::decide::words;
use crate::evaluate::matching::action_matches;
use crate::request::arn::arn_components;
use crate::request::caller::CallerKind;
use crate::trace::EvalDecision;

/// A service rule that refuses a request: its rule id, its documentation, and why.
pub(crate) struct Refusal {
    /// Stable rule id.
    pub(crate) rule: &'static str,
    /// The documentation it follows.
    pub(crate) source: &'static str,
    /// Why, in plain words.
    pub(crate) why: &'static str,
}

/// Actions that change a managed policy [UG access_policies_managed-vs-inline]: "You can't
/// change the permissions in AWS managed policies".
const CHANGE_POLICY: &[&str] = &[
    "iam:CreatePolicy",
    "iam:CreatePolicyVersion",
    "iam:DeletePolicy",
    "iam:DeletePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "iam:TagPolicy",
    "iam:UntagPolicy",
];

/// Actions that change a role (its trust, permissions, boundary, description or tags) or
/// create or delete one.
const CHANGE_ROLE: &[&str] = &[
    "iam:CreateRole",
    "iam:DeleteRole",
    "iam:UpdateRole",
    "iam:UpdateRoleDescription",
    "iam:UpdateAssumeRolePolicy",
    "iam:PutRolePolicy",
    "iam:DeleteRolePolicy",
    "iam:AttachRolePolicy",
    "iam:DetachRolePolicy",
    "iam:PutRolePermissionsBoundary",
    "iam:DeleteRolePermissionsBoundary",
    "iam:TagRole",
    "iam:UntagRole",
];

/// Actions that create, repoint or delete a KMS alias.
const CHANGE_ALIAS: &[&str] = &["kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias"];

fn listed(list: &[&str], action: &str) -> bool {
    list.iter().any(|a| a.eq_ignore_ascii_case(action))
}

/// The rule ids of the decisions the services make whatever the policies say (SPEC §12.4,
/// §12.6): `sts:GetCallerIdentity` allowed, and every refusal below. No policy or context
/// change alters such a decision.
const SERVICE_RULE_IDS: &[&str] = &[
    "get-caller-identity",
    "root-cannot-assume-role",
    "federated-user-sts",
    "federated-user-iam",
    "role-session-sts",
    "aws-managed-policy",
    "aws-reserved-role",
    "reserved-kms-alias",
];

/// Whether the trace rule id `rule` is a decision of the service itself, not of the policies.
pub(crate) fn is_service_rule(rule: &str) -> bool {
    SERVICE_RULE_IDS.contains(&rule)
}

/// Whether a decision rule names `action` itself (beyond its service prefix): such an action
/// can be decided unlike every other action its policies match alike, so a comparison tries it
/// on its own.
pub(crate) fn named_by_rules(action: &str) -> bool {
    listed(
        &[
            "sts:GetCallerIdentity",
            "sts:GetFederationToken",
            "sts:GetSessionToken",
            "kms:RetireGrant",
        ],
        action,
    ) || action_matches("sts:AssumeRole*", action)
        || listed(CHANGE_POLICY, action)
        || listed(CHANGE_ROLE, action)
        || listed(CHANGE_ALIAS, action)
}

/// The service rule that refuses this request, if one does (SPEC §12.4, §12.6).
pub(crate) fn refusal(f: &Facts<'_>) -> Option<Refusal> {
    let (prefix, _) = crate::text::scan::split_colon(f.action)?;
    // Compared without allocating: this runs for every request.
    let service = ["sts", "iam", "kms"]
        .into_iter()
        .find(|s| prefix.eq_ignore_ascii_case(s))?;
    let temp = "UG id_credentials_temp_request: comparing the AWS STS API operations";
    match (&f.caller.kind, service) {
        (CallerKind::Root, "sts") if action_matches("sts:AssumeRole*", f.action) => {
            return Some(Refusal {
                rule: "root-cannot-assume-role",
                source: "UG id_roles_use_switch-role-api; STS API reference: AssumeRole",
                why: "the root user cannot assume a role: \"You cannot assume a role when you are signed in as the AWS account root user\"; AssumeRole can be called with an IAM user's or a role session's credentials",
            })
        }
        (CallerKind::FederatedUser { .. }, "sts") => {
            return Some(Refusal {
                rule: "federated-user-sts",
                source: temp,
                why: "credentials from GetFederationToken \"cannot call AWS STS operations except GetCallerIdentity\"",
            })
        }
        (CallerKind::FederatedUser { .. }, "iam") => {
            return Some(Refusal {
                rule: "federated-user-iam",
                source: temp,
                why: "credentials from GetFederationToken \"cannot call IAM operations using the AWS CLI or AWS API\"",
            })
        }
        (CallerKind::RoleSession { .. }, "sts")
            if listed(&["sts:GetFederationToken", "sts:GetSessionToken"], f.action) =>
        {
            return Some(Refusal {
                rule: "role-session-sts",
                source: temp,
                why: "a role session \"cannot call GetFederationToken or GetSessionToken\"",
            })
        }
        _ => {}
    }
    let [_, _, Some(svc), _, Some(account), Some(resource)] = arn_components(f.resource) else {
        return None;
    };
    match svc {
        "iam" if account == "aws" && resource.starts_with("policy/") && listed(CHANGE_POLICY, f.action) => Some(Refusal {
            rule: "aws-managed-policy",
            source: "UG access_policies_managed-vs-inline: AWS managed policies",
            why: "AWS managed policies (`arn:aws:iam::aws:policy/…`) cannot be changed: \"You can't change the permissions in AWS managed policies\"; AWS maintains them",
        }),
        "iam" if resource.starts_with("role/aws-reserved/") && listed(CHANGE_ROLE, f.action) => Some(Refusal {
            rule: "aws-reserved-role",
            source: "IAM Identity Center: roles created for permission sets",
            why: "roles under the `/aws-reserved/` path are created and managed by IAM Identity Center for its permission sets, and IAM refuses to create, change or delete them; change the permission set in IAM Identity Center instead",
        }),
        "kms" if resource.starts_with("alias/aws/") && listed(CHANGE_ALIAS, f.action) => Some(Refusal {
            rule: "reserved-kms-alias",
            source: "AWS KMS: create aliases",
            why: "the `alias/aws/` prefix is reserved for AWS managed keys: \"The alias name for a customer managed key cannot begin with alias/aws/\", and AWS manages the aliases of its own keys",
        }),
        _ => None,
    }
}

/// Requests a service refuses whatever the policies say (SPEC §12.4, §12.6). Taken after the
/// explicit-deny step, so that an applicable `Deny` is still reported as one, and before every
/// step that could allow. Not a policy decision: the result is `implicitDeny` because no
/// statement denies the request and none can allow it, and the step says which rule refused.
pub(crate) fn service_rules(
    f: &Facts<'_>,
    _: &Layers,
    record: &mut Record,
) -> Option<EvalDecision> {
    let refusal = refusal(f)?;
    let mut step = record.step(refusal.rule, refusal.source);
    step.says(Some(EvalDecision::ImplicitDeny), || {
        words::service_rule(refusal.why)
    });
    Some(EvalDecision::ImplicitDeny)
}
