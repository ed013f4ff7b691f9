//! The context keys that follow from the world for a request: principal and resource tags, the
//! user, MFA, token issue time, source identity, federation and organization facts.

use std::borrow::Cow;

use super::org::org_paths;
use super::session::{show_time, Session};
use crate::request::context::{Entry, ValueOrigin};
use crate::scenario::world::{Tags, World};

pub(crate) fn entry(name: &str, values: Vec<String>, from: &str) -> Entry {
    Entry {
        name: Cow::Owned(name.to_string()),
        values: values.into(),
        key_type: None,
        origin: ValueOrigin::Derived,
        from: Some(Cow::Owned(from.to_string())),
    }
}

/// `aws:ResourceTag/k` for a resource's tags, and `iam:ResourceTag/k` too when the resource is
/// an IAM user or role [UG access_iam-tags].
pub(crate) fn resource_tag_entries(tags: &Tags, iam_resource: bool) -> Vec<Entry> {
    let mut out = Vec::new();
    for (k, v) in tags {
        out.push(entry(
            &format!("aws:ResourceTag/{k}"),
            vec![v.clone()],
            "resource tags",
        ));
        if iam_resource {
            out.push(entry(
                &format!("iam:ResourceTag/{k}"),
                vec![v.clone()],
                "resource tags",
            ));
        }
    }
    out
}

/// Context keys that follow from the world for a request by `session` on `resource_tags`.
pub(crate) fn derived_context(
    world: &World,
    session: &Session,
    resource_account: Option<&str>,
    resource_tags: &Tags,
    iam_resource: bool,
) -> Vec<Entry> {
    let mut out = Vec::new();
    for (k, v) in &session.tags {
        out.push(entry(
            &format!("aws:PrincipalTag/{k}"),
            vec![v.clone()],
            "principal tags",
        ));
    }
    out.extend(resource_tag_entries(resource_tags, iam_resource));
    if let Some(u) = &session.username {
        out.push(entry("aws:username", vec![u.clone()], "the user"));
    }
    if let Some(id) = &session.userid {
        out.push(entry(
            "aws:userid",
            vec![id.clone()],
            "the principal's unique ID",
        ));
    }
    if let Some(p) = session.mfa_present {
        out.push(entry(
            "aws:MultiFactorAuthPresent",
            vec![p.to_string()],
            "authentication",
        ));
    }
    if let Some(a) = session.mfa_age {
        out.push(entry(
            "aws:MultiFactorAuthAge",
            vec![a.to_string()],
            "authentication",
        ));
    }
    if let Some(t) = session.issued_at.filter(|_| session.temporary) {
        out.push(entry(
            "aws:TokenIssueTime",
            vec![show_time(t)],
            "the STS call that issued the credentials",
        ));
    }
    if let Some(si) = &session.source_identity {
        out.push(entry(
            "aws:SourceIdentity",
            vec![si.clone()],
            "the role session",
        ));
    }
    if let Some(p) = &session.federated_provider {
        out.push(entry(
            "aws:FederatedProvider",
            vec![p.clone()],
            "the role session",
        ));
    }
    if let Some((org, path)) = session.account.as_deref().and_then(|a| org_paths(world, a)) {
        out.push(entry("aws:PrincipalOrgID", vec![org], "the organization"));
        out.push(entry(
            "aws:PrincipalOrgPaths",
            vec![path],
            "the organization",
        ));
    }
    if let Some((org, _)) = resource_account.and_then(|a| org_paths(world, a)) {
        out.push(entry("aws:ResourceOrgID", vec![org], "the organization"));
    }
    out
}
