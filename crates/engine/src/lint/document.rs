//! One policy document checked: the grammar first, then every rule family in turn.

use super::ctx::Ctx;
use super::finding::{Finding, PolicyType};
use super::{
    actions, conditions, grammar, org, resources, security, size, statements, trust, view,
};
use crate::policy::catalog::Catalog;

/// Check one policy document; `catalog` enables the checks against AWS's list of services,
/// actions and condition keys. Findings are ordered by position.
pub fn lint_policy(text: &str, policy_type: PolicyType, catalog: Option<&Catalog>) -> Vec<Finding> {
    let mut ctx = Ctx::new(text, policy_type, catalog);
    let arena = crate::text::json::Arena::for_text(text);
    let root = grammar::check(&mut ctx, &arena);
    if let Some(root) = root {
        let policy = view::read(&root);
        grammar::check_view(&mut ctx, &policy);
        actions::check(&mut ctx, &policy);
        resources::check(&mut ctx, &policy);
        conditions::check(&mut ctx, &policy);
        security::check(&mut ctx, &policy);
        statements::check(&mut ctx, &policy);
        org::check(&mut ctx, &policy);
        trust::check(&mut ctx, &policy);
        size::check(&mut ctx, &policy);
    }
    let mut findings = ctx.findings;
    findings.sort_by_key(|f| (f.span.start, f.kind));
    findings
}
