//! The organization's guardrails for an account: SCP and RCP levels from the root to the
//! account, and the organization facts of the context (`aws:PrincipalOrgID`, …).

use crate::scenario::read::PolicyInput;
use crate::scenario::world::{OrgNode, World};

/// The organization's management account, which SCPs and RCPs do not affect: the decision
/// skips them for it and says so (SPEC §12.3).
pub(crate) fn management_account(world: &World) -> Option<String> {
    world
        .organization
        .as_ref()
        .and_then(|o| o.management_account.clone())
}

/// The policy levels (root → OU → account) that apply to an account, with the synthetic
/// `FullAWSAccess` where a level lists no SCP (AWS requires one SCP at every level). The
/// decision adds `RCPFullAWSAccess` to every RCP level itself (SPEC §12.2). The management
/// account gets its levels too (from the root when the tree does not list it), so that the
/// decision can name the exemption that skips them.
pub(crate) fn org_levels(world: &World, account: Option<&str>, rcp: bool) -> Vec<Vec<PolicyInput>> {
    let (Some(org), Some(account)) = (&world.organization, account) else {
        return Vec::new();
    };
    fn path<'a>(node: &'a OrgNode, account: &str, out: &mut Vec<&'a OrgNode>) -> bool {
        out.push(node);
        if node.accounts.iter().any(|a| a.id == account) {
            return true;
        }
        for c in &node.children {
            if path(c, account, out) {
                return true;
            }
        }
        out.pop();
        false
    }
    let mut nodes = Vec::new();
    if !path(&org.root, account, &mut nodes) {
        if org.management_account.as_deref() != Some(account) {
            return Vec::new();
        }
        nodes = vec![&org.root];
    }
    let mut raw: Vec<(String, Vec<PolicyInput>)> = nodes
        .iter()
        .map(|n| {
            (
                n.id.clone(),
                if rcp { n.rcps.clone() } else { n.scps.clone() },
            )
        })
        .collect();
    if let Some(acct) = nodes
        .last()
        .and_then(|n| n.accounts.iter().find(|a| a.id == account))
    {
        raw.push((
            acct.id.clone(),
            if rcp {
                acct.rcps.clone()
            } else {
                acct.scps.clone()
            },
        ));
    }
    if raw.iter().all(|(_, ps)| ps.is_empty()) {
        return Vec::new();
    }
    let full =
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
    raw.into_iter()
        .map(|(id, mut ps)| {
            // A level with no SCP listed is taken to have FullAWSAccess (AWS requires one SCP
            // at every level).
            if !rcp && ps.is_empty() {
                ps.insert(0, PolicyInput::new(format!("{id}/FullAWSAccess"), full));
            }
            ps
        })
        .collect()
}

pub(crate) fn org_paths(world: &World, account: &str) -> Option<(String, String)> {
    let org = world.organization.as_ref()?;
    fn walk(node: &OrgNode, account: &str, prefix: &str) -> Option<String> {
        let here = format!("{prefix}{}/", node.id);
        if node.accounts.iter().any(|a| a.id == account) {
            return Some(here);
        }
        node.children.iter().find_map(|c| walk(c, account, &here))
    }
    let p = walk(&org.root, account, &format!("{}/", org.id))?;
    Some((org.id.clone(), p))
}
