//! Size quotas and allowed characters.

use super::ctx::Ctx;
use super::finding::{FindingKind, PolicyType};
use super::view::PolicyView;
use crate::text::span::ByteRange;

pub(super) fn check(ctx: &mut Ctx<'_>, policy: &PolicyView) {
    quota(ctx, policy);
    characters(ctx);
}

/// [UG reference_iam-quotas]: managed policies 6,144 characters, role trust policies 2,048
/// (adjustable up to 4,096), IAM counting characters without white space
/// [UG reference_policies_grammar#policies-grammar-notes]; session policies 2,048 characters of
/// plaintext [UG access_policies#policies_session]; SCPs and RCPs 5,120 characters, where "all
/// characters … count" [ORG orgs_reference_limits]; VPC endpoint policies 20,480 characters,
/// "including white space" [VPC vpc-endpoints-access]. Resource-based policies have per-service
/// quotas and are not checked.
fn quota(ctx: &mut Ctx<'_>, policy: &PolicyView) {
    let non_white = ctx
        .text
        .chars()
        .filter(|c| !matches!(c, ' ' | '\t' | '\n' | '\r'))
        .count();
    let all = ctx.text.chars().count();
    let (count, limit, what) = match ctx.policy_type {
        PolicyType::Identity | PolicyType::Boundary => (
            non_white,
            6_144,
            "characters (white space excluded) for a managed policy",
        ),
        PolicyType::Trust => (
            non_white,
            4_096,
            "characters (white space excluded), the highest trust policy quota",
        ),
        PolicyType::Session => (all, 2_048, "characters for a session policy"),
        PolicyType::ServiceControl | PolicyType::ResourceControl => (
            all,
            5_120,
            "characters, white space included, for an Organizations policy",
        ),
        PolicyType::VpcEndpoint => (
            all,
            20_480,
            "characters, white space included, for a VPC endpoint policy",
        ),
        PolicyType::Resource => return,
    };
    if count > limit {
        ctx.report(
            FindingKind::Error,
            "policy-too-large",
            policy.head,
            format!("the policy has {count} characters; AWS allows {limit} {what}"),
            "split the policy, or shorten it (wildcards, fewer statements)",
        );
    } else if ctx.policy_type == PolicyType::Trust && count > 2_048 {
        ctx.report(
            FindingKind::Warning,
            "policy-over-default-quota",
            policy.head,
            format!("the trust policy has {count} characters (white space excluded); the default quota is 2,048"),
            "request a quota increase (up to 4,096) or shorten the policy",
        );
    } else if ctx.policy_type == PolicyType::Identity && count > 2_048 {
        ctx.report(
            FindingKind::Suggestion,
            "policy-over-inline-quota",
            policy.head,
            format!("the policy has {count} characters (white space excluded): too large to be an inline policy of a user (2,048 in total)"),
            "attach it as a managed policy, or to a group (5,120) or a role (10,240) inline",
        );
    }
}

/// IAM accepts policy documents made of TAB, LF, CR and U+0020–U+00FF only [IAM API
/// CreatePolicy, `PolicyDocument` pattern] (SPEC-evaluation §9).
fn characters(ctx: &mut Ctx<'_>) {
    if matches!(
        ctx.policy_type,
        PolicyType::Resource
            | PolicyType::ServiceControl
            | PolicyType::ResourceControl
            | PolicyType::VpcEndpoint
    ) {
        return;
    }
    let bad = |c: char| !matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{ff}');
    let count = ctx.text.chars().filter(|&c| bad(c)).count();
    if let Some((i, c)) = ctx.text.char_indices().find(|&(_, c)| bad(c)) {
        let more = if count > 1 {
            format!(" ({count} such characters in the policy)")
        } else {
            String::new()
        };
        ctx.report(
            FindingKind::Error,
            "invalid-character",
            ByteRange::new(i, i + c.len_utf8()),
            format!(
                "character U+{:04X} is not allowed in an IAM policy{more}",
                c as u32
            ),
            "IAM accepts only TAB, LF, CR and U+0020–U+00FF: replace the character",
        );
    }
}
