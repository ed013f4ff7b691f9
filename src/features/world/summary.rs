//! The world in brief: the organization tree, each account with its users, groups, roles (and
//! whom they trust) and resources, with tags. User text is only ever shown as text.

use iam_engine::world::{OrgNode, Tags, WorldScenario};
use leptos::prelude::*;

use crate::features::world::identities::{account_of, short_name, trusted_principals};

/// Tags as `key=value` items (nothing when there are none).
pub fn tag_list(tags: &Tags) -> impl IntoView {
    let items = tags
        .iter()
        .map(|(k, v)| view! { <li><code>{format!("{k}={v}")}</code></li> })
        .collect_view();
    (!tags.is_empty()).then(|| view! { <ul class="tags" aria-label="Tags">{items}</ul> })
}

/// Every account mentioned by the world, in order of appearance (organization first).
fn accounts(ws: &WorldScenario) -> Vec<String> {
    fn walk(n: &OrgNode, out: &mut Vec<String>) {
        out.extend(n.accounts.iter().map(|a| a.id.clone()));
        for c in &n.children {
            walk(c, out);
        }
    }
    let w = &ws.world;
    let mut out = Vec::new();
    if let Some(org) = &w.organization {
        out.extend(org.management_account.iter().cloned());
        walk(&org.root, &mut out);
    }
    let arns = w
        .users
        .iter()
        .map(|u| u.arn.as_str())
        .chain(w.groups.iter().map(|g| g.arn.as_str()))
        .chain(w.roles.iter().map(|r| r.arn.as_str()));
    out.extend(arns.filter_map(account_of).map(str::to_string));
    out.extend(w.resources.iter().filter_map(|r| {
        r.account
            .clone()
            .or_else(|| account_of(&r.arn).map(str::to_string))
    }));
    let mut seen = Vec::new();
    out.retain(|a| {
        let new = !seen.contains(a);
        seen.push(a.clone());
        new
    });
    out
}

/// Users, groups, roles and resources of one account.
fn account_contents(ws: &WorldScenario, account: &str) -> impl IntoView {
    let w = &ws.world;
    let in_account = |arn: &str| account_of(arn) == Some(account);
    let users = w
        .users
        .iter()
        .filter(|u| in_account(&u.arn))
        .map(|u| {
            let groups = u
                .groups
                .iter()
                .map(|g| short_name(g).to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let groups = (!groups.is_empty()).then(|| {
                view! { <span class="muted">" in groups "</span><span class="groups">{groups}</span> }
            });
            let mfa = (!u.mfa_devices.is_empty())
                .then(|| view! { <span class="muted">" · MFA device"</span> });
            view! {
                <li class="world-user">
                    <span class="kind">"user "</span>
                    <code title=u.arn.clone()>{short_name(&u.arn).to_string()}</code>
                    {groups}
                    {mfa}
                    {tag_list(&u.tags)}
                </li>
            }
        })
        .collect_view();
    let groups = w
        .groups
        .iter()
        .filter(|g| in_account(&g.arn))
        .map(|g| {
            let n = g.policies.len();
            view! {
                <li class="world-group">
                    <span class="kind">"group "</span>
                    <code title=g.arn.clone()>{short_name(&g.arn).to_string()}</code>
                    <span class="muted">{format!(" · {n} polic{}", if n == 1 { "y" } else { "ies" })}</span>
                </li>
            }
        })
        .collect_view();
    let roles = w
        .roles
        .iter()
        .filter(|r| in_account(&r.arn))
        .map(|r| {
            let trusts = r
                .trust_policy
                .as_ref()
                .map(|t| trusted_principals(&t.text))
                .unwrap_or_default();
            let trusts = if trusts.is_empty() {
                view! { <span class="muted">" · trusts no one"</span> }.into_any()
            } else {
                let items = trusts
                    .into_iter()
                    .map(|t| view! { <li><code>{t}</code></li> })
                    .collect_view();
                view! { <span class="muted">" · trusts"</span><ul class="trusts">{items}</ul> }
                    .into_any()
            };
            view! {
                <li class="world-role">
                    <span class="kind">"role "</span>
                    <code title=r.arn.clone()>{short_name(&r.arn).to_string()}</code>
                    {trusts}
                    {tag_list(&r.tags)}
                </li>
            }
        })
        .collect_view();
    let resources = w
        .resources
        .iter()
        .filter(|r| r.account.as_deref().or_else(|| account_of(&r.arn)) == Some(account))
        .map(|r| {
            let policy = r
                .policy
                .is_some()
                .then(|| view! { <span class="muted">" · resource policy"</span> });
            view! {
                <li class="world-resource">
                    <span class="kind">"resource "</span>
                    <code>{r.arn.clone()}</code>
                    {policy}
                    {tag_list(&r.tags)}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="world-members">{users}{groups}{roles}{resources}</ul> }
}

fn account_node(ws: &WorldScenario, account: &str) -> impl IntoView {
    let management = ws
        .world
        .organization
        .as_ref()
        .and_then(|o| o.management_account.as_deref())
        == Some(account);
    view! {
        <li class="world-account" data-account=account.to_string()>
            <span class="kind">"account "</span>
            <code>{account.to_string()}</code>
            {management.then(|| view! { <span class="muted">" (management)"</span> })}
            {account_contents(ws, account)}
        </li>
    }
}

fn org_node(ws: &WorldScenario, n: &OrgNode) -> AnyView {
    let policies = format!(
        " · {} SCP{}, {} RCP{}",
        n.scps.len(),
        if n.scps.len() == 1 { "" } else { "s" },
        n.rcps.len(),
        if n.rcps.len() == 1 { "" } else { "s" }
    );
    let kind = if n.id.starts_with("r-") {
        "root "
    } else {
        "OU "
    };
    let accounts = n
        .accounts
        .iter()
        .map(|a| account_node(ws, &a.id))
        .collect_view();
    let children = n.children.iter().map(|c| org_node(ws, c)).collect_view();
    view! {
        <li class="world-ou">
            <span class="kind">{kind}</span>
            <code>{n.id.clone()}</code>
            <span class="muted">{policies}</span>
            <ul>{accounts}{children}</ul>
        </li>
    }
    .into_any()
}

/// The world in brief: organization, accounts outside it, resources without an account.
pub fn summary(ws: &WorldScenario) -> impl IntoView {
    let mut in_org = Vec::new();
    let org = ws.world.organization.as_ref().map(|o| {
        fn walk(n: &OrgNode, out: &mut Vec<String>) {
            out.extend(n.accounts.iter().map(|a| a.id.clone()));
            n.children.iter().for_each(|c| walk(c, out));
        }
        walk(&o.root, &mut in_org);
        let management = o
            .management_account
            .as_ref()
            .filter(|m| !in_org.contains(m))
            .map(|m| account_node(ws, m));
        if let Some(m) = &o.management_account {
            in_org.push(m.clone());
        }
        view! {
            <li class="world-org">
                <span class="kind">"organization "</span>
                <code>{o.id.clone()}</code>
                <ul>{management}{org_node(ws, &o.root)}</ul>
            </li>
        }
    });
    let outside = accounts(ws)
        .into_iter()
        .filter(|a| !in_org.contains(a))
        .map(|a| account_node(ws, &a))
        .collect_view();
    let unplaced = ws
        .world
        .resources
        .iter()
        .filter(|r| r.account.is_none() && account_of(&r.arn).is_none())
        .map(|r| {
            view! {
                <li class="world-resource">
                    <span class="kind">"resource "</span>
                    <code>{r.arn.clone()}</code>
                    <span class="muted">" · account not given"</span>
                    {tag_list(&r.tags)}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="world-summary" aria-label="World summary">
            <h3>"The world"</h3>
            <ul class="world-tree">{org}{outside}{unplaced}</ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::world::examples::WORLD_EXAMPLE;
    use iam_engine::scenario::{parse_input, Input};

    #[test]
    fn accounts_in_order() {
        let Ok((Input::World(ws), _)) = parse_input(WORLD_EXAMPLE) else {
            panic!("not a world")
        };
        assert_eq!(accounts(&ws), vec!["999999999999", "111111111111"]);
    }
}
