//! Special resources (SPEC §6.5): role trust policies and KMS key policies, which must allow the
//! caller explicitly [UG EVAL] ("IAM role trust policies and KMS key policies are exceptions").

use crate::evaluate::matching::action_matches;
use crate::request::arn::arn_components;

/// A role's trust policy, for the role-trust actions on the role.
pub const ROLE_TRUST_POLICY: &str = "roleTrustPolicy";

/// A KMS key's key policy.
pub const KMS_KEY_POLICY: &str = "kmsKeyPolicy";

/// What a special resource is: [`ROLE_TRUST_POLICY`] for `sts:AssumeRole*`, `sts:TagSession`
/// and `sts:SetSourceIdentity` on a role, [`KMS_KEY_POLICY`] for a KMS key.
pub fn special_resource(action: &str, resource: &str) -> Option<&'static str> {
    match arn_components(resource) {
        [Some(_), Some(_), Some("iam"), Some(_), Some(_), Some(r)]
            if r.starts_with("role/")
                && ["sts:AssumeRole*", "sts:TagSession", "sts:SetSourceIdentity"]
                    .iter()
                    .any(|p| action_matches(p, action)) =>
        {
            Some(ROLE_TRUST_POLICY)
        }
        [Some(_), Some(_), Some("kms"), Some(_), Some(_), Some(r)] if r.starts_with("key/") => {
            Some(KMS_KEY_POLICY)
        }
        _ => None,
    }
}
