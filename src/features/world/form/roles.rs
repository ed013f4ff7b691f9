//! Roles and resources in the World form.

use leptos::prelude::*;

use super::parts::{card, policy_list};
use crate::features::world::editor::WorldEditor;
use crate::features::world::fields::{edit, single_policy};
use crate::features::world::fields::{TagsEditor, TextField};
use crate::model::world::edit::Path;
use crate::model::world::entities::{Entity, WorldEdit};
use crate::model::world::form::{paths, ResourceForm, RoleForm};

fn text(w: WorldEditor, path: Path) -> Callback<String> {
    Callback::new(move |v: String| edit(w, WorldEdit::Text(path.clone(), v)))
}

fn tags(w: WorldEditor, path: Path) -> Callback<Vec<(String, String)>> {
    Callback::new(move |t| edit(w, WorldEdit::Tags(path.clone(), t)))
}

/// One role.
pub fn role(w: WorldEditor, i: usize, r: &RoleForm) -> impl IntoView {
    let p = paths::role(i);
    let body = view! {
        <TextField label="ARN" value=r.arn.clone() on_commit=text(w, p.key("Arn")) field="arn"/>
        <TagsEditor label="Tags" tags=r.tags.clone() on_commit=tags(w, p.key("Tags")) field="tags"/>
        {single_policy(w, "Trust policy", p.key("TrustPolicy"), r.trust.as_ref())}
        {policy_list(w, "Policy", p.key("Policies"), &r.policies)}
        {single_policy(w, "Permissions boundary", p.key("PermissionsBoundary"), r.boundary.as_ref())}
        <TextField label="Longest session (seconds)" value=r.max_session.clone().unwrap_or_default()
            on_commit=text(w, p.key("MaxSessionDuration")) placeholder="3600" field="max-session"/>
    }
    .into_any();
    card(w, Entity::Role, i, &r.arn, &r.tags, body)
}

/// One resource.
pub fn resource(w: WorldEditor, i: usize, r: &ResourceForm) -> impl IntoView {
    let p = paths::resource(i);
    let body = view! {
        <TextField label="ARN" value=r.arn.clone() on_commit=text(w, p.key("Arn")) field="arn"/>
        <TextField label="Account" value=r.account.clone().unwrap_or_default()
            on_commit=text(w, p.key("Account")) placeholder="111122223333" field="account"/>
        <TagsEditor label="Tags" tags=r.tags.clone() on_commit=tags(w, p.key("Tags")) field="tags"/>
        {single_policy(w, "Resource-based policy", p.key("Policy"), r.policy.as_ref())}
        {key_manager(w, p.key("KeyManager"), r)}
    }
    .into_any();
    card(w, Entity::Resource, i, &r.arn, &r.tags, body)
}

/// Who manages a KMS key (`KeyManager`): shown for keys (or when the World gives it), since
/// RCPs do not apply to AWS managed keys (SPEC §12.3).
fn key_manager(w: WorldEditor, path: Path, r: &ResourceForm) -> Option<impl IntoView> {
    let is_key = r.arn.split(':').nth(2) == Some("kms");
    if !is_key && r.key_manager.is_empty() {
        return None;
    }
    let current = r.key_manager.clone();
    let options = [
        ("", "not given (customer managed)"),
        ("CUSTOMER", "customer managed key"),
        ("AWS", "AWS managed key (RCPs skip it)"),
    ]
    .into_iter()
    .map(|(v, l)| view! { <option value=v selected=v == current>{l}</option> })
    .collect_view();
    Some(view! {
        <label class="world-field" data-field="key-manager">
            <span class="label">"Key manager"</span>
            <select on:change=move |ev| edit(w, WorldEdit::Text(path.clone(), event_target_value(&ev)))>
                {options}
            </select>
        </label>
    })
}
