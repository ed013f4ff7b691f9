//! Resources: ARN components (partition, service, account) and entries listed twice.

use super::ctx::{covers, quote, Ctx, MAX_PAIRWISE};
use super::finding::FindingKind;
use super::view::{Item, PolicyView};
use crate::request::arn::is_account_id;

/// The AWS partitions [UG reference-arns] (aws, China, GovCloud, the ISO partitions and the
/// European Sovereign Cloud).
const PARTITIONS: &[&str] = &[
    "aws",
    "aws-cn",
    "aws-us-gov",
    "aws-iso",
    "aws-iso-b",
    "aws-iso-e",
    "aws-iso-f",
    "aws-eusc",
];

pub(super) fn check(ctx: &mut Ctx<'_>, policy: &PolicyView) {
    for s in &policy.statements {
        let Some(list) = &s.resource else { continue };
        for item in &list.items {
            arn(ctx, item);
        }
        redundant(ctx, &list.items);
    }
}

fn literal(component: &str) -> bool {
    !component.is_empty() && !component.contains(['*', '?']) && !component.contains("${")
}

fn arn(ctx: &mut Ctx<'_>, item: &Item) {
    let t = item.text.as_str();
    if !t.starts_with("arn:") {
        return; // `*`, or not an ARN: the lowering reports it
    }
    let parts = split_arn(t);
    let part = |i: usize| parts.get(i).copied().unwrap_or_default();
    // ACCA "Error – Invalid partition".
    let partition = part(1);
    if literal(partition) && !PARTITIONS.contains(&partition) {
        ctx.report(
            FindingKind::Error,
            "invalid-partition",
            item.range,
            format!("`{partition}` in {} is not an AWS partition", quote(t)),
            "use `aws`, or `aws-cn`, `aws-us-gov`, … for the other partitions",
        );
    }
    let service = part(2);
    if literal(service) {
        if service.bytes().any(|b| b.is_ascii_uppercase()) {
            // ACCA "Error – Invalid ARN service case": ARNs match case-sensitively and
            // service names are lowercase.
            ctx.report(
                FindingKind::Error,
                "arn-service-case",
                item.range,
                format!("the service `{service}` in {} must be lowercase", quote(t)),
                format!("write `{}`", service.to_ascii_lowercase()),
            );
        } else if let Some(catalog) = ctx.catalog {
            // ACCA "Error – Invalid service": no resource type of any service has this
            // service in its ARN (a warning here: the catalog lists resource types, and a few
            // ARNs of AWS are not resource types of a policy).
            if !catalog.is_arn_service(service) {
                let help = match catalog.suggest_arn_service(service) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "check the ARN format in the Service Authorization Reference".into(),
                };
                ctx.report(
                    FindingKind::Warning,
                    "unknown-arn-service",
                    item.range,
                    format!("no AWS resource ARN has the service `{service}`"),
                    help,
                );
            }
        }
    }
    // ACCA "Error – Invalid ARN account": a 12-digit account ID (or `aws` for AWS-owned
    // resources such as managed policies).
    let account = part(4);
    if parts.len() == 6 && literal(account) && account != "aws" && !is_account_id(account) {
        ctx.report(
            FindingKind::Error,
            "invalid-arn-account",
            item.range,
            format!(
                "the account `{account}` in {} is not a 12-digit account ID",
                quote(t)
            ),
            "use the 12-digit account ID, `*`, or leave it empty where the service has no account",
        );
    }
}

/// The six components of an ARN; a `:` inside `${…}` does not split.
fn split_arn(t: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let bytes = t.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'{' if i > 0 && bytes.get(i - 1) == Some(&b'$') => depth += 1,
            b'}' if depth > 0 => depth -= 1,
            b':' if depth == 0 && parts.len() < 5 => {
                parts.push(t.get(start..i).unwrap_or_default());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(t.get(start..).unwrap_or_default());
    parts
}

/// ACCA "Suggestion – Redundant resource": an entry covered by another one of the same list.
fn redundant(ctx: &mut Ctx<'_>, items: &[Item]) {
    if items.len() > MAX_PAIRWISE {
        return;
    }
    for (j, a) in items.iter().enumerate() {
        if a.text.contains("${") {
            continue;
        }
        let covering = items.iter().enumerate().find(|&(i, b)| {
            i != j
                && !b.text.contains("${")
                && covers(&b.text, &a.text, false)
                && (!covers(&a.text, &b.text, false) || i < j)
        });
        if let Some((_, b)) = covering {
            let message = if a.text == b.text {
                format!("{} is listed twice", quote(&a.text))
            } else {
                format!(
                    "{} is already covered by {}",
                    quote(&a.text),
                    quote(&b.text)
                )
            };
            ctx.report(
                FindingKind::Suggestion,
                "redundant-resource",
                a.range,
                message,
                "remove the redundant entry",
            );
        }
    }
}
