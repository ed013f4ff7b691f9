//! The sweep's results in sentences: the counts, and what was tried on the resources the
//! policies name.

use iam_worker::protocol::SweepReply;

/// What the sweep said about the resources the policies name.
pub fn named_text(r: &SweepReply, named: bool) -> String {
    if !named {
        return "Each action was tried on the request's resources only; choose \"those the policies \
                name\" to also try each service's actions on the ARNs its policies give."
            .into();
    }
    if r.named_resources.is_empty() {
        return "The policies name no ARN besides the request's.".into();
    }
    format!(
        "Each service's actions were also tried on the ARNs the policies name for it (wildcards \
         as `x`, variables from the context): {}.",
        r.named_resources
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// "N allowed · N explicitly denied · N of M implicitly denied".
pub fn counts_text(c: &iam_engine::sweep::Counts) -> String {
    format!(
        "{} allowed · {} explicitly denied · {} of {} implicitly denied",
        c.allowed, c.explicit_deny, c.implicit_deny, c.total
    )
}
