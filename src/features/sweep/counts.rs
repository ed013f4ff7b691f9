//! The sweep's results in sentences: the counts, and what was tried on the resources the
//! policies name.

use iam_worker::protocol::SweepReply;

/// What the sweep said about the resources the policies name (or, for a World, its own).
pub fn named_text(r: &SweepReply, named: bool, world: bool) -> String {
    if world {
        let who = "Each action was decided for the principal the request's chain ends with";
        return if named {
            format!(
                "{who}, on the request's resources and on each of the World's resources, roles and users with the actions of its service: {}.",
                r.named_resources
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else {
            format!("{who}, on the request's resources; choose \"the World's\" to also try the World's resources, roles and users.")
        };
    }
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
